"""Enrollment over HTTP: POST-only actions, clear refusals, nothing changed on bad input."""

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection

from courses.models import CompletionRule
from lms.enrollment import services
from lms.enrollment.models import ActivityProgress, Enrollment
from tests.conftest import lessons_of


def test_a_get_never_enrolls(learner_client, course):
    response = learner_client.get(f"/my/courses/{course.pk}/enroll/")

    assert response.status_code == 405
    assert not Enrollment.objects.exists()


def test_enroll_then_the_course_page_shows_progress_and_where_to_start(learner_client, learner, course):
    response = learner_client.post(f"/my/courses/{course.pk}/enroll/", follow=True)

    assert response.status_code == 200
    assert Enrollment.objects.get(user=learner, course=course).status == Enrollment.Status.ACTIVE
    page = response.content.decode()
    assert "Bạn đã ghi danh" in page or "You are enrolled" in page
    assert 'role="progressbar"' in page
    assert lessons_of(course)[0].url in page


def test_enrolling_twice_shows_a_clear_message_and_changes_nothing(learner_client, learner, course):
    learner_client.post(f"/my/courses/{course.pk}/enroll/")

    response = learner_client.post(f"/my/courses/{course.pk}/enroll/")

    assert response.status_code == 409
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert "Nothing was changed" in response.content.decode() or "Không có gì thay đổi" in response.content.decode()


def test_anonymous_enroll_goes_to_login(client, course):
    response = client.post(f"/my/courses/{course.pk}/enroll/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("bad_id", [0, 999999])
def test_enrolling_in_a_course_that_does_not_exist_is_a_404(learner_client, course, bad_id):
    response = learner_client.post(f"/my/courses/{bad_id}/enroll/")
    assert response.status_code == 404
    assert not Enrollment.objects.exists()


def test_a_lesson_id_is_not_a_course(learner_client, course):
    response = learner_client.post(f"/my/courses/{lessons_of(course)[0].pk}/enroll/")
    assert response.status_code == 404


def test_a_lesson_shows_an_enroll_prompt_not_its_content_until_enrolled(learner_client, course):
    lesson = lessons_of(course)[0]

    response = learner_client.get(lesson.url)

    assert response.status_code == 403
    page = response.content.decode()
    assert "nội dung bài học" not in page
    assert f'action="/my/courses/{course.pk}/enroll/"' in page
    assert not ActivityProgress.objects.exists()


def test_a_previewable_course_shows_lessons_without_recording_anything(learner_client, make_course):
    course = make_course(slug="xem-truoc", allow_preview=True)

    response = learner_client.get(lessons_of(course)[0].url)

    assert response.status_code == 200
    assert "nội dung bài học" in response.content.decode()
    assert not ActivityProgress.objects.exists()


def test_opening_a_lesson_completes_it_and_the_syllabus_shows_it(learner_client, learner, course):
    services.enroll(learner, course)
    lesson = lessons_of(course)[0]

    learner_client.get(lesson.url)
    course_page = learner_client.get(course.url).content.decode()

    assert ActivityProgress.objects.get(page=lesson).is_complete
    assert "33%" in course_page
    assert course_page.count('class="status completed"') == 1


def test_mark_as_done_button_completes_a_manual_lesson(learner_client, learner, course):
    services.enroll(learner, course)
    lesson = lessons_of(course)[1]
    lesson.completion_rule = CompletionRule.MARK_DONE
    lesson.save_revision().publish()

    page = learner_client.get(lesson.url).content.decode()
    assert f'action="/my/activities/{lesson.pk}/done/"' in page
    assert not ActivityProgress.objects.get(page=lesson).is_complete

    response = learner_client.post(f"/my/activities/{lesson.pk}/done/", follow=True)
    assert response.status_code == 200
    assert ActivityProgress.objects.get(page=lesson).is_complete


def test_marking_done_a_lesson_of_a_course_you_are_not_in_is_refused(learner_client, course):
    lesson = lessons_of(course)[0]
    lesson.completion_rule = CompletionRule.MARK_DONE
    lesson.save_revision().publish()

    response = learner_client.post(f"/my/activities/{lesson.pk}/done/")

    assert response.status_code == 403
    assert not ActivityProgress.objects.exists()


@pytest.mark.parametrize("target", ["course", "missing"])
def test_marking_done_something_that_is_not_an_activity_is_refused(learner_client, learner, course, target):
    services.enroll(learner, course)
    page_id = course.pk if target == "course" else 987654

    response = learner_client.post(f"/my/activities/{page_id}/done/")

    assert response.status_code == 404
    assert not ActivityProgress.objects.exists()


def test_leave_keeps_progress_and_removes_the_course_from_my_learning(learner_client, learner, course):
    services.enroll(learner, course)
    learner_client.get(lessons_of(course)[0].url)

    response = learner_client.post(f"/my/courses/{course.pk}/leave/", follow=True)

    assert response.status_code == 200
    assert f'href="{course.url}"' not in response.content.decode().split("<main")[1]
    enrollment = Enrollment.objects.get(user=learner)
    assert enrollment.status == Enrollment.Status.WITHDRAWN
    assert enrollment.progress == 33


def test_one_learner_cannot_touch_another_learners_enrollment(client, make_user, course):
    owner = make_user(email="chu@example.vn")
    other = make_user(email="khac@example.vn")
    services.enroll(owner, course)
    client.force_login(other)

    response = client.post(f"/my/courses/{course.pk}/leave/")

    assert response.status_code == 403
    assert Enrollment.objects.get(user=owner).status == Enrollment.Status.ACTIVE


def test_my_learning_needs_login(client):
    response = client.get("/my/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_my_learning_lists_courses_in_progress_and_completed(learner_client, learner, make_course):
    doing = make_course(slug="dang-hoc", title="Khoá đang học")
    done = make_course(slug="da-xong", title="Khoá đã xong")
    services.enroll(learner, doing)
    enrollment = services.enroll(learner, done)
    for lesson in lessons_of(done):
        services.complete_activity(enrollment, lesson, done)

    page = learner_client.get("/my/").content.decode()

    in_progress, completed = page.split('<h2>', 2)[1:]
    assert "Khoá đang học" in in_progress and "Khoá đã xong" not in in_progress
    assert "Khoá đã xong" in completed


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_course_and_lesson_pages_run_a_constant_number_of_queries(client, make_user, make_course):
    counts = {}
    for lessons in (5, 50):
        course = make_course(slug=f"khoa-{lessons}", lessons=lessons // 5, sections=5)
        learner = make_user(email=f"hv{lessons}@example.vn")
        enrollment = services.enroll(learner, course)
        lesson = lessons_of(course)[2]
        for done in lessons_of(course)[:2]:
            services.complete_activity(enrollment, done, course)
        client.force_login(learner)
        count_queries(client, lesson.url)
        counts[lessons] = (count_queries(client, course.url), count_queries(client, lesson.url))

    assert counts[5] == counts[50]


def test_the_lesson_that_completes_on_view_already_counts_in_its_own_progress_bar(learner_client, learner, course):
    services.enroll(learner, course)

    page = learner_client.get(lessons_of(course)[0].url).content.decode()

    assert 'aria-valuenow="33"' in page


def test_pages_are_vietnamese_whatever_the_browser_asks_for(client, course):
    page = client.get(course.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
