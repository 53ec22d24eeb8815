"""
The outline a lesson shows comes from the cache (courses.outline_cache): a
learner must still see, on their next view, every change a trainer or manager
makes to the course's pages.
"""

from django.core.cache import cache
from django.test import Client
from wagtail.models import Page

from courses import outline_cache
from courses.models import CoursePage, LessonPage
from lms.enrollment import services
from tests.conftest import lessons_of


def outline_of(client, lesson):
    """The titles the outline of `lesson`'s page lists, in order."""
    page = client.get(lesson.url)
    assert page.status_code == 200
    return [entry.page.title for entry in page.wsgi_request.learning_outline.entries]


def enrolled(learner_client, learner, make_course):
    course = make_course(slug="chu-ky-so", lessons=3)
    services.enroll(learner, course)
    lessons = lessons_of(course)
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài 1.2", "Bài 1.3"]
    return course, lessons


def test_a_lesson_published_after_a_view_is_in_the_next_one(learner_client, learner, make_course):
    course, lessons = enrolled(learner_client, learner, make_course)

    added = course.add_child(instance=LessonPage(title="Bài mới", slug="bai-moi", live=False))
    assert outline_of(learner_client, lessons[0])[-1] != "Bài mới", "a draft is not in the outline"
    added.save_revision().publish()

    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài 1.2", "Bài 1.3", "Bài mới"]


def test_a_title_published_unpublished_deleted_or_moved_lesson_shows_on_the_next_view(
    learner_client, learner, make_course,
):
    course, lessons = enrolled(learner_client, learner, make_course)

    renamed = LessonPage.objects.get(pk=lessons[1].pk)
    renamed.title = "Bài 1.2 (sửa)"
    renamed.save_revision().publish()
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài 1.2 (sửa)", "Bài 1.3"]

    LessonPage.objects.get(pk=lessons[2].pk).unpublish()
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài 1.2 (sửa)"]

    other = make_course(slug="khoa-khac", lessons=1)
    LessonPage.objects.get(pk=lessons[1].pk).move(other, pos="last-child")
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1"]

    Page.objects.get(pk=lessons[0].pk).get_children().delete()
    LessonPage.objects.get(pk=lessons[2].pk).save_revision().publish()
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài 1.3"]
    Page.objects.get(pk=lessons[2].pk).delete()
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1"]


def test_a_lost_generation_trusts_no_stored_outline(learner_client, learner, make_course):
    _course, lessons = enrolled(learner_client, learner, make_course)
    # A change the signals did not see (a raw UPDATE), then the cache loses its generation.
    LessonPage.objects.filter(pk=lessons[1].pk).update(title="Bài đổi tên")
    cache.delete(outline_cache.GENERATION_KEY)

    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài đổi tên", "Bài 1.3"]


def test_a_change_moves_the_generation_on_again_when_its_transaction_commits(
    learner, make_course, django_capture_on_commit_callbacks,
):
    course = make_course(slug="chu-ky-so", lessons=1)
    course.outline  # noqa: B018  (stores the outline and its generation)
    before = cache.get(outline_cache.GENERATION_KEY)

    with django_capture_on_commit_callbacks(execute=False) as at_commit:
        LessonPage.objects.get(pk=lessons_of(course)[0].pk).save_revision().publish()
    changed = cache.get(outline_cache.GENERATION_KEY)
    for callback in at_commit:
        callback()

    assert before < changed < cache.get(outline_cache.GENERATION_KEY)


def test_the_course_itself_renamed_or_closed_to_preview_shows_on_the_next_lesson_view(
    learner_client, learner, make_course,
):
    course, lessons = enrolled(learner_client, learner, make_course)
    client = Client()
    course = CoursePage.objects.get(pk=course.pk)
    course.allow_preview = True
    course.save_revision().publish()
    assert client.get(lessons[0].url).status_code == 200, "a visitor previews the lesson"

    course = CoursePage.objects.get(pk=course.pk)
    course.title, course.allow_preview = "Chữ ký số (cập nhật)", False
    course.save_revision().publish()

    page = learner_client.get(lessons[0].url).content.decode()
    assert '<li><a href="/courses/">' in page and '<li><a href="/courses/chu-ky-so/">Chữ ký số (cập nhật)</a></li>' in page
    assert client.get(lessons[0].url).status_code == 403, "a visitor is asked to enroll"


def test_a_draft_saved_while_learners_read_keeps_the_cache_and_shows_them_the_live_lesson(
    learner_client, learner, make_course, django_assert_max_num_queries,
):
    _course, lessons = enrolled(learner_client, learner, make_course)
    generation = cache.get(outline_cache.GENERATION_KEY)

    draft = LessonPage.objects.get(pk=lessons[1].pk)
    draft.title = "Bài 1.2 (bản nháp)"
    draft.save_revision()

    assert cache.get(outline_cache.GENERATION_KEY) == generation
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài 1.2", "Bài 1.3"]
    draft.get_latest_revision().publish()
    assert outline_of(learner_client, lessons[0]) == ["Bài 1.1", "Bài 1.2 (bản nháp)", "Bài 1.3"]


def test_the_admin_names_a_lesson_by_its_courses_latest_draft_title(learner_client, learner, make_course):
    course, lessons = enrolled(learner_client, learner, make_course)
    course = CoursePage.objects.get(pk=course.pk)
    course.title = "Chữ ký số (bản nháp)"
    course.save_revision()

    listed = LessonPage.objects.get(pk=lessons[0].pk)
    listed.get_parent()
    assert listed.get_admin_display_title() == "Bài 1.1 — Khoá học: Chữ ký số (bản nháp)"
