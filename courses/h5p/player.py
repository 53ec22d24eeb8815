"""
What learners do with an H5P activity in a lesson: open it (who may, and the
player's settings), report results (xAPI statements) and save where they are.
Results reach the course through lms.enrollment's services.
"""

import json
import time
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
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


# The largest id a database's bigint holds: a larger one in a URL is no activity (SQLite would overflow).
MAX_ID = 2**63 - 1


def activity(lesson_id, package_id):
    """The activity at these ids if the live lesson holds that package and it exists; PlayerError(404) otherwise."""
    if not (0 < lesson_id <= MAX_ID and 0 < package_id <= MAX_ID):
        raise PlayerError(_("This activity does not exist."), status=404)
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    return activity_in(lesson, package_id)


def activity_in(lesson, package_id):
    thresholds = dict(lesson.h5p_activities) if lesson else {}
    package = H5PPackage.objects.filter(pk=package_id).first() if package_id in thresholds else None
    if package is None:
        # Not in the lesson, or deleted since it was placed there.
        raise PlayerError(_("This activity does not exist."), status=404)
    return Activity(lesson, package, CoursePage.of(lesson), thresholds[package_id])


def previewed_activity(user, lesson_id, package_id):
    """
    The activity whose files `user` may open: the live lesson's, or, for the
    course's staff (who may preview its pages in the admin), the lesson's
    latest draft's, which may not be published yet or may hold a package the
    live page does not. Results are only ever recorded on live lessons (activity).
    """
    try:
        return activity(lesson_id, package_id)
    except PlayerError:
        lesson = LessonPage.objects.filter(pk=lesson_id).first() if 0 < lesson_id <= MAX_ID else None
        course = CoursePage.of(lesson) if lesson else None
        if course is None or not enrollment_services.is_course_staff(user, course):
            raise
        return activity_in(lesson.get_latest_revision_as_object(), package_id)


def current_enrollment(user, course):
    enrollment = enrollment_services.get_enrollment(user, course)
    return enrollment if enrollment is not None and enrollment.is_current else None


def may_play(user, course, enrollment):
    """
    Learners currently enrolled in the course (`enrollment` is theirs, or None)
    and the course's staff; not visitors previewing the course.
    """
    return (enrollment is not None and enrollment.is_current) or enrollment_services.is_course_staff(user, course)


def player_options(user, lesson, package):
    """
    The h5p-standalone options for this learner, with their saved state to
    resume from. With settings.H5P_CONTENT_ORIGIN, the file paths are absolute
    URLs on that origin carrying the learner's file_token.
    """
    origin = settings.H5P_CONTENT_ORIGIN
    if origin:
        token = file_token(user)
        base = origin + reverse("h5p_token_content", args=[token, lesson.pk, package.pk, "h5p.json"])
        libraries = origin + reverse("h5p_token_library", args=[token, "x"])
    else:
        base = reverse("h5p_content", args=[lesson.pk, package.pk, "h5p.json"])
        libraries = reverse("h5p_library", args=["x"])
    base = base.removesuffix("/h5p.json")
    options = {
        "id": f"{lesson.pk}-{package.pk}",
        "h5pJsonPath": base,
        "contentJsonPath": f"{base}/content",
        "librariesPath": libraries.removesuffix("/x"),
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


def current_day():
    """Whole days since the epoch (UTC): the period a file token is issued for."""
    return int(time.time() // 86400)


def file_signer(user):
    # The session hash in the salt: a password change ends the user's tokens, as it ends their sessions.
    return signing.Signer(salt=f"h5p-files:{user.get_session_auth_hash()}")


def file_token(user, day=None):
    """
    The part of the player's file URLs on the content origin that stands for
    the signed-in learner there (their session cookie does not go to that
    origin): "<user id>.<day>:<signature>". The same all day, so the browser's
    cache of library files holds; it works until the end of the next day.
    """
    return file_signer(user).sign(f"{user.pk}.{current_day() if day is None else day}")


def token_user(token):
    """The active user a file_token was issued to, if it is genuine and of today or yesterday; else None."""
    user_pk, _dot, rest = token.partition(".")
    day, _colon, _signature = rest.partition(":")
    if not (user_pk.isascii() and user_pk.isdigit() and day.isascii() and day.isdigit() and len(user_pk) < 19):
        return None
    if int(day) not in (current_day(), current_day() - 1):
        return None
    user = get_user_model().objects.filter(pk=int(user_pk), is_active=True).first()
    if user is None:
        return None
    try:
        file_signer(user).unsign(token)
    except signing.BadSignature:
        return None
    return user


def mapping(value):
    """value if it is a JSON object, else {}: a statement's parts are read without trusting their types."""
    return value if isinstance(value, dict) else {}


def verb_of(statement):
    """The last part of the statement's verb id ("answered"), or ""."""
    return str(mapping(statement.get("verb")).get("id", "")).rsplit("/", 1)[-1]


def score_of(statement):
    """The percentage a top-level scored statement reports, or None for any other statement."""
    if not isinstance(statement, dict):
        raise PlayerError(_("The result could not be read."))
    extensions = mapping(mapping(mapping(statement.get("object")).get("definition")).get("extensions"))
    score = mapping(statement.get("result")).get("score")
    if verb_of(statement) not in SCORED_VERBS or SUB_CONTENT in extensions or not isinstance(score, dict):
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
    if not percent.is_finite():
        raise PlayerError(_("The result could not be read."))
    return min(max(percent, Decimal(0)), Decimal(100)).quantize(Decimal("0.01"))


def record_statement(user, place, statement):
    """
    Record an xAPI statement from the learner's own player. Scored statements
    for the whole activity update the learner's result; the lesson's score is
    the average of its H5P activities' best scores, and a lesson that completes
    on its H5P score completes when each activity reaches its pass mark.
    Returns the activity's H5PResult, with `lesson_completed` and
    `course_completed` set for the learner's page, or None when the statement
    carries no score.
    """
    enrollment = current_enrollment(user, place.course)
    if enrollment is None:
        raise PlayerError(_("Enroll in the course to have your results recorded."), status=403)
    percent = score_of(statement)
    if percent is None:
        return None
    verb = verb_of(statement)
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
        progress = report_to_course(enrollment, place)
    result.lesson_completed = progress is not None and progress.is_complete
    result.course_completed = enrollment.completed_at is not None
    return result


def report_to_course(enrollment, place):
    """
    The lesson's score for the course: the average best score of its H5P
    activities; returns the lesson's ActivityProgress. Activities whose package was deleted since are left out: no
    learner could score in them.
    """
    lesson, course = place.lesson, place.course
    existing = set(H5PPackage.objects.filter(pk__in=[package_id for package_id, _mark in lesson.h5p_activities])
                   .values_list("pk", flat=True))
    activities = [(package_id, mark) for package_id, mark in lesson.h5p_activities if package_id in existing]
    if not activities:
        return None
    best = dict(
        H5PResult.objects.filter(enrollment=enrollment, lesson=lesson).values_list("package_id", "best_score")
    )
    lesson_score = (sum((best.get(package_id, Decimal(0)) for package_id, _mark in activities), Decimal(0))
                    / len(activities)).quantize(Decimal("0.01"))
    passed = all(best.get(package_id, Decimal(-1)) >= mark for package_id, mark in activities)
    completes = passed and lesson.completion_rule == CompletionRule.H5P_SCORE
    return enrollment_services.record_score(enrollment, lesson, course, lesson_score, passed=completes)


def save_state(user, place, state):
    """Keep the player's state (its own JSON text) so the learner resumes there."""
    if current_enrollment(user, place.course) is None:
        raise PlayerError(_("Enroll in the course to have your place kept."), status=403)
    if not isinstance(state, str) or len(state.encode()) > MAX_STATE_BYTES:
        raise PlayerError(_("The activity's state could not be saved."))
    try:
        json.loads(state)
    except (ValueError, RecursionError):
        raise PlayerError(_("The activity's state could not be saved.")) from None
    H5PUserState.objects.update_or_create(
        user=user, lesson=place.lesson, package=place.package, defaults={"state": state}
    )
