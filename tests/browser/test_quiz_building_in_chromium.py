"""A trainer adds a whole category of questions to a quiz in the Wagtail editor, with the multiple chooser."""

import pytest

from courses.models import QuizPage
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_whole_category_and_a_random_slot_are_added_in_the_editor(live_server, desk, make_user, make_quiz, make_question, category):
    scams = category.add_child(name="Lừa đảo")
    first = make_question(name="Sẵn có", answers=[("Có", 1)])
    make_question(name="Tin nhắn lạ", category=scams, answers=[("Bỏ qua", 1)])
    make_question(name="Cuộc gọi", category=scams, answers=[("Cúp máy", 1)])
    quiz = make_quiz([first], slug="xay-dung")
    admin = make_user(email="quan.tri@example.vn", is_superuser=True, is_staff=True)

    desk.goto(f"{live_server.url}/admin/login/")
    desk.fill("input[name=username]", admin.email)
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("form button[type=submit]").click()
    desk.wait_for_url(lambda url: "/admin/login/" not in url)
    desk.goto(f"{live_server.url}/admin/pages/{quiz.pk}/edit/")

    desk.locator("#id_slots-OPEN_MODAL").click()
    modal = desk.locator(".modal-dialog")
    modal.locator("select[name=category]").select_option(str(scams.pk))
    whole = modal.get_by_label("Chọn cả danh mục “Lừa đảo”: 2 câu hỏi, kể cả danh mục con")
    whole.check()
    modal.locator("[data-multiple-choice-submit]").click()
    desk.locator("#id_slots-FORMS [data-inline-panel-child]:not(.deleted)").nth(2).wait_for()
    desk.get_by_role("button", name="Thêm câu hỏi ngẫu nhiên từ một danh mục").click()
    desk.locator("#id_slots-FORMS [data-inline-panel-child]:not(.deleted)").nth(3).wait_for()
    desk.locator("#id_slots-3-random_category").select_option(str(scams.pk))
    assert desk.locator("#id_slots-TOTAL_FORMS").input_value() == "4"  # one click, one slot
    # Publish sits in the footer's drop-down menu; what is tested here is the slots the form sends.
    desk.evaluate("document.querySelector('button[name=action-publish]').click()")
    desk.wait_for_url(lambda url: "/edit/" not in url)

    quiz = QuizPage.objects.get(pk=quiz.pk)
    slots = list(quiz.slots.order_by("sort_order"))
    assert [slot.question.name if slot.question else None for slot in slots] == ["Sẵn có", "Cuộc gọi", "Tin nhắn lạ", None]
    assert slots[3].random_category == scams
