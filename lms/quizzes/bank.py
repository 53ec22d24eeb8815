"""
The question bank's services: categories named by their paths, importing
parsed GIFT / Moodle XML files (all or nothing), exporting a category's
questions back to the exchange form, and reading an uploaded file with the
right parser. The admin views and the management commands share them.
"""

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from lms.cleaning import clean_html, clean_rich_text
from .formats.base import (
    NUMERICAL,
    QUESTION_TYPES,
    SHORT_ANSWER,
    AnswerData,
    CategoryData,
    ImportFileError,
    MatchData,
    ParseResult,
    QuestionData,
)
from .models import Answer, MatchPair, Question, QuestionCategory

# Larger than any real question bank (Moodle's own exports of thousands of
# questions stay below a few MB) and small enough to parse and keep in a session.
MAX_FILE_BYTES = 10 * 1024 * 1024

FORMATS = ("gift", "xml")
EXTENSIONS = {".gift": "gift", ".txt": "gift", ".xml": "xml"}

# The model fields' sizes: longer imported values are cut rather than refused.
NAME_LENGTH = Question._meta.get_field("name").max_length
CATEGORY_NAME_LENGTH = QuestionCategory._meta.get_field("name").max_length
MATCH_ANSWER_LENGTH = MatchPair._meta.get_field("answer").max_length
# How deep the category tree can go: treebeard keeps a node's path in the
# `path` column, `steplen` characters a level (63 levels).
MAX_TREE_DEPTH = QuestionCategory._meta.get_field("path").max_length // QuestionCategory.steplen
# How deep a file's own category paths may nest: far beyond any real bank
# (Moodle's seldom go past five levels), with room left in the tree for the
# category a trainer imports the file into.
MAX_CATEGORY_DEPTH = 20
MARK_STEP = Decimal("0.01")
FRACTION_STEP = Decimal("0.0000001")
TOLERANCE_STEP = Decimal("0.000001")


def normalise(value):
    """NFC (Vietnamese typed on different keyboards must compare equal), with spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def plain_text(value):
    """A text shown escaped (matching answers): no tags, entities decoded."""
    return normalise(html.unescape(strip_tags(value or "")))


# Categories -----------------------------------------------------------------------------------


def split_category_path(text):
    """'Kỹ năng số / An toàn thông tin' → ['Kỹ năng số', 'An toàn thông tin']; '//' stands for a slash in a name."""
    if not text:
        return []
    placeholder = "\x00"
    parts = text.replace("//", placeholder).split("/")
    return [name for name in (normalise(part.replace(placeholder, "/")) for part in parts) if name]


def category_for_path(path_names, create=True, parent=None):
    """
    The category at `path_names` (from the top, or below `parent`), matching
    siblings by their exact NFC name. Missing levels are created, unless
    `create` is false: then QuestionCategory.DoesNotExist is raised.
    """
    if isinstance(path_names, str):
        path_names = split_category_path(path_names)
    names = [normalise(name)[:CATEGORY_NAME_LENGTH] for name in path_names]
    names = [name for name in names if name]
    if not names and parent is None:
        raise ValueError("A category path needs at least one name.")
    node = parent
    for name in names:
        node = _child(node, name, create)[0]
    return node


def _child(parent, name, create):
    """(the child named `name` of `parent` or of the top level, whether it was created)."""
    siblings = QuestionCategory.get_root_nodes() if parent is None else parent.get_children()
    found = siblings.filter(name=name).first()
    if found is not None:
        return found, False
    if not create:
        raise QuestionCategory.DoesNotExist(name)
    if parent is None:
        return QuestionCategory.add_root(name=name), True
    # treebeard computes the new path from the parent's child count: read it fresh.
    parent = QuestionCategory.objects.get(pk=parent.pk)
    return parent.add_child(name=name), True


def category_names(path):
    """A file's category path as the names stored: NFC, cut to the field's size, empty levels dropped."""
    return tuple(name for name in (normalise(n)[:CATEGORY_NAME_LENGTH] for n in path or []) if name)


class _CategoryResolver:
    """
    Finds or creates the categories of one import, each path once, and
    remembers the new ones. With `create` false (the preview) nothing is
    written, and a path that does not exist yet gives None.
    """

    def __init__(self, base, create=True):
        self.base = base
        self.create = create
        self.nodes = {}
        self.labels = {}
        self.created = []

    def names(self, path):
        """The names below `base` a question's path leads to; no path at all leads to the "Imported" category."""
        names = category_names(path)
        if not names and self.base is None:
            return (_("Imported"),)
        return names

    def label(self, path):
        """The category's path as trainers read it, whether or not it exists yet."""
        names = self.names(path)
        if names not in self.labels:
            self.labels[names] = " / ".join((self.base.path_names if self.base else []) + list(names))
        return self.labels[names]

    def get(self, path):
        names = self.names(path)
        node = self.base
        for depth in range(1, len(names) + 1):
            key = names[:depth]
            if key not in self.nodes:
                try:
                    self.nodes[key], created = _child(node, key[-1], create=self.create)
                except QuestionCategory.DoesNotExist:
                    self.nodes[key], created = None, False
                if created:
                    self.created.append(self.nodes[key])
            node = self.nodes[key]
            if node is None:
                return None
        return node


# Import ---------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    imported: Counter = field(default_factory=Counter)
    skipped: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    questions: list = field(default_factory=list)

    @property
    def total(self):
        return sum(self.imported.values())


@dataclass
class DuplicateQuestion:
    """
    A question of the file left out because its category already holds one of
    the same type and text (`first_line` None), or because the file has it
    already, at `first_line`, in the same category.
    """

    line: int
    name: str
    category: str
    first_line: int = None

    @property
    def reason(self):
        if self.first_line is None:
            return _("The category “%(category)s” already holds a question of this type with the same text.") % {
                "category": self.category
            }
        return _("The file already has this question (same type and text, same category) at line %(line)s.") % {
            "line": self.first_line or "—"
        }


@dataclass
class PlacedQuestion:
    """A parsed question with where it goes and the text it would be stored with."""

    data: QuestionData
    category: QuestionCategory
    text: str
    name: str


def stored_text(data):
    """The question text as Question.save stores it, so that it compares with the bank's."""
    return clean_rich_text(clean_html(data.text))


def question_name(data, text):
    return (normalise(data.name) or normalise(strip_tags(text))[:60] or data.qtype)[:NAME_LENGTH]


def sort_out_duplicates(result, categories):
    """
    (the questions to save, the duplicates to leave out), for a parsed file
    going into `categories` (a _CategoryResolver). Texts compare as stored,
    spaces collapsed: a file imported twice adds nothing the second time.
    """
    placed = []
    for data in result.questions:
        text = stored_text(data)
        placed.append(PlacedQuestion(data, categories.get(data.category_path), text, question_name(data, text)))
    existing = {question.category for question in placed if question.category is not None}
    held = {
        (category_id, qtype, normalise(text))
        for category_id, qtype, text in Question.objects.filter(category__in=existing).values_list(
            "category_id", "qtype", "text"
        )
    }
    first_lines, fresh, duplicates = {}, [], []
    for question in placed:
        same = (question.data.qtype, normalise(question.text))
        in_file = (categories.names(question.data.category_path), *same)
        label = categories.label(question.data.category_path)
        if question.category is not None and (question.category.pk, *same) in held:
            duplicates.append(DuplicateQuestion(question.data.line, question.name, label))
        elif in_file in first_lines:
            duplicates.append(DuplicateQuestion(question.data.line, question.name, label, first_lines[in_file] or 0))
        else:
            first_lines[in_file] = question.data.line
            fresh.append(question)
    return fresh, duplicates


def preview_duplicates(result, default_category=None):
    """What `import_questions` would leave out as duplicates, without writing anything."""
    return sort_out_duplicates(result, _CategoryResolver(default_category, create=False))


def import_questions(result: ParseResult, default_category=None) -> ImportReport:
    """
    Save a parsed file's categories and questions in one transaction: either
    all of them are saved or, if anything fails, none. Paths are created below
    `default_category` when it is given; questions with no path go into it, or
    into a top-level "Imported" category. Raises ImportFileError, writing
    nothing, when the paths would not fit in the tree below `default_category`.
    """
    check_room_below(default_category, result)
    report = ImportReport(skipped=list(result.skipped))
    with transaction.atomic():
        categories = _CategoryResolver(default_category)
        for data in result.categories:
            if not data.path:
                continue
            category = categories.get(data.path)
            info = clean_html(data.info)
            if info and info != category.info:
                category.info = info
                category.save(update_fields=["info"])
        fresh, report.duplicates = sort_out_duplicates(result, categories)
        for placed in fresh:
            question = _save_question(placed)
            report.imported[question.qtype] += 1
            report.questions.append(question)
        report.categories = categories.created
    return report


def deepest_path(result):
    """How many levels the deepest category path of a parsed file has."""
    paths = [category.path for category in result.categories]
    paths += [question.category_path for question in result.questions]
    return max((len(path or []) for path in paths), default=0)


def check_room_below(category, result):
    """ImportFileError if the file's categories, created below `category`, would not fit in the tree."""
    depth = (category.get_depth() if category else 0) + max(deepest_path(result), 1)
    if depth > MAX_TREE_DEPTH:
        raise ImportFileError(
            _(
                "The categories of this file cannot be created below “%(category)s”: the tree would be "
                "%(depth)s levels deep, and it holds at most %(limit)s. Import the file into a category nearer the top."
            )
            % {"category": category.path_label, "depth": depth, "limit": MAX_TREE_DEPTH}
        )


def answer_text(qtype, text):
    """Short-answer and numerical answers are compared with what learners type: plain text, not HTML."""
    if qtype in (SHORT_ANSWER, NUMERICAL):
        return normalise(text)
    return clean_html(text)


def _save_question(placed):
    data = placed.data
    if data.qtype not in QUESTION_TYPES:
        raise ValueError(f"Unknown question type {data.qtype!r}")
    question = Question.objects.create(
        category=placed.category,
        qtype=data.qtype,
        name=placed.name,
        text=placed.text,
        default_mark=Decimal(data.default_mark).quantize(MARK_STEP),
        general_feedback=clean_html(data.general_feedback),
        shuffle_answers=bool(data.shuffle_answers),
        case_sensitive=bool(data.case_sensitive),
        correct_feedback=clean_html(data.correct_feedback),
        partially_correct_feedback=clean_html(data.partially_correct_feedback),
        incorrect_feedback=clean_html(data.incorrect_feedback),
    )
    Answer.objects.bulk_create(
        Answer(
            question=question,
            sort_order=order,
            text=answer_text(data.qtype, answer.text),
            fraction=Decimal(answer.fraction).quantize(FRACTION_STEP),
            feedback=clean_html(answer.feedback),
            tolerance=Decimal(answer.tolerance or 0).quantize(TOLERANCE_STEP),
        )
        for order, answer in enumerate(data.answers)
    )
    MatchPair.objects.bulk_create(
        MatchPair(
            question=question,
            sort_order=order,
            prompt=clean_html(pair.prompt),
            answer=plain_text(pair.answer)[:MATCH_ANSWER_LENGTH],
        )
        for order, pair in enumerate(data.matches)
    )
    return question


# Export ---------------------------------------------------------------------------------------


def export_questions(category, include_subcategories=True):
    """
    The questions of `category` (and its subcategories) and the categories
    themselves, as the exchange form, with paths from the top of the tree.
    A fixed number of queries, however many questions there are.
    """
    if include_subcategories:
        categories = list(QuestionCategory.get_tree(category))
    else:
        categories = [category]
    names = {ancestor.path: ancestor.name for ancestor in category.get_ancestors()}
    names.update((node.path, node.name) for node in categories)
    step = QuestionCategory.steplen

    def path_of(node):
        return [names[node.path[:end]] for end in range(step, len(node.path) + 1, step)]

    paths = {node.pk: path_of(node) for node in categories}
    questions = (
        Question.objects.filter(category__in=[node.pk for node in categories])
        .prefetch_related("answers", "matches")
        .order_by("category__path", "name", "pk")
    )
    exported = [
        QuestionData(
            qtype=question.qtype,
            name=question.name,
            text=question.text,
            category_path=list(paths[question.category_id]),
            default_mark=question.default_mark,
            general_feedback=question.general_feedback,
            answers=[
                AnswerData(text=a.text, fraction=a.fraction, feedback=a.feedback, tolerance=a.tolerance)
                for a in question.answers.all()
            ],
            matches=[MatchData(prompt=pair.prompt, answer=pair.answer) for pair in question.matches.all()],
            shuffle_answers=question.shuffle_answers,
            case_sensitive=question.case_sensitive,
            correct_feedback=question.correct_feedback,
            partially_correct_feedback=question.partially_correct_feedback,
            incorrect_feedback=question.incorrect_feedback,
        )
        for question in questions
    ]
    return exported, [CategoryData(path=paths[node.pk], info=node.info) for node in categories]


def write_questions(questions, categories, format):
    """The text of a GIFT or Moodle XML file."""
    if format == "gift":
        from .formats.gift import write_gift

        return write_gift(questions, categories)
    if format == "xml":
        from .formats.moodle_xml import write_moodle_xml

        return write_moodle_xml(questions, categories)
    raise ValueError(f"Unknown format {format!r}")


# Reading files --------------------------------------------------------------------------------


def guess_format(data, filename=""):
    """'gift' or 'xml', from the file's extension or, failing that, its first characters."""
    extension = PurePath(filename or "").suffix.lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<?xml") or start.startswith(b"<quiz"):
        return "xml"
    return "gift"


def read_question_file(data: bytes, format=None, filename="") -> ParseResult:
    """
    Parse an uploaded question file with the parser for `format` ("gift",
    "xml", or None to guess it). Raises ImportFileError, with a sentence for
    the trainer, when the file cannot be read at all, or when its categories
    nest deeper than MAX_CATEGORY_DEPTH levels.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is too large (%(size)s MB); question files may be up to %(limit)s MB.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(MAX_FILE_BYTES)}
        )
    format = format or guess_format(data, filename)
    if format == "gift":
        from .formats.gift import parse_gift

        result = parse_gift(data)
    elif format == "xml":
        from .formats.moodle_xml import parse_moodle_xml

        result = parse_moodle_xml(data)
    else:
        raise ImportFileError(_("Unknown question file format: %(format)s.") % {"format": format})
    depth = deepest_path(result)
    if depth > MAX_CATEGORY_DEPTH:
        raise ImportFileError(
            _(
                "The file nests categories %(depth)s levels deep; the question bank takes at most %(limit)s. "
                "Shorten its category paths and import it again."
            )
            % {"depth": depth, "limit": MAX_CATEGORY_DEPTH}
        )
    return result


def skipped_reason(skipped):
    """The reason a question was skipped, without the "Line 14:" its parser may have put in front."""
    if skipped.line:
        return re.sub(rf"^\w+ {skipped.line}\s*[:.,]\s*", "", skipped.reason, count=1).strip() or skipped.reason
    return skipped.reason


def _megabytes(size):
    return re.sub(r"\.0$", "", f"{size / (1024 * 1024):.1f}")

