"""The real True/False H5P sample in a lesson, played in Chromium: the server records the score and the place."""

import time
from pathlib import Path

import pytest

from courses.h5p import services
from courses.h5p.models import H5PUserState
from courses.models import CompletionRule, LessonPage
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import ActivityProgress

from .test_quiz_in_chromium import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRUE_FALSE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "h5p" / "true-false-hello-world.h5p"


def wait_for(check, seconds=30):
    """Poll the database (the browser's requests land there) until `check` holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return False


def test_a_learner_answers_the_true_false_sample_and_the_server_records_it(live_server, phone, settings, tmp_path,
                                                                            learner, course):
    answer_and_reload(live_server, phone, settings, tmp_path, learner, course)


def test_the_player_works_with_its_files_on_a_separate_origin(live_server, phone, settings, tmp_path, learner, course):
    """H5P_CONTENT_ORIGIN: the same server under another host name, as an operator would set one up."""
    assert "://localhost:" in live_server.url
    settings.SITE_URL = live_server.url
    settings.H5P_CONTENT_ORIGIN = live_server.url.replace("://localhost:", "://127.0.0.1:")
    requested = []
    phone.on("request", lambda request: requested.append(request.url) if "/h5p/" in request.url else None)

    answer_and_reload(live_server, phone, settings, tmp_path, learner, course)

    files = [url for url in requested if "/xapi/" not in url and "/state/" not in url]
    assert files and all(url.startswith(settings.H5P_CONTENT_ORIGIN + "/h5p/t/") for url in files)


def true_false_lesson(live_server, phone, settings, tmp_path, learner, course):
    """The True/False sample in a lesson of `course`, and `learner` enrolled and signed in on `phone`."""
    if not TRUE_FALSE.is_file():
        pytest.skip(f"The H5P sample {TRUE_FALSE} is not there (the team's shared samples folder is missing).")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    package = services.import_package(str(TRUE_FALSE))
    lesson = course.add_child(instance=LessonPage(
        title="Đúng hay sai", slug="dung-hay-sai", completion_rule=CompletionRule.H5P_SCORE,
        body=[("h5p", {"package": package, "pass_threshold": 80})],
    ))
    lesson.save_revision().publish()
    enrollment_services.enroll(learner, course)
    log_in(phone, live_server.url, learner.email)
    return lesson, package


def open_activity(phone):
    """Press the lesson's "open the activity" button: the player loads then, and its frame is returned."""
    phone.get_by_role("button", name="Mở hoạt động").click()
    return phone.frame_locator(".h5p-player iframe")


def answer_and_reload(live_server, phone, settings, tmp_path, learner, course):
    lesson, package = true_false_lesson(live_server, phone, settings, tmp_path, learner, course)

    phone.goto(f"{live_server.url}{lesson.url}")
    player = open_activity(phone)
    # "Is this false?": the sample's right answer is "False".
    player.get_by_text("False", exact=True).click()
    player.get_by_role("button", name="Check").click()

    phone.locator(".h5p-result").wait_for()
    result = phone.locator(".h5p-result").text_content()
    assert "100" in result
    assert phone.locator(".h5p-player").get_attribute("data-lesson-done") in result
    progress = ActivityProgress.objects.get(enrollment__user=learner, page=lesson)
    assert progress.score == 100
    assert progress.status == ActivityProgress.Status.COMPLETED
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The player snapshots its state every few seconds; the page saves it, and a reload restores the answer.
    assert wait_for(lambda: H5PUserState.objects.filter(user=learner, lesson=lesson).exists())
    phone.reload()
    chosen = open_activity(phone).locator(".h5p-true-false-answer[aria-checked=true]")
    assert chosen.text_content() == "False"
