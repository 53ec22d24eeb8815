"""
An enrolled learner's lesson page, the page most opened after the quiz: its
queries are counted, and what it saves on them (routing, the outline, the
visit, the header's admin link) must not change what anyone sees.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import CompletionRule, LessonPage
from lms.accounts.context_processors import ADMIN_LINK_KEPT_SECONDS, ADMIN_LINK_SESSION_KEY
from lms.enrollment import services
from lms.enrollment.models import ActivityProgress
from tests.conftest import lessons_of

# Site, its root page; the pages along the path, the lesson; session, user; the enrollment's progress
# (each row with its enrollment); Wagtail's view restrictions (two). The course as its own type and
# its outline come from the cache (courses.outline_cache), whether the header offers the admin from
# the session (lms.accounts.context_processors).
LESSON_QUERIES = 9


@pytest.fixture
def in_a_course(learner_client, learner, make_course):
    """An enrolled learner who has opened the first two lessons (marked done by hand) of a course in sections."""
    course = make_course(slug="chu-ky-so", lessons=3, sections=3)
    LessonPage.objects.descendant_of(course).update(completion_rule=CompletionRule.MARK_DONE)
    enrollment = services.enroll(learner, course)
    lessons = lessons_of(course)
    for lesson in lessons[:2]:
        learner_client.get(lesson.url)
    return learner_client, enrollment, lessons


def test_an_enrolled_learners_lesson_page_runs_a_few_queries(in_a_course, django_assert_max_num_queries):
    client, _enrollment, lessons = in_a_course

    with django_assert_max_num_queries(LESSON_QUERIES):
        page = client.get(lessons[1].url)

    assert page.status_code == 200
    assert lessons[1].title in page.content.decode()


def test_the_outline_still_shows_every_lesson_and_what_is_done(in_a_course):
    client, enrollment, lessons = in_a_course
    services.mark_done(enrollment.user, lessons[0])

    page = client.get(lessons[1].url).content.decode()

    for lesson in lessons:
        assert lesson.url in page
    assert page.count('<span class="status completed"') == 1 and page.count('<span class="status started"') == 1
    assert 'aria-valuenow="11"' in page


def test_opening_the_lesson_last_visited_again_soon_writes_nothing(in_a_course):
    client, enrollment, lessons = in_a_course
    progress = ActivityProgress.objects.get(enrollment=enrollment, page=lessons[1])

    client.get(lessons[1].url)

    assert ActivityProgress.objects.get(pk=progress.pk).last_visited_at == progress.last_visited_at


def test_going_back_to_an_earlier_lesson_makes_it_the_one_to_continue(in_a_course):
    client, enrollment, lessons = in_a_course

    client.get(lessons[0].url)

    assert services.course_outline(enrollment.course, enrollment).continue_entry().page.pk == lessons[0].pk


def test_a_visit_long_after_the_last_one_is_recorded(in_a_course):
    client, enrollment, lessons = in_a_course
    long_ago = timezone.now() - timedelta(hours=2)
    ActivityProgress.objects.filter(enrollment=enrollment).update(last_visited_at=long_ago)

    client.get(lessons[1].url)

    assert ActivityProgress.objects.get(enrollment=enrollment, page=lessons[1]).last_visited_at > long_ago


def test_a_missing_lesson_is_still_a_404(in_a_course):
    client, _enrollment, lessons = in_a_course

    assert client.get(lessons[1].url + "khong-co/").status_code == 404
    assert client.get(lessons[1].url.replace("bai-", "khong-")).status_code == 404


def test_a_draft_lesson_is_still_a_404(in_a_course):
    client, _enrollment, lessons = in_a_course
    lessons[2].unpublish()

    assert client.get(lessons[2].url_path.replace("/home", "", 1)).status_code == 404


def test_the_header_offers_the_admin_to_trainers_and_staff_only(in_a_course, make_trainer, make_user, client):
    learner_client, enrollment, lessons = in_a_course
    assert 'href="/admin/"' not in learner_client.get(lessons[0].url).content.decode()

    client.force_login(make_trainer(enrollment.course))
    assert 'href="/admin/"' in client.get(lessons[0].url).content.decode()

    client.force_login(make_user(email="nhan.vien@example.vn", is_staff=True))
    assert 'href="/admin/"' in client.get(lessons[0].url).content.decode()


def test_someone_given_a_role_sees_the_admin_link_at_their_next_sign_in_or_within_ten_minutes(
    in_a_course, learner, role_groups,
):
    client, _enrollment, lessons = in_a_course
    assert 'href="/admin/"' not in client.get(lessons[0].url).content.decode()
    learner.groups.add(role_groups["trainers"])

    assert 'href="/admin/"' not in client.get(lessons[0].url).content.decode(), "kept in the session"
    session = client.session
    answer, person, asked_at = session[ADMIN_LINK_SESSION_KEY]
    session[ADMIN_LINK_SESSION_KEY] = [answer, person, asked_at - ADMIN_LINK_KEPT_SECONDS]
    session.save()
    assert 'href="/admin/"' in client.get(lessons[0].url).content.decode()

    learner.groups.remove(role_groups["trainers"])
    assert 'href="/admin/"' in client.get(lessons[0].url).content.decode(), "kept in the session"
    client.force_login(learner)
    assert 'href="/admin/"' not in client.get(lessons[0].url).content.decode(), "asked again at sign-in"


# The page's queries, and its one transaction (a savepoint and its release, inside the test's own):
# the enrollment locked, the progress row read and written, the completed activities counted, the
# enrollment's progress saved. It was 11 statements when the progress row had its own lock and savepoint.
FIRST_VISIT_QUERIES = LESSON_QUERIES + 2 + 5


def test_the_first_visit_of_a_lesson_completed_on_view_is_one_short_transaction(
    learner_client, learner, make_course, django_assert_max_num_queries,
):
    course = make_course(slug="thanh-toan-so", lessons=3, sections=3)
    enrollment = services.enroll(learner, course)
    first, lesson = lessons_of(course)[:2]
    learner_client.get(first.url)

    with django_assert_max_num_queries(FIRST_VISIT_QUERIES):
        page = learner_client.get(lesson.url)

    assert page.status_code == 200
    progress = ActivityProgress.objects.get(enrollment=enrollment, page=lesson)
    assert progress.status == ActivityProgress.Status.COMPLETED
    enrollment.refresh_from_db()
    assert enrollment.progress == 100 * 2 // 9
    assert 'aria-valuenow="22"' in page.content.decode()
