"""
Moodle XML import and export: Moodle's nested-categories fixture, Moodle's
reading rules for each type, round trips, and files that must be refused
(entity bombs, external entities, DTDs, broken XML). No database is needed.
"""

import unicodedata
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

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
from lms.quizzes.formats.moodle_xml import parse_moodle_xml, write_moodle_xml

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "questions"


@pytest.fixture(autouse=True)
def english():
    """Reasons are checked in English, whatever translations the project gains."""
    with translation.override("en"):
        yield


def quiz(*questions):
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def essay(name, text="Câu hỏi?"):
    return (
        f'<question type="essay"><name><text>{name}</text></name>'
        f"<questiontext><text>{text}</text></questiontext></question>"
    )


def only_question(xml):
    result = parse_moodle_xml(xml)
    assert result.skipped == []
    assert len(result.questions) == 1
    return result.questions[0]


def answers_of(question):
    return [(answer.text, answer.fraction, answer.feedback) for answer in question.answers]


# Moodle's fixture ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moodle_fixture():
    path = SAMPLES / "moodle-fixture-nested-categories.xml"
    if not path.exists():
        pytest.skip(f"Moodle's nested-categories fixture is not in {path}")
    with translation.override("en"):
        return parse_moodle_xml(path.read_bytes())


def test_fixture_categories_and_their_descriptions(moodle_fixture):
    # Plain, Markdown and Moodle-format descriptions, all shown as typed.
    assert moodle_fixture.categories == [
        CategoryData(["Iota"], "This is Iota category for test"),
        CategoryData(["Iota", "Kappa"], "This is Kappa category for test"),
        CategoryData(["Iota", "Kappa", "Lambda"], "This is Lambda category for test"),
        CategoryData(["Iota", "Mu"], "This is Mu category for test"),
    ]


def test_fixture_questions_are_in_the_category_above_them(moodle_fixture):
    assert moodle_fixture.skipped == []
    assert [
        (question.name, question.qtype, question.category_path, question.line) for question in moodle_fixture.questions
    ] == [
        ("Iota Question", TRUE_FALSE, ["Iota"], 15),
        ("Kappa Essay Question", ESSAY, ["Iota", "Kappa"], 55),
        ("Kappa Question", TRUE_FALSE, ["Iota", "Kappa"], 83),
        ("Lambda Question", TRUE_FALSE, ["Iota", "Kappa", "Lambda"], 123),
        ("Mu Question", TRUE_FALSE, ["Iota", "Mu"], 163),
    ]


def test_fixture_texts_and_answers(moodle_fixture):
    iota, essay, *_ = moodle_fixture.questions
    assert iota.text == "<p>Testing Iota Question</p>"
    assert answers_of(iota) == [("true", 1, ""), ("false", 0, "")]
    assert iota.default_mark == 1
    # moodle_auto_format text is shown as typed.
    assert essay.text == "Testing Kappa Essay Question"
    assert essay.answers == []


# Moodle's reading rules ----------------------------------------------------------------------

MULTICHOICE = """\
  <question type="multichoice">
    <name><text>Ví điện tử &amp; ngân hàng</text></name>
    <questiontext format="html"><text><![CDATA[<p>Chọn các <b>ví điện tử</b>:</p>]]></text></questiontext>
    <generalfeedback format="plain_text"><text>Ví do NHNN cấp phép.
Xem danh sách &lt;ở đây&gt;</text></generalfeedback>
    <defaultgrade>2.5000000</defaultgrade>
    <single>false</single>
    <shuffleanswers>0</shuffleanswers>
    <correctfeedback format="html"><text><![CDATA[<p>Giỏi lắm!</p>]]></text></correctfeedback>
    <partiallycorrectfeedback format="moodle_auto_format">
      <text>Đúng một phần &amp; cố lên</text>
    </partiallycorrectfeedback>
    <incorrectfeedback format="html"><text>Chưa đúng.</text></incorrectfeedback>
    <answer fraction="33.33333" format="html">
      <text>MoMo</text><feedback format="html"><text>Đúng.</text></feedback>
    </answer>
    <answer fraction="33.33333" format="plain_text">
      <text>Zalo&lt;Pay&gt;</text><feedback><text>Đúng.</text></feedback>
    </answer>
    <answer fraction="33.33334"><text>VNPay</text></answer>
    <answer fraction="-100" format="html">
      <text>Zalo</text><feedback format="html"><text>Chỉ là ứng dụng nhắn tin.</text></feedback>
    </answer>
    <answer fraction="0" format="html"><text></text></answer>
  </question>"""


def test_multichoice_multiple_response():
    question = only_question(quiz(MULTICHOICE))
    assert question.qtype == MULTIPLE_CHOICE
    assert question.name == "Ví điện tử & ngân hàng"
    assert question.text == "<p>Chọn các <b>ví điện tử</b>:</p>"
    assert question.general_feedback == "Ví do NHNN cấp phép.<br>Xem danh sách &lt;ở đây&gt;"
    assert question.default_mark == Decimal("2.5")
    assert question.shuffle_answers is False
    assert question.correct_feedback == "<p>Giỏi lắm!</p>"
    assert question.partially_correct_feedback == "Đúng một phần &amp; cố lên"
    assert question.incorrect_feedback == "Chưa đúng."
    # Percentages become fractions; the empty choice is dropped, as Moodle drops it.
    assert answers_of(question) == [
        ("MoMo", Decimal("0.3333333"), "Đúng."),
        ("Zalo&lt;Pay&gt;", Decimal("0.3333333"), "Đúng."),
        ("VNPay", Decimal("0.3333334"), ""),
        ("Zalo", Decimal(-1), "Chỉ là ứng dụng nhắn tin."),
    ]


@pytest.mark.parametrize(
    ("single", "shuffle", "qtype", "shuffled"),
    [
        ("<single>true</single>", "<shuffleanswers>1</shuffleanswers>", SINGLE_CHOICE, True),
        ("<single>1</single>", "<shuffleanswers>true</shuffleanswers>", SINGLE_CHOICE, True),
        ("<single>0</single>", "<shuffleanswers>false</shuffleanswers>", MULTIPLE_CHOICE, False),
        # Missing elements take Moodle's defaults: one answer, not shuffled.
        ("", "", SINGLE_CHOICE, False),
    ],
)
def test_multichoice_settings(single, shuffle, qtype, shuffled):
    question = only_question(
        quiz(
            f"""<question type="multichoice"><name><text>Q</text></name>
            <questiontext format="html"><text>Chọn</text></questiontext>{single}{shuffle}
            <answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>"""
        )
    )
    assert (question.qtype, question.shuffle_answers) == (qtype, shuffled)


def test_true_false_with_feedback_and_general_feedback():
    question = only_question(
        quiz(
            """<question type="truefalse"><name><text>OTP</text></name>
            <questiontext format="moodle_auto_format"><text>Có thể cho người khác biết mã OTP.</text></questiontext>
            <generalfeedback format="html"><text>&lt;p&gt;OTP là bí mật.&lt;/p&gt;</text></generalfeedback>
            <answer fraction="0" format="moodle_auto_format"><text>true</text>
              <feedback format="html"><text>Không bao giờ!</text></feedback></answer>
            <answer fraction="100" format="moodle_auto_format"><text>false</text>
              <feedback format="html"><text>Đúng.</text></feedback></answer></question>"""
        )
    )
    assert question.qtype == TRUE_FALSE
    assert answers_of(question) == [("true", 0, "Không bao giờ!"), ("false", 1, "Đúng.")]
    assert question.general_feedback == "<p>OTP là bí mật.</p>"


def test_true_false_from_an_old_moodle_in_another_language():
    # Old exports named the answers in the teacher's language, "true" first.
    question = only_question(
        quiz(
            """<question type="truefalse"><name><text>Cũ</text></name>
            <questiontext><text>Câu hỏi cũ</text></questiontext>
            <answer fraction="100"><text>Đúng</text></answer>
            <answer fraction="0"><text>Sai</text></answer></question>"""
        )
    )
    assert answers_of(question) == [("true", 1, ""), ("false", 0, "")]


@pytest.mark.parametrize(("usecase", "case_sensitive"), [("1", True), ("0", False), ("", False)])
def test_short_answer(usecase, case_sensitive):
    question = only_question(
        quiz(
            f"""<question type="shortanswer"><name><text>Cổng DVC</text></name>
            <questiontext format="html"><text>Địa chỉ?</text></questiontext>
            <usecase>{usecase}</usecase>
            <answer fraction="100" format="moodle_auto_format"><text>dichvucong.gov.vn</text>
              <feedback format="html"><text>Đúng.</text></feedback></answer>
            <answer fraction="50"><text>*dichvucong* &amp; &lt;b&gt;</text></answer></question>"""
        )
    )
    assert question.qtype == SHORT_ANSWER
    assert question.case_sensitive is case_sensitive
    # Short answers stay plain text: they are compared with what the learner types.
    assert answers_of(question) == [("dichvucong.gov.vn", 1, "Đúng."), ("*dichvucong* & <b>", Decimal("0.5"), "")]


def test_numerical_with_tolerance_and_catch_all():
    question = only_question(
        quiz(
            """<question type="numerical"><name><text>Năm</text></name>
            <questiontext format="html"><text>Năm độc lập?</text></questiontext>
            <answer fraction="100"><text>1945</text><tolerance>0</tolerance>
              <feedback format="html"><text>Đúng.</text></feedback></answer>
            <answer fraction="50"><text>-1.5e1</text><tolerance>2.5</tolerance></answer>
            <answer fraction="0"><text></text><feedback><text>Sai.</text></feedback></answer>
            <units><unit><multiplier>1</multiplier><unit_name>năm</unit_name></unit></units></question>"""
        )
    )
    assert [(a.text, a.fraction, a.tolerance, a.feedback) for a in question.answers] == [
        ("1945", 1, 0, "Đúng."),
        ("-1.5e1", Decimal("0.5"), Decimal("2.5"), ""),
        ("*", 0, 0, "Sai."),
    ]


def test_matching_with_distractor_and_formats():
    question = only_question(
        quiz(
            """<question type="matching"><name><text>Ghép</text></name>
            <questiontext format="html"><text>Ghép.</text></questiontext>
            <correctfeedback format="html"><text>Hoàn hảo.</text></correctfeedback>
            <subquestion format="html"><text><![CDATA[<p>Nộp <b>thuế</b></p>]]></text>
              <answer><text>eTax</text></answer></subquestion>
            <subquestion format="plain_text"><text>Hộ chiếu <mới></text>
              <answer><text>Cổng DVC Bộ Công an</text></answer></subquestion>
            <subquestion><text></text><answer><text>Zalo</text></answer></subquestion>
            </question>""".replace("<mới>", "&lt;mới&gt;")
        )
    )
    assert question.qtype == MATCHING
    assert question.shuffle_answers is True
    assert question.correct_feedback == "Hoàn hảo."
    assert question.matches == [
        MatchData("<p>Nộp <b>thuế</b></p>", "eTax"),
        MatchData("Hộ chiếu &lt;mới&gt;", "Cổng DVC Bộ Công an"),
        MatchData("", "Zalo"),
    ]


def test_essay():
    question = only_question(
        quiz(
            """<question type="essay"><name><text>Tự luận</text></name>
            <questiontext format="markdown"><text>**Kể** lại một lần bị lừa.</text></questiontext>
            <responseformat>editor</responseformat></question>"""
        )
    )
    assert question.qtype == ESSAY
    # Markdown is shown as typed: there is no converter.
    assert question.text == "**Kể** lại một lần bị lừa."


def test_category_contexts_and_top_are_dropped():
    result = parse_moodle_xml(
        quiz(
            *(
                f'<question type="category"><category><text>{path}</text></category>'
                f'<info format="html"><text>{info}</text></info></question>'
                for path, info in [
                    ("$system$/top/Kỹ năng số", "Gốc"),
                    ("$module$/Kỹ năng số/AI", ""),
                    ("$cat1$/A//B/C", "Tên có gạch chéo"),
                    ("Không ngữ cảnh", ""),
                    ("$course$/top", ""),
                ]
            ),
            essay("Ở gốc"),
        )
    )
    assert result.categories == [
        CategoryData(["Kỹ năng số"], "Gốc"),
        CategoryData(["Kỹ năng số", "AI"]),
        CategoryData(["A/B", "C"], "Tên có gạch chéo"),
        CategoryData(["Không ngữ cảnh"]),
    ]
    # "$course$/top" is the bank's own top: the question is in no category of its own.
    assert result.questions[0].category_path == []


def test_unsupported_types_are_skipped_by_name_and_line():
    unsupported = ["description", "calculated", "calculatedsimple", "ddwtos", "cloze", "multianswer", "random"]
    xml = quiz(
        essay("Trước"),
        *(
            f'<question type="{moodle_type}"><name><text>Câu {moodle_type}</text></name>'
            "<questiontext><text>b</text></questiontext></question>"
            for moodle_type in unsupported
        ),
        essay("Sau"),
    )
    result = parse_moodle_xml(xml)
    assert [question.name for question in result.questions] == ["Trước", "Sau"]
    assert [entry.line for entry in result.skipped] == list(range(4, 4 + len(unsupported)))
    for entry, moodle_type in zip(result.skipped, unsupported, strict=True):
        assert entry.reason == (
            f"Line {entry.line}, question “Câu {moodle_type}”: its Moodle type “{moodle_type}” "
            "does not exist in HọcSố, so it was left out."
        )
        assert entry.excerpt == f"Câu {moodle_type}"


def test_unusable_questions_are_skipped_and_the_rest_imports():
    result = parse_moodle_xml(
        quiz(
            """<question type="multichoice"><name><text>Không đúng</text></name>
            <answer fraction="0"><text>x</text></answer><answer fraction="0"><text>y</text></answer></question>""",
            """<question type="numerical"><name><text>Dấu phẩy</text></name>
            <answer fraction="100"><text>2,5</text></answer></question>""",
            """<question type="matching"><name><text>Một cặp</text></name>
            <subquestion><text>A</text><answer><text>1</text></answer></subquestion></question>""",
            """<question type="shortanswer"><name><text>Trọng số</text></name>
            <answer fraction="lots"><text>x</text></answer></question>""",
            essay("Tốt"),
        )
    )
    assert [question.name for question in result.questions] == ["Tốt"]
    assert [(entry.line, entry.excerpt) for entry in result.skipped] == [
        (3, "Không đúng"),
        (5, "Dấu phẩy"),
        (7, "Một cặp"),
        (9, "Trọng số"),
    ]
    assert "no answer is marked as right" in result.skipped[0].reason
    assert "“2,5” is not a number (write decimals with a dot" in result.skipped[1].reason
    assert "at least two pairs" in result.skipped[2].reason
    assert "“lots” is not a number" in result.skipped[3].reason


def test_a_question_without_a_name_is_named_from_its_text():
    question = only_question(
        quiz(
            '<question type="essay">'
            '<questiontext format="html"><text>&lt;p&gt;Nêu ba dấu hiệu&lt;/p&gt;</text></questiontext></question>'
        )
    )
    assert question.name == "Nêu ba dấu hiệu"


def test_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Tiếng Việt")
    question = only_question(
        quiz(essay(decomposed, decomposed))
    )
    assert question.name == question.text == "Tiếng Việt"
    assert unicodedata.is_normalized("NFC", question.text)


# Files that are refused ----------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE quiz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz><question type="essay"><name><text>&lol9;</text></name><questiontext><text>&lol9;</text></questiontext>
</question></quiz>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><name><text>&secret;</text></name><questiontext><text>&secret;</text></questiontext>
</question></quiz>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://example.com/moodle-quiz.dtd">
<quiz><question type="essay"><name><text>a</text></name></question></quiz>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY % remote SYSTEM "http://example.com/evil.dtd"> %remote;]>
<quiz/>
"""


@pytest.mark.parametrize(
    "xml",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY],
    ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"],
)
def test_dtds_and_entities_are_refused_before_anything_expands(xml):
    for data in (xml, xml.encode()):
        with pytest.raises(ImportFileError, match="refused for safety"):
            parse_moodle_xml(data)


def test_malformed_xml_names_the_line():
    with pytest.raises(ImportFileError, match="line 5, column"):
        parse_moodle_xml(quiz('<question type="essay">', "<name><text>a</text></name>", "</quiz>"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('<?xml version="1.0"?>\n<quiz>Tiếng Việt</quiz>'.encode("utf-16"), "not UTF-8"),
        ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<quiz>caf\xe9</quiz>'.encode("latin-1"), "not UTF-8"),
        (b"<quiz>\x00</quiz>", "NUL"),
        ("<html><body>Không phải câu hỏi</body></html>", "not a Moodle XML question file"),
        ("::GIFT::nhầm định dạng{T}", "not well-formed XML"),
    ],
    ids=["utf-16", "latin-1", "nul", "html", "gift"],
)
def test_files_that_are_not_moodle_xml_are_refused(data, message):
    with pytest.raises(ImportFileError, match=message):
        parse_moodle_xml(data)


@pytest.mark.parametrize("empty", [b"", "", "  \n", b"\xef\xbb\xbf", quiz()])
def test_an_empty_file_gives_an_empty_result(empty):
    result = parse_moodle_xml(empty)
    assert (result.questions, result.categories, result.skipped) == ([], [], [])


# Writing, and reading back -------------------------------------------------------------------


def every_type():
    """One question of each type, using every field Moodle XML carries."""
    security = ["Kỹ năng số", "An toàn thông tin"]
    payments = ["Kỹ năng số", "Thanh toán/Ví điện tử"]
    return [
        QuestionData(
            qtype=SINGLE_CHOICE,
            name="Mật khẩu “mạnh” & an toàn",
            text='<p>Mật khẩu nào <b>mạnh</b> nhất? {}, ~=#: và "ngoặc" ]]> hết</p>',
            category_path=security,
            default_mark=Decimal("2.5"),
            general_feedback="<p>Dùng trình quản lý mật khẩu.</p>",
            shuffle_answers=False,
            correct_feedback="<p>Giỏi!</p>",
            partially_correct_feedback="Gần đúng.",
            incorrect_feedback="Chưa đúng.",
            answers=[
                AnswerData("<code>Tr0ng@2024!</code>", Decimal(1), "<i>Đúng</i>."),
                AnswerData("Tr0ng2024", Decimal("0.5"), ""),
                AnswerData("123456", Decimal(0), "Quá dễ đoán."),
            ],
        ),
        QuestionData(
            qtype=MULTIPLE_CHOICE,
            name="Dấu hiệu lừa đảo",
            text="Chọn các dấu hiệu lừa đảo:",
            category_path=security,
            answers=[
                AnswerData("Giục chuyển tiền gấp", Decimal("0.3333333"), "Đúng."),
                AnswerData("Đòi mã OTP", Decimal("0.3333333"), "Đúng."),
                AnswerData("Gửi đường link lạ", Decimal("0.3333334"), "Đúng."),
                AnswerData("Gọi từ tổng đài chính thức", Decimal("-1"), "Sai."),
            ],
        ),
        QuestionData(
            qtype=TRUE_FALSE,
            name="OTP",
            text="Có thể đọc mã OTP cho nhân viên ngân hàng.",
            category_path=payments,
            general_feedback="OTP là bí mật.",
            answers=[AnswerData("true", Decimal(0), "Không bao giờ!"), AnswerData("false", Decimal(1), "Đúng.")],
        ),
        QuestionData(
            qtype=SHORT_ANSWER,
            name="Cổng DVC",
            text="Địa chỉ Cổng Dịch vụ công quốc gia?",
            category_path=payments,
            case_sensitive=True,
            answers=[
                AnswerData("dichvucong.gov.vn", Decimal(1), "Đúng."),
                AnswerData("*DichVuCong* & <gov>", Decimal("0.5"), "Gần đúng."),
            ],
        ),
        QuestionData(
            qtype=NUMERICAL,
            name="Hạn mức",
            text="Hạn mức (triệu đồng)?",
            default_mark=Decimal(3),
            answers=[
                AnswerData("10", Decimal(1), "Đúng.", Decimal(0)),
                AnswerData("-2.5", Decimal("0.5"), "", Decimal("0.25")),
                AnswerData("*", Decimal(0), "Xem lại quy định.", Decimal(0)),
            ],
        ),
        QuestionData(
            qtype=MATCHING,
            name="Ghép dịch vụ",
            text="Ghép mỗi việc với nơi làm.",
            shuffle_answers=False,
            correct_feedback="Hoàn hảo.",
            incorrect_feedback="Xem lại bài 2.",
            matches=[
                MatchData("<p>Cấp lại <b>hộ chiếu</b> -> trực tuyến</p>", "Cổng DVC Bộ Công an"),
                MatchData("Nộp thuế", "eTax & <Tổng cục Thuế>"),
                MatchData("", "Ngân hàng (nhiễu)"),
            ],
        ),
        QuestionData(
            qtype=ESSAY,
            name="Tự luận",
            text="Kể lại một lần bạn nhận ra tin nhắn lừa đảo.<br>Viết 3–5 câu.",
            default_mark=Decimal(10),
            general_feedback="Chấm theo: nhận diện, cách xử lý, bài học.",
        ),
    ]


def round_trip(questions, categories=None):
    result = parse_moodle_xml(write_moodle_xml(questions, categories))
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


def test_categories_round_trip_with_their_descriptions():
    categories = [
        CategoryData(["Kỹ năng số"], "<p>Khoá học <b>chung</b></p>"),
        CategoryData(["Kỹ năng số", "An toàn thông tin"], "Bảo mật & lừa đảo"),
        CategoryData(["Trống"], "Chưa có câu hỏi."),
    ]
    result = round_trip(every_type(), categories)
    assert result.categories == [
        categories[0],
        categories[1],
        CategoryData(["Kỹ năng số", "Thanh toán/Ví điện tử"]),
        categories[2],
    ]


def test_written_xml_is_what_moodle_reads():
    xml = write_moodle_xml(every_type(), [CategoryData(["Kỹ năng số"], "Chung")])
    root = ElementTree.fromstring(xml.encode())
    entries = [
        (element.get("type"), element.findtext("category/text") or element.findtext("name/text"))
        for element in root.findall("question")
    ]
    # Each category comes before its questions; a described parent before its child.
    assert entries[:4] == [
        ("category", "$course$/Kỹ năng số"),
        ("category", "$course$/Kỹ năng số/An toàn thông tin"),
        ("multichoice", "Mật khẩu “mạnh” & an toàn"),
        ("multichoice", "Dấu hiệu lừa đảo"),
    ]
    assert ("category", "$course$/Kỹ năng số/Thanh toán//Ví điện tử") in entries
    assert ("category", "$course$/top") in entries
    single = root.find("question[@type='multichoice']")
    assert single.findtext("single") == "true"
    assert single.findtext("shuffleanswers") == "false"
    assert [answer.get("fraction") for answer in single.findall("answer")] == ["100", "50", "0"]
    # HTML goes in CDATA, as Moodle writes it; "]]>" is split across two sections.
    assert "<![CDATA[<p>Mật khẩu nào <b>mạnh</b>" in xml
    assert "]]]]><![CDATA[>" in xml
    numerical = root.find("question[@type='numerical']")
    assert [answer.findtext("tolerance") for answer in numerical.findall("answer")] == ["0", "0.25", "0"]
    assert root.find("question[@type='shortanswer']").findtext("usecase") == "1"
