"""
Course content goes to learners through the same allow-list as quizzes
(lms.cleaning), whatever path stored it: rich text saved by a script, an
import or an old row is not trusted to be what Wagtail's editor would keep.
"""

from courses.models import LessonPage
from lms.enrollment import services as enrollment_services
from tests.conftest import lessons_of

PAYLOAD = '<p>Lời dặn VNeID</p><img src=x onerror="alert(document.cookie)"><script>alert(1)</script>' \
          '<a href="javascript:alert(2)">bấm</a>'


def assert_harmless(html):
    assert "onerror" not in html and "<script>alert" not in html and "javascript:" not in html


def test_a_lessons_text_callouts_and_steps_are_cleaned(client, learner, course):
    lesson = lessons_of(course)[0]
    lesson.body = [
        ("paragraph", PAYLOAD),
        ("callout", {"kind": "tip", "title": "Mẹo", "body": PAYLOAD}),
        ("steps", {"title": "Các bước", "steps": [{"screenshot": None, "text": PAYLOAD}]}),
    ]
    lesson.save_revision().publish()
    enrollment_services.enroll(learner, course)
    client.force_login(learner)

    html = client.get(LessonPage.objects.get(pk=lesson.pk).url).content.decode()

    assert html.count("Lời dặn VNeID") == 3
    assert_harmless(html)


def test_a_courses_description_is_cleaned(client, course):
    course.description = PAYLOAD
    course.save_revision().publish()

    html = client.get(course.url).content.decode()

    assert "Lời dặn VNeID" in html
    assert_harmless(html)
