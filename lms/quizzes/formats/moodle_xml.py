"""
Moodle XML, the question format Moodle exports its question banks in, read
the way Moodle's own importer (question/format/xml/format.php) reads it and
written so that Moodle imports it.

Files come from outside, so they are parsed with defusedxml and any DTD is
refused: a question file never needs one, and a DTD is how entity bombs and
external entities (reading the server's own files) get in.
"""

from decimal import Decimal
from xml.etree.ElementTree import ParseError, TreeBuilder

import defusedxml
import defusedxml.ElementTree
from django.utils.translation import gettext_lazy as _

from .base import (
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
    ParseResult,
    QuestionData,
    SkippedQuestion,
)
from .common import (
    PHP_WHITESPACE,
    InvalidQuestion,
    assemble_category_path,
    decimal_text,
    decode_text,
    default_name,
    export_sequence,
    note_category,
    parse_number,
    percent_text,
    percent_to_fraction,
    plain_name,
    question_problem,
    split_category_path,
    to_html,
    true_false_answers,
)

# Moodle's format names, and the format to_html() treats each as. Moodle takes
# a name it does not know for HTML.
TEXT_FORMATS = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
    "wiki_like": "plain",
}
MOODLE_TYPES = {
    SINGLE_CHOICE: "multichoice",
    MULTIPLE_CHOICE: "multichoice",
    TRUE_FALSE: "truefalse",
    SHORT_ANSWER: "shortanswer",
    NUMERICAL: "numerical",
    MATCHING: "matching",
    ESSAY: "essay",
}


def parse_moodle_xml(data):
    """
    Read a Moodle XML file (bytes or str) into a ParseResult. A question of a
    type HọcSố does not have, or one that cannot be used as it is, is listed
    in `skipped` and the rest of the file is still read. Raise
    ImportFileError when the file is not safe, well-formed Moodle XML.
    """
    text = decode_text(data)
    result = ParseResult()
    if not text.strip():
        return result
    quiz, lines = parse_tree(text)
    if quiz.tag != "quiz":
        raise ImportFileError(
            _("This is not a Moodle XML question file: it starts with <%(tag)s>, not <quiz>.") % {"tag": quiz.tag}
        )
    category_path = []
    for element in quiz.findall("question"):
        line = lines[element]
        moodle_type = element.get("type", "").strip()
        if moodle_type == "category":
            category_path = read_category(element, result)
            continue
        name = plain_name(element.findtext("name/text") or "")
        try:
            question = read_question(element, moodle_type, name)
        except InvalidQuestion as problem:
            reason = _("Line %(line)s, question “%(name)s”: %(problem)s") % {
                "line": line,
                "name": name,
                "problem": problem.args[0],
            }
            result.skipped.append(SkippedQuestion(line=line, reason=reason, excerpt=name))
            continue
        question.category_path = list(category_path)
        question.line = line
        result.questions.append(question)
    return result


class LineNumberingTreeBuilder(TreeBuilder):
    """Builds the tree and notes the line each <question> starts on, for the trainer's report."""

    def __init__(self):
        super().__init__()
        self.expat = None
        self.lines = {}

    def start(self, tag, attributes):
        element = super().start(tag, attributes)
        if tag == "question":
            self.lines[element] = self.expat.CurrentLineNumber
        return element


def parse_tree(text):
    """(root element, {question element: line number}) of the XML text."""
    builder = LineNumberingTreeBuilder()
    parser = defusedxml.ElementTree.DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.expat = parser.parser
    try:
        parser.feed(text)
        return parser.close(), builder.lines
    except defusedxml.DefusedXmlException:
        raise ImportFileError(
            _(
                "The file declares a DTD or entities (<!DOCTYPE …>), which question files never need: "
                "refused for safety."
            )
        ) from None
    except ParseError as error:
        line, column = error.position
        raise ImportFileError(
            _("The file is not well-formed XML: the error is at line %(line)s, column %(column)s.")
            % {"line": line, "column": column + 1}
        ) from None


def read_category(element, result):
    path = split_category_path(element.findtext("category/text") or "")
    if path:
        note_category(result, path, read_html(element, "info", "moodle_auto_format"))
    return path


def read_question(element, moodle_type, name):
    if moodle_type not in READERS:
        raise InvalidQuestion(
            _("its Moodle type “%(type)s” does not exist in HọcSố, so it was left out.") % {"type": moodle_type}
        )
    question_text = element.find("questiontext")
    # The question's format is the one its feedback and answers are in when they do not say.
    text_format = "html" if question_text is None else question_text.get("format", "html")
    text = read_html(element, "questiontext", "html")
    question = QuestionData(
        qtype=ESSAY,
        name=name or default_name(text),
        text=text,
        default_mark=read_number(element.findtext("defaultgrade"), Decimal(1)),
        general_feedback=read_html(element, "generalfeedback", text_format),
    )
    READERS[moodle_type](question, element, text_format)
    problem = question_problem(question)
    if problem:
        raise InvalidQuestion(problem)
    return question


def read_multichoice(question, element, text_format):
    question.qtype = SINGLE_CHOICE if moodle_flag(element.findtext("single"), "true") else MULTIPLE_CHOICE
    question.shuffle_answers = moodle_flag(element.findtext("shuffleanswers"), "false")
    read_combined_feedback(question, element, text_format)
    for answer in element.findall("answer"):
        text = to_html(read_plain(answer, "text"), html_format(answer.get("format", text_format)))
        # Moodle drops empty choices when it saves the question.
        if text:
            question.answers.append(AnswerData(text, read_fraction(answer), read_html(answer, "feedback", text_format)))


def read_true_false(question, element, text_format):
    question.qtype = TRUE_FALSE
    answers = element.findall("answer")
    if not answers:
        raise InvalidQuestion(_("the question has no answer."))
    true_is_right, feedbacks = True, {"true": "", "false": ""}
    for position, answer in enumerate(answers):
        text = read_plain(answer, "text")
        if text not in feedbacks:
            # Files from old Moodles name the answers in the teacher's language; they list "true" first.
            text = "true" if position == 0 else "false"
        feedbacks[text] = read_html(answer, "feedback", text_format)
        is_full_mark = read_fraction(answer) == 1
        true_is_right = is_full_mark if text == "true" else not is_full_mark
    question.answers = [
        AnswerData("true", Decimal(int(true_is_right)), feedbacks["true"]),
        AnswerData("false", Decimal(int(not true_is_right)), feedbacks["false"]),
    ]


def read_short_answer(question, element, text_format):
    question.qtype = SHORT_ANSWER
    question.case_sensitive = moodle_flag(element.findtext("usecase"), "0")
    for answer in element.findall("answer"):
        # The answer is compared with what the learner types: plain text, as Moodle keeps it.
        text = read_plain(answer, "text")
        if text:
            question.answers.append(AnswerData(text, read_fraction(answer), read_html(answer, "feedback", text_format)))


def read_numerical(question, element, text_format):
    question.qtype = NUMERICAL
    for answer in element.findall("answer"):
        value = read_plain(answer, "text")
        if value in ("", "*"):
            # An empty answer matches any number: Moodle stores it as "*".
            value = "*"
        else:
            parse_number(value)
        question.answers.append(
            AnswerData(
                value,
                read_fraction(answer),
                read_html(answer, "feedback", text_format),
                read_number(answer.findtext("tolerance"), Decimal(0)),
            )
        )


def read_matching(question, element, text_format):
    question.qtype = MATCHING
    question.shuffle_answers = moodle_flag(element.findtext("shuffleanswers"), "true")
    read_combined_feedback(question, element, text_format)
    for subquestion in element.findall("subquestion"):
        prompt = to_html(read_plain(subquestion, "text"), html_format(subquestion.get("format", text_format)))
        question.matches.append(MatchData(prompt, read_plain(subquestion, "answer/text")))


def read_essay(question, element, text_format):
    question.qtype = ESSAY


READERS = {
    "multichoice": read_multichoice,
    "truefalse": read_true_false,
    "shortanswer": read_short_answer,
    "numerical": read_numerical,
    "matching": read_matching,
    "match": read_matching,
    "essay": read_essay,
}


def read_combined_feedback(question, element, text_format):
    question.correct_feedback = read_html(element, "correctfeedback", text_format)
    question.partially_correct_feedback = read_html(element, "partiallycorrectfeedback", text_format)
    question.incorrect_feedback = read_html(element, "incorrectfeedback", text_format)


def read_html(element, path, default_format):
    """The HTML of a text element such as <questiontext format="…"><text>…</text>, empty when it is missing."""
    node = element.find(path)
    if node is None:
        return ""
    return to_html(read_plain(node, "text"), html_format(node.get("format", default_format)))


def html_format(moodle_format):
    return TEXT_FORMATS.get(moodle_format.strip(), "html")


def read_plain(element, path):
    return (element.findtext(path) or "").strip(PHP_WHITESPACE)


def read_fraction(answer):
    """An answer's share of the mark: Moodle writes it as a percentage, fraction="33.33333"."""
    return percent_to_fraction(answer.get("fraction", "0").strip())


def read_number(text, default):
    text = (text or "").strip()
    return parse_number(text) if text else default


def moodle_flag(text, default):
    """A yes/no setting as Moodle reads it: "false", "0" and empty mean no, anything else yes."""
    text = (text if text is not None else default).strip()
    return text not in ("false", "0", "")


def write_moodle_xml(questions, categories=None):
    """
    The Moodle XML for `questions` (QuestionData), each category written
    before its questions, with the descriptions `categories` (CategoryData)
    gives; categories no question is in are written last.
    """
    chunks = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    for item in export_sequence(questions, categories):
        chunks.append(category_xml(item) if isinstance(item, CategoryData) else question_xml(item))
    chunks.append("</quiz>\n")
    return "".join(chunks)


def category_xml(category):
    return (
        '  <question type="category">\n'
        f"    <category>\n      <text>{xml_text(assemble_category_path(category.path))}</text>\n    </category>\n"
        f"{text_xml('info', category.info, 2)}"
        "  </question>\n"
    )


def question_xml(question):
    parts = [
        f'  <question type="{MOODLE_TYPES[question.qtype]}">\n',
        f"    <name>\n      <text>{xml_text(question.name)}</text>\n    </name>\n",
        text_xml("questiontext", question.text, 2),
        text_xml("generalfeedback", question.general_feedback, 2),
        f"    <defaultgrade>{decimal_text(question.default_mark)}</defaultgrade>\n",
    ]
    shuffle = "true" if question.shuffle_answers else "false"
    if question.qtype in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        parts.append(f"    <single>{'true' if question.qtype == SINGLE_CHOICE else 'false'}</single>\n")
        parts.append(f"    <shuffleanswers>{shuffle}</shuffleanswers>\n")
        parts.append("    <answernumbering>abc</answernumbering>\n")
        parts.append(combined_feedback_xml(question))
        parts.extend(answer_xml(answer, "html") for answer in question.answers)
    elif question.qtype == TRUE_FALSE:
        for text, answer in zip(("true", "false"), true_false_answers(question)):
            parts.append(answer_xml(AnswerData(text, answer.fraction, answer.feedback), "moodle_auto_format"))
    elif question.qtype == SHORT_ANSWER:
        parts.append(f"    <usecase>{int(question.case_sensitive)}</usecase>\n")
        parts.extend(answer_xml(answer, "moodle_auto_format") for answer in question.answers)
    elif question.qtype == NUMERICAL:
        parts.extend(
            answer_xml(answer, "moodle_auto_format", f"      <tolerance>{decimal_text(answer.tolerance)}</tolerance>\n")
            for answer in question.answers
        )
    elif question.qtype == MATCHING:
        parts.append(f"    <shuffleanswers>{shuffle}</shuffleanswers>\n")
        parts.append(combined_feedback_xml(question))
        parts.extend(
            '    <subquestion format="html">\n'
            f"      <text>{xml_text(match.prompt)}</text>\n"
            f"      <answer>\n        <text>{xml_text(match.answer)}</text>\n      </answer>\n"
            "    </subquestion>\n"
            for match in question.matches
        )
    parts.append("  </question>\n")
    return "".join(parts)


def answer_xml(answer, answer_format, extra=""):
    return (
        f'    <answer fraction="{percent_text(answer.fraction)}" format="{answer_format}">\n'
        f"      <text>{xml_text(answer.text)}</text>\n"
        f"{text_xml('feedback', answer.feedback, 3)}"
        f"{extra}"
        "    </answer>\n"
    )


def combined_feedback_xml(question):
    return (
        text_xml("correctfeedback", question.correct_feedback, 2)
        + text_xml("partiallycorrectfeedback", question.partially_correct_feedback, 2)
        + text_xml("incorrectfeedback", question.incorrect_feedback, 2)
    )


def text_xml(tag, value, depth):
    indent = "  " * depth
    return f'{indent}<{tag} format="html">\n{indent}  <text>{xml_text(value)}</text>\n{indent}</{tag}>\n'


def xml_text(value):
    """Text for an element, in CDATA when it holds markup, as Moodle writes it."""
    # XML 1.0 has no way to write most control characters, even in CDATA: they are
    # dropped rather than making a file no parser (Moodle's included) accepts.
    value = "".join(char for char in value if char >= " " or char in "\t\n\r")
    if not any(char in value for char in "&<>"):
        return value
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"
