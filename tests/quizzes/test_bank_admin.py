"""The question bank in the Wagtail admin, as a trainer uses it: questions, categories, import, export."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from django.utils.text import capfirst
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from lms.accounts import roles
from lms.quizzes import admin_views, bank
from lms.quizzes.models import Question, QuestionCategory

QUESTIONS_URL = "/admin/snippets/quizzes/question/"
CATEGORIES_URL = "/admin/question_categories/"
IMPORT_URL = "/admin/question-bank/import/"
EXPORT_URL = "/admin/question-bank/export/"

GIFT = """\
$CATEGORY: $course$/Kỹ năng số/An toàn thông tin

::OTP:: Có nên đọc mã OTP cho người gọi điện tự xưng là ngân hàng?{F}

::Mật khẩu:: Mật khẩu nào mạnh nhất?{
    =Tr0ng@2024#Đúng
    ~123456#Quá dễ đoán
    ~matkhau#Quá dễ đoán
}

::Hỏng:: Câu này thiếu dấu đóng {
    =a
    ~b
"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<quiz><question type="truefalse"><name><text>&lol2;</text></name></question></quiz>
"""


@pytest.fixture
def trainer(catalogue, make_user):
    trainers, _managers = roles.ensure_roles(catalogue)
    user = make_user(email="giang.vien@example.vn", full_name="Trần Văn Giảng")
    user.groups.add(trainers)
    return user


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def bank_category(db):
    return bank.category_for_path("Kỹ năng số/An toàn thông tin")


def upload(client, content, name="ngan-hang.gift", **fields):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), **fields})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Questions ------------------------------------------------------------------------------------


def test_trainers_see_the_questions_with_type_and_category(trainer_client, make_question, bank_category):
    make_question(name="Thủ đô", answers=[("Hà Nội", 1), ("Huế", 0)])
    make_question(qtype=Question.Type.ESSAY, name="Cảm nhận", category=bank_category)

    listing = trainer_client.get(QUESTIONS_URL)

    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Thủ đô" in content and "Cảm nhận" in content
    assert "Kỹ năng số / An toàn thông tin" in content
    assert str(Question.Type.ESSAY.label) in content


def test_the_question_list_filters_by_category_with_its_subcategories_and_by_type(
    trainer_client, make_question, bank_category
):
    other = bank.category_for_path("Dịch vụ công")
    make_question(name="Ở con", category=bank_category)
    make_question(name="Ở nơi khác", category=other)
    make_question(qtype=Question.Type.ESSAY, name="Tự luận", category=other)
    top = bank_category.get_parent()

    by_category = trainer_client.get(QUESTIONS_URL, {"category": top.pk}).content.decode()
    by_type = trainer_client.get(QUESTIONS_URL, {"qtype": "essay"}).content.decode()

    assert "Ở con" in by_category and "Ở nơi khác" not in by_category
    assert "Tự luận" in by_type and "Ở con" not in by_type


# Question.search_fields has no AutocompleteField, so Wagtail warns that only whole words are found.
@pytest.mark.filterwarnings("ignore:.*AutocompleteFields:RuntimeWarning")
def test_the_question_list_searches(trainer_client, make_question):
    make_question(name="Chữ ký số", text="<p>Chữ ký số là gì?</p>")
    make_question(name="Thanh toán")

    results = trainer_client.get(QUESTIONS_URL, {"q": "ký"}).content.decode()

    assert "Chữ ký số" in results and "Thanh toán" not in results


def test_trainers_create_a_multiple_choice_question_with_answers(trainer_client, bank_category):
    form = trainer_client.get(QUESTIONS_URL + "add/")
    assert form.status_code == 200
    assert "\u2003An toàn thông tin" in form.content.decode()

    response = trainer_client.post(
        QUESTIONS_URL + "add/",
        nested_form_data(
            {
                "category": bank_category.pk,
                "qtype": Question.Type.MULTIPLE_CHOICE,
                "name": "Dấu hiệu lừa đảo",
                "text": rich_text("<p>Đâu là dấu hiệu lừa đảo?</p>"),
                "default_mark": "2",
                "shuffle_answers": "on",
                "answers": inline_formset(
                    [
                        {"text": "Yêu cầu mã OTP", "fraction": "0.5", "tolerance": "0", "feedback": "Đúng"},
                        {"text": "Hối thúc chuyển tiền", "fraction": "0.5", "tolerance": "0", "feedback": ""},
                        {"text": "Gọi từ tổng đài chính thức", "fraction": "-1", "tolerance": "0", "feedback": ""},
                    ]
                ),
                "matches": inline_formset([]),
                "general_feedback": rich_text(""),
                "correct_feedback": rich_text(""),
                "partially_correct_feedback": rich_text(""),
                "incorrect_feedback": rich_text(""),
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get(name="Dấu hiệu lừa đảo")
    assert question.category == bank_category
    assert question.default_mark == Decimal(2)
    assert [(a.text, a.fraction) for a in question.answers.all()] == [
        ("Yêu cầu mã OTP", Decimal("0.5")),
        ("Hối thúc chuyển tiền", Decimal("0.5")),
        ("Gọi từ tổng đài chính thức", Decimal(-1)),
    ]


def test_quiz_slots_choose_questions_with_the_snippet_chooser(admin_client, quiz):
    edit = admin_client.get(f"/admin/pages/{quiz.pk}/edit/")

    assert edit.status_code == 200
    assert "/admin/snippets/choose/quizzes/question/" in edit.content.decode()


# Categories -----------------------------------------------------------------------------------


def add_category(client, name, parent=None, info=""):
    return client.post(
        CATEGORIES_URL + "new/",
        {
            "name": name,
            "info": info,
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": parent.pk if parent else "",
        },
    )


def test_trainers_build_the_category_tree(trainer_client):
    assert add_category(trainer_client, "Kỹ năng số").status_code == 302
    top = QuestionCategory.objects.get(name="Kỹ năng số")
    assert add_category(trainer_client, "Thanh toán", top).status_code == 302
    assert add_category(trainer_client, "An toàn thông tin", top, info="Lừa đảo trực tuyến").status_code == 302

    top.refresh_from_db()
    listing = trainer_client.get(CATEGORIES_URL).content.decode()

    assert [child.name for child in top.get_children()] == ["An toàn thông tin", "Thanh toán"]
    assert QuestionCategory.objects.get(name="An toàn thông tin").info == "Lừa đảo trực tuyến"
    assert listing.index("Kỹ năng số") < listing.index("\u2003An toàn thông tin") < listing.index("\u2003Thanh toán")


def test_a_category_holding_questions_is_not_deleted(trainer_client, make_question, bank_category):
    make_question(category=bank_category)
    top = bank_category.get_parent()

    response = trainer_client.post(f"{CATEGORIES_URL}delete/{top.pk}/")

    assert response.status_code in (302, 403)
    assert QuestionCategory.objects.filter(pk__in=[top.pk, bank_category.pk]).count() == 2
    assert Question.objects.count() == 1


def test_an_empty_category_is_deleted(trainer_client):
    empty = bank.category_for_path("Trống/Con")

    response = trainer_client.post(f"{CATEGORIES_URL}delete/{empty.get_parent().pk}/")

    assert response.status_code == 302
    assert not QuestionCategory.objects.exists()


# Import ---------------------------------------------------------------------------------------


def test_the_import_preview_lists_questions_and_skipped_lines_and_writes_nothing(trainer_client):
    response = upload(trainer_client, GIFT.encode())
    assert response.status_code == 302
    preview = trainer_client.get(response["Location"])

    content = preview.content.decode()
    assert preview.status_code == 200
    assert "OTP" in content and "Mật khẩu" in content
    assert "Kỹ năng số / An toàn thông tin" in content
    assert "<td>11</td>" in content  # the line of the question that cannot be imported
    assert "::Hỏng::" in content
    reason = bank.skipped_reason(bank.read_question_file(GIFT.encode(), "gift").skipped[0])
    assert escape(capfirst(reason)) in content
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_confirming_the_preview_imports_the_questions(trainer_client):
    target = bank.category_for_path("Tỉnh Thái Nguyên")
    preview_url = upload(trainer_client, GIFT.encode(), category=target.pk)["Location"]
    assert "Tỉnh Thái Nguyên / Kỹ năng số / An toàn thông tin" in trainer_client.get(preview_url).content.decode()

    response = trainer_client.post(preview_url, {"confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == QUESTIONS_URL
    assert Question.objects.count() == 2
    assert Question.objects.get(name="Mật khẩu").category.path_label == (
        "Tỉnh Thái Nguyên/Kỹ năng số/An toàn thông tin"
    )
    assert Question.objects.get(name="Mật khẩu").answers.count() == 3
    assert any("2" in message for message in messages_of(response))
    # The pending file is gone: confirming twice imports nothing more.
    trainer_client.post(preview_url, {"confirm": "1"})
    assert Question.objects.count() == 2


def test_cancelling_the_preview_writes_nothing(trainer_client):
    preview_url = upload(trainer_client, GIFT.encode())["Location"]

    response = trainer_client.post(preview_url, {"cancel": "1"})

    assert response.status_code == 302
    assert not Question.objects.exists() and not QuestionCategory.objects.exists()
    assert admin_views.PENDING_IMPORT not in trainer_client.session


def test_an_unknown_or_tampered_token_imports_nothing(trainer_client):
    preview_url = upload(trainer_client, GIFT.encode())["Location"]
    session = trainer_client.session
    pending = session[admin_views.PENDING_IMPORT]
    pending["sha256"] = "0" * 64
    session[admin_views.PENDING_IMPORT] = pending
    session.save()

    assert trainer_client.post(preview_url, {"confirm": "1"}).status_code == 302
    assert trainer_client.post(IMPORT_URL + "not-a-token/", {"confirm": "1"}).status_code == 302
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [("bomb.xml", BOMB), ("hong.xml", b"<quiz><question"), ("latin1.gift", b"::Q:: C\xe2u h\xf3i {T}")],
)
def test_an_unreadable_file_shows_an_error_in_the_form_and_writes_nothing(trainer_client, name, content):
    response = upload(trainer_client, content, name=name)

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert "error-message" in response.content.decode() or "error" in response.content.decode()
    assert admin_views.PENDING_IMPORT not in trainer_client.session
    assert not Question.objects.exists() and not QuestionCategory.objects.exists()


def test_a_file_over_10_mb_is_refused(trainer_client, monkeypatch):
    monkeypatch.setattr(bank, "MAX_FILE_BYTES", 100)

    response = upload(trainer_client, b"// " + b"x" * 200)

    assert response.status_code == 400
    assert "10 MB" in str(response.context["form"].errors["file"])


def test_the_chosen_format_overrides_the_extension(trainer_client):
    response = upload(trainer_client, GIFT.encode(), name="ngan-hang.xml", format="gift")

    assert response.status_code == 302


# Export ---------------------------------------------------------------------------------------


def test_trainers_download_a_category_as_gift_or_xml(trainer_client, make_question, bank_category):
    make_question(name="Mật khẩu", category=bank_category, answers=[("Tr0ng@2024", 1), ("123456", 0)])
    top = bank_category.get_parent()

    assert trainer_client.get(EXPORT_URL).status_code == 200
    gift = trainer_client.get(EXPORT_URL, {"category": top.pk, "format": "gift", "include_subcategories": "on"})
    xml = trainer_client.get(EXPORT_URL, {"category": bank_category.pk, "format": "xml"})

    assert gift.status_code == 200
    assert gift["Content-Disposition"] == 'attachment; filename="question-bank-ky-nang-so.gift.txt"'
    assert "::Mật khẩu::" in gift.content.decode()
    assert xml["Content-Disposition"] == 'attachment; filename="question-bank-an-toan-thong-tin.xml"'
    assert [q.name for q in bank.read_question_file(xml.content).questions] == ["Mật khẩu"]


def test_exporting_without_subcategories_leaves_them_out(trainer_client, make_question, bank_category):
    make_question(name="Ở con", category=bank_category)

    gift = trainer_client.get(EXPORT_URL, {"category": bank_category.get_parent().pk, "format": "gift"})

    assert "Ở con" not in gift.content.decode()


# Who may ----------------------------------------------------------------------------------------


def bank_urls(category, question):
    return [
        QUESTIONS_URL,
        QUESTIONS_URL + "add/",
        f"{QUESTIONS_URL}edit/{question.pk}/",
        CATEGORIES_URL,
        CATEGORIES_URL + "new/",
        f"{CATEGORIES_URL}edit/{category.pk}/",
        IMPORT_URL,
        EXPORT_URL,
        f"{EXPORT_URL}?category={category.pk}&format=gift",
    ]


def test_learners_are_refused_everywhere(learner_client, capital_question, category):
    for url in bank_urls(category, capital_question):
        assert learner_client.get(url).status_code in (302, 403), url
    response = learner_client.post(IMPORT_URL, {"file": SimpleUploadedFile("a.gift", GIFT.encode())})
    assert response.status_code in (302, 403)
    assert Question.objects.count() == 1


def test_admin_users_without_the_bank_permissions_are_refused(client, make_user, capital_question, category):
    user = make_user(email="nhan.su@example.vn")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    for url in bank_urls(category, capital_question):
        # Wagtail turns a refusal into a redirect to the dashboard, with a message.
        assert client.get(url).status_code in (302, 403), url
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("a.gift", GIFT.encode())})
    assert response.status_code in (302, 403)
    assert admin_views.PENDING_IMPORT not in client.session


def test_training_managers_use_the_bank(client, catalogue, make_user, capital_question, category):
    _trainers, managers = roles.ensure_roles(catalogue)
    manager = make_user(email="quan.ly@example.vn")
    manager.groups.add(managers)
    client.force_login(manager)

    for url in bank_urls(category, capital_question):
        assert client.get(url).status_code == 200, url


def test_the_menu_offers_the_question_bank(trainer_client):
    content = trainer_client.get("/admin/").content.decode()

    for url in (QUESTIONS_URL, CATEGORIES_URL, IMPORT_URL, EXPORT_URL):
        assert url in content


def test_a_category_made_after_the_list_was_shown_has_its_path_in_the_next_list(trainer_client, make_question):
    make_question(name="Thủ đô", answers=[("Hà Nội", 1), ("Huế", 0)])
    trainer_client.get(QUESTIONS_URL)
    newer = bank.category_for_path("Chuyển đổi số/Thanh toán")
    make_question(name="Mã QR", category=newer, answers=[("VietQR", 1), ("Tiền mặt", 0)])

    content = trainer_client.get(QUESTIONS_URL).content.decode()

    assert "Chuyển đổi số / Thanh toán" in content
