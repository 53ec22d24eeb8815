"""
H5P in drafts: the course's staff preview a draft lesson's activity, whose
files the player fetches by the draft's package; learners and visitors still
get nothing of a lesson that is not published, and nothing a draft holds is recorded.
"""

import json
import re

import pytest
from django.test import Client

from courses.h5p import services
from courses.h5p.models import H5PResult
from courses.models import LessonPage
from lms.enrollment import services as enrollment_services

from .conftest import build_zip, package_files


@pytest.fixture
def package(media):
    return services.import_package(build_zip(package_files(title="Đúng hay sai")))


@pytest.fixture
def draft_lesson(course, package):
    """A lesson saved as a draft, never published, with an H5P activity."""
    lesson = course.add_child(instance=LessonPage(
        title="Bài tập nháp", slug="bai-tap-nhap", live=False,
        body=[("h5p", {"package": package, "pass_threshold": 70})],
    ))
    lesson.save_revision()
    return lesson


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def player_urls(page):
    """The h5p.json and content.json URLs the previewed page hands to h5p-standalone."""
    options = json.loads(re.search(r'<script id="h5p-options-[^"]+" type="application/json">(.*?)</script>',
                                   page, re.S).group(1))
    return options["h5pJsonPath"] + "/h5p.json", options["contentJsonPath"] + "/content.json"


@pytest.mark.django_db
def test_the_owner_trainer_previews_a_draft_lessons_activity_through_the_admin(make_trainer, course, draft_lesson):
    trainer = client_for(make_trainer(course))
    revision = draft_lesson.latest_revision

    preview = trainer.get(f"/admin/pages/{draft_lesson.pk}/revisions/{revision.pk}/view/")

    assert preview.status_code == 200
    h5p_json, content_json = player_urls(preview.content.decode())
    assert trainer.get(h5p_json).status_code == 200
    assert json.loads(b"".join(trainer.get(h5p_json).streaming_content))["title"] == "Đúng hay sai"
    assert trainer.get(content_json).status_code == 200


@pytest.mark.django_db
def test_a_manager_gets_a_draft_lessons_h5p_files_and_learners_and_visitors_do_not(
        manager, learner, make_user, course, draft_lesson, package):
    enrollment_services.enroll(learner, course)
    url = f"/h5p/lessons/{draft_lesson.pk}/{package.pk}/h5p.json"

    assert client_for(manager).get(url).status_code == 200
    assert client_for(learner).get(url).status_code == 404
    assert client_for(make_user(email="khac@example.vn")).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_package_added_in_a_draft_of_a_live_lesson_is_for_staff_and_records_nothing(
        make_trainer, learner, course, package, media):
    lesson = course.add_child(instance=LessonPage(
        title="Bài tập", slug="bai-tap", body=[("paragraph", "<p>Chưa có hoạt động.</p>")],
    ))
    lesson.save_revision().publish()
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body = [("h5p", {"package": package, "pass_threshold": 70})]
    draft.save_revision()
    enrollment_services.enroll(learner, course)
    files = f"/h5p/lessons/{lesson.pk}/{package.pk}/content/content.json"
    xapi = f"/h5p/lessons/{lesson.pk}/{package.pk}/xapi/"

    assert client_for(make_trainer(course)).get(files).status_code == 200
    assert client_for(learner).get(files).status_code == 404
    scored = {"verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
              "result": {"score": {"scaled": 1, "raw": 1, "max": 1}, "completion": True}}
    recorded = client_for(learner).post(xapi, json.dumps(scored), content_type="application/json")
    assert recorded.status_code == 404
    assert not H5PResult.objects.exists()
