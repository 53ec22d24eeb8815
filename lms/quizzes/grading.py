"""
How a response is graded, type by type, with Moodle's rules, so that a
question bank imported from Moodle gives the same marks here.

Pure functions of a question and a stored answer: no database access (the
callers prefetch `answers` and `matches`, and these are iterated, never
filtered, so grading a 50-question attempt makes no queries), no saving.
lms.quizzes.services turns the Grade into marks.

What a Response stores per type (`Response.answer`, see `normalise_response`):

    single choice, true/false   [answer id]
    multiple choice             [answer id, ...]
    short answer, essay         "text"
    numerical                   "3,5"  (as typed)
    matching                    {"<prompt pair id>": "<chosen answer text>"}

A typed answer that is not valid (a number that is not one) is kept as
typed rather than thrown away (`kept_as_typed`): the learner sees it again
with its problem (`answer_problem`), and if it is still there when the
attempt is submitted it is graded as wrong.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import formats as django_formats
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .formats.base import (
    ESSAY,
    MATCHING,
    MULTIPLE_CHOICE,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE_CHOICE,
    TRUE_FALSE,
)

RIGHT = "right"
PARTIAL = "partial"
WRONG = "wrong"
UNANSWERED = "unanswered"
NEEDS_GRADING = "needs_grading"

ZERO = Decimal(0)
ONE = Decimal(1)
# Moodle stores fractions with 7 decimals; a sum of three 33.33333% answers is
# 0.9999999 and Moodle still calls it right (question_state::graded_state_for_fraction
# uses 0.000001 either side). Within that margin the fraction is snapped to 0 or 1,
# so that "right" always means a full mark.
MARGIN = Decimal("0.000001")
FRACTION_STEP = Decimal("0.0000001")

# The longest texts a learner may send: the short-answer box and the essay area say the same.
SHORT_ANSWER_LENGTH = 255
ESSAY_LENGTH = 20000
NUMBER_LENGTH = 50

CHOICE_TYPES = {SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE}
ONE_CHOICE_TYPES = {SINGLE_CHOICE, TRUE_FALSE}
# The types whose answer the learner types, and the longest text each keeps.
TYPED_LENGTHS = {SHORT_ANSWER: SHORT_ANSWER_LENGTH, ESSAY: ESSAY_LENGTH, NUMERICAL: NUMBER_LENGTH}

# A number as a learner types it on a Vietnamese or English keyboard: an optional sign,
# a decimal comma or point, thousands grouped by spaces ("1 000 000"). A dot or comma
# is never read as a thousands separator: "1.000" is one, as Moodle reads it with a point.
NUMBER = re.compile(
    r"""
    (?P<sign>[+-]?)\s*
    (?P<whole>\d{1,3}(?:\ \d{3})+|\d*)
    (?:[.,](?P<part>\d*))?
    """,
    re.VERBOSE | re.ASCII,
)
# Spaces a phone keyboard or a copy from a document may put inside a number, and minus signs
# that are not the ASCII hyphen.
NUMBER_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-", "\u2013": "-"})

# Moodle's wildcard: a run of unescaped asterisks matches any characters; "\*" is a literal one.
WILDCARD = re.compile(r"(?<!\\)\*+")


@dataclass(frozen=True)
class Grade:
    fraction: Decimal | None  # 0..1 share of the mark; None while it waits for a trainer (essay)
    feedback: str  # HTML: the feedback of the answer(s) chosen or matched (not the general feedback)
    state: str  # "right" | "partial" | "wrong" | "unanswered" | "needs_grading"


UNANSWERED_GRADE = Grade(ZERO, "", UNANSWERED)


# Grading ---------------------------------------------------------------------------------------


def grade(question, answer):
    """The Grade of a stored answer (see the module docstring for its form per question type)."""
    if is_blank(answer):
        # Moodle gives an unanswered essay 0 too: there is nothing for the trainer to read.
        return UNANSWERED_GRADE
    grader = GRADERS.get(question.qtype)
    if grader is None:
        raise ValueError(f"Unknown question type {question.qtype!r}")
    return grader(question, answer)


def is_blank(answer):
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, dict):
        return all(value is None or (isinstance(value, str) and not value.strip()) for value in answer.values())
    if isinstance(answer, (list, tuple)):
        return not answer
    return False


def graded(fraction, feedback=""):
    """A Grade for an answered, machine-graded response: fraction clamped to 0..1, state from it."""
    fraction = max(ZERO, min(ONE, Decimal(fraction)))
    if fraction >= ONE - MARGIN:
        return Grade(ONE, feedback, RIGHT)
    if fraction <= MARGIN:
        return Grade(ZERO, feedback, WRONG)
    return Grade(fraction.quantize(FRACTION_STEP), feedback, PARTIAL)


def grade_one_choice(question, answer):
    """Single choice and true/false: the chosen answer's share of the mark, and its feedback."""
    ids = stored_ids(answer)
    chosen = next((option for option in question.answers.all() if option.pk in ids), None)
    if chosen is None:
        # The answer was deleted from the bank after the learner chose it.
        return graded(ZERO)
    return graded(chosen.fraction, chosen.feedback)


def grade_multiple_choice(question, answer):
    """
    Moodle's multiple response: the chosen answers' shares added up, then held
    between 0 and 1, so a -100% answer can cancel right ones but never takes
    the mark below nothing.
    """
    ids = set(stored_ids(answer))
    chosen = [option for option in question.answers.all() if option.pk in ids]
    total = sum((option.fraction for option in chosen), ZERO)
    return graded(total, join_feedback(option.feedback for option in chosen))


def grade_short_answer(question, answer):
    """The first answer (in order) whose pattern the text matches gives the grade; no match is 0."""
    for option in question.answers.all():
        if matches_wildcard(answer, option.text, question.case_sensitive):
            return graded(option.fraction, option.feedback)
    return graded(ZERO)


def grade_numerical(question, answer):
    """The first answer (in order) within tolerance gives the grade; "*" takes any number."""
    value = parse_number(answer)
    if value is None:
        # A text kept as the learner typed it, which is not a number.
        return graded(ZERO)
    for option in question.answers.all():
        if within_tolerance(value, option):
            return graded(option.fraction, option.feedback)
    return graded(ZERO)


def grade_matching(question, answer):
    """The share of prompts given their right answer. Pairs without a prompt are only extra options."""
    if not isinstance(answer, dict):
        return graded(ZERO)
    chosen = {str(key): nfc(value).strip() for key, value in answer.items() if isinstance(value, str)}
    prompts = [pair for pair in question.matches.all() if has_prompt(pair)]
    if not prompts:
        return graded(ZERO)
    # Compared by text, as Moodle merges identical answers: two prompts may share one.
    right = sum(1 for pair in prompts if chosen.get(str(pair.pk)) == nfc(pair.answer).strip())
    return graded(Decimal(right) / Decimal(len(prompts)))


def grade_essay(question, answer):
    return Grade(None, "", NEEDS_GRADING)


GRADERS = {
    SINGLE_CHOICE: grade_one_choice,
    TRUE_FALSE: grade_one_choice,
    MULTIPLE_CHOICE: grade_multiple_choice,
    SHORT_ANSWER: grade_short_answer,
    NUMERICAL: grade_numerical,
    MATCHING: grade_matching,
    ESSAY: grade_essay,
}


# Rules shared by grading and checking ----------------------------------------------------------


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def collapse(text):
    """NFC, trimmed, inner runs of whitespace made one space: how short answers are compared."""
    return " ".join(nfc(text).split())


def stored_ids(answer):
    """The answer ids of a stored choice answer ([id, ...]; a bare id is read too)."""
    values = answer if isinstance(answer, (list, tuple)) else [answer]
    ids = []
    for value in values:
        try:
            ids.append(answer_id(value))
        except ValueError:
            continue
    return ids


def answer_id(value):
    """An answer id from an int or a string of digits, as a browser posts it."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal() and value.strip().isascii():
        return int(value.strip())
    raise ValueError(value)


def matches_wildcard(response, pattern, case_sensitive):
    """
    Moodle's compare_string_with_wildcard: the whole response must match the
    pattern, `*` standing for any run of characters and every other character
    for itself. Both sides are NFC (Vietnamese typed on different keyboards
    must compare equal) with spaces trimmed and collapsed; without case
    sensitivity both are casefolded.
    """
    response, pattern = collapse(response), collapse(pattern)
    if not case_sensitive:
        response, pattern = nfc(response.casefold()), nfc(pattern.casefold())
    bits = [re.escape(bit.replace("\\*", "*")) for bit in WILDCARD.split(pattern)]
    return re.fullmatch(".*".join(bits), response, flags=re.DOTALL) is not None


def parse_number(text):
    """
    The Decimal a learner typed ("3,5", "-2", "+ 0.25", "1 000"), or None if it
    is not a plain number. Exponents, units and several separators are refused.
    """
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFKC", text).translate(NUMBER_SPACES).strip()
    if len(text) > NUMBER_LENGTH:
        return None
    match = NUMBER.fullmatch(text)
    if match is None:
        return None
    whole = match.group("whole").replace(" ", "")
    part = match.group("part") or ""
    if not (whole or part):
        return None
    return Decimal(f"{match.group('sign')}{whole or '0'}.{part or '0'}")


def answer_value(text):
    """The value of a numerical answer as the bank stores it ("3", "1.5", "1E+3"), or None."""
    value = parse_number(text)
    if value is not None:
        return value
    try:
        value = Decimal(nfc(text).strip())
    except (InvalidOperation, TypeError):
        return None
    return value if value.is_finite() else None


def within_tolerance(value, option):
    """Moodle's nominal tolerance, in exact Decimal arithmetic: |value − answer| ≤ tolerance."""
    if option.text.strip() == "*":
        return True
    expected = answer_value(option.text)
    if expected is None:
        return False
    return abs(value - expected) <= abs(option.tolerance or ZERO)


def has_prompt(pair):
    return bool(plain(pair.prompt))


def plain(text):
    """An HTML answer or prompt as plain text, for summaries (the template escapes it again)."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


BLOCK_START = re.compile(r"^\s*<(p|div|ul|ol|table|blockquote|h[1-6])[\s>]", re.IGNORECASE)


def join_feedback(feedbacks):
    """Several answers' feedback as one HTML text, each in its own paragraph."""
    feedbacks = [feedback.strip() for feedback in feedbacks if feedback and feedback.strip()]
    if len(feedbacks) <= 1:
        return "".join(feedbacks)
    return "".join(feedback if BLOCK_START.match(feedback) else f"<p>{feedback}</p>" for feedback in feedbacks)


# The right answer ------------------------------------------------------------------------------


def right_answer_summary(question):
    """
    The right answer in one line of plain text, for the review page: the best
    choice, the right choices, the first fully right text or number, each
    prompt with its answer. Empty for an essay, or when no answer is right.
    """
    answers = list(question.answers.all()) if question.qtype != MATCHING else []
    if question.qtype == TRUE_FALSE:
        best = best_answer(answers)
        if best is None:
            return ""
        return gettext("True") if best.text.strip().lower() == "true" else gettext("False")
    if question.qtype == SINGLE_CHOICE:
        best = best_answer(answers)
        return plain(best.text) if best else ""
    if question.qtype == MULTIPLE_CHOICE:
        return "; ".join(plain(answer.text) for answer in answers if answer.fraction > 0)
    if question.qtype == SHORT_ANSWER:
        best = best_answer([answer for answer in answers if wildcard_free_text(answer.text)])
        return wildcard_free_text(best.text) if best else ""
    if question.qtype == NUMERICAL:
        numbers = [answer for answer in answers if answer_value(answer.text) is not None]
        best = best_answer(numbers)
        if best is None:
            return ""
        value, tolerance = answer_value(best.text), abs(best.tolerance or ZERO)
        if tolerance:
            return f"{number_text(value)} ± {number_text(tolerance)}"
        return number_text(value)
    if question.qtype == MATCHING:
        return "; ".join(
            f"{plain(pair.prompt)} → {collapse(pair.answer)}" for pair in question.matches.all() if has_prompt(pair)
        )
    return ""


def best_answer(answers):
    """The first fully right answer, else the first with the highest positive share (Moodle's choice)."""
    best = None
    for answer in answers:
        if answer.fraction >= ONE - MARGIN:
            return answer
        if answer.fraction > 0 and (best is None or answer.fraction > best.fraction):
            best = answer
    return best


def wildcard_free_text(pattern):
    """A short-answer pattern as a learner could type it: wildcards become spaces (Moodle's clean_response)."""
    bits = [bit.replace("\\*", "*") for bit in WILDCARD.split(collapse(pattern))]
    return " ".join(" ".join(bits).split())


def number_text(value):
    """A Decimal in the reader's language ("3,5" in Vietnamese), with no trailing zeros."""
    value = value.normalize()
    if value.as_tuple().exponent > 0:
        value = value.quantize(ONE)
    return django_formats.number_format(value)


# Checking what a browser sent ------------------------------------------------------------------


def normalise_response(question, raw):
    """
    What a browser posted, checked and put in the stored form (see the module
    docstring), or None when it says nothing (no choice, an empty text).
    Raises ValueError with a message for the learner when it cannot be taken.
    """
    if is_blank(raw):
        return None
    if question.qtype in CHOICE_TYPES:
        return normalise_choices(question, raw)
    if question.qtype == SHORT_ANSWER:
        return normalise_text(raw, SHORT_ANSWER_LENGTH)
    if question.qtype == ESSAY:
        return normalise_text(raw, ESSAY_LENGTH)
    if question.qtype == NUMERICAL:
        return normalise_number(raw)
    if question.qtype == MATCHING:
        return normalise_matches(question, raw)
    raise ValueError(_("This question cannot be answered."))


def normalise_choices(question, raw):
    values = list(raw) if isinstance(raw, (list, tuple)) else [raw]
    try:
        chosen = {answer_id(value) for value in values if value != ""}
    except ValueError:
        raise ValueError(_("That answer does not belong to this question.")) from None
    own = [answer.pk for answer in question.answers.all()]
    if not chosen <= set(own):
        raise ValueError(_("That answer does not belong to this question."))
    if not chosen:
        return None
    if question.qtype in ONE_CHOICE_TYPES and len(chosen) > 1:
        raise ValueError(_("Choose only one answer."))
    # In the question's order, whatever order the boxes were posted in.
    return [pk for pk in own if pk in chosen]


def typed_text(raw):
    """
    A typed text as it is stored: NFC, trimmed, line breaks as LF (browsers send
    a text area's as CRLF but count them as one character) and without NUL,
    which no keyboard types and PostgreSQL cannot store.
    """
    return nfc(raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def kept_as_typed(question, raw):
    """
    The text to store for a typed answer `normalise_response` refused, so that
    what the learner typed is not lost; None when there is nothing to keep
    (not a text, or longer than the question's box allows).
    """
    limit = TYPED_LENGTHS.get(question.qtype)
    if limit is None or not isinstance(raw, str):
        return None
    text = typed_text(raw)
    return text if text and len(text) <= limit else None


def answer_problem(question, answer):
    """What is wrong with a stored typed answer (a number kept as typed that is not one), or None."""
    if question.qtype not in TYPED_LENGTHS or is_blank(answer):
        return None
    try:
        normalise_response(question, answer)
    except ValueError as error:
        return str(error)
    return None


def normalise_text(raw, limit):
    if not isinstance(raw, str):
        raise ValueError(_("The answer must be a text."))
    text = typed_text(raw)
    if not text:
        return None
    if len(text) > limit:
        raise ValueError(
            _("The answer is too long: %(length)s characters, at most %(limit)s are allowed.")
            % {"length": len(text), "limit": limit}
        )
    return text


def normalise_number(raw):
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueError(_("Enter a number, for example 3,5 or -2."))
    text = typed_text(raw)
    if len(text) > NUMBER_LENGTH:
        raise ValueError(_("The number is too long: at most %(limit)s characters.") % {"limit": NUMBER_LENGTH})
    if parse_number(text) is None:
        raise ValueError(_("Enter a number, for example 3,5 or -2."))
    return text


def normalise_matches(question, raw):
    if not isinstance(raw, dict):
        raise ValueError(_("Choose an answer for each item from its list."))
    pairs = [pair for pair in question.matches.all() if has_prompt(pair)]
    prompt_ids = {str(pair.pk) for pair in pairs}
    options = {nfc(pair.answer).strip() for pair in question.matches.all()}
    chosen = {}
    for key, value in raw.items():
        key = str(key).strip()
        if key not in prompt_ids:
            raise ValueError(_("That answer does not belong to this question."))
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(_("That answer does not belong to this question."))
        value = nfc(value).strip()
        if not value:
            continue
        if value not in options:
            raise ValueError(_("That answer does not belong to this question."))
        chosen[key] = value
    if not chosen:
        return None
    return {str(pair.pk): chosen[str(pair.pk)] for pair in pairs if str(pair.pk) in chosen}
