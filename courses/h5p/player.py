"""
What learners do with an H5P activity in a lesson: open it (who may, and the
player's settings), report results (xAPI statements) and save where they are.
Results reach the course through lms.enrollment's services.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courses.models import CompletionRule, CoursePage, LessonPage
from lms.enrollment import services as enrollment_services

from .models import H5PPackage, H5PResult, H5PUserState

# The verbs H5P content types send with a score for the whole activity.
SCORED_VERBS = {"answered", "completed", "passed", "failed"}
# Interactive books and presentations send one statement per inner question; those carry this extension.
SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId"
MAX_STATE_BYTES = 256 * 1024
# Seconds between the player's own state snapshots, which the page then saves.
SAVE_EVERY = 10


class PlayerError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Activity:
    """An H5P package as placed in a lesson, with the course around it."""

    lesson: LessonPage
    package: H5PPackage
    course: CoursePage
    pass_threshold: int


def activity(lesson_id, package_id):
    """The activity at these ids if the live lesson holds that package; PlayerError(404) otherwise."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    thresholds = dict(lesson.h5p_activities) if lesson else {}
    if package_id not in thresholds:
        raise PlayerError(_("This activity does not exist."), status=404)
    package = H5PPackage.objects.get(pk=package_id)
    return Activity(lesson, package, CoursePage.of(lesson), thresholds[package_id])


def current_enrollment(user, course):
    enrollment = enrollment_services.get_enrollment(user, course)
    return enrollment if enrollment is not None and enrollment.is_current else None


def may_play(user, course):
    """Enrolled learners and the course's staff; not visitors previewing the course."""
    return current_enrollment(user, course) is not None or enrollment_services.is_course_staff(user, course) or (
        user.is_authenticated and user.has_perm("h5p.view_h5ppackage")
    )


def player_options(user, lesson, package):
    """The h5p-standalone options for this learner, with their saved state to resume from."""
    base = reverse("h5p_content", args=[lesson.pk, package.pk, "h5p.json"]).removesuffix("/h5p.json")
    options = {
        "id": f"{lesson.pk}-{package.pk}",
        "h5pJsonPath": base,
        "contentJsonPath": f"{base}/content",
        "librariesPath": reverse("h5p_library", args=["x"]).removesuffix("/x"),
        "frameJs": static("h5p-standalone/frame.bundle.js"),
        "frameCss": static("h5p-standalone/styles/h5p.css"),
        "frame": True,
        "fullScreen": True,
        "icon": False,
        "reportingIsEnabled": True,
        "saveFreq": SAVE_EVERY,
    }
    saved = H5PUserState.objects.filter(user=user, lesson=lesson, package=package).values_list("state", flat=True)
    if saved:
        options["contentUserData"] = [{"state": saved[0]}]
    return options


def score_of(statement):
    """The percentage a top-level scored statement reports, or None for any other statement."""
    if not isinstance(statement, dict):
        raise PlayerError(_("The result could not be read."))
    verb = str((statement.get("verb") or {}).get("id", "")).rsplit("/", 1)[-1]
    extensions = ((statement.get("object") or {}).get("definition") or {}).get("extensions") or {}
    score = (statement.get("result") or {}).get("score")
    if verb not in SCORED_VERBS or SUB_CONTENT in extensions or not isinstance(score, dict):
        return None
    try:
        if score.get("scaled") is not None:
            percent = Decimal(str(score["scaled"])) * 100
        elif score.get("max"):
            percent = Decimal(str(score.get("raw", 0))) * 100 / Decimal(str(score["max"]))
        else:
            return None
    except (ArithmeticError, ValueError, TypeError):
        raise PlayerError(_("The result could not be read.")) from None
    return min(max(percent, Decimal(0)), Decimal(100)).quantize(Decimal("0.01"))


def record_statement(user, place, statement):
    """
    Record an xAPI statement from the learner's own player. Scored statements
    for the whole activity update the learner's result; the lesson's score is
    the average of its H5P activities' best scores, and a lesson that completes
    on its H5P score completes when each activity reaches its pass mark.
    Returns the activity's H5PResult, or None when the statement carries no score.
    """
    enrollment = current_enrollment(user, place.course)
    if enrollment is None:
        raise PlayerError(_("Enroll in the course to have your results recorded."), status=403)
    percent = score_of(statement)
    if percent is None:
        return None
    verb = statement["verb"]["id"].rsplit("/", 1)[-1]
    with transaction.atomic():
        result, created = H5PResult.objects.select_for_update().get_or_create(
            enrollment=enrollment, lesson=place.lesson, package=place.package,
            defaults={"best_score": percent, "last_score": percent, "last_verb": verb, "statements": 1},
        )
        if not created:
            result.best_score = max(result.best_score, percent)
            result.last_score, result.last_verb = percent, verb
            result.statements += 1
            result.save()
        report_to_course(enrollment, place)
    return result


def report_to_course(enrollment, place):
    lesson, course = place.lesson, place.course
    activities = lesson.h5p_activities
    best = dict(
        H5PResult.objects.filter(enrollment=enrollment, lesson=lesson).values_list("package_id", "best_score")
    )
    lesson_score = (sum((best.get(package_id, Decimal(0)) for package_id, _mark in activities), Decimal(0))
                    / len(activities)).quantize(Decimal("0.01"))
    passed = all(best.get(package_id, Decimal(-1)) >= mark for package_id, mark in activities)
    completes = passed and lesson.completion_rule == CompletionRule.H5P_SCORE
    enrollment_services.record_score(enrollment, lesson, course, lesson_score, passed=completes)


def save_state(user, place, state):
    """Keep the player's state (its own JSON text) so the learner resumes there."""
    if current_enrollment(user, place.course) is None:
        raise PlayerError(_("Enroll in the course to have your place kept."), status=403)
    if not isinstance(state, str) or len(state.encode()) > MAX_STATE_BYTES:
        raise PlayerError(_("The activity's state could not be saved."))
    try:
        json.loads(state)
    except ValueError:
        raise PlayerError(_("The activity's state could not be saved.")) from None
    H5PUserState.objects.update_or_create(
        user=user, lesson=place.lesson, package=place.package, defaults={"state": state}
    )
