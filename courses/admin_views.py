"""
A course's approval page in the admin (`/admin/courses/<id>/approval/`): its
trainers submit the course with every changed page of it; training managers
approve or send back the whole of it. The rules live in courses.services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

import lms.ids  # noqa: F401  (registers the "id" path converter)

from . import services
from .models import CourseNotApproved, CoursePage, CourseReview

# A comment travels with every page sent back; Wagtail's own comment box holds as much.
COMMENT_LENGTH = 2000


def render_review(request, course, status=200, **context):
    review = CourseReview(course)
    is_open = review.is_open
    if "problems" not in context:
        # What would stop the approval, shown before a manager tries: trainers see it too, to fix it.
        context["problems"] = review.problems() if is_open else []
    return render(
        request,
        "courses/admin/course_review.html",
        {
            "course": course,
            "review": review,
            "is_open": is_open,
            "can_decide": is_open and review.can_decide(request.user),
            "to_submit": [] if is_open else services.pages_to_submit(course),
            **context,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def course_review(request, course_id):
    course = get_object_or_404(CoursePage, pk=course_id)
    if not services.is_course_staff(request.user, course):
        raise PermissionDenied
    if request.method == "GET":
        return render_review(request, course)

    action = request.POST.get("action")
    comment = request.POST.get("comment", "").strip()
    if len(comment) > COMMENT_LENGTH:
        return render_review(request, course, 400, error=_("The comment is too long (at most %(count)d characters).")
                             % {"count": COMMENT_LENGTH}, comment=comment)
    if action == "submit":
        try:
            pages = services.submit_course(course, request.user)
        except services.CourseNotSubmitted as error:
            return render_review(request, course, 400, error=str(error))
        messages.success(request, _("The course and %(count)d of its pages were submitted for approval.")
                         % {"count": len(pages) - 1})
    elif action == "approve":
        try:
            pages = services.approve_course(course, request.user, comment)
        except CourseNotApproved as refusal:
            return render_review(request, course, 400, problems=refusal.problems, comment=comment,
                                 error=_("Nothing was published: these pages cannot be published yet."))
        messages.success(request, _("The course and %(count)d of its pages were approved and published.")
                         % {"count": len(pages) - 1})
    elif action == "request_changes":
        pages = services.request_changes(course, request.user, comment)
        messages.success(request, _("The course and %(count)d of its pages were sent back to their trainers.")
                         % {"count": len(pages) - 1})
    else:
        return render_review(request, course, 400, error=_("Choose what to do with the course."))
    return redirect("course_review", course.pk)


urlpatterns = [path("courses/<id:course_id>/approval/", course_review, name="course_review")]
