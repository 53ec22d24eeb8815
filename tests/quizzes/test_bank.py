"""The question bank's services: categories by path, import (all or nothing, sanitised), export, file reading."""

import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.translation import gettext

from lms.quizzes import bank
from lms.quizzes.formats.gift import parse_gift
from lms.quizzes.grading import grade
from lms.quizzes.formats.base import (
    AnswerData,
    CategoryData,
    ImportFileError,
    ParseResult,
    QuestionData,
    SkippedQuestion,
)
from lms.quizzes.models import Answer, MatchPair, Question, QuestionCategory

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "questions"

GIFT = """\
// Câu hỏi mẫu cho khoá An toàn thông tin
$CATEGORY: $course$/Kỹ năng số/An toàn thông tin

::Mật khẩu::[html]Mật khẩu nào <b>mạnh</b> nhất?{
    =Tr0ng@2024#Đúng: dài, có số và ký hiệu.
    ~123456#Quá dễ đoán.
}

::OTP:: Có nên đọc mã OTP cho người gọi điện tự xưng là ngân hàng?{F}

::Thủ đô:: Thủ đô của Việt Nam là {=Hà Nội =Ha Noi}.

$CATEGORY: $course$/Kỹ năng số/Dịch vụ công

::Năm:: Cổng Dịch vụ công quốc gia ra mắt năm nào?{#2019:0}

::Ghép:: Ghép dịch vụ với nơi thực hiện {
    =Cấp đổi CCCD -> Công an
    =Khai sinh -> UBND xã
    = -> Ngân hàng
}

::Cảm nhận:: Bạn thấy khoá học thế nào?{}
"""

XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/Kỹ năng số/Thanh toán</text></category>
    <info format="html"><text><![CDATA[<p>Thanh toán không dùng tiền mặt</p>]]></text></info>
  </question>
  <question type="multichoice">
    <name><text>Ví điện tử</text></name>
    <questiontext format="html"><text><![CDATA[<p>Chọn các ví điện tử được cấp phép</p>]]></text></questiontext>
    <defaultgrade>2</defaultgrade>
    <single>false</single>
    <shuffleanswers>0</shuffleanswers>
    <answer fraction="50" format="html"><text>MoMo</text><feedback format="html"><text>Đúng</text></feedback></answer>
    <answer fraction="50" format="html"><text>ZaloPay</text></answer>
    <answer fraction="-100" format="html"><text>Ví lạ qua tin nhắn</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Mã QR</text></name>
    <questiontext format="html"><text><![CDATA[<p>Quét mã QR lạ là an toàn.</p>]]></text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
</quiz>
"""


def gift_result(text=GIFT):
    return bank.read_question_file(text.encode(), "gift")


def question(qtype="single_choice", name="Câu hỏi", text="<p>Câu hỏi?</p>", path=(), answers=None, **fields):
    if answers is None:
        answers = [AnswerData("Đúng", Decimal(1)), AnswerData("Sai", Decimal(0))]
    return QuestionData(qtype=qtype, name=name, text=text, category_path=list(path), answers=answers, **fields)


# Categories -----------------------------------------------------------------------------------


def test_split_category_path():
    assert bank.split_category_path("Kỹ năng số / An toàn thông tin") == ["Kỹ năng số", "An toàn thông tin"]
    assert bank.split_category_path("/A//B/ C /") == ["A/B", "C"]
    assert bank.split_category_path("") == []


def test_category_for_path_creates_levels_once_and_matches_nfc_names(db):
    decomposed = unicodedata.normalize("NFD", "Kỹ năng số")

    leaf = bank.category_for_path([decomposed, "An toàn"])
    again = bank.category_for_path("Kỹ năng số/An toàn")
    sibling = bank.category_for_path("Kỹ năng số/Dịch vụ công")

    assert again == leaf
    assert leaf.path_names == ["Kỹ năng số", "An toàn"]
    assert sibling.get_parent() == leaf.get_parent()
    assert QuestionCategory.objects.count() == 3


def test_category_for_path_without_create_refuses_unknown_paths(db):
    bank.category_for_path("A/B")

    assert bank.category_for_path("A/B", create=False).name == "B"
    with pytest.raises(QuestionCategory.DoesNotExist):
        bank.category_for_path("A/C", create=False)
    assert QuestionCategory.objects.count() == 2


# Import ---------------------------------------------------------------------------------------


def test_a_gift_file_is_imported_with_its_categories_answers_and_pairs(db):
    report = bank.import_questions(gift_result())

    assert report.imported == Counter(
        single_choice=1, true_false=1, short_answer=1, numerical=1, matching=1, essay=1
    )
    assert report.skipped == []
    assert {category.path_label for category in report.categories} == {
        "Kỹ năng số", "Kỹ năng số/An toàn thông tin", "Kỹ năng số/Dịch vụ công",
    }
    password = Question.objects.get(name="Mật khẩu")
    assert password.category.path_label == "Kỹ năng số/An toàn thông tin"
    assert password.text == "Mật khẩu nào <b>mạnh</b> nhất?"
    assert [(a.text, a.fraction, a.feedback) for a in password.answers.all()] == [
        ("Tr0ng@2024", Decimal(1), "Đúng: dài, có số và ký hiệu."),
        ("123456", Decimal(0), "Quá dễ đoán."),
    ]
    year = Question.objects.get(name="Năm")
    assert year.category.path_label == "Kỹ năng số/Dịch vụ công"
    assert [(a.text, a.fraction) for a in year.answers.all()] == [("2019", Decimal(1))]
    matching = Question.objects.get(name="Ghép")
    assert [(pair.prompt, pair.answer) for pair in matching.matches.all()] == [
        ("Cấp đổi CCCD", "Công an"), ("Khai sinh", "UBND xã"), ("", "Ngân hàng"),
    ]
    assert Question.objects.get(name="Cảm nhận").qtype == Question.Type.ESSAY


def test_a_moodle_xml_file_is_imported(db):
    report = bank.import_questions(bank.read_question_file(XML.encode(), None, "bank.xml"))

    assert report.imported == Counter(multiple_choice=1, true_false=1)
    payments = QuestionCategory.objects.get(name="Thanh toán")
    assert payments.path_label == "Kỹ năng số/Thanh toán"
    assert payments.info == "<p>Thanh toán không dùng tiền mặt</p>"
    wallets = Question.objects.get(name="Ví điện tử")
    assert wallets.default_mark == Decimal(2)
    assert wallets.shuffle_answers is False
    assert [a.fraction for a in wallets.answers.all()] == [Decimal("0.5"), Decimal("0.5"), Decimal(-1)]
    qr = Question.objects.get(name="Mã QR")
    assert {a.text: a.fraction for a in qr.answers.all()} == {"true": Decimal(0), "false": Decimal(1)}


def test_paths_are_created_below_the_default_category(db):
    target = bank.category_for_path("Tỉnh Thái Nguyên/Ngân hàng câu hỏi")

    bank.import_questions(gift_result(), default_category=target)

    assert Question.objects.get(name="Mật khẩu").category.path_label == (
        "Tỉnh Thái Nguyên/Ngân hàng câu hỏi/Kỹ năng số/An toàn thông tin"
    )
    assert QuestionCategory.get_root_nodes().count() == 1


def test_questions_without_a_path_go_to_the_default_category_or_an_imported_one(db):
    target = bank.category_for_path("Đích")
    result = ParseResult(questions=[question(name="Một")])

    bank.import_questions(result, default_category=target)
    bank.import_questions(ParseResult(questions=[question(name="Hai")]))

    assert Question.objects.get(name="Một").category == target
    assert Question.objects.get(name="Hai").category.path_label == gettext("Imported")


def test_dollar_course_paths_from_moodle_nest_categories(db):
    text = "$CATEGORY: $course$/A/B\n\n::Q:: Câu hỏi {T}\n\n$CATEGORY: $course$/A/B/C\n\n::R:: Câu hỏi {F}\n"

    bank.import_questions(gift_result(text))

    assert Question.objects.get(name="Q").category.path_label == "A/B"
    assert Question.objects.get(name="R").category.path_label == "A/B/C"
    assert not QuestionCategory.objects.filter(name__contains="$").exists()


def test_html_is_sanitised_everywhere(db):
    hostile = '<p onclick="steal()">Câu <a href="javascript:alert(1)">hỏi</a></p><script>alert(1)</script>'
    result = ParseResult(
        questions=[
            question(
                text=hostile + '<img src="x.png" onerror="alert(1)" alt="Hình">',
                general_feedback="<style>body{}</style><b>Chung</b>",
                answers=[AnswerData('<i onmouseover="x()">Đúng</i>', Decimal(1), feedback="<script>x()</script>Tốt")],
                path=["Mục"],
            )
        ],
        categories=[CategoryData(path=["Mục"], info='<iframe src="https://evil.example"></iframe><p>Mô tả</p>')],
    )

    bank.import_questions(result)

    saved = Question.objects.get()
    stored = " ".join(
        [saved.text, saved.general_feedback, saved.category.info]
        + [answer.text + answer.feedback for answer in saved.answers.all()]
    )
    for forbidden in ("<script", "onerror", "onclick", "onmouseover", "javascript:", "<style", "<iframe"):
        assert forbidden not in stored
    assert '<img src="x.png" alt="Hình">' in saved.text
    assert "<b>Chung</b>" in saved.general_feedback
    assert saved.answers.get().text == "<i>Đúng</i>"
    assert saved.category.info == "<p>Mô tả</p>"


def test_texts_and_names_are_nfc(db):
    nfd = unicodedata.normalize("NFD", "Tiếng Việt")
    bank.import_questions(ParseResult(questions=[question(name=nfd, text=f"<p>{nfd}</p>", path=[nfd])]))

    saved = Question.objects.get()
    assert saved.name == "Tiếng Việt" and saved.text == "<p>Tiếng Việt</p>"
    assert saved.category.name == "Tiếng Việt"


def test_a_failure_mid_import_leaves_nothing_behind(db, monkeypatch):
    result = ParseResult(
        questions=[question(name=f"Câu {n}", path=["Mới", f"Nhóm {n}"]) for n in range(1, 6)],
        categories=[CategoryData(path=["Mới"], info="Mô tả")],
    )
    real_save = bank._save_question
    saved = []

    def failing_save(placed):
        if len(saved) == 2:
            raise RuntimeError("the database went away")
        saved.append(placed)
        return real_save(placed)

    monkeypatch.setattr(bank, "_save_question", failing_save)

    with pytest.raises(RuntimeError):
        bank.import_questions(result)

    assert len(saved) == 2
    assert not Question.objects.exists()
    assert not Answer.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_the_report_lists_the_parsers_skipped_questions(db):
    skipped = SkippedQuestion(line=14, reason="Line 14: the answer block is not closed with “}”.", excerpt="::X::")
    report = bank.import_questions(ParseResult(questions=[question()], skipped=[skipped]))

    assert report.skipped == [skipped]
    assert bank.skipped_reason(skipped) == "the answer block is not closed with “}”."
    assert report.total == 1


# Export ---------------------------------------------------------------------------------------


def comparable(data, format):
    fields = [
        data.qtype, data.name, data.text, data.category_path, data.general_feedback,
        [(a.text, Decimal(a.fraction), a.feedback, Decimal(a.tolerance)) for a in data.answers],
        [(m.prompt, m.answer) for m in data.matches],
    ]
    if format == "xml":
        # GIFT has no syntax for a question's mark, answer shuffling or case sensitivity.
        fields += [Decimal(data.default_mark), data.shuffle_answers, data.case_sensitive]
    return fields


def stored_questions(format):
    questions, _categories = bank.export_questions(bank.category_for_path("Kỹ năng số", create=False))
    return sorted((comparable(data, format) for data in questions), key=lambda row: row[1])


@pytest.mark.parametrize("format", ["gift", "xml"])
def test_export_then_import_gives_the_same_questions(db, format):
    bank.import_questions(gift_result())
    bank.import_questions(bank.read_question_file(XML.encode(), "xml"))
    before = stored_questions(format)
    questions, categories = bank.export_questions(bank.category_for_path("Kỹ năng số", create=False))
    text = bank.write_questions(questions, categories, format)

    Question.objects.all().delete()
    QuestionCategory.objects.all().delete()
    report = bank.import_questions(bank.read_question_file(text.encode(), format))

    assert report.total == len(before) == 8
    assert stored_questions(format) == before
    if format == "xml":
        assert QuestionCategory.objects.get(name="Thanh toán").info == "<p>Thanh toán không dùng tiền mặt</p>"


def test_export_without_subcategories(db):
    bank.import_questions(gift_result())
    top = bank.category_for_path("Kỹ năng số", create=False)
    bank.import_questions(ParseResult(questions=[question(name="Ở gốc")]), default_category=top)

    questions, categories = bank.export_questions(top, include_subcategories=False)

    assert [q.name for q in questions] == ["Ở gốc"]
    assert [c.path for c in categories] == [["Kỹ năng số"]]


def make_questions(count):
    result = ParseResult(
        questions=[
            question(name=f"Câu {n:02}", text=f"<p>Câu hỏi {n}?</p>", path=["Kho", f"Nhóm {n % 4}"], answers=[
                AnswerData("Đúng", Decimal(1)), AnswerData("Sai", Decimal(0)), AnswerData("Gần đúng", Decimal("0.5")),
            ])
            for n in range(count)
        ]
        + [question("matching", name="Ghép", path=["Kho"], answers=[])]
    )
    result.questions[-1].matches = [bank.MatchData("A", "1"), bank.MatchData("B", "2")]
    bank.import_questions(result)
    return bank.category_for_path("Kho", create=False)


@pytest.mark.parametrize("count", [5, 30])
def test_export_makes_a_constant_number_of_queries(db, django_assert_max_num_queries, count):
    top = make_questions(count)

    with django_assert_max_num_queries(5):
        questions, categories = bank.export_questions(top)

    assert len(questions) == count + 1
    assert len(categories) == 5
    assert all(len(q.answers) == 3 for q in questions if q.qtype == "single_choice")


# Reading files --------------------------------------------------------------------------------


def test_the_format_is_taken_from_the_extension_or_the_content():
    assert bank.guess_format(b"::Q:: x {T}", "bank.gift") == "gift"
    assert bank.guess_format(b"::Q:: x {T}", "bank.TXT") == "gift"
    assert bank.guess_format(b"<quiz></quiz>", "bank.xml") == "xml"
    assert bank.guess_format(b"\xef\xbb\xbf  <?xml version='1.0'?><quiz/>", "upload") == "xml"
    assert bank.guess_format(b"\n<quiz>\n</quiz>") == "xml"
    assert bank.guess_format(b"::Q:: x {T}") == "gift"


def test_read_question_file_picks_the_parser(db):
    assert [q.name for q in bank.read_question_file(XML.encode()).questions] == ["Ví điện tử", "Mã QR"]
    assert len(bank.read_question_file(GIFT.encode(), filename="bank.txt").questions) == 6


def test_files_over_10_mb_are_refused_before_parsing(monkeypatch):
    def never(data):
        raise AssertionError("parsed")

    monkeypatch.setattr("lms.quizzes.formats.gift.parse_gift", never)
    with pytest.raises(ImportFileError, match="10"):
        bank.read_question_file(b"//" + b"x" * bank.MAX_FILE_BYTES, "gift")


def test_unreadable_files_raise_import_file_error():
    bomb = b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><quiz>&b;</quiz>'
    with pytest.raises(ImportFileError):
        bank.read_question_file(bomb)
    with pytest.raises(ImportFileError):
        bank.read_question_file(b"<quiz><question", "xml")
    with pytest.raises(ImportFileError):
        bank.read_question_file(b"\xff\xfe::Q:: x {T}", "gift")


# The real Moodle fixtures ---------------------------------------------------------------------


def sample(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"the shared Moodle fixture {path} is not on this machine")
    return path.read_bytes()


def test_moodles_gift_fixture_imports(db):
    report = bank.import_questions(bank.read_question_file(sample("moodle-fixture-questions.gift.txt"), None,
                                                           "moodle-fixture-questions.gift.txt"))

    # The fixture has "TSL is blablabla." twice, as {T} and as {TRUE}: the second is a duplicate.
    assert report.imported == Counter(
        true_false=2, essay=1, matching=1, single_choice=1, multiple_choice=1, numerical=1, short_answer=1
    )
    assert report.skipped == []
    assert [(d.line, d.name, d.first_line) for d in report.duplicates] == [(49, "2-08 TSL", 46)]
    assert Question.objects.filter(category__name=gettext("Imported")).count() == 8
    assert MatchPair.objects.filter(question__name="Moodle activities").count() == 5
    colours = Question.objects.get(name="colours")
    assert sorted(a.fraction for a in colours.answers.all()) == [-1, -1, Decimal("0.5"), Decimal("0.5")]


def test_moodles_nested_categories_fixture_imports(db):
    report = bank.import_questions(bank.read_question_file(sample("moodle-fixture-nested-categories.xml")))

    assert report.imported == Counter(true_false=4, essay=1)
    labels = {category.path_label: category.info for category in QuestionCategory.objects.all()}
    assert labels == {
        "Iota": "This is Iota category for test",
        "Iota/Kappa": "This is Kappa category for test",
        "Iota/Kappa/Lambda": "This is Lambda category for test",
        "Iota/Mu": "This is Mu category for test",
    }
    assert Question.objects.get(name="Lambda Question").category.path_label == "Iota/Kappa/Lambda"
    assert Question.objects.get(name="Kappa Essay Question").qtype == Question.Type.ESSAY


def test_short_answers_keep_their_characters_so_learners_typing_them_are_right(db):
    report = bank.import_questions(parse_gift("::Ký hiệu::Nối hai từ bằng ký hiệu nào?{=A & B}"))
    question = Question.objects.prefetch_related("answers", "matches").get(pk=report.questions[0].pk)

    assert question.answers.get().text == "A & B"
    assert grade(question, "A & B").fraction == 1
