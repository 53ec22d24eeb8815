"""
Every page a learner sees passes axe-core in Chromium, on a 360 px phone and a
1366 px desktop, in Vietnamese (issue 13): no violation that axe rates serious
or critical, on our pages nor inside an H5P activity's frame. axe-core is the
npm package pinned in package.json, injected into each page as it is.
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction

from certificates.models import Certificate
from courses.models import CompletionRule
from lms.accounts.models import OrgUnit
from lms.enrollment import services as enrollment_services
from lms.programmes import services as programme_services
from lms.programmes.models import AssignedUnit, Assignment
from lms.quizzes.models import Question
from tests.conftest import every_block, lessons_of

from .test_h5p_in_chromium import true_false_lesson

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(params=list(SCREENS))
def screen(request, browser, live_server):
    """
    A Vietnamese page as wide as a phone or a desktop. Only this context skips
    the Content-Security-Policy, so that axe can be injected;
    test_csp_in_chromium.py checks the pages under the real policy. Requests
    leaving the test server (a lesson's YouTube video) are refused: the pages
    must pass without them, as on a weak connection.
    """
    if not AXE.is_file():
        pytest.skip(f"{AXE} is not installed (npm ci --ignore-scripts)")
    context = browser.new_context(viewport=SCREENS[request.param], locale="vi-VN", bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url)
                  else route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class Audit:
    """The serious and critical violations axe finds on the pages visited, described for the developer fixing them."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.findings = []

    def check(self, name):
        assert self.page.locator("html").get_attribute("lang") == "vi"
        assert self.page.locator("a.skip").text_content() == "Chuyển đến nội dung chính", "the page is not in Vietnamese"
        # Into our frames too (an H5P activity draws itself in an about:blank frame), so axe looks inside them.
        for frame in self.page.frames:
            if frame.url.startswith(self.base_url) or frame.url == "about:blank":
                frame.add_script_tag(path=str(AXE))
        results = self.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        width = self.page.viewport_size["width"]
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING:
                nodes = "\n".join(f"      {' '.join(node['target'])}: {' '.join(node['failureSummary'].split())}"
                                  for node in violation["nodes"])
                self.findings.append(f"{name} at {width} px: {violation['id']} ({violation['impact']}): "
                                     f"{violation['help']}\n    {violation['helpUrl']}\n{nodes}")

    def visit(self, name, path):
        self.page.goto(f"{self.base_url}{path}")
        self.check(name)

    def report(self):
        return "axe found serious or critical violations:\n" + "\n".join(self.findings)


def finish_course(learner, course):
    """
    `learner` completes every lesson of `course` and gets its certificate. In
    another thread: pyHanko signs the PDF with asyncio.run, which Playwright's
    event loop in this one refuses.
    """

    def complete_every_lesson():
        try:
            enrollment = enrollment_services.enroll(learner, course)
            with transaction.atomic():
                for lesson in lessons_of(course):
                    enrollment_services.complete_activity(enrollment, lesson, course)
            return Certificate.objects.get(enrollment=enrollment)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(complete_every_lesson).result()


@pytest.fixture
def media_folder(settings, tmp_path):
    """The folder the H5P lesson moves MEDIA_ROOT to, set before the lesson's pictures are saved, so they are served."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def make_mandatory(course, learner):
    """`course` assigned to the learner's commune, due in a month: first on /my/, with a notification."""
    learner.org_unit = OrgUnit.add_root(name="Xã Hoà Bắc", code="HB", kind=OrgUnit.Kind.COMMUNE)
    learner.save()
    assignment = Assignment.objects.create(course=course, due_days=30)
    AssignedUnit.objects.create(assignment=assignment, unit=learner.org_unit)
    programme_services.apply_assignment(assignment)


def test_the_pages_anyone_sees_have_no_serious_accessibility_violation(live_server, screen, learner, course):
    certificate = finish_course(learner, course)
    audit = Audit(screen, live_server.url)

    audit.visit("catalogue", "/courses/")
    audit.visit("course page", course.url)
    audit.visit("lesson, not enrolled", lessons_of(course)[0].url)
    audit.visit("page not found", "/courses/khong-co-khoa-nay/")
    audit.visit("sign-up", "/accounts/signup/")
    screen.fill("input[name=full_name]", "Đỗ Thị Ngọc Ánh")
    screen.fill("input[name=email]", "anh.do@example.vn")
    screen.fill("input[name=password1]", "123")
    screen.fill("input[name=password2]", "456")
    screen.locator("form[action='/accounts/signup/'] button[type=submit]").click()
    screen.locator(".errorlist").first.wait_for()
    audit.check("sign-up with errors")
    audit.visit("log-in", "/accounts/login/")
    screen.fill("input[name=login]", learner.email)
    screen.fill("input[name=password]", "khong-dung-mat-khau")
    screen.locator("form[action='/accounts/login/'] button[type=submit]").click()
    screen.locator(".errorlist").first.wait_for()
    audit.check("log-in with errors")
    audit.visit("certificate verification form", "/certificates/verify/")
    audit.visit("a verified certificate", f"/certificates/verify/{certificate.code}/")
    screen.goto(f"{live_server.url}/certificates/verify/?code=KHONG-CO-MA")
    screen.locator(".field.invalid .errorlist").wait_for()
    audit.check("a mistyped certificate code")
    screen.set_input_files("input[name=pdf]", {"name": "chung-chi.pdf", "mimeType": "application/pdf",
                                               "buffer": certificate.pdf.read()})
    screen.locator("form[enctype='multipart/form-data'] button").click()
    screen.locator("p.done[role=status]").wait_for()
    audit.check("a certificate's PDF checked")

    assert audit.findings == [], audit.report()


def test_the_pages_a_learner_works_through_have_no_serious_accessibility_violation(
        live_server, screen, settings, tmp_path, learner, make_course, make_quiz, make_question, media_folder, picture,
        checklist):
    course = make_course(slug="dich-vu-cong", title="Dịch vụ công trực tuyến", lessons=2, sections=1)
    text_lesson = lessons_of(course)[0]
    text_lesson.body = every_block(picture, checklist)
    text_lesson.completion_rule = CompletionRule.MARK_DONE
    text_lesson.save_revision().publish()
    h5p_lesson, _package = true_false_lesson(live_server, screen, settings, tmp_path, learner, course)
    make_mandatory(course, learner)
    finish_course(learner, make_course(slug="an-toan-mang", title="An toàn trên mạng", lessons=1))
    quiz = make_quiz([
        make_question(text="<p>Thủ đô của Việt Nam?</p>", answers=[("Hà Nội", 1), ("Huế", 0)], shuffle_answers=False),
        make_question(Question.Type.MULTIPLE_CHOICE, text="<p>Dấu hiệu lừa đảo?</p>",
                      answers=[("Đòi mã OTP", 0.5), ("Hối thúc chuyển tiền", 0.5), ("Gọi nhỡ", 0)],
                      shuffle_answers=False),
        make_question(Question.Type.TRUE_FALSE, text="<p>Mã OTP được cho người khác?</p>",
                      answers=[("Đúng", 0), ("Sai", 1)]),
        make_question(Question.Type.NUMERICAL, text="<p>Số tổng đài chống lừa đảo?</p>", answers=[("156", 1)]),
        make_question(Question.Type.SHORT_ANSWER, text="<p>Ứng dụng định danh điện tử?</p>", answers=[("VNeID", 1)]),
        make_question(Question.Type.MATCHING, text="<p>Nối dịch vụ với ứng dụng.</p>",
                      matches=[("Nộp thuế", "eTax"), ("Định danh", "VNeID")]),
        make_question(Question.Type.ESSAY, text="<p>Kể một lần bạn gặp lừa đảo.</p>"),
    ], slug="kiem-tra-tiep-can", course=course, questions_per_page=10, time_limit_minutes=20,
        review_answers_immediately=True)
    audit = Audit(screen, live_server.url)

    audit.visit("course page, enrolled", course.url)
    audit.visit("lesson with text, pictures, a video and a document", text_lesson.url)
    with screen.expect_navigation():
        screen.locator(f"form[action='/my/activities/{text_lesson.pk}/done/'] button").click()
    audit.check("lesson marked as done")
    screen.goto(f"{live_server.url}{h5p_lesson.url}")
    audit.check("lesson with an H5P activity, before it is opened")
    screen.get_by_role("button", name="Mở hoạt động").click()
    screen.frame_locator(".h5p-player iframe").get_by_role("button", name="Check").wait_for()
    audit.check("lesson with an H5P activity")
    audit.visit("quiz", quiz.url)
    screen.locator(f"form[action='/my/quizzes/{quiz.pk}/start/'] button").click()
    screen.locator(".timer").wait_for()
    audit.check("quiz attempt")
    screen.get_by_label("Hà Nội").check()
    screen.locator("input[inputmode=decimal]").fill("một trăm")
    screen.locator("fieldset:has(input[inputmode=decimal]) .problem").wait_for()
    audit.check("quiz attempt, a number typed wrong")
    screen.locator("input[inputmode=decimal]").fill("156")
    screen.locator("button[name=finish]").click()
    screen.wait_for_url("**/summary/")
    audit.check("quiz summary")
    screen.locator("form[action$='/submit/'] button").click()
    screen.locator(".score").wait_for()
    audit.check("quiz review")
    audit.visit("my learning", "/my/")
    audit.visit("my notifications", "/my/notifications/")
    audit.visit("profile", "/accounts/profile/")

    assert audit.findings == [], audit.report()
