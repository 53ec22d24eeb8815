"""
What learners do in a course: enroll, leave, visit and complete activities.
Views, management commands and other apps (quizzes, H5P) go through these
functions so the rules live in one place. Each raises EnrollmentError with a
message fit to show the learner, and changes nothing when it does.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, ReferenceIndex

from courses.models import ActivityPage, CompletionRule, CoursePage
from courses.services import is_course_staff

from .models import ActivityProgress, Enrollment
from .signals import course_completed


class EnrollmentError(Exception):
    """A refused action; `message` is shown to the learner, `status` is the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def get_enrollment(user, course):
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=course).first()


def enrollment_and_progress(user, course):
    """
    The learner's enrollment in `course` (or None) and its progress rows by
    page id, as `record_visit` and `course_outline` take them: one query
    once the learner has opened an activity, the rows bringing their enrollment.
    """
    if not user.is_authenticated:
        return None, {}
    rows = list(ActivityProgress.objects.filter(enrollment__user=user, enrollment__course=course).select_related("enrollment"))
    if not rows:
        return get_enrollment(user, course), {}
    enrollment = rows[0].enrollment
    for row in rows:
        # One enrollment object for every row, as enrollment.activities.all() would give.
        row.enrollment = enrollment
    return enrollment, {row.page_id: row for row in rows}


def read_progress(enrollment):
    """The enrollment's progress rows by page id (none without an enrollment)."""
    return {row.page_id: row for row in enrollment.activities.all()} if enrollment else {}


def current_enrollment(user, course):
    """The learner's enrollment if they are in the course now, else an EnrollmentError."""
    enrollment = get_enrollment(user, course)
    if enrollment is None or not enrollment.is_current:
        raise EnrollmentError(_("You are not enrolled in this course."), status=403)
    return enrollment


def enroll(user, course, source=Enrollment.Source.SELF, deadline=None):
    """Put a learner in a course, or bring back one who left, with their progress intact."""
    if not course.live:
        raise EnrollmentError(_("This course is not available."), status=404)
    if source == Enrollment.Source.SELF and not course.self_enrollment:
        raise EnrollmentError(
            _("This course is not open for self-enrollment. Ask your training manager to assign it to you."),
            status=403,
        )
    try:
        with transaction.atomic():
            enrollment, created = Enrollment.objects.select_for_update().get_or_create(
                user=user, course=course, defaults={"source": source, "deadline": deadline}
            )
            if not created:
                if enrollment.is_current:
                    raise EnrollmentError(_("You are already enrolled in this course."), status=409)
                enrollment.status = (
                    Enrollment.Status.COMPLETED if enrollment.completed_at else Enrollment.Status.ACTIVE
                )
                enrollment.save(update_fields=["status"])
    except IntegrityError:
        # Two requests raced (a double click): the other one enrolled the learner.
        raise EnrollmentError(_("You are already enrolled in this course."), status=409) from None
    return enrollment


def leave(user, course):
    """Withdraw from a course. Progress is kept for when the learner comes back."""
    with transaction.atomic():
        enrollment = current_enrollment(user, course)
        enrollment.status = Enrollment.Status.WITHDRAWN
        enrollment.save(update_fields=["status"])
    return enrollment


# Re-opening the activity visited last, within this time, writes nothing: where
# the learner left off is still that activity, and the time of the visit is
# known to within these minutes.
VISIT_PRECISION = timedelta(minutes=5)


def record_visit(enrollment, activity, course, progress_by_page=None):
    """
    The learner opened an activity: remember it, and complete it if its rule
    is "on view". `progress_by_page` holds the enrollment's progress by page
    id when the caller has read it (it is kept up to date).
    """
    if progress_by_page is None:
        progress_by_page = read_progress(enrollment)
    progress = progress_by_page.get(activity.pk)
    if activity.completion_rule == CompletionRule.ON_VIEW and (progress is None or not progress.is_complete):
        # complete_activity creates the row under its lock: a first visit is one transaction, not two.
        progress = complete_activity(enrollment, activity, course)
    elif progress is None:
        progress, _created = ActivityProgress.objects.get_or_create(enrollment=enrollment, page=activity)
    elif not is_recent_last_visit(progress, progress_by_page.values()):
        progress.save(update_fields=["last_visited_at"])
    progress_by_page[activity.pk] = progress
    return progress


def is_recent_last_visit(progress, all_progress):
    """Whether `progress` is the learner's latest visit in the course, and a recent one."""
    if timezone.now() - progress.last_visited_at >= VISIT_PRECISION:
        return False
    return all(other.last_visited_at <= progress.last_visited_at for other in all_progress)


def mark_done(user, activity):
    """The learner's "mark as done" on an activity whose rule allows it."""
    if not isinstance(activity, ActivityPage) or not activity.live:
        raise EnrollmentError(_("This activity does not exist."), status=404)
    if activity.completion_rule != CompletionRule.MARK_DONE:
        raise EnrollmentError(_("This activity completes by itself; it cannot be marked as done."), status=400)
    course = CoursePage.of(activity)
    enrollment = current_enrollment(user, course)
    return complete_activity(enrollment, activity, course)


def complete_activity(enrollment, activity, course, score=None):
    """Record an activity as complete (once) and roll the course progress up."""
    with transaction.atomic():
        # The enrollment's lock serialises every completion in it: under it the
        # progress row is read and written without a lock or savepoint of its own.
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        now = timezone.now()
        progress = ActivityProgress.objects.filter(enrollment=enrollment, page=activity).first()
        if progress is None:
            progress = ActivityProgress(
                enrollment=enrollment, page=activity, status=ActivityProgress.Status.COMPLETED,
                completed_at=now, score=score, last_visited_at=now,
            )
            # A visit that records no completion takes no lock: if it created the row meanwhile, this completes it.
            ActivityProgress.objects.bulk_create(
                [progress], update_conflicts=True, unique_fields=["enrollment", "page"],
                update_fields=["status", "completed_at", "last_visited_at", *(["score"] if score is not None else [])],
            )
        else:
            if score is not None:
                progress.score = score
            if not progress.is_complete:
                progress.status = ActivityProgress.Status.COMPLETED
                progress.completed_at = now
            progress.save()
        _recount(locked, course)
    _copy_progress(locked, enrollment)
    return progress


def record_score(enrollment, activity, course, score, passed):
    """A graded activity's latest result: the score is kept, and passing completes the activity."""
    if passed:
        return complete_activity(enrollment, activity, course, score=score)
    progress, _created = ActivityProgress.objects.get_or_create(enrollment=enrollment, page=activity)
    progress.score = score
    progress.save(update_fields=["score", "last_visited_at"])
    return progress


def update_progress(enrollment, course):
    """
    Recount the share of required activities completed. The first time it
    reaches all of them the enrollment completes, and `course_completed` is
    sent once the transaction commits. `enrollment` is updated in place, so a
    page rendered after this call shows the new progress.
    """
    with transaction.atomic():
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        _recount(locked, course)
    return _copy_progress(locked, enrollment)


def _recount(locked, course):
    """update_progress's work, on an enrollment read under its lock."""
    required_ids = [page.pk for page in course.required_activities]
    done = ActivityProgress.objects.filter(
        enrollment=locked, page_id__in=required_ids, status=ActivityProgress.Status.COMPLETED
    ).count()
    locked.progress = 100 * done // len(required_ids) if required_ids else 0
    if required_ids and done == len(required_ids) and locked.completed_at is None:
        locked.completed_at = timezone.now()
        locked.status = Enrollment.Status.COMPLETED
        transaction.on_commit(lambda: course_completed.send(sender=Enrollment, enrollment=locked))
    locked.save(update_fields=["progress", "completed_at", "status"])


def _copy_progress(locked, enrollment):
    enrollment.progress, enrollment.completed_at, enrollment.status = locked.progress, locked.completed_at, locked.status
    return enrollment


def can_view_activities(user, course, enrollment):
    """Enrolled learners and the course's staff see lessons; others only if the course allows previews."""
    if course.allow_preview or (enrollment is not None and enrollment.is_current):
        return True
    return is_course_staff(user, course)


@dataclass
class OutlineEntry:
    page: object
    progress: ActivityProgress = None

    @property
    def is_activity(self):
        return isinstance(self.page, ActivityPage)

    @property
    def status(self):
        if self.progress is None:
            return "not_started"
        return self.progress.status


@dataclass
class CourseOutline:
    """A course's syllabus as one learner sees it: every section and activity with its status."""

    course: CoursePage
    enrollment: Enrollment = None
    entries: list = field(default_factory=list)
    can_open: bool = False

    @property
    def activities(self):
        return [entry for entry in self.entries if entry.is_activity]

    @property
    def is_enrolled(self):
        return self.enrollment is not None and self.enrollment.is_current

    @property
    def progress(self):
        return self.enrollment.progress if self.enrollment else 0

    @property
    def completed_count(self):
        return sum(1 for entry in self.activities if entry.status == ActivityProgress.Status.COMPLETED)

    def continue_entry(self):
        """Where the learner left off: the last activity they visited, or the next one if that is done."""
        activities = self.activities
        visited = [entry for entry in activities if entry.progress is not None]
        if not visited:
            return activities[0] if activities else None
        last = max(visited, key=lambda entry: entry.progress.last_visited_at)
        if last.status != ActivityProgress.Status.COMPLETED:
            return last
        later = activities[activities.index(last) + 1:] + activities
        return next((entry for entry in later if entry.status != ActivityProgress.Status.COMPLETED), None)

    def neighbours(self, page):
        """The activities before and after `page` in reading order, across sections."""
        activities = self.activities
        index = next((i for i, entry in enumerate(activities) if entry.page.pk == page.pk), None)
        if index is None:
            return None, None
        previous = activities[index - 1] if index > 0 else None
        following = activities[index + 1] if index + 1 < len(activities) else None
        return previous, following

    def entry_for(self, page):
        return next((entry for entry in self.entries if entry.page.pk == page.pk), None)


def course_outline(course, enrollment=None, can_open=False, progress_by_page=None):
    """The course as the learner of `enrollment` sees it; `progress_by_page` as for `record_visit`."""
    if progress_by_page is None:
        progress_by_page = read_progress(enrollment)
    entries = [OutlineEntry(page, progress_by_page.get(page.pk)) for page in course.outline]
    return CourseOutline(course=course, enrollment=enrollment, entries=entries, can_open=can_open)


def may_download(user, document):
    """
    Whether the user may download a document of the library. A document placed
    in the activities of courses that allow no preview (a block, a link in the
    text, an uploaded video) is for the learners and staff of those courses;
    one used on a page anyone may read (a previewable course's lesson, a course
    page, a help page), or used nowhere, is public. Wagtail's reference index
    says where a document is used: it follows each page's live content.
    """
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    gated_courses, public = {}, False
    for page in Page.objects.filter(pk__in=page_ids).specific():
        course = CoursePage.of(page) if isinstance(page, ActivityPage) else None
        if course is not None and not course.allow_preview:
            gated_courses[course.pk] = course
        elif page.live:
            public = True
    if public or not gated_courses:
        return True
    return any(can_view_activities(user, course, get_enrollment(user, course)) for course in gated_courses.values())
