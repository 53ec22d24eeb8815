"""
The question bank's exchange form: what GIFT and Moodle XML files are parsed
into and written from. Plain data, no database: the importers and exporters
in this package only translate between files and these classes, and
lms.quizzes.services saves and loads them.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# Question types, as stored in Question.qtype (Moodle's names where they exist).
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
NUMERICAL = "numerical"
MATCHING = "matching"
ESSAY = "essay"
QUESTION_TYPES = [SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER, NUMERICAL, MATCHING, ESSAY]


class ImportFileError(ValueError):
    """The whole file cannot be read (not UTF-8, not XML, an entity bomb...): nothing is imported."""


@dataclass
class AnswerData:
    """One answer. `text` is HTML; `fraction` is the share of the mark it earns, from -1 to 1."""

    text: str
    fraction: Decimal
    feedback: str = ""
    tolerance: Decimal = Decimal(0)


@dataclass
class MatchData:
    """A matching pair; an empty `prompt` is a distractor answer with no question of its own."""

    prompt: str
    answer: str


@dataclass
class QuestionData:
    """
    One question of any type. Texts are HTML (plain and Moodle formats are
    escaped and their line breaks kept). True/false questions have two answers
    whose texts are "true" and "false".
    """

    qtype: str
    name: str
    text: str
    category_path: list = field(default_factory=list)
    default_mark: Decimal = Decimal(1)
    general_feedback: str = ""
    answers: list = field(default_factory=list)
    matches: list = field(default_factory=list)
    shuffle_answers: bool = True
    case_sensitive: bool = False
    correct_feedback: str = ""
    partially_correct_feedback: str = ""
    incorrect_feedback: str = ""
    line: int = None


@dataclass
class CategoryData:
    """A category named by its path from the top, e.g. ["Kỹ năng số", "An toàn thông tin"]."""

    path: list
    info: str = ""


@dataclass
class SkippedQuestion:
    """A question the importer could not take, and why (in a sentence a trainer understands)."""

    line: int
    reason: str
    excerpt: str = ""


@dataclass
class ParseResult:
    questions: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
