"""A trainer types a Vietnamese title in Wagtail's page editor: the slug that forms as they type is the one stored."""

import pytest

from courses.models import LessonPage
from tests.browser.test_quiz_in_chromium import log_in

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_slug_of_a_vietnamese_title_forms_without_diacritics_as_the_title_is_typed(live_server, desk, manager, course):
    log_in(desk, live_server.url, manager.email)
    desk.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{course.pk}/")

    desk.locator("#id_title").press_sequentially("Thanh toán không dùng tiền mặt ở Đà Nẵng")

    # Wagtail's own script would make "thanh-toan-khong-dung-tin-mt-o-dja-nang" of it.
    expect(desk.locator("#id_slug")).to_have_value("thanh-toan-khong-dung-tien-mat-o-da-nang")

    desk.locator("footer [data-w-dropdown-target=toggle]").click()
    desk.locator("button[name=action-publish]").click()
    desk.wait_for_url(lambda url: "/add/" not in url)
    lesson = LessonPage.objects.get(title="Thanh toán không dùng tiền mặt ở Đà Nẵng")
    assert lesson.slug == "thanh-toan-khong-dung-tien-mat-o-da-nang"
    assert lesson.live
