"""
A question already in its category (same type and text), or twice in one
file, is not imported again: the trainer is told which and how many, in the
preview and after the import. Checked with Moodle's own fixture files,
imported twice.
"""

from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from lms.accounts import roles
from lms.quizzes import bank
from lms.quizzes.models import Answer, Question, QuestionCategory
from tests.quizzes.test_bank import SAMPLES

GIFT_FIXTURE = "moodle-fixture-questions.gift.txt"
XML_FIXTURE = "moodle-fixture-nested-categories.xml"
IMPORT_URL = "/admin/question-bank/import/"

GIFT = """\
$CATEGORY: Kỹ năng số/Lừa đảo

::Cuộc gọi:: Có nên đọc mã OTP cho người tự xưng là công an?{F}

::Cuộc gọi (bản 2):: Có nên   đọc mã OTP cho người tự xưng là công an?{FALSE}

::Cùng chữ, khác loại:: Có nên đọc mã OTP cho người tự xưng là công an?{=Không ~Có}
"""


def sample(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"the shared Moodle samples are not on this machine ({path} is missing)")
    return path.read_bytes()


def import_file(data, name, category=None):
    return bank.import_questions(bank.read_question_file(data, None, name), default_category=category)


def bank_contents():
    return Question.objects.count(), Answer.objects.count(), QuestionCategory.objects.count()


# The services -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [GIFT_FIXTURE, XML_FIXTURE])
def test_a_moodle_file_imported_twice_adds_nothing_the_second_time(db, name):
    data = sample(name)
    first = import_file(data, name)
    held = bank_contents()

    second = import_file(data, name)

    assert second.total == 0
    assert bank_contents() == held
    assert len(second.duplicates) == len(bank.read_question_file(data, None, name).questions)
    assert {duplicate.name for duplicate in second.duplicates} == {question.name for question in first.questions}
    assert all(duplicate.first_line is None for duplicate in second.duplicates)
    assert "đã có một câu hỏi cùng loại với cùng nội dung" in second.duplicates[0].reason


def test_the_same_question_twice_in_a_file_is_saved_once_and_named(db):
    report = import_file(GIFT.encode(), "lua-dao.gift")

    assert sorted(question.name for question in report.questions) == ["Cuộc gọi", "Cùng chữ, khác loại"]
    [duplicate] = report.duplicates
    assert (duplicate.line, duplicate.name, duplicate.first_line) == (5, "Cuộc gọi (bản 2)", 3)
    assert duplicate.category == "Kỹ năng số / Lừa đảo"
    assert "ở dòng 3" in duplicate.reason


def test_the_same_text_in_another_category_is_not_a_duplicate(db):
    data = sample(GIFT_FIXTURE)
    import_file(data, GIFT_FIXTURE)
    elsewhere = bank.category_for_path("Tỉnh Bắc Ninh")

    report = import_file(data, GIFT_FIXTURE, category=elsewhere)

    assert report.total == 8
    assert [duplicate.line for duplicate in report.duplicates] == [49]  # only the file's own repeat
    assert Question.objects.count() == 16


def test_the_command_lists_the_duplicates_it_left_out(db, tmp_path):
    path = tmp_path / GIFT_FIXTURE
    path.write_bytes(sample(GIFT_FIXTURE))
    call_command("import_questions", str(path), stdout=open(tmp_path / "first.txt", "w"))
    output = tmp_path / "second.txt"
    with open(output, "w") as stdout:
        call_command("import_questions", str(path), stdout=stdout)

    text = output.read_text()
    assert "Imported 0 questions" in text
    assert "Left out 9 duplicate questions:" in text
    assert "line 49: 2-08 TSL:" in text


# The admin, over HTTP ---------------------------------------------------------------------------


@pytest.fixture
def trainer_client(client, catalogue, make_user):
    trainers, _managers = roles.ensure_roles(catalogue)
    trainer = make_user(email="giang.vien@example.vn", full_name="Trần Văn Giảng")
    trainer.groups.add(trainers)
    client.force_login(trainer)
    return client


def preview_and_confirm(client, data, name):
    preview_url = client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data)})["Location"]
    preview = unescape(client.get(preview_url).content.decode())
    confirmed = client.post(preview_url, {"confirm": "1"})
    return preview, [str(message) for message in get_messages(confirmed.wsgi_request)]


def test_the_trainer_reimporting_a_moodle_file_sees_every_duplicate_and_nothing_is_copied(trainer_client):
    data = sample(GIFT_FIXTURE)
    first_preview, first_messages = preview_and_confirm(trainer_client, data, GIFT_FIXTURE)
    assert "1 câu hỏi trùng lặp sẽ không được nhập lại" in first_preview
    assert "Tệp đã có câu hỏi này (cùng loại và nội dung, cùng danh mục) ở dòng 46." in first_preview
    assert "Đã nhập 8 câu hỏi" in first_messages[0]
    assert "1 câu hỏi trùng lặp không được nhập lại: “2-08 TSL” (dòng 49)." in first_messages[0]
    held = bank_contents()

    second_preview, second_messages = preview_and_confirm(trainer_client, data, GIFT_FIXTURE)

    assert "9 câu hỏi trùng lặp sẽ không được nhập lại" in second_preview
    assert "Danh mục “Câu hỏi đã nhập” đã có một câu hỏi cùng loại với cùng nội dung." in second_preview
    assert "Nhập 0 câu hỏi" not in second_preview  # nothing left to import: no import button
    assert "9 câu hỏi trùng lặp không được nhập lại" in second_messages[0]
    assert "và 4 câu khác" in second_messages[0]
    assert bank_contents() == held
