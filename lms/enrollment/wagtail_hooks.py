"""
Course pages are Wagtail pages; enrollment decides who sees an activity and
records visits, before Wagtail renders the page. Hooking in here keeps the
dependency one way: courses know nothing of enrollment.
"""

from django.template.response import TemplateResponse
from wagtail import hooks

from courses.models import ActivityPage, CoursePage

from . import services


@hooks.register("before_serve_page")
def track_learner(page, request, serve_args, serve_kwargs):
    if not isinstance(page, (CoursePage, ActivityPage)):
        return None
    course = CoursePage.of(page)
    if course is None:
        return None
    user = request.user
    enrollment = services.get_enrollment(user, course)
    can_open = services.can_view_activities(user, course, enrollment)
    if isinstance(page, ActivityPage):
        if not can_open:
            outline = services.course_outline(course, enrollment)
            context = {"page": page, "course": course, "outline": outline}
            return TemplateResponse(request, "enrollment/enroll_prompt.html", context, status=403)
        if enrollment is not None and enrollment.is_current:
            services.record_visit(enrollment, page, course)
    request.learning_outline = services.course_outline(course, enrollment, can_open)
    return None
