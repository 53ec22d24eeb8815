"""
The Content-Security-Policy of production, enforced in Chromium (issue 9,
finding 7): the H5P player in a lesson, a quiz's autosave and the Wagtail admin
all work under it, and the browser reports no violation. The test settings only
report the policy; these tests enforce it, as production does.
"""

import pytest

from courses.h5p.models import H5PUserState
from courses.models import CoursePage
from lms.accounts.models import User
from lms.enrollment import services as enrollment_services
from lms.quizzes.models import Question, Response
from lms.settings import base
from tests.conftest import PASSWORD

from .test_h5p_in_chromium import open_activity, true_false_lesson, wait_for
from .test_quiz_in_chromium import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def production_policy(settings):
    """The policy enforced, as production does (the test settings only report it)."""
    settings.CONTENT_SECURITY_POLICY = base.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None


@pytest.fixture
def violations(phone):
    """What the browser refused under the policy, in every frame, as console messages."""
    refused = []
    phone.on("console", lambda message: refused.append(message.text)
             if "Content Security Policy" in message.text else None)
    return refused


def served_policy(page, url):
    response = page.goto(url)
    return response.headers.get("content-security-policy", "")


def test_the_h5p_player_plays_and_saves_its_state_under_the_policy(live_server, phone, violations, settings,
                                                                   tmp_path, learner, course):
    lesson, package = true_false_lesson(live_server, phone, settings, tmp_path, learner, course)

    policy = served_policy(phone, f"{live_server.url}{lesson.url}")
    player = open_activity(phone)
    player.get_by_text("False", exact=True).click()
    player.get_by_role("button", name="Check").click()
    phone.locator(".h5p-result").wait_for()

    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "100" in phone.locator(".h5p-result").text_content()
    assert wait_for(lambda: H5PUserState.objects.filter(user=learner, lesson=lesson).exists())
    assert violations == []


def test_a_quiz_autosaves_under_the_policy(live_server, phone, violations, learner, make_quiz, make_question):
    capital = make_question(text="<p>Thủ đô của Việt Nam?</p>", answers=[("Hà Nội", 1), ("Huế", 0)],
                            shuffle_answers=False)
    quiz = make_quiz([capital], slug="kiem-tra-csp")
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    log_in(phone, live_server.url, learner.email)

    policy = served_policy(phone, f"{live_server.url}{quiz.url}")
    phone.locator(f"form[action='/my/quizzes/{quiz.pk}/start/'] button").click()
    phone.get_by_label("Hà Nội").check()
    # Polled from Python: Playwright's wait_for_function evaluates a string, which the policy refuses.
    saved = "document.querySelector('.save-state').textContent.includes(document.querySelector('.save-state').dataset.saved)"
    assert wait_for(lambda: phone.evaluate(saved))

    assert "script-src 'self'" in policy
    assert Response.objects.get(question__qtype=Question.Type.SINGLE_CHOICE).answer == [
        capital.answers.get(text="Hà Nội").pk
    ]
    assert violations == []


def test_the_wagtail_admin_runs_its_scripts_under_the_admin_policy(live_server, browser, course):
    User.objects.create_superuser(email="quan.tri@example.vn", password=PASSWORD, full_name="Quản Trị")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", "quan.tri@example.vn")
        page.fill("input[name=password]", PASSWORD)
        page.locator("button[type=submit]").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url)

        policy = served_policy(page, f"{live_server.url}/admin/pages/{course.pk}/edit/")
        # The admin's scripts draw the sidebar menu and the rich-text editor, and switch tabs.
        page.locator(".Draftail-Editor").first.wait_for()
        page.get_by_role("tab", name="Quảng bá").click()
        page.get_by_label("Slug").wait_for()
        assert page.get_by_role("link", name="Hình ảnh").is_visible()
    finally:
        context.close()

    assert "'unsafe-inline'" in policy and "object-src 'none'" in policy
    assert refused == []
