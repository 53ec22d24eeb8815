from django import template
from django.urls import reverse

from courses.models import CompletionRule, CoursePage, LessonPage
from lms.enrollment import services as enrollment_services

from .. import player

register = template.Library()


def course_and_enrollment(request, page):
    """
    The lesson's course and the learner's enrollment, as the enrollment hook
    already loaded them for this request (Wagtail's previews skip the hook).
    """
    outline = getattr(request, "learning_outline", None)
    if outline is not None:
        return outline.course, outline.enrollment
    course = CoursePage.of(page)
    return course, enrollment_services.get_enrollment(request.user, course)


@register.inclusion_tag("h5p/player.html", takes_context=True)
def h5p_player(context, value):
    """The player for an H5P block of a lesson: for learners and staff, or a prompt to enroll."""
    page, request = context.get("page"), context.get("request")
    package = value["package"]
    if package is None or not isinstance(page, LessonPage) or request is None:
        return {"package": package, "playable": False}
    user = request.user
    course, enrollment = course_and_enrollment(request, page)
    if not player.may_play(user, course, enrollment):
        return {"package": package, "playable": False, "course": course}
    missing = package.incomplete_libraries()
    if missing:
        # The player would fail in the browser ("Unable to find constructor"): not started, nothing recorded.
        staff = enrollment_services.is_course_staff(user, course) or user.has_perm("h5p.change_h5ppackage")
        return {"package": package, "playable": False, "incomplete": True, "missing": missing if staff else None}
    place = [page.pk, package.pk]
    return {
        "package": package,
        "playable": True,
        "options": player.player_options(user, page, package),
        "options_id": f"h5p-options-{page.pk}-{package.pk}",
        "statement_url": reverse("h5p_statement", args=place),
        "state_url": reverse("h5p_state", args=place),
        "records": enrollment is not None and enrollment.is_current,
        "pass_threshold": value["pass_threshold"],
        "completes_lesson": page.completion_rule == CompletionRule.H5P_SCORE,
    }
