"""
Choosing a quiz's questions in the Wagtail editor: the chooser shows each
question's type, the start of its text and its category, filters by category,
and chooses several questions, or a whole category, at once.
"""

import json
from html import unescape

import pytest

from courses.models import CoursePage
from lms.enrollment import services as enrollment_services
from lms.quizzes import services
from lms.quizzes.models import QuizSlot

CHOOSER_URL = "/admin/snippets/choose/quizzes/question/"


@pytest.fixture
def bank(category, make_question):
    """Two questions at the top of the bank, two in a subcategory, one in a category beside it."""
    scams = category.add_child(name="Lừa đảo")
    other = category.add_sibling(name="Thanh toán")
    return {
        "top": category,
        "scams": scams,
        "other": other,
        "phishing": make_question(name="Tin nhắn lạ", text="<p>Một tin nhắn báo <b>trúng thưởng</b> và xin mã OTP: làm gì?</p>",
                                  category=scams, answers=[("Bỏ qua", 1)]),
        "call": make_question(name="Cuộc gọi", qtype="true_false", text="<p>Công an gọi điện đòi chuyển tiền là thật?</p>",
                              category=scams, answers=[("true", 0), ("false", 1)]),
        "vneid": make_question(name="VNeID", text="<p>Ứng dụng định danh điện tử là gì?</p>", answers=[("VNeID", 1)]),
        "qr": make_question(name="Mã QR", text="<p>Quét mã QR để thanh toán</p>", category=other, answers=[("Có", 1)]),
    }


def modal_html(response):
    """The modal's HTML: the modal itself comes as JSON, a refreshed list of results as HTML."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return unescape(json.loads(response.content)["html"])
    return unescape(response.content.decode())


def test_the_chooser_shows_type_start_of_text_and_category(admin_client, bank):
    html = modal_html(admin_client.get(CHOOSER_URL))

    assert "Tin nhắn lạ" in html and "Đúng / sai" in html
    assert "Một tin nhắn báo trúng thưởng và xin mã OTP: làm gì?" in html
    assert "<b>" not in html.split("Tin nhắn lạ")[1].split("</tr>")[0]
    assert "Kỹ năng số / Lừa đảo" in html
    assert 'name="category"' in html  # the category filter


def test_filtering_by_category_keeps_its_subcategories_and_offers_the_whole_category(admin_client, bank):
    html = modal_html(admin_client.get(f"{CHOOSER_URL}results/", {"multiple": "1", "category": bank["top"].pk}))

    assert "Tin nhắn lạ" in html and "Cuộc gọi" in html and "VNeID" in html
    assert "Mã QR" not in html
    assert f'name="category" value="{bank["top"].pk}" data-multiple-choice-select' in html
    assert "Chọn cả danh mục “Kỹ năng số”: 3 câu hỏi, kể cả danh mục con" in html
    assert html.count('name="id"') == 3


def test_the_whole_category_box_is_offered_only_when_choosing_several(admin_client, bank):
    html = modal_html(admin_client.get(f"{CHOOSER_URL}results/", {"category": bank["scams"].pk}))

    assert "Tin nhắn lạ" in html and "VNeID" not in html
    assert "Chọn cả danh mục" not in html


def test_several_questions_and_a_whole_category_are_chosen_at_once_each_once(admin_client, bank):
    response = admin_client.get(
        f"{CHOOSER_URL}chosen-multiple/",
        {"multiple": "1", "id": [bank["qr"].pk, bank["call"].pk, "không-phải-số"], "category": bank["scams"].pk},
    )

    chosen = json.loads(response.content)
    assert chosen["step"] == "chosen"
    assert [item["string"] for item in chosen["result"]] == ["Cuộc gọi", "Mã QR", "Tin nhắn lạ"]


def test_the_quiz_editor_adds_questions_with_the_multiple_chooser_and_keeps_random_slots(admin_client, quiz):
    html = admin_client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()

    assert "id_slots-OPEN_MODAL" in html  # several questions at once
    assert "id_slots-ADD_EMPTY" in html and "Thêm câu hỏi ngẫu nhiên từ một danh mục" in html
    assert "MultipleChooserPanel" in html


def test_a_question_chosen_twice_is_asked_once(learner, make_quiz, bank):
    quiz = make_quiz([bank["vneid"], bank["call"]], slug="trung-lap")
    QuizSlot.objects.create(page=quiz, question=bank["vneid"], sort_order=5)
    enrollment_services.enroll(learner, CoursePage.of(quiz))

    attempt = services.start_attempt(learner, quiz)

    assert [response.question.name for response in attempt.responses.order_by("position")] == ["VNeID", "Cuộc gọi"]
    assert attempt.max_mark == 2


def test_markup_typed_into_a_question_shows_as_text_in_the_chooser(admin_client, make_question):
    make_question(name="Thẻ <b>đậm</b>", text="<p>Gõ &lt;script&gt;alert(1)&lt;/script&gt; vào ô tìm kiếm?</p>")

    html = json.loads(admin_client.get(CHOOSER_URL).content)["html"]

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Thẻ &lt;b&gt;đậm&lt;/b&gt;" in html
