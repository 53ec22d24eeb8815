"""
GIFT import and export: what Moodle's own importer tests assert on its
fixture, the rest of Moodle's reading rules, round trips of every type, and
files that must be refused or partly skipped. No database is needed.
"""

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from lms.quizzes.formats.base import (
    ESSAY,
    MATCHING,
    MULTIPLE_CHOICE,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE_CHOICE,
    TRUE_FALSE,
    AnswerData,
    CategoryData,
    ImportFileError,
    MatchData,
    QuestionData,
)
from lms.quizzes.formats.gift import parse_gift, write_gift

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "questions"


@pytest.fixture(autouse=True)
def english():
    """Reasons are checked in English, whatever translations the project gains."""
    with translation.override("en"):
        yield


def answers_of(question):
    return [(answer.text, answer.fraction, answer.feedback) for answer in question.answers]


def only_question(gift):
    result = parse_gift(gift)
    assert result.skipped == []
    assert len(result.questions) == 1
    return result.questions[0]


# Moodle's fixture, with what question/format/gift/tests/giftformat_test.php asserts -----------


@pytest.fixture(scope="module")
def moodle_fixture():
    path = SAMPLES / "moodle-fixture-questions.gift.txt"
    if not path.exists():
        pytest.skip(f"Moodle's GIFT fixture is not in {path}")
    with translation.override("en"):
        return parse_gift(path.read_bytes())


def fixture_question(result, name):
    (question,) = [question for question in result.questions if question.name == name]
    return question


def test_fixture_imports_every_question(moodle_fixture):
    assert moodle_fixture.skipped == []
    assert moodle_fixture.categories == []
    assert [(question.name, question.qtype) for question in moodle_fixture.questions] == [
        ("Q8", ESSAY),
        ("Moodle activities", MATCHING),
        ("Q2", SINGLE_CHOICE),
        ("colours", MULTIPLE_CHOICE),
        ("Q5", NUMERICAL),
        ("Shortanswer", SHORT_ANSWER),
        ("Q1", TRUE_FALSE),
        ("2-08 TSL", TRUE_FALSE),
        ("2-08 TSL", TRUE_FALSE),
    ]
    # Each question starts at its first line after the comment above it.
    assert [question.line for question in moodle_fixture.questions] == [2, 5, 14, 22, 31, 34, 41, 46, 49]


def test_fixture_essay(moodle_fixture):
    question = fixture_question(moodle_fixture, "Q8")
    assert question.text == "How are you?"
    assert question.general_feedback == ""
    assert question.answers == []
    assert question.default_mark == 1


def test_fixture_matching_with_distractor(moodle_fixture):
    question = fixture_question(moodle_fixture, "Moodle activities")
    # [html] keeps the markup of the question text.
    assert question.text == "Match the <b>activity</b> to the description."
    assert question.matches == [
        MatchData("An activity supporting asynchronous discussions.", "Forum"),
        MatchData("A teacher asks a question and specifies a choice of multiple responses.", "Choice"),
        MatchData("A bank of record entries which participants can add to.", "Database"),
        MatchData("A collection of web pages that anyone can add to or edit.", "Wiki"),
        MatchData("", "Chat"),
    ]
    assert question.answers == []


def test_matching_prompts_keep_their_own_format():
    # The fixture's four formats, with markup that shows which one applied.
    question = only_question(
        "::Formats::[html]Match.{\n"
        "=[html]<i>Forum</i> -> Forum\n"
        "=[moodle]<i>Choice</i> -> Choice\n"
        "=[plain]<i>Database</i>\\nrecords -> Database\n"
        "=[markdown]*Wiki* <i>pages</i> -> Wiki\n"
        "= -> Chat\n"
        "}"
    )
    assert [match.prompt for match in question.matches] == [
        "<i>Forum</i>",
        "&lt;i&gt;Choice&lt;/i&gt;",
        "&lt;i&gt;Database&lt;/i&gt;<br>records",
        "*Wiki* &lt;i&gt;pages&lt;/i&gt;",
        "",
    ]
    # A prompt without a marker is in the question's format, here HTML.
    assert question.matches[-1] == MatchData("", "Chat")


def test_fixture_single_choice_with_feedback(moodle_fixture):
    question = fixture_question(moodle_fixture, "Q2")
    assert question.text == "What's between orange and green in the spectrum?"
    assert answers_of(question) == [
        ("yellow", 1, "right; good!"),
        ("red", 0, "wrong, it's yellow"),
        ("blue", 0, "wrong, it's yellow"),
    ]
    assert question.shuffle_answers is True


def test_fixture_multiple_response_weights(moodle_fixture):
    question = fixture_question(moodle_fixture, "colours")
    assert answers_of(question) == [
        ("yellow", Decimal("0.5"), "right; good!"),
        ("red", Decimal("-1"), "wrong"),
        ("off-beige", Decimal("0.5"), "right; good!"),
        ("blue", Decimal("-1"), "wrong"),
    ]


def test_fixture_numerical_with_margin_and_catch_all(moodle_fixture):
    question = fixture_question(moodle_fixture, "Q5")
    # Text follows the block, so Moodle puts a blank where it was and keeps the rest.
    assert question.text == 'What is a number from 1 to 5? _____";'
    assert [(a.text, a.fraction, a.tolerance, a.feedback) for a in question.answers] == [
        ("3", 1, 2, ""),
        ("*", 0, 0, "Completely wrong"),
    ]


def test_fixture_short_answer(moodle_fixture):
    question = fixture_question(moodle_fixture, "Shortanswer")
    assert question.text == "Which is the best animal?"
    assert answers_of(question) == [
        ("Frog", 1, "Good!"),
        ("Cat", Decimal("0.5"), "What is it with Moodlers and cats?"),
        ("*", 0, "Completely wrong"),
    ]
    assert question.case_sensitive is False


def test_fixture_true_false_with_both_feedbacks_and_general_feedback(moodle_fixture):
    question = fixture_question(moodle_fixture, "Q1")
    assert question.text == '42 is the Absolute Answer to everything._____";'
    # FALSE is right: "#wrong#right" gives the first feedback to those who chose "true".
    assert answers_of(question) == [
        ("true", 0, "42 is the Ultimate Answer."),
        ("false", 1, "You gave the right answer."),
    ]
    assert question.general_feedback == "This is, of course, a Hitchiker's Guide to the Galaxy reference."


def test_fixture_duplicate_names_are_both_imported(moodle_fixture):
    tsl = [question for question in moodle_fixture.questions if question.name == "2-08 TSL"]
    assert len(tsl) == 2
    for question in tsl:
        assert question.text == "TSL is blablabla."
        assert answers_of(question) == [("true", 1, ""), ("false", 0, "")]


# Moodle's reading rules -----------------------------------------------------------------------


def test_categories_nest_and_apply_to_the_questions_below():
    result = parse_gift(
        "$CATEGORY: $course$/Kỹ năng số/An toàn thông tin\n"
        "\n"
        "::Mật khẩu::Mật khẩu mạnh là?{=Dài và khó đoán ~123456}\n"
        "\n"
        "$CATEGORY: $system$/top/Thanh toán//Ví điện tử\n"
        "\n"
        "::QR::Quét mã QR để trả tiền.{T}\n"
    )
    assert result.skipped == []
    # $course$ and $system$ say where the categories were in Moodle; "top" is Moodle's hidden root.
    assert result.categories == [
        CategoryData(["Kỹ năng số", "An toàn thông tin"]),
        CategoryData(["Thanh toán/Ví điện tử"]),
    ]
    assert [(question.name, question.category_path) for question in result.questions] == [
        ("Mật khẩu", ["Kỹ năng số", "An toàn thông tin"]),
        ("QR", ["Thanh toán/Ví điện tử"]),
    ]


def test_a_question_right_below_the_category_line_is_read():
    result = parse_gift("$CATEGORY: Thủ tục hành chính\n::DVC::Cổng dịch vụ công ở đâu?{=dichvucong.gov.vn}\n")
    assert result.skipped == []
    assert result.categories == [CategoryData(["Thủ tục hành chính"])]
    (question,) = result.questions
    assert (question.name, question.category_path, question.line) == ("DVC", ["Thủ tục hành chính"], 2)


def test_without_a_name_the_start_of_the_text_is_the_name():
    question = only_question("[html]<p>Khi nhận được tin nhắn trúng thưởng lạ, bạn nên làm gì đầu tiên để tự vệ?</p>{}")
    assert question.name.startswith("Khi nhận được tin nhắn trúng thưởng lạ")
    assert len(question.name) <= 80
    assert "<p>" not in question.name


def test_names_are_cleaned_as_moodle_cleans_them():
    assert only_question("::  <b>Đậm</b> tên  ::Câu hỏi?{}").name == "Đậm tên"


def test_escaped_characters():
    question = only_question(
        "::Ký tự \\: đặc biệt::Viết \\{x\\} \\= 1 \\~ 2 \\# 3 \\\\ 4\\nxuống dòng{=a\\=b#phản hồi \\# ~c\\~d}"
    )
    assert question.name == "Ký tự : đặc biệt"
    assert question.text == "Viết {x} = 1 ~ 2 # 3 \\ 4<br>xuống dòng"
    assert answers_of(question) == [("a=b", 1, "phản hồi #"), ("c~d", 0, "")]


def test_text_formats_become_html():
    plain = only_question("::P::[plain]Dùng <b> & giữ\\ndòng{}")
    moodle = only_question("::M::Dùng <b> & giữ\\ndòng{}")
    markdown = only_question("::K::[markdown]**Dùng** <b>{}")
    html = only_question("::H::[html]<p>Dùng <b>đậm</b></p>{}")
    assert plain.text == moodle.text == "Dùng &lt;b&gt; &amp; giữ<br>dòng"
    assert markdown.text == "**Dùng** &lt;b&gt;"
    assert html.text == "<p>Dùng <b>đậm</b></p>"


def test_missing_word_question():
    question = only_question("Hà Nội là {=thủ đô ~thành phố cảng} của Việt Nam.")
    assert question.qtype == SINGLE_CHOICE
    assert question.text == "Hà Nội là _____ của Việt Nam."


def test_answers_at_the_end_add_no_blank():
    assert only_question("Thủ đô của Việt Nam là?{=Hà Nội ~Huế}").text == "Thủ đô của Việt Nam là?"


def test_several_right_answers_make_a_single_choice_with_two_right_options():
    # Moodle: any "=" means "one answer only"; each of them earns the full mark.
    question = only_question("Thành phố trực thuộc trung ương?{=Hải Phòng =Cần Thơ ~Nha Trang}")
    assert question.qtype == SINGLE_CHOICE
    assert [answer.fraction for answer in question.answers] == [1, 1, 0]


def test_single_choice_with_partial_credit():
    question = only_question("Mật khẩu nào tốt nhất?{=Tr0ng@2024! ~%50%Tr0ng2024 ~123456}")
    assert question.qtype == SINGLE_CHOICE
    assert [answer.fraction for answer in question.answers] == [1, Decimal("0.5"), 0]


def test_weights_with_decimals():
    question = only_question("Chọn các ví điện tử.{~%33.33333%MoMo ~%33.33333%ZaloPay ~%33.33334%VNPay ~%-100%Zalo}")
    assert question.qtype == MULTIPLE_CHOICE
    assert [answer.fraction for answer in question.answers] == [
        Decimal("0.3333333"),
        Decimal("0.3333333"),
        Decimal("0.3333334"),
        Decimal(-1),
    ]


def test_true_false_forms_and_feedback():
    true = only_question("Chữ ký số có giá trị như chữ ký tay.{TRUE#Sai rồi.#Chính xác.}")
    false = only_question("Có thể gửi mã OTP cho người lạ.{F}")
    assert answers_of(true) == [("true", 1, "Chính xác."), ("false", 0, "Sai rồi.")]
    assert answers_of(false) == [("true", 0, ""), ("false", 1, "")]
    # The check is case-sensitive, as in Moodle: {true} is a short answer.
    assert only_question("Gõ chữ true.{true}").qtype == SHORT_ANSWER


def test_short_answer_wildcard_and_partial_credit():
    question = only_question("Tên cổng dịch vụ công?{=Cổng dịch vụ công quốc gia =%50%*dịch vụ công*#Gần đúng.}")
    assert answers_of(question) == [
        ("Cổng dịch vụ công quốc gia", 1, ""),
        ("*dịch vụ công*", Decimal("0.5"), "Gần đúng."),
    ]


def test_numerical_forms():
    question = only_question(
        "Năm Việt Nam độc lập?{#\n=1945:0#Đúng.\n=%50%1944..1946#Gần đúng.\n=%0%#Sai.\n####Năm 1945.}"
    )
    assert [(a.text, a.fraction, a.tolerance, a.feedback) for a in question.answers] == [
        ("1945", 1, 0, "Đúng."),
        ("1945", Decimal("0.5"), 1, "Gần đúng."),
        # An empty answer matches any number, as Moodle stores it.
        ("*", 0, 0, "Sai."),
    ]
    assert question.general_feedback == "Năm 1945."


def test_negative_and_decimal_numbers():
    question = only_question("Nhiệt độ?{#-2.5:0.5}")
    assert [(a.text, a.tolerance) for a in question.answers] == [("-2.5", Decimal("0.5"))]


def test_essay_with_general_feedback():
    question = only_question("::Tự luận::Nêu ba dấu hiệu lừa đảo.{####Gợi ý: đường link lạ, giục gấp, đòi OTP.}")
    assert question.qtype == ESSAY
    assert question.general_feedback == "Gợi ý: đường link lạ, giục gấp, đòi OTP."


def test_comment_lines_inside_a_question_and_urls_in_text():
    question = only_question(
        "// trước câu hỏi\n"
        "::Web::Trang http://dichvucong.gov.vn là gì?{\n"
        "// đáp án đúng\n"
        "=Cổng dịch vụ công\n"
        "~Trang bán hàng\n"
        "}"
    )
    assert question.text == "Trang http://dichvucong.gov.vn là gì?"
    assert answers_of(question) == [("Cổng dịch vụ công", 1, ""), ("Trang bán hàng", 0, "")]
    assert question.line == 2


def test_windows_and_old_mac_line_endings():
    for newline in ("\r\n", "\r"):
        result = parse_gift(newline.join(["::A::Một?{T}", "", "// chú thích", "::B::Hai?{F}"]))
        assert [(question.name, question.line) for question in result.questions] == [("A", 1), ("B", 4)]


def test_bom_is_dropped_and_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "::Tiếng Việt::Chữ ký số là gì?{}")
    question = only_question(b"\xef\xbb\xbf" + decomposed.encode())
    assert question.name == "Tiếng Việt"
    assert unicodedata.is_normalized("NFC", question.text)


@pytest.mark.parametrize("empty", [b"", "", "\n\n", "// chỉ có chú thích\n// thêm một dòng\n"])
def test_an_empty_file_gives_an_empty_result(empty):
    result = parse_gift(empty)
    assert (result.questions, result.categories, result.skipped) == ([], [], [])


# Bad questions are skipped with their line; the rest imports ---------------------------------

BROKEN_FILE = """\
// 1: a good question
::Tốt 1::Câu hỏi tốt?{T}

::Chưa đóng::Thiếu ngoặc đóng?{=a ~b

::Không đúng::Không có đáp án đúng?{~a ~b ~c}

::Ghép một cặp::Chỉ có một cặp.{=Hà Nội -> Thủ đô = -> Nhiễu}

::Không phải số::Bao nhiêu?{#ba}

::Mô tả::Chỉ là một đoạn văn, không có đáp án.

::Ngoặc thừa::Có dấu } lạc.{T}

::Quá trọng số::Chọn?{~%150%a ~b}

// a good question after all of them
::Tốt 2::Câu hỏi tốt nữa?{=đúng ~sai}
"""


def test_malformed_questions_are_skipped_with_their_line():
    result = parse_gift(BROKEN_FILE)
    assert [question.name for question in result.questions] == ["Tốt 1", "Tốt 2"]
    assert [question.line for question in result.questions] == [2, 19]
    skipped = {entry.line: entry for entry in result.skipped}
    assert sorted(skipped) == [4, 6, 8, 10, 12, 14, 16]
    assert skipped[4].reason == "Line 4: the answer block is not closed with “}”."
    assert "no answer is marked as right" in skipped[6].reason
    assert "at least two pairs" in skipped[8].reason
    assert "“ba” is not a number" in skipped[10].reason
    assert "description" in skipped[12].reason
    assert "“}” with no “{”" in skipped[14].reason
    assert "150%" in skipped[16].reason
    for entry in result.skipped:
        assert entry.reason.startswith(f"Line {entry.line}: ")
        assert entry.excerpt.startswith("::")


def test_multiple_response_weights_must_add_up():
    result = parse_gift("Chọn hai.{~%50%a ~%40%b ~c}")
    (entry,) = result.skipped
    assert "add up to 90%" in entry.reason


def test_matching_pair_without_arrow():
    result = parse_gift("Ghép.{=Hà Nội -> Thủ đô =Huế -> Cố đô =Đà Nẵng}")
    (entry,) = result.skipped
    assert "“Đà Nẵng” is not a pair" in entry.reason


@pytest.mark.parametrize(
    "data",
    [
        "::Mã hoá::Chữ ký số?{T}".encode("utf-16"),
        # "Tiếng Việt" in Windows' Vietnamese code page, tone marks as separate bytes.
        b"::Ti\xea\xecng Vi\xea\xf2t::C\xe2u ho\xd2i{T}",
        b"::Binary::\x00\x01\x02{T}",
        "::NUL::text with a \x00 in it{T}",
    ],
    ids=["utf-16", "windows-1258", "nul-bytes", "nul-in-str"],
)
def test_files_that_are_not_utf8_text_are_refused(data):
    with pytest.raises(ImportFileError):
        parse_gift(data)


def test_the_refusal_names_the_line_of_the_bad_byte():
    with pytest.raises(ImportFileError, match="line 3"):
        parse_gift(b"::A::Mot?{T}\n\n::B::Hai \xe0 ba?{T}\n")


# Writing, and reading back -------------------------------------------------------------------


def every_type():
    """One question of each type, with what GIFT can carry: Vietnamese, markup, awkward characters."""
    security = ["Kỹ năng số", "An toàn thông tin"]
    payments = ["Kỹ năng số", "Thanh toán/Ví điện tử"]
    return [
        QuestionData(
            qtype=SINGLE_CHOICE,
            name="Mật khẩu: loại nào {mạnh}?",
            text='<p>Mật khẩu nào <b>mạnh</b> nhất? Ký tự {}, ~, =, #, :, \\ và "ngoặc"</p>',
            category_path=security,
            general_feedback="<p>Dùng trình quản lý mật khẩu.</p>",
            answers=[
                AnswerData("Tr0ng@2024#~=", Decimal(1), "<i>Đúng</i>: dài, có số {và} ký hiệu."),
                AnswerData("%50% giảm giá", Decimal(0), "Không phải mật khẩu."),
                AnswerData("[html] không phải định dạng", Decimal("0.5"), "[nửa điểm]"),
                AnswerData("123456", Decimal(0), ""),
            ],
        ),
        QuestionData(
            qtype=MULTIPLE_CHOICE,
            name="Dấu hiệu lừa đảo",
            text="Chọn các dấu hiệu lừa đảo:",
            category_path=security,
            answers=[
                AnswerData("Giục chuyển tiền gấp", Decimal("0.5"), "Đúng."),
                AnswerData("Đòi mã OTP", Decimal("0.5"), "Đúng."),
                AnswerData("Gọi từ số tổng đài chính thức", Decimal("-1"), "Sai."),
                AnswerData("Gửi thư có chữ ký số", Decimal(0), ""),
            ],
        ),
        QuestionData(
            qtype=TRUE_FALSE,
            name="Chữ ký số",
            text="Chữ ký số có giá trị pháp lý như chữ ký tay.",
            category_path=payments,
            general_feedback="Theo Luật Giao dịch điện tử 2023.",
            answers=[AnswerData("true", Decimal(1), "Chính xác!"), AnswerData("false", Decimal(0), "Chưa đúng.")],
        ),
        QuestionData(
            qtype=TRUE_FALSE,
            name="OTP",
            text="Có thể đọc mã OTP cho nhân viên ngân hàng qua điện thoại.",
            category_path=payments,
            answers=[AnswerData("true", Decimal(0), ""), AnswerData("false", Decimal(1), "Không bao giờ.")],
        ),
        QuestionData(
            qtype=SHORT_ANSWER,
            name="Cổng DVC",
            text="Địa chỉ Cổng Dịch vụ công quốc gia là?",
            answers=[
                AnswerData("dichvucong.gov.vn", Decimal(1), "Đúng."),
                AnswerData("*dichvucong*", Decimal("0.5"), "Gần đúng: thiếu tên miền."),
                AnswerData("a=b:c#d", Decimal("0.1"), ""),
            ],
        ),
        QuestionData(
            qtype=NUMERICAL,
            name="Hạn mức",
            text="Hạn mức chuyển khoản không cần xác thực sinh trắc học (triệu đồng)?",
            general_feedback="Theo Quyết định 2345/QĐ-NHNN.",
            answers=[
                AnswerData("10", Decimal(1), "Đúng.", Decimal(0)),
                AnswerData("-2.5", Decimal("0.5"), "Gần đúng.", Decimal("0.25")),
                AnswerData("*", Decimal(0), "Xem lại quy định.", Decimal(0)),
            ],
        ),
        QuestionData(
            qtype=MATCHING,
            name="Ghép dịch vụ",
            text="Ghép mỗi việc với <b>nơi làm</b>.",
            answers=[],
            matches=[
                MatchData("<p>Cấp lại hộ chiếu <i>trực tuyến</i></p>", "Cổng DVC: Bộ Công an"),
                MatchData("Nộp thuế {thu nhập}", "eTax = Tổng cục Thuế"),
                MatchData("", "Ngân hàng ~ nhiễu"),
            ],
        ),
        QuestionData(
            qtype=ESSAY,
            name="Tự luận",
            text="Kể lại một lần bạn nhận ra tin nhắn lừa đảo.\nViết 3–5 câu.",
            general_feedback="Chấm theo: nhận diện, cách xử lý, bài học.",
        ),
    ]


def round_trip(questions, categories=None):
    result = parse_gift(write_gift(questions, categories))
    assert result.skipped == []
    for question in result.questions:
        question.line = None
    return result


def test_every_type_round_trips():
    questions = every_type()
    result = round_trip(questions)
    for written, read in zip(questions, result.questions, strict=True):
        assert read == written
        assert unicodedata.is_normalized("NFC", read.text)


def test_an_arrow_inside_a_prompt_is_written_as_an_entity():
    # The first "->" of a pair ends its prompt; "-&gt;" shows the same arrow.
    question = QuestionData(
        qtype=MATCHING,
        name="Mũi tên",
        text="Ghép.",
        matches=[MatchData("Hà Nội -> Huế", "1"), MatchData("Huế -> Sài Gòn", "2")],
    )
    (read,) = round_trip([question]).questions
    assert read.matches == [MatchData("Hà Nội -&gt; Huế", "1"), MatchData("Huế -&gt; Sài Gòn", "2")]


def test_what_gift_cannot_carry_comes_back_as_moodle_defaults():
    question = QuestionData(
        qtype=SHORT_ANSWER,
        name="Phân biệt hoa thường",
        text="Gõ mã: ABC",
        default_mark=Decimal(5),
        shuffle_answers=False,
        case_sensitive=True,
        correct_feedback="Đúng.",
        answers=[AnswerData("ABC", Decimal(1))],
    )
    (read,) = round_trip([question]).questions
    assert (read.default_mark, read.shuffle_answers, read.case_sensitive, read.correct_feedback) == (1, True, False, "")
    assert (read.name, read.text, read.answers) == (question.name, question.text, question.answers)


def test_round_trip_lists_the_categories_written():
    result = round_trip(every_type())
    # A slash inside a name survives; the questions without a category go back to the top, which is not listed.
    assert [category.path for category in result.categories] == [
        ["Kỹ năng số", "An toàn thông tin"],
        ["Kỹ năng số", "Thanh toán/Ví điện tử"],
    ]
    assert [question.category_path for question in result.questions][-4:] == [[], [], [], []]


def test_questions_back_at_the_top_after_a_category():
    questions = [
        QuestionData(qtype=TRUE_FALSE, name="Trong", text="A", category_path=["Nhóm"], answers=every_type()[2].answers),
        QuestionData(qtype=ESSAY, name="Ngoài", text="B"),
    ]
    assert "$CATEGORY: $course$/top\n" in write_gift(questions)
    assert [question.category_path for question in round_trip(questions).questions] == [["Nhóm"], []]


def test_categories_without_questions_are_written():
    categories = [CategoryData(["Kỹ năng số"], info="Mô tả (GIFT không ghi)"), CategoryData(["Kỹ năng số", "AI"])]
    gift = write_gift([], categories)
    assert gift == "$CATEGORY: $course$/Kỹ năng số\n\n$CATEGORY: $course$/Kỹ năng số/AI\n"
    assert parse_gift(gift).categories == [CategoryData(["Kỹ năng số"]), CategoryData(["Kỹ năng số", "AI"])]


def test_written_gift_reads_like_moodle_writes_it():
    questions = [
        QuestionData(
            qtype=SINGLE_CHOICE,
            name="Q2",
            text="What's between orange and green in the spectrum?",
            category_path=["Colours"],
            answers=[
                AnswerData("yellow", Decimal(1), "right; good!"),
                AnswerData("red", Decimal(0), "wrong, it's yellow"),
            ],
        ),
        QuestionData(
            qtype=TRUE_FALSE,
            name="Q1",
            text="42 is the Absolute Answer to everything.",
            category_path=["Colours"],
            answers=[AnswerData("true", Decimal(0), "42 is the Ultimate Answer."), AnswerData("false", Decimal(1), "")],
        ),
        QuestionData(
            qtype=NUMERICAL,
            name="Q5",
            text="What is a number from 1 to 5?",
            category_path=["Colours"],
            answers=[AnswerData("3", Decimal(1), "", Decimal(2)), AnswerData("*", Decimal(0), "Completely wrong")],
        ),
    ]
    assert write_gift(questions) == (
        "$CATEGORY: $course$/Colours\n"
        "\n"
        "::Q2::[html]What's between orange and green in the spectrum?{\n"
        "\t=yellow#right; good!\n"
        "\t~red#wrong, it's yellow\n"
        "}\n"
        "\n"
        "::Q1::[html]42 is the Absolute Answer to everything.{FALSE#42 is the Ultimate Answer.}\n"
        "\n"
        "::Q5::[html]What is a number from 1 to 5?{#\n"
        "\t=%100%3:2#\n"
        "\t~#Completely wrong\n"
        "}\n"
    )
