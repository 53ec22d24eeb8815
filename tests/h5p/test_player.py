"""
Playing H5P in lessons: who gets the content files, how xAPI statements
become the lesson's score and completion, and resuming where one left off.
"""

import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import Client

from certificates.models import Certificate
from courses.h5p import services
from courses.models import CompletionRule, CoursePage, LessonPage
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import ActivityProgress
from tests.conftest import PASSWORD, lessons_of

from .conftest import build_zip, package_files

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


@pytest.fixture
def package(media):
    return services.import_package(build_zip(package_files(title="Đúng hay sai")))


@pytest.fixture
def h5p_lesson(course, package):
    """The course's lessons, then one that completes when the H5P activity scores 70% or more."""
    lesson = course.add_child(instance=LessonPage(
        title="Bài tập tương tác", slug="bai-tap", completion_rule=CompletionRule.H5P_SCORE,
        body=[("paragraph", "<p>Trả lời câu hỏi.</p>"), ("h5p", {"package": package, "pass_threshold": 70})],
    ))
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


@pytest.fixture
def enrolled(learner_client, learner, course):
    enrollment_services.enroll(learner, course)
    return learner_client


def statement(scaled, verb=ANSWERED, sub_content=False):
    extensions = {"http://h5p.org/x-api/h5p-local-content-id": "x"}
    if sub_content:
        extensions["http://h5p.org/x-api/h5p-subContentId"] = "0c5f0b7e"
    return {
        "actor": {"name": "Ai đó"},
        "verb": {"id": verb},
        "object": {"definition": {"extensions": extensions}},
        "result": {"score": {"scaled": scaled, "raw": scaled, "max": 1}, "completion": True},
    }


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def xapi_url(lesson, package):
    return f"/h5p/lessons/{lesson.pk}/{package.pk}/xapi/"


def options_in(page, lesson, package):
    """The player options the page hands to h5p-standalone."""
    match = re.search(rf'<script id="h5p-options-{lesson.pk}-{package.pk}" type="application/json">(.*?)</script>', page)
    return json.loads(match.group(1))


def progress_of(learner, lesson):
    return ActivityProgress.objects.filter(enrollment__user=learner, page=lesson).first()


def test_the_lesson_page_starts_the_player_with_the_stored_package(enrolled, h5p_lesson, package):
    page = enrolled.get(h5p_lesson.url).content.decode()
    options = options_in(page, h5p_lesson, package)
    assert options["h5pJsonPath"] == f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}"
    assert options["librariesPath"] == "/h5p/libraries"
    assert options["frameJs"].endswith("h5p-standalone/frame.bundle.js")
    assert "contentUserData" not in options
    assert "70%" in page
    # The player's script is named for h5p-player.js to load when the learner opens the activity, not loaded with the page.
    assert re.search(r'data-player-script="[^"]*h5p-standalone/main\.bundle\.js"', page)
    assert not re.search(r'<script[^>]+main\.bundle\.js', page)
    assert "Mở hoạt động" in page


def test_enrolled_learners_get_the_content_and_libraries(enrolled, h5p_lesson, package):
    base = f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}"
    h5p_json = enrolled.get(f"{base}/h5p.json")
    assert h5p_json.status_code == 200 and json.loads(b"".join(h5p_json.streaming_content))["title"] == "Đúng hay sai"
    content = enrolled.get(f"{base}/content/content.json")
    assert json.loads(b"".join(content.streaming_content))["correct"] == "true"
    assert enrolled.get(f"{base}/content/images/anh.png")["Content-Type"] == "image/png"
    library = enrolled.get("/h5p/libraries/H5P.Hello-1.0/library.json")
    assert library.status_code == 200 and "max-age" in library["Cache-Control"]


@pytest.mark.parametrize("path", ["content/../h5p.json", "content/../../../libraries/H5P.Hello-1.0/hello.js",
                                  "H5P.Hello-1.0/hello.js", "content/missing.json"])
def test_paths_outside_the_package_content_are_not_served(enrolled, h5p_lesson, package, path):
    assert enrolled.get(f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/{path}").status_code == 404


def test_content_is_for_enrolled_learners_and_staff_only(client, make_user, admin_user, h5p_lesson, package, course):
    url = f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/content/content.json"
    assert client.get(url).status_code == 302
    assert client.get("/h5p/libraries/H5P.Hello-1.0/library.json").status_code == 302

    outsider = make_user(email="nguoi.ngoai@example.vn")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    course.allow_preview = True
    course.save_revision().publish()
    assert client.get(url).status_code == 404
    assert "is for learners enrolled in the course" in client.get(h5p_lesson.url).content.decode() or \
        "dành cho học viên" in client.get(h5p_lesson.url).content.decode()

    client.force_login(admin_user)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("path", ["content/images", "content"])
def test_a_content_folder_is_not_a_file(enrolled, h5p_lesson, package, path):
    enrolled.raise_request_exception = False
    assert enrolled.get(f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/{path}").status_code == 404


@pytest.mark.parametrize("path", ["H5P.Hello-1.0", "H5P.Hello-1.0/styles", "H5P.Hello-1.0/"])
def test_a_library_folder_is_not_a_file(enrolled, h5p_lesson, package, path):
    enrolled.raise_request_exception = False
    assert enrolled.get(f"/h5p/libraries/{path}").status_code == 404


def test_ids_too_large_for_the_database_are_not_found(enrolled, h5p_lesson, package):
    enrolled.raise_request_exception = False
    huge = "9" * 25
    for lesson_id, package_id in [(huge, package.pk), (h5p_lesson.pk, huge), (2**63, package.pk)]:
        base = f"/h5p/lessons/{lesson_id}/{package_id}"
        assert enrolled.get(f"{base}/h5p.json").status_code == 404
        assert post_json(enrolled, f"{base}/xapi/", statement(1)).status_code == 404
        assert post_json(enrolled, f"{base}/state/", {"state": "{}"}).status_code == 404


def test_a_deleted_package_still_in_a_lesson_is_not_found(enrolled, h5p_lesson, package):
    enrolled.raise_request_exception = False
    base = f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}"
    package.delete()

    assert enrolled.get(f"{base}/h5p.json").status_code == 404
    assert enrolled.get(f"{base}/content/content.json").status_code == 404
    assert post_json(enrolled, f"{base}/xapi/", statement(1)).status_code == 404
    assert post_json(enrolled, f"{base}/state/", {"state": "{}"}).status_code == 404


def test_a_deleted_package_does_not_keep_the_lesson_from_completing(enrolled, learner, course, package, media):
    gone = services.import_package(build_zip(package_files(title="Sẽ bị xoá")))
    lesson = course.add_child(instance=LessonPage(
        title="Hai hoạt động", slug="hai-hoat-dong", completion_rule=CompletionRule.H5P_SCORE,
        body=[("h5p", {"package": package, "pass_threshold": 70}), ("h5p", {"package": gone, "pass_threshold": 70})],
    ))
    lesson.save_revision().publish()
    gone.delete()

    response = post_json(enrolled, xapi_url(lesson, package), statement(0.8))

    assert response.json()["recorded"] is True
    progress = progress_of(learner, lesson)
    assert progress.score == Decimal("80.00") and progress.status == ActivityProgress.Status.COMPLETED


def test_the_permission_to_see_packages_does_not_open_every_course(client, make_user, h5p_lesson, package):
    """A trainer who may list packages in the admin is neither enrolled in nor staff of this course."""
    trainer = make_user(email="giang.vien@example.vn")
    trainer.user_permissions.add(Permission.objects.get(content_type__app_label="h5p", codename="view_h5ppackage"))
    client.force_login(trainer)

    assert client.get(f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/content/content.json").status_code == 404
    assert client.get(f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/h5p.json").status_code == 404
    assert f'id="h5p-options-{h5p_lesson.pk}-{package.pk}"' not in client.get(h5p_lesson.url).content.decode()


def test_the_courses_editors_may_play(client, make_user, h5p_lesson, package, course):
    editor = make_user(email="bien.tap@example.vn")
    course.owners.add(editor)
    course.save()
    assert enrollment_services.is_course_staff(editor, CoursePage.objects.get(pk=course.pk))
    client.force_login(editor)

    assert client.get(f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/content/content.json").status_code == 200


def test_a_trainer_of_another_course_may_not_play(client, make_trainer, make_course, h5p_lesson, package):
    """Finding 1: being a trainer, with H5P and page permissions somewhere, opens no gated course."""
    trainer = make_trainer(make_course(slug="khoa-khac", lessons=1))
    trainer.user_permissions.add(Permission.objects.get(content_type__app_label="h5p", codename="change_h5ppackage"))
    client.force_login(trainer)

    assert client.get(f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/content/content.json").status_code == 404
    assert f'id="h5p-options-{h5p_lesson.pk}-{package.pk}"' not in client.get(h5p_lesson.url).content.decode()


def test_a_package_not_in_the_lesson_is_not_served(enrolled, h5p_lesson, course, media):
    other = services.import_package(build_zip(package_files(title="Khác")))
    assert enrolled.get(f"/h5p/lessons/{h5p_lesson.pk}/{other.pk}/h5p.json").status_code == 404
    plain_lesson = lessons_of(course)[0]
    assert post_json(enrolled, xapi_url(plain_lesson, other), statement(1)).status_code == 404


def test_a_low_score_is_recorded_and_a_passing_one_completes_the_lesson(enrolled, learner, h5p_lesson, package):
    low = post_json(enrolled, xapi_url(h5p_lesson, package), statement(0.4))
    assert low.json() == {
        "recorded": True, "score": 40.0, "best_score": 40.0, "lesson_completed": False, "course_completed": False,
    }
    progress = progress_of(learner, h5p_lesson)
    assert progress.score == Decimal("40.00") and progress.status != ActivityProgress.Status.COMPLETED

    passing = post_json(enrolled, xapi_url(h5p_lesson, package),
                        statement(0.8, verb="http://adlnet.gov/expapi/verbs/completed")).json()
    assert passing["lesson_completed"] and not passing["course_completed"]
    progress = progress_of(learner, h5p_lesson)
    assert progress.score == Decimal("80.00") and progress.status == ActivityProgress.Status.COMPLETED

    # A worse try later keeps the lesson complete and the best score.
    assert post_json(enrolled, xapi_url(h5p_lesson, package), statement(0.1)).json()["best_score"] == 80.0
    assert progress_of(learner, h5p_lesson).status == ActivityProgress.Status.COMPLETED


def test_inner_questions_and_unscored_statements_do_not_count(enrolled, learner, h5p_lesson, package):
    assert post_json(enrolled, xapi_url(h5p_lesson, package), statement(1, sub_content=True)).json() == {"recorded": False}
    unscored = {"verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"}, "object": {}}
    assert post_json(enrolled, xapi_url(h5p_lesson, package), unscored).json() == {"recorded": False}
    progress = progress_of(learner, h5p_lesson)
    assert progress is None or progress.score is None


def test_only_the_learners_own_enrollment_is_written(client, make_user, h5p_lesson, package):
    outsider = make_user(email="nguoi.ngoai@example.vn")
    client.force_login(outsider)
    refused = post_json(client, xapi_url(h5p_lesson, package), statement(1))
    assert refused.status_code == 403
    assert "Enroll" in refused.json()["error"] or "Ghi danh" in refused.json()["error"]
    assert not ActivityProgress.objects.exists()


def test_statements_need_the_csrf_token(learner, course, h5p_lesson, package):
    enrollment_services.enroll(learner, course)
    client = Client(enforce_csrf_checks=True)
    client.login(email=learner.email, password=PASSWORD)
    assert post_json(client, xapi_url(h5p_lesson, package), statement(1)).status_code == 403
    assert progress_of(learner, h5p_lesson) is None or progress_of(learner, h5p_lesson).score is None


SCORED = '{"verb": {"id": "x/answered"}, "result": {"score": %s}}'


@pytest.mark.parametrize("body", [
    "not json",
    json.dumps([1, 2]),
    json.dumps(statement("nhiều")),
    # Python's json reads NaN and Infinity, which JSON does not allow.
    SCORED % '{"scaled": NaN}',
    SCORED % '{"raw": NaN, "max": 1}',
    SCORED % '{"scaled": Infinity}',
    SCORED % '{"raw": 1, "max": -Infinity}',
    SCORED % '{"raw": Infinity, "max": Infinity}',
    # Numbers too large for a float are infinite; too many digits for an int are refused by json.
    SCORED % '{"scaled": 1e400}',
    SCORED % '{"raw": 1e400, "max": 1e400}',
    SCORED % ('{"scaled": %s}' % ("9" * 5000)),
    # Nesting deeper than the parser's recursion limit.
    "[" * 60000,
    "[" * 30000 + "]" * 30000,
], ids=["not json", "list", "text score", "nan", "nan raw", "infinity", "minus infinity max",
        "infinity over infinity", "1e400", "1e400 over 1e400", "5000 digits", "deep", "deep and closed"])
def test_a_malformed_statement_is_refused_with_a_message(enrolled, h5p_lesson, package, body):
    enrolled.raise_request_exception = False
    response = enrolled.post(xapi_url(h5p_lesson, package), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.parametrize("body, recorded", [
    ({"verb": "answered", "result": {"score": {"scaled": 1}}}, False),
    ({"verb": {"id": [ANSWERED]}, "result": {"score": {"scaled": 1}}}, False),
    ({"verb": {"id": ANSWERED}, "result": [1]}, False),
    ({"verb": {"id": ANSWERED}, "result": {"score": [1]}}, False),
    # No sub-content marker to be found: a score for the whole activity.
    ({"verb": {"id": ANSWERED}, "object": "abc", "result": {"score": {"scaled": 1}}}, True),
    ({"verb": {"id": ANSWERED}, "object": {"definition": [1]}, "result": {"score": {"scaled": 1}}}, True),
    ({"verb": {"id": ANSWERED}, "object": {"definition": {"extensions": "x"}}, "result": {"score": {"scaled": 1}}},
     True),
], ids=["verb text", "verb id list", "result list", "score list", "object text", "definition list", "extensions text"])
def test_a_statement_of_another_shape_is_read_without_trusting_its_types(enrolled, h5p_lesson, package, body, recorded):
    enrolled.raise_request_exception = False
    response = post_json(enrolled, xapi_url(h5p_lesson, package), body)
    assert response.status_code == 200 and response.json()["recorded"] is recorded


def test_a_huge_finite_score_counts_as_full_marks(enrolled, h5p_lesson, package):
    body = SCORED % '{"scaled": 1e308}'
    response = enrolled.post(xapi_url(h5p_lesson, package), body, content_type="application/json")
    answer = response.json()
    assert (answer["score"], answer["best_score"], answer["lesson_completed"]) == (100.0, 100.0, True)


@pytest.mark.parametrize("body", [
    "[" * 30000 + "]" * 30000,
    json.dumps({"state": "[" * 30000 + "]" * 30000}),
    '{"state": "{}", "x": NaN}',
    json.dumps([1, 2]),
], ids=["deep body", "deep state", "nan", "list"])
def test_a_malformed_state_is_refused_with_a_message(enrolled, h5p_lesson, package, body):
    enrolled.raise_request_exception = False
    response = enrolled.post(f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/state/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_players_state_is_saved_and_restored(enrolled, h5p_lesson, package):
    url = f"/h5p/lessons/{h5p_lesson.pk}/{package.pk}/state/"
    state = json.dumps({"answers": [True], "progress": 1})
    assert post_json(enrolled, url, {"state": state}).json() == {"saved": True}
    assert post_json(enrolled, url, {"state": "{broken"}).status_code == 400
    too_big = json.dumps({"padding": "x" * 300_000})
    assert post_json(enrolled, url, {"state": too_big}).status_code == 413

    page = enrolled.get(h5p_lesson.url).content.decode()
    options = options_in(page, h5p_lesson, package)
    assert options["contentUserData"] == [{"state": state}]


def test_an_h5p_lesson_needs_an_h5p_activity(course):
    lesson = lessons_of(course)[0]
    lesson.completion_rule = CompletionRule.H5P_SCORE
    with pytest.raises(ValidationError, match="H5P"):
        lesson.full_clean()


def test_a_certificate_cannot_rest_on_h5p_scores_alone(make_course, package):
    course = make_course(slug="chi-h5p", lessons=0)
    lesson = course.add_child(instance=LessonPage(
        title="Chỉ H5P", slug="chi-h5p-bai", body=[("h5p", {"package": package, "pass_threshold": 50})],
    ))
    lesson.save_revision().publish()

    lesson.completion_rule = CompletionRule.H5P_SCORE
    with pytest.raises(ValidationError, match="H5P"):
        lesson.save_revision()

    course.issues_certificate = False
    course.save_revision().publish()
    lesson.save_revision().publish()
    course = CoursePage.objects.get(pk=course.pk)
    course.issues_certificate = True
    with pytest.raises(ValidationError, match="H5P"):
        course.full_clean()


def test_h5p_scores_never_make_the_certificates_minimum_score(enrolled, learner, course, h5p_lesson, package,
                                                               django_capture_on_commit_callbacks):
    course.certificate_min_score = Decimal(50)
    course.save_revision().publish()
    enrollment = enrollment_services.get_enrollment(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            if lesson.pk != h5p_lesson.pk:
                enrollment_services.complete_activity(enrollment, lesson, course)
        post_json(enrolled, xapi_url(h5p_lesson, package), statement(1))
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert not Certificate.objects.exists()


def test_an_h5p_lesson_and_a_statement_take_a_bounded_number_of_queries(enrolled, h5p_lesson, package,
                                                                        django_assert_max_num_queries):
    enrolled.get(h5p_lesson.url)
    with django_assert_max_num_queries(25):
        assert enrolled.get(h5p_lesson.url).status_code == 200
    with django_assert_max_num_queries(25):
        assert post_json(enrolled, xapi_url(h5p_lesson, package), statement(0.9)).status_code == 200
