from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from courses.models import CoursePage

from . import services
from .models import Enrollment


def refused(request, error, back_url):
    return render(request, "enrollment/refused.html", {"message": error.message, "back_url": back_url}, status=error.status)


@login_required
def my_learning(request):
    enrollments = (
        Enrollment.objects.filter(user=request.user)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("course")
        .order_by("-enrolled_at")
    )
    in_progress = [e for e in enrollments if e.completed_at is None]
    completed = [e for e in enrollments if e.completed_at is not None]
    # Mandatory courses come first, the one due soonest at the top, each with the days left (negative: overdue).
    today = timezone.localdate()
    mandatory = sorted(
        (e for e in in_progress if e.source == Enrollment.Source.ASSIGNED and e.deadline), key=lambda e: e.deadline
    )
    for enrollment in mandatory:
        enrollment.days_left = (enrollment.deadline - today).days
        enrollment.days_overdue = -enrollment.days_left
    in_progress = [e for e in in_progress if e not in mandatory]
    context = {"mandatory": mandatory, "in_progress": in_progress, "completed": completed}
    return render(request, "enrollment/my_learning.html", context)


@require_POST
@login_required
def enroll(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.enroll(request.user, course)
    except services.EnrollmentError as error:
        return refused(request, error, course.url)
    messages.success(request, _("You are enrolled in “%(course)s”. Good luck!") % {"course": course.title})
    return redirect(course.url)


@require_POST
@login_required
def leave(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.leave(request.user, course)
    except services.EnrollmentError as error:
        return refused(request, error, course.url)
    messages.success(
        request, _("You have left “%(course)s”. Your progress is kept if you come back.") % {"course": course.title}
    )
    return redirect("my_learning")


@require_POST
@login_required
def mark_done(request, page_id):
    activity = get_object_or_404(Page.objects.live(), pk=page_id).specific
    try:
        services.mark_done(request.user, activity)
    except services.EnrollmentError as error:
        return refused(request, error, activity.url)
    messages.success(request, _("“%(activity)s” is marked as done.") % {"activity": activity.title})
    return redirect(activity.url)
