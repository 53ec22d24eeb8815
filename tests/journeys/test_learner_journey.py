"""A learner's whole first course over HTTP, as the browser would send it."""

import unicodedata

from courses.models import CompletionRule
from lms.accounts.models import User
from lms.enrollment.models import Enrollment
from tests.conftest import lessons_of


def test_sign_up_enroll_complete_every_lesson_and_see_it_on_my_learning(
    client, make_course, completions, django_capture_on_commit_callbacks
):
    course = make_course(slug="khoi-dong", title="Khởi động: làm quen với HọcSố", lessons=2, sections=2)
    manual = lessons_of(course)[-1]
    manual.completion_rule = CompletionRule.MARK_DONE
    manual.save_revision().publish()

    decomposed_name = unicodedata.normalize("NFD", "Phạm Thị Thu Hương")
    response = client.post(
        "/accounts/signup/",
        {
            "full_name": decomposed_name,
            "email": "huong.pham@example.vn",
            "password1": "Hoc-so-2026-an-toan",
            "password2": "Hoc-so-2026-an-toan",
        },
    )
    assert response.status_code == 302, response.content.decode()
    learner = User.objects.get(email="huong.pham@example.vn")
    assert learner.full_name == "Phạm Thị Thu Hương"

    course_page = client.get(course.url).content.decode()
    assert f'action="/my/courses/{course.pk}/enroll/"' in course_page
    client.post(f"/my/courses/{course.pk}/enroll/")

    lessons = lessons_of(course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            page = client.get(lesson.url).content.decode()
            assert f"{lesson.title}</h1>" in page
        assert Enrollment.objects.get(user=learner).progress == 75
        client.post(f"/my/activities/{manual.pk}/done/")

    enrollment = Enrollment.objects.get(user=learner)
    assert enrollment.progress == 100
    assert enrollment.completed_at is not None
    assert completions == [enrollment.pk]

    my_learning = client.get("/my/").content.decode()
    in_progress, completed_section = my_learning.split("<h2>Đang học</h2>")[1].split("<h2>Đã hoàn thành</h2>")
    assert course.title in completed_section.split("<h2>")[0]
    assert course.title not in in_progress
