"""
The end of a course: its last activity says the course is complete and where
the certificate is (being prepared until the background task has issued it),
and "My learning" does not tell a learner who finished courses that they have none.
"""

import pytest

from certificates.models import Certificate
from lms.enrollment import services as enrollment_services
from tests.conftest import lessons_of

COMPLETE = "Bạn đã hoàn thành khoá học"
PREPARING = "Chứng chỉ của bạn đang được chuẩn bị"


def open_all_but_the_last(learner_client, course):
    *first, last = lessons_of(course)
    for lesson in first:
        learner_client.get(lesson.url)
    return first, last


def test_the_last_lesson_says_the_course_is_complete_then_links_the_certificate(
        learner_client, learner, course, django_capture_on_commit_callbacks):
    enrollment_services.enroll(learner, course)
    open_all_but_the_last(learner_client, course)
    last = lessons_of(course)[-1]

    # Opening the last lesson completes the course; the certificate is issued once that commits.
    with django_capture_on_commit_callbacks(execute=True):
        first_view = learner_client.get(last.url).content.decode()
    certificate = Certificate.objects.get(enrollment__user=learner)
    again = learner_client.get(last.url).content.decode()

    assert COMPLETE in first_view and course.title in first_view
    assert PREPARING in first_view and 'href="/my/#certificates"' in first_view
    assert COMPLETE in again and PREPARING not in again
    assert f'href="/certificates/{certificate.display_code}.pdf"' in again
    assert f'href="/certificates/verify/{certificate.display_code}/"' in again


def test_an_earlier_lesson_and_an_unfinished_course_say_nothing_of_completion(learner_client, learner, course):
    enrollment_services.enroll(learner, course)
    first, last = open_all_but_the_last(learner_client, course)

    assert COMPLETE not in learner_client.get(first[0].url).content.decode()
    enrollment_services.complete_activity(enrollment_services.get_enrollment(learner, course), last, course)
    assert COMPLETE not in learner_client.get(first[0].url).content.decode()


def test_a_course_without_certificate_is_complete_without_a_certificate_promised(learner_client, learner, make_course):
    course = make_course(slug="khong-chung-chi", issues_certificate=False, lessons=1)
    enrollment_services.enroll(learner, course)

    page = learner_client.get(lessons_of(course)[0].url).content.decode()

    assert COMPLETE in page
    assert PREPARING not in page and "/certificates/" not in page


def test_a_score_below_the_certificate_minimum_promises_no_certificate(learner_client, learner, make_course):
    course = make_course(slug="diem-toi-thieu", certificate_min_score=80, lessons=1)
    enrollment_services.enroll(learner, course)

    page = learner_client.get(lessons_of(course)[0].url).content.decode()

    # No quiz graded: no final score, so the minimum is not met and no certificate will come.
    assert COMPLETE in page and PREPARING not in page


def test_my_learning_after_completing_every_course_says_so_and_not_that_there_is_none(
        learner_client, learner, course):
    enrollment_services.enroll(learner, course)
    for lesson in lessons_of(course):
        learner_client.get(lesson.url)

    page = learner_client.get("/my/").content.decode()

    assert "Hiện bạn chưa tham gia khoá học nào" not in page
    assert "bạn đã hoàn thành mọi khoá đã tham gia" in page
    assert 'id="certificates"' in page and "Chứng chỉ đang được chuẩn bị" in page


def test_my_learning_with_no_course_at_all_still_invites_to_browse(learner_client):
    page = learner_client.get("/my/").content.decode()
    assert "Hiện bạn chưa tham gia khoá học nào" in page
    assert 'id="certificates"' not in page
