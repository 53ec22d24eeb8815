"""The enrollment rules, through the service functions every view and command shares."""

import pytest
from django.db import transaction
from django.utils import translation

from courses.models import CompletionRule, LessonPage
from lms.enrollment import services
from lms.enrollment.models import ActivityProgress, Enrollment
from tests.conftest import lessons_of


def complete_all(enrollment, course):
    for lesson in lessons_of(course):
        services.complete_activity(enrollment, lesson, course)


def test_enroll_creates_an_active_self_enrollment(learner, course):
    enrollment = services.enroll(learner, course)

    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.source == Enrollment.Source.SELF
    assert enrollment.progress == 0


def test_enrolling_twice_is_refused_and_changes_nothing(learner, course):
    services.enroll(learner, course)

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll(learner, course)

    assert refused.value.status == 409
    with translation.override("en"):
        assert str(refused.value.message) == "You are already enrolled in this course."
    with translation.override("vi"):
        assert "đã ghi danh" in str(refused.value.message)
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


def test_closed_course_refuses_self_enrollment_but_accepts_assignment(learner, make_course):
    closed = make_course(slug="bat-buoc", self_enrollment=False)

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll(learner, closed)
    assert refused.value.status == 403
    assert not Enrollment.objects.exists()

    assigned = services.enroll(learner, closed, source=Enrollment.Source.ASSIGNED)
    assert assigned.source == Enrollment.Source.ASSIGNED


def test_leaving_and_coming_back_keeps_progress(learner, course):
    enrollment = services.enroll(learner, course)
    first = lessons_of(course)[0]
    services.complete_activity(enrollment, first, course)

    services.leave(learner, course)
    assert Enrollment.objects.get(pk=enrollment.pk).status == Enrollment.Status.WITHDRAWN

    again = services.enroll(learner, course)
    assert again.pk == enrollment.pk
    assert again.status == Enrollment.Status.ACTIVE
    assert again.progress == 33
    assert ActivityProgress.objects.get(enrollment=again, page=first).is_complete


def test_leaving_a_course_you_are_not_in_is_refused(learner, course):
    with pytest.raises(services.EnrollmentError) as refused:
        services.leave(learner, course)
    assert refused.value.status == 403


def test_progress_counts_required_activities_only(learner, make_course):
    course = make_course(lessons=4)
    lessons = lessons_of(course)
    optional = lessons[3]
    optional.is_required = False
    optional.save_revision().publish()
    enrollment = services.enroll(learner, course)

    services.complete_activity(enrollment, optional, course)
    assert Enrollment.objects.get(pk=enrollment.pk).progress == 0

    services.complete_activity(enrollment, lessons[0], course)
    assert Enrollment.objects.get(pk=enrollment.pk).progress == 33


def test_course_completes_once_when_every_required_activity_is_done(learner, course, completions, django_capture_on_commit_callbacks):
    enrollment = services.enroll(learner, course)

    with django_capture_on_commit_callbacks(execute=True):
        complete_all(enrollment, course)
    enrollment.refresh_from_db()
    completed_at = enrollment.completed_at

    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.progress == 100
    assert completed_at is not None
    assert completions == [enrollment.pk]

    with django_capture_on_commit_callbacks(execute=True):
        complete_all(enrollment, course)
    enrollment.refresh_from_db()
    assert enrollment.completed_at == completed_at
    assert completions == [enrollment.pk]


def test_course_completed_is_not_sent_when_the_transaction_rolls_back(learner, course, completions, django_capture_on_commit_callbacks):
    enrollment = services.enroll(learner, course)

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                complete_all(enrollment, course)
                raise RuntimeError("the request failed after completing")

    enrollment.refresh_from_db()
    assert enrollment.completed_at is None
    assert completions == []


def test_a_view_completes_an_on_view_lesson_and_only_records_a_mark_done_one(learner, course):
    enrollment = services.enroll(learner, course)
    viewed, manual = lessons_of(course)[:2]
    manual.completion_rule = CompletionRule.MARK_DONE
    manual.save_revision().publish()
    manual = LessonPage.objects.get(pk=manual.pk)

    services.record_visit(enrollment, viewed, course)
    services.record_visit(enrollment, manual, course)

    assert ActivityProgress.objects.get(enrollment=enrollment, page=viewed).is_complete
    assert ActivityProgress.objects.get(enrollment=enrollment, page=manual).status == ActivityProgress.Status.STARTED

    services.mark_done(learner, manual)
    assert ActivityProgress.objects.get(enrollment=enrollment, page=manual).is_complete


def test_mark_done_is_refused_for_an_on_view_lesson(learner, course):
    services.enroll(learner, course)
    with pytest.raises(services.EnrollmentError) as refused:
        services.mark_done(learner, lessons_of(course)[0])
    assert refused.value.status == 400
    assert not ActivityProgress.objects.exists()


def test_mark_done_outside_the_course_is_refused(learner, course):
    lesson = lessons_of(course)[0]
    lesson.completion_rule = CompletionRule.MARK_DONE
    lesson.save_revision().publish()

    with pytest.raises(services.EnrollmentError) as refused:
        services.mark_done(learner, LessonPage.objects.get(pk=lesson.pk))
    assert refused.value.status == 403
    assert not ActivityProgress.objects.exists()


def test_continue_points_at_the_next_unfinished_lesson(learner, make_course):
    course = make_course(lessons=2, sections=2)
    lessons = lessons_of(course)
    enrollment = services.enroll(learner, course)
    assert services.course_outline(course, enrollment).continue_entry().page.pk == lessons[0].pk

    services.complete_activity(enrollment, lessons[0], course)
    services.complete_activity(enrollment, lessons[1], course)
    outline = services.course_outline(course, enrollment)

    assert outline.continue_entry().page.pk == lessons[2].pk
    previous, following = outline.neighbours(lessons[1])
    assert (previous.page.pk, following.page.pk) == (lessons[0].pk, lessons[2].pk)
