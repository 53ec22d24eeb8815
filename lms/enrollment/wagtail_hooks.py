"""
Course pages are Wagtail pages; enrollment decides who sees an activity and
records visits, before Wagtail renders the page, and who may download the
documents placed in activities, before Wagtail serves the file. Hooking in
here keeps the dependency one way: courses know nothing of enrollment.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail import hooks

from courses.models import ActivityPage, CoursePage

from . import services


@hooks.register("before_serve_page")
def track_learner(page, request, serve_args, serve_kwargs):
    if not isinstance(page, (CoursePage, ActivityPage)):
        return None
    course = CoursePage.published_of(page)
    if course is None:
        return None
    user = request.user
    # Read once: the visit and the outline both need the learner's progress.
    enrollment, progress = services.enrollment_and_progress(user, course)
    can_open = services.can_view_activities(user, course, enrollment)
    if isinstance(page, ActivityPage):
        if not can_open:
            outline = services.course_outline(course, enrollment, progress_by_page=progress)
            context = {"page": page, "course": course, "outline": outline}
            return TemplateResponse(request, "enrollment/enroll_prompt.html", context, status=403)
        if enrollment is not None and enrollment.is_current:
            services.record_visit(enrollment, page, course, progress)
    request.learning_outline = services.course_outline(course, enrollment, can_open, progress)
    return None


@hooks.register("before_serve_document")
def keep_course_documents_in_their_course(document, request):
    if services.may_download(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # Document ids are sequential: an outsider is not told which ones exist.
    raise Http404
