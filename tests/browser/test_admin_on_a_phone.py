"""A manager opens a course's pages in the Wagtail admin on a 360 px phone: the titles stay readable."""

import pytest

from tests.browser.test_quiz_in_chromium import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_explorer_keeps_vietnamese_titles_readable_on_a_phone(live_server, phone, manager, make_course):
    course = make_course(slug="thanh-toan-so", lessons=2, sections=2)
    section = course.get_children().first().specific
    section.title = "Nộp hồ sơ, thanh toán và nhận kết quả"
    section.save_revision().publish()
    log_in(phone, live_server.url, manager.email)

    phone.goto(f"{live_server.url}/admin/pages/{course.pk}/")
    title = phone.locator("td.title", has_text="Nộp hồ sơ, thanh toán").first

    # Squeezed between the other columns, the title was one syllable (or less) per line, some 40 px wide.
    assert title.bounding_box()["width"] >= 200
