"""The learner's first course, clicked through in Chromium on a 360 px phone screen."""

import pytest

from courses.models import CompletionRule
from lms.enrollment.models import Enrollment
from tests.conftest import lessons_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def has_no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_sign_up_enroll_and_finish_a_course(live_server, phone, make_course):
    course = make_course(slug="khoi-dong", title="Khởi động", lessons=2, sections=2)
    last = lessons_of(course)[-1]
    last.completion_rule = CompletionRule.MARK_DONE
    last.save_revision().publish()

    phone.goto(f"{live_server.url}/accounts/signup/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    phone.fill("input[name=full_name]", "Đỗ Thị Ngọc Ánh")
    phone.fill("input[name=email]", "anh.do@example.vn")
    phone.fill("input[name=password1]", "Hoc-so-2026-an-toan")
    phone.fill("input[name=password2]", "Hoc-so-2026-an-toan")
    phone.locator("form[action='/accounts/signup/'] button[type=submit]").click()
    phone.wait_for_url(lambda url: "/accounts/signup/" not in url)

    phone.goto(f"{live_server.url}{course.url}")
    assert has_no_sideways_scroll(phone)
    phone.locator(f"form[action='/my/courses/{course.pk}/enroll/'] button").click()
    phone.locator("a.button", has_text=lessons_of(course)[0].title).click()

    for lesson in lessons_of(course)[:-1]:
        assert phone.locator("h1").inner_text() == lesson.title
        assert has_no_sideways_scroll(phone)
        phone.locator("a[rel=next]").click()

    assert phone.locator("h1").inner_text() == last.title
    phone.locator(f"form[action='/my/activities/{last.pk}/done/'] button").click()
    phone.locator("p.done").wait_for()
    assert phone.locator(".progress").get_attribute("aria-valuenow") == "100"
    # The last lesson says the course is complete and hands over the certificate, issued as the course completed.
    assert "Khởi động" in phone.locator("#course-complete").inner_text()
    assert phone.get_by_role("link", name="Tải chứng chỉ (PDF)").is_visible()
    assert has_no_sideways_scroll(phone)

    phone.goto(f"{live_server.url}/my/")
    completed_heading = phone.locator("h2").nth(1)
    assert completed_heading.is_visible()
    assert phone.locator(".card", has_text="Khởi động").locator(".done").is_visible()
    assert Enrollment.objects.get(user__email="anh.do@example.vn").completed_at is not None
