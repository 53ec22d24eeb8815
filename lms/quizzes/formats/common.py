"""
What the GIFT and Moodle XML formats share, read and written as Moodle does:
text formats, category paths, the checks Moodle makes before it saves a
question, numbers and percentages, and the order in which categories and
questions are written.
"""

import html
import re
import unicodedata
from decimal import Decimal

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .base import (
    MATCHING,
    MULTIPLE_CHOICE,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE_CHOICE,
    CategoryData,
    ImportFileError,
)

# PHP's trim() characters: Moodle keeps other spaces (a no-break space, say) as part of the text.
PHP_WHITESPACE = " \t\n\r\0\x0b"


class InvalidQuestion(Exception):
    """A question that cannot be imported; the argument says why, in a sentence for the trainer."""


def decode_text(data):
    """The text of an uploaded file, or ImportFileError when it is not UTF-8 text."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ImportFileError(
                _("The file is not UTF-8 text (line %(line)s). Save it again with the “UTF-8” encoding and import it.")
                % {"line": line}
            ) from None
    else:
        text = data
    if "\x00" in text:
        raise ImportFileError(_("The file contains NUL bytes: it is not a text file."))
    # Names and titles are stored in NFC: a file typed on some systems spells "ế" as "e" and two accents.
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def to_html(text, text_format):
    """The HTML of a text written in one of Moodle's formats: only HTML is kept as it is."""
    if text_format == "html":
        return text
    # Plain and Moodle texts show their characters as typed, line breaks included.
    # Markdown is shown the same way: the project has no Markdown converter.
    return html.escape(text, quote=False).replace("\n", "<br>")


def plain_name(name):
    """A question or category name as Moodle cleans it: no tags, no surrounding spaces, 255 characters at most."""
    return strip_tags(name).strip(PHP_WHITESPACE)[:255]


def default_name(text_html):
    """The name of a question given none: the start of its text, as Moodle makes it."""
    text = " ".join(html.unescape(strip_tags(text_html)).split())
    return Truncator(text).chars(80) or str(_("Question"))


def split_category_path(path):
    """
    The category names of a Moodle path such as `$course$/top/A/B//C` (`//` is
    a slash inside a name). The context (`$course$`, `$system$`...) and
    Moodle's hidden "top" category are dropped: they say where the
    categories were in Moodle, not what they are.
    """
    names = [name.replace("//", "/").strip(PHP_WHITESPACE) for name in re.split(r"(?<!/)/(?!/)", path.strip())]
    if names and re.fullmatch(r"\$[a-z0-9]+\$", names[0]):
        names.pop(0)
    if names and names[0] == "top":
        names.pop(0)
    return [plain_name(name) for name in names if name]


def assemble_category_path(names):
    """The Moodle path of a category, `$course$/A/B`, with slashes inside names doubled."""
    escaped = []
    for name in names:
        name = name.replace("/", "//")
        # A space keeps a slash at either end of a name from joining the separator.
        if name.startswith("/"):
            name = " " + name
        if name.endswith("/"):
            name += " "
        escaped.append(name)
    return "/".join(["$course$", *(escaped or ["top"])])


def note_category(result, path, info=""):
    """List a category once, with the first description the file gives it."""
    for category in result.categories:
        if category.path == path:
            category.info = category.info or info
            return
    result.categories.append(CategoryData(list(path), info))


def question_problem(question):
    """Why Moodle would refuse to save this question, or None: the checks its question types make."""
    for answer in question.answers:
        if not -1 <= answer.fraction <= 1:
            return _("the weight %(weight)s%% is not between -100%% and 100%%.") % {
                "weight": percent_text(answer.fraction)
            }
    fractions = [answer.fraction for answer in question.answers]
    if question.qtype in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        if len(fractions) < 2:
            return _("a multiple-choice question needs at least two answers.")
        if max(fractions) <= 0:
            return _("no answer is marked as right.")
    if question.qtype == MULTIPLE_CHOICE:
        total = sum(fraction for fraction in fractions if fraction > 0)
        if round(total, 2) != 1:
            return _("the right answers add up to %(total)s%%; they must add up to 100%%.") % {
                "total": percent_text(total)
            }
    if question.qtype in (SHORT_ANSWER, NUMERICAL) and not fractions:
        return _("the question has no answer.")
    if question.qtype in (SINGLE_CHOICE, SHORT_ANSWER, NUMERICAL) and max(fractions) != 1:
        return _("none of the answers gives the full mark.")
    if question.qtype == MATCHING:
        if sum(1 for match in question.matches if match.prompt) < 2:
            return _("a matching question needs at least two pairs “question -> answer”.")
        for match in question.matches:
            if match.prompt and not match.answer:
                prompt = Truncator(strip_tags(match.prompt)).chars(60)
                return _("the pair “%(prompt)s” has no answer.") % {"prompt": prompt}
    return None


def true_false_answers(question):
    """The (true, false) answers of a true/false question, found by their texts or else by their order."""
    by_text = {answer.text: answer for answer in question.answers}
    if "true" in by_text and "false" in by_text:
        return by_text["true"], by_text["false"]
    return question.answers[0], question.answers[1]


def export_sequence(questions, categories=None):
    """
    Categories and questions in the order a file lists them: a category
    before the questions in it (and before it, those of its parents that
    `categories` describes), then the categories no question is in.
    """
    described = {tuple(category.path): category for category in categories or ()}
    written = set()
    current = ()
    for question in questions:
        path = tuple(question.category_path)
        if path != current:
            for depth in range(1, len(path)):
                parent = path[:depth]
                if parent in described and parent not in written:
                    written.add(parent)
                    yield described[parent]
            written.add(path)
            yield described.get(path) or CategoryData(list(path))
            current = path
        yield question
    for path, category in described.items():
        if path not in written:
            yield category


def parse_number(text):
    """
    A Decimal from a number as PHP's is_numeric() accepts it, or InvalidQuestion.
    Exponents are kept to three digits: 1e999999999 is no one's answer, and
    writing it out in full would fill the memory.
    """
    if not re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?", text):
        raise InvalidQuestion(
            _("“%(value)s” is not a number (write decimals with a dot, e.g. 2.5).") % {"value": text}
        )
    return Decimal(text)


def percent_to_fraction(percent):
    return parse_number(percent) / 100


def percent_text(fraction):
    return decimal_text(fraction * 100)


def decimal_text(value):
    """A Decimal written plainly, without exponent or trailing zeros: 2, 0.5, -33.33333."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text == "-0" else text
