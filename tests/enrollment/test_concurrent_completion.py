"""
Two lessons finished at the same moment in one course, the last two: the
course completes exactly once, whichever request commits second. Real
concurrency needs real row locks, so this runs on PostgreSQL (CI's second pass).
"""

import threading

import pytest
from django.db import connection, connections

from courses.models import CoursePage
from lms.enrollment import services
from lms.enrollment.models import ActivityProgress, Enrollment
from lms.enrollment.signals import course_completed
from tests.conftest import lessons_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections need PostgreSQL (DATABASE_URL=postgres://…)")


def test_the_last_two_lessons_completed_at_once_complete_the_course_once(learner, make_course):
    course = make_course(slug="hai-bai-cung-luc", lessons=2)
    enrollment = services.enroll(learner, course)
    lessons = lessons_of(course)
    completions = []
    course_completed.connect(lambda sender, enrollment, **kwargs: completions.append(enrollment.pk), weak=False,
                             dispatch_uid="test-concurrent-completion")
    both_ready = threading.Barrier(2)
    errors = []

    def finish(lesson):
        try:
            both_ready.wait()
            services.complete_activity(Enrollment.objects.get(pk=enrollment.pk), lesson,
                                       CoursePage.objects.get(pk=course.pk))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=finish, args=(lesson,)) for lesson in lessons]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        course_completed.disconnect(dispatch_uid="test-concurrent-completion")

    assert errors == []
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED and enrollment.progress == 100
    assert completions == [enrollment.pk]
    assert ActivityProgress.objects.filter(enrollment=enrollment, status=ActivityProgress.Status.COMPLETED).count() == 2
