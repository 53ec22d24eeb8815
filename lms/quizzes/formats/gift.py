"""
GIFT, Moodle's plain-text question format, read the way Moodle's own importer
(question/format/gift/format.php) reads it and written so that Moodle and
parse_gift() read it back as the same question.

Questions are separated by blank lines; a line starting with `//` is a comment:

    $CATEGORY: $course$/Kỹ năng số/An toàn thông tin

    ::Mật khẩu::[html]Mật khẩu nào <b>mạnh</b> nhất?{
        =Tr0ng@2024#Đúng: dài, có số và ký hiệu.
        ~123456#Quá dễ đoán.
        ####Hãy dùng trình quản lý mật khẩu.
    }

What it shares with the Moodle XML format lives in common.py.
"""

import re
from decimal import Decimal

from django.utils.text import Truncator
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


# While a question is cut into parts, each escaped character stands in for itself
# as a Unicode noncharacter, a code point set aside for a program's internal use,
# so `\{` and the like are never taken for syntax. Moodle does the same with
# "&&123;"-style placeholders, which a text could contain for real. Noncharacters
# have no meaning in a file, so any the file has are dropped before reading.
ESCAPABLE = "\\:#={}~n"
PLACEHOLDERS = {char: chr(0xFDD0 + index) for index, char in enumerate(ESCAPABLE)}
RESTORED = str.maketrans({placeholder: "\n" if char == "n" else char for char, placeholder in PLACEHOLDERS.items()})
NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
ESCAPE = re.compile(r"\\([\\:#={}~n])")
WRITE_ESCAPES = str.maketrans(
    {"\\": "\\\\", ":": "\\:", "#": "\\#", "=": "\\=", "{": "\\{", "}": "\\}", "~": "\\~", "\n": "\\n", "\r": ""}
)

FORMAT_MARKER = re.compile(r"\[(html|moodle|plain|markdown)\]")
# Moodle's pattern for an answer weight such as %50% or %-33.33333%.
WEIGHT = re.compile(r"%(-*[0-9]{1,2}\.?[0-9]*)%")
TRUE_FALSE_ANSWERS = {"T": True, "TRUE": True, "F": False, "FALSE": False}
CATEGORY_LINE = "$CATEGORY:"
# Moodle replaces the answer block with this blank when text follows it (the missing-word format).
BLANK = "_____"


def parse_gift(data):
    """
    Read a GIFT file (bytes or str) into a ParseResult. A question that cannot
    be read is listed in `skipped` with the line where it starts, and the rest
    of the file is still read. Raise ImportFileError when the file itself
    cannot be read.
    """
    text = NONCHARACTERS.sub("", decode_text(data))
    result = ParseResult()
    category_path = []
    for line_number, lines in question_blocks(text):
        if lines[0].startswith(CATEGORY_LINE):
            # Moodle wants a blank line after $CATEGORY and reads the whole block as
            # the path otherwise; a question right below it is read as a question.
            category_path = split_category_path(lines[0][len(CATEGORY_LINE) :])
            if category_path:
                note_category(result, category_path)
            lines = lines[1:]
            line_number += 1
            while lines and lines[0] == " ":
                lines, line_number = lines[1:], line_number + 1
            if not lines:
                continue
        block = "\n".join(lines).strip(PHP_WHITESPACE)
        try:
            question = read_question(block)
        except InvalidQuestion as problem:
            reason = _("Line %(line)s: %(problem)s") % {"line": line_number, "problem": problem.args[0]}
            result.skipped.append(SkippedQuestion(line=line_number, reason=reason, excerpt=excerpt(block)))
            continue
        question.category_path = list(category_path)
        question.line = line_number
        result.questions.append(question)
    return result


def question_blocks(text):
    """
    Yield (line number, lines) for each run of non-blank lines, with lines
    trimmed as Moodle trims them and comment lines kept as a single space.
    The line number is that of the first line that is not a comment.
    """
    lines, first_line = [], None
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        line = line.strip(PHP_WHITESPACE)
        if line.startswith("//"):
            if lines:
                lines.append(" ")
        elif line:
            if not lines:
                first_line = number
            lines.append(line)
        elif lines:
            yield first_line, lines
            lines = []
    if lines:
        yield first_line, lines


def read_question(block):
    """One question from its block of lines, the way Moodle's qformat_gift::readquestion() reads it."""
    text = ESCAPE.sub(lambda match: PLACEHOLDERS[match.group(1)], block)
    name = ""
    if text.startswith("::"):
        text = text[2:]
        name_end = text.find("::")
        if name_end >= 0:
            name = plain_name(restore_escapes(text[:name_end]))
            text = text[name_end + 2 :].strip(PHP_WHITESPACE)

    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise InvalidQuestion(
            _(
                "there is no answer block “{…}”: Moodle would take this text for a description, "
                "which HọcSố does not have."
            )
        )
    if finish < 0:
        raise InvalidQuestion(_("the answer block is not closed with “}”."))
    if start < 0 or finish < start:
        raise InvalidQuestion(_("there is a “}” with no “{” before it. Write \\} for a brace in the text."))
    answer_text = text[start + 1 : finish].strip(PHP_WHITESPACE)
    if text.endswith("}"):
        question_text = text[:start] + text[finish + 1 :]
    else:
        question_text = text[:start] + BLANK + text[finish + 1 :]

    general_feedback = ""
    separator = answer_text.rfind("####")
    if separator >= 0:
        general_feedback = answer_text[separator + 4 :]
        answer_text = answer_text[:separator].strip(PHP_WHITESPACE)

    text_format, question_text = read_text(question_text, "moodle")
    question_html = to_html(question_text, text_format)
    question = QuestionData(
        qtype=ESSAY,
        name=name or default_name(question_html),
        text=question_html,
        general_feedback=read_html(general_feedback, text_format),
    )
    if not answer_text:
        return question
    if answer_text.startswith("#"):
        read_numerical(question, answer_text[1:], text_format)
    elif "~" in answer_text:
        read_choice(question, answer_text, text_format)
    elif "=" in answer_text and "->" in answer_text:
        read_matching(question, answer_text, text_format)
    elif answer_text.split("#", 1)[0].strip(PHP_WHITESPACE) in TRUE_FALSE_ANSWERS:
        read_true_false(question, answer_text, text_format)
    else:
        read_short_answer(question, answer_text, text_format)
    problem = question_problem(question)
    if problem:
        raise InvalidQuestion(problem)
    return question


def read_choice(question, answer_text, text_format):
    # One `=` makes a single-choice question (Moodle's "one answer only"),
    # even when several answers are right; without one, learners may tick several.
    question.qtype = SINGLE_CHOICE if "=" in answer_text else MULTIPLE_CHOICE
    for part in answer_parts(answer_text.replace("=", "~="), "~"):
        if part.startswith("="):
            fraction, part = Decimal(1), part[1:]
        else:
            fraction, part = split_weight(part, Decimal(0))
        answer, feedback = split_feedback(part, text_format)
        answer_format, answer = read_text(answer, text_format)
        # Moodle drops empty choices when it saves the question.
        if answer:
            question.answers.append(AnswerData(to_html(answer, answer_format), fraction, feedback))


def read_matching(question, answer_text, text_format):
    question.qtype = MATCHING
    for part in answer_parts(answer_text, "="):
        marker = part.find("->")
        if marker < 0:
            raise InvalidQuestion(
                _("“%(pair)s” is not a pair “question -> answer”.") % {"pair": restore_escapes(part)}
            )
        prompt = read_html(part[:marker], text_format)
        question.matches.append(MatchData(prompt, restore_escapes(part[marker + 2 :]).strip(PHP_WHITESPACE)))


def read_true_false(question, answer_text, text_format):
    question.qtype = TRUE_FALSE
    # `T#wrong#right`: the first feedback is for those who answer wrongly, the second for the others.
    answer, *feedbacks = answer_text.split("#", 2)
    wrong_feedback, right_feedback = (read_html(feedback, text_format) for feedback in [*feedbacks, "", ""][:2])
    true_is_right = TRUE_FALSE_ANSWERS[answer.strip(PHP_WHITESPACE)]
    question.answers = [
        AnswerData("true", Decimal(int(true_is_right)), right_feedback if true_is_right else wrong_feedback),
        AnswerData("false", Decimal(int(not true_is_right)), wrong_feedback if true_is_right else right_feedback),
    ]


def read_short_answer(question, answer_text, text_format):
    question.qtype = SHORT_ANSWER
    for part in answer_parts(answer_text, "="):
        fraction, part = split_weight(part, Decimal(1))
        answer, feedback = split_feedback(part, text_format)
        # The answer is compared with what the learner types: plain text, as Moodle keeps it.
        answer = read_text(answer, text_format)[1]
        if answer:
            question.answers.append(AnswerData(answer, fraction, feedback))


def read_numerical(question, answer_text, text_format):
    question.qtype = NUMERICAL
    # `~#feedback` closes the block: the feedback for any other number.
    answer_text, other_numbers, other_feedback = answer_text.partition("~")
    for part in answer_parts(answer_text, "="):
        fraction, part = split_weight(part, Decimal(1))
        answer, feedback = split_feedback(part, text_format)
        value, tolerance = numerical_answer(read_text(answer, text_format)[1])
        question.answers.append(AnswerData(value, fraction, feedback, tolerance))
    if other_numbers:
        question.answers.append(AnswerData("*", Decimal(0), split_feedback(other_feedback, text_format)[1]))


def numerical_answer(answer):
    """(value, tolerance) from `3`, `3:2` (value and error margin) or `1..5` (a range): Moodle's three forms."""
    if answer.find("..") > 0:
        low, high = (parse_number(bound.strip(PHP_WHITESPACE)) for bound in answer.split("..", 1))
        middle = (low + high) / 2
        return decimal_text(middle), high - middle
    value, tolerance = answer, Decimal(0)
    if answer.find(":") > 0:
        value, tolerance = (part.strip(PHP_WHITESPACE) for part in answer.split(":", 1))
        tolerance = parse_number(tolerance)
    if value in ("", "*"):
        # An empty answer matches any number: Moodle stores it as "*".
        return "*", tolerance
    parse_number(value)
    return value, tolerance


def answer_parts(answer_text, separator):
    """The answers of a block: split on `separator`, the empty piece before the first one dropped."""
    parts = [part.strip(PHP_WHITESPACE) for part in answer_text.split(separator)]
    return parts[1:] if not parts[0] else parts


def split_weight(answer, default):
    """(fraction, rest of the answer) for an answer that may start with a weight such as %50%."""
    match = WEIGHT.match(answer)
    if not match:
        return default, answer
    return percent_to_fraction(match.group(1)), answer[match.end() :]


def split_feedback(answer, text_format):
    """(answer, feedback HTML) for `answer#feedback`; the answer is returned as written."""
    answer, _separator, feedback = answer.partition("#")
    return answer.strip(PHP_WHITESPACE), read_html(feedback, text_format)


def read_text(text, default_format):
    """(format, text) for a text that may start with a [format] marker, escapes restored."""
    text = text.strip(PHP_WHITESPACE)
    match = FORMAT_MARKER.match(text)
    if match:
        return match.group(1), restore_escapes(text[match.end() :]).strip(PHP_WHITESPACE)
    return default_format, restore_escapes(text).strip(PHP_WHITESPACE)


def read_html(text, default_format):
    text_format, text = read_text(text, default_format)
    return to_html(text, text_format)


def restore_escapes(text):
    return text.translate(RESTORED)


def excerpt(block):
    return Truncator(" ".join(block.split())).chars(100)


def write_gift(questions, categories=None):
    """
    The GIFT text for `questions` (QuestionData) with a `$CATEGORY:` line
    wherever the category changes; `categories` (CategoryData) adds the
    categories no question is in. GIFT has no place for a question's
    default mark, answer shuffling, case sensitivity or the feedback for
    right, partly right and wrong responses, nor for a category's
    description: they are left out.
    """
    chunks = []
    for item in export_sequence(questions, categories):
        if isinstance(item, CategoryData):
            chunks.append(f"{CATEGORY_LINE} {assemble_category_path(item.path)}\n")
        else:
            chunks.append(gift_question(item))
    return "\n".join(chunks)


def gift_question(question):
    head = f"::{escape(question.name)}::[html]{escape(question.text)}"
    general_feedback = f"####{gift_html(question.general_feedback)}" if question.general_feedback else ""
    if question.qtype == ESSAY:
        return f"{head}{{{general_feedback}}}\n"
    if question.qtype == TRUE_FALSE:
        return f"{head}{{{gift_true_false(question)}{general_feedback}}}\n"
    if question.qtype == MATCHING:
        # The first "->" of a pair ends its prompt: one inside the prompt is written "-&gt;", the same in HTML.
        lines = [
            f"={gift_html(match.prompt.replace('->', '-&gt;'))} -> {escape(match.answer)}" for match in question.matches
        ]
    elif question.qtype == NUMERICAL:
        lines = gift_numerical_answers(question.answers)
    elif question.qtype == SHORT_ANSWER:
        lines = [
            f"=%{percent_text(answer.fraction)}%{gift_html(answer.text)}#{gift_html(answer.feedback)}"
            for answer in question.answers
        ]
    else:
        lines = [gift_choice(answer, single=question.qtype == SINGLE_CHOICE) for answer in question.answers]
    if general_feedback:
        lines.append(general_feedback)
    body = "".join(f"\t{line}\n" for line in lines)
    numerical_mark = "#" if question.qtype == NUMERICAL else ""
    return f"{head}{{{numerical_mark}\n{body}}}\n"


def gift_choice(answer, single):
    if single and answer.fraction == 1:
        weight = "="
    elif answer.fraction or answer.text.startswith("%"):
        # An explicit weight keeps a text starting with "%50%" from being read as one.
        weight = f"~%{percent_text(answer.fraction)}%"
    else:
        weight = "~"
    feedback = f"#{gift_html(answer.feedback)}" if answer.feedback else ""
    return f"{weight}{gift_html(answer.text)}{feedback}"


def gift_true_false(question):
    true_answer, false_answer = true_false_answers(question)
    if true_answer.fraction == 1:
        block, right, wrong = "TRUE", true_answer.feedback, false_answer.feedback
    else:
        block, right, wrong = "FALSE", false_answer.feedback, true_answer.feedback
    if wrong or right:
        block += f"#{gift_html(wrong)}"
    if right:
        block += f"#{gift_html(right)}"
    return block


def gift_numerical_answers(answers):
    lines = []
    for position, answer in enumerate(answers, start=1):
        feedback = gift_html(answer.feedback)
        if answer.text != "*":
            weight = percent_text(answer.fraction)
            lines.append(f"=%{weight}%{escape(answer.text)}:{decimal_text(answer.tolerance)}#{feedback}")
        elif position == len(answers) and not answer.fraction:
            # Moodle's short form for "any other number"; it must come last, as everything after "~" is its feedback.
            lines.append(f"~#{feedback}")
        else:
            lines.append(f"=%{percent_text(answer.fraction)}%*#{feedback}")
    return lines


def gift_html(text):
    """An answer or feedback text; one starting with "[" gets its [html] marker, so its start is not taken for one."""
    return f"[html]{escape(text)}" if text.startswith("[") else escape(text)


def escape(text):
    return text.translate(WRITE_ESCAPES)
