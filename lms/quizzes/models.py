"""
The question bank (categories, questions, answers) and what learners do with
it (attempts and their responses). A quiz's settings live on its page,
courses.QuizPage; its questions (QuizSlot) and attempts point at that page,
so courses never needs to import this app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from treebeard.mp_tree import MP_Node
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from lms.admin_tree import TreeNodeForeignKey

from lms.cleaning import clean_rich_text
from .formats import base as formats

QUESTION_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "image", "code", "superscript", "subscript"]
FEEDBACK_FEATURES = ["bold", "italic", "link"]
RICH_TEXT_FIELDS = ["text", "general_feedback", "correct_feedback", "partially_correct_feedback", "incorrect_feedback"]


class QuestionCategory(MP_Node):
    """A folder of the question bank. Imports create nested ones from `$CATEGORY:` paths."""

    name = models.CharField(_("name"), max_length=255)
    info = models.TextField(_("description"), blank=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["path"]

    def __str__(self):
        return self.path_label

    @property
    def path_names(self):
        return [ancestor.name for ancestor in self.get_ancestors()] + [self.name]

    @property
    def path_label(self):
        """The category's path as trainers write it: `Kỹ năng số/An toàn thông tin`."""
        return "/".join(self.path_names)


class Question(index.Indexed, ClusterableModel):
    """A question of one of the types below, with its answers (or matching pairs)."""

    class Type(models.TextChoices):
        SINGLE_CHOICE = formats.SINGLE_CHOICE, _("Single choice")
        MULTIPLE_CHOICE = formats.MULTIPLE_CHOICE, _("Multiple choice")
        TRUE_FALSE = formats.TRUE_FALSE, _("True / false")
        SHORT_ANSWER = formats.SHORT_ANSWER, _("Short answer")
        NUMERICAL = formats.NUMERICAL, _("Numerical")
        MATCHING = formats.MATCHING, _("Matching")
        ESSAY = formats.ESSAY, _("Essay (graded by hand)")

    category = models.ForeignKey(
        QuestionCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="questions"
    )
    qtype = models.CharField(_("type"), max_length=20, choices=Type.choices)
    name = models.CharField(_("name"), max_length=255, help_text=_("For the bank only; learners do not see it."))
    text = RichTextField(_("question text"), features=QUESTION_TEXT_FEATURES)
    default_mark = models.DecimalField(
        _("default mark"), max_digits=6, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    general_feedback = RichTextField(
        _("general feedback"), blank=True, features=FEEDBACK_FEATURES,
        help_text=_("Shown to every learner after the attempt, whatever they answered."),
    )
    shuffle_answers = models.BooleanField(_("shuffle the answers"), default=True)
    case_sensitive = models.BooleanField(_("case sensitive"), default=False, help_text=_("Short answer only."))
    correct_feedback = RichTextField(_("feedback for a right response"), blank=True, features=FEEDBACK_FEATURES)
    partially_correct_feedback = RichTextField(
        _("feedback for a partly right response"), blank=True, features=FEEDBACK_FEATURES
    )
    incorrect_feedback = RichTextField(_("feedback for a wrong response"), blank=True, features=FEEDBACK_FEATURES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("qtype")]),
        FieldPanel("name"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("default_mark"), FieldPanel("shuffle_answers"), FieldPanel("case_sensitive")]),
        InlinePanel("answers", heading=_("Answers"), label=_("Answer")),
        InlinePanel("matches", heading=_("Matching pairs"), label=_("Pair")),
        MultiFieldPanel(
            [
                FieldPanel("general_feedback"),
                FieldPanel("correct_feedback"),
                FieldPanel("partially_correct_feedback"),
                FieldPanel("incorrect_feedback"),
            ],
            heading=_("Feedback"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("text"),
        index.FilterField("qtype"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category__path", "name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Question edits go live at once, outside any approval: what is stored is already clean.
        for name in RICH_TEXT_FIELDS:
            setattr(self, name, clean_rich_text(getattr(self, name)))
        super().save(*args, **kwargs)

    @property
    def needs_manual_grading(self):
        return self.qtype == self.Type.ESSAY


class Answer(Orderable):
    """An answer of a choice, true/false, short-answer or numerical question."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), help_text=_("For short answers, * matches any characters."))
    fraction = models.DecimalField(
        _("share of the mark"),
        max_digits=8,
        decimal_places=7,
        default=0,
        validators=[MinValueValidator(-1), MaxValueValidator(1)],
        help_text=_("1 is fully right, 0.5 half, 0 wrong; negative values take marks away (multiple choice)."),
    )
    feedback = models.TextField(_("feedback"), blank=True)
    tolerance = models.DecimalField(_("tolerance (±)"), max_digits=12, decimal_places=6, default=0)

    panels = [
        FieldRowPanel([FieldPanel("text"), FieldPanel("fraction"), FieldPanel("tolerance")]),
        FieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("answer")


class MatchPair(Orderable):
    """A prompt and its answer; a pair with no prompt adds a wrong answer to every list."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="matches")
    prompt = models.TextField(_("prompt"), blank=True)
    answer = models.CharField(_("matching answer"), max_length=500)

    panels = [FieldRowPanel([FieldPanel("prompt"), FieldPanel("answer")])]

    class Meta(Orderable.Meta):
        verbose_name = _("matching pair")


class QuizSlot(Orderable):
    """A place in a quiz: a fixed question, or N questions drawn at random from a category per attempt."""

    page = ParentalKey("courses.QuizPage", on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    random_category = TreeNodeForeignKey(
        QuestionCategory,
        verbose_name=_("or random questions from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    random_count = models.PositiveSmallIntegerField(_("how many random questions"), default=1)
    include_subcategories = models.BooleanField(_("include subcategories"), default=True)
    mark = models.DecimalField(
        _("mark"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("Leave empty to use each question's default mark."),
    )

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("random_category"), FieldPanel("random_count"), FieldPanel("include_subcategories")]),
        FieldPanel("mark"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")

    def clean(self):
        if bool(self.question_id) == bool(self.random_category_id):
            raise ValidationError(_("Choose a question, or a category to draw random questions from (not both)."))


class Attempt(models.Model):
    """One go at a quiz. The server keeps its deadline; answers after it are refused."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", pgettext_lazy("quiz attempt", "In progress")
        NEEDS_GRADING = "needs_grading", _("Waiting for the trainer's grade")
        FINISHED = "finished", _("Finished")

    page = models.ForeignKey("courses.QuizPage", on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    # The furthest page reached: with sequential navigation, earlier pages are closed.
    current_page = models.PositiveSmallIntegerField(default=1)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    mark = models.DecimalField(_("mark"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_mark = models.DecimalField(_("maximum mark"), max_digits=8, decimal_places=2, default=0)
    percent = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["page", "user", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "user", "number"], name="one_attempt_per_number"),
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=models.Q(state="in_progress"),
                name="one_open_attempt_per_learner",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.page} · #{self.number}"

    @property
    def is_open(self):
        return self.state == self.State.IN_PROGRESS

    @property
    def closed_by_deadline(self):
        """
        Whether the clock, not the learner, submitted the attempt: an overdue
        attempt is submitted as of its deadline, and a learner's own submit
        always comes before it (answers after it are refused).
        """
        return bool(self.deadline and self.submitted_at and self.submitted_at >= self.deadline)


class Response(models.Model):
    """A learner's answer to one question of an attempt, and its grade once submitted."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    position = models.PositiveSmallIntegerField(_("position"))
    page_number = models.PositiveSmallIntegerField(_("page"))
    max_mark = models.DecimalField(_("maximum mark"), max_digits=6, decimal_places=2)
    # The answer ids (or matching answers) in the order this learner sees them.
    choice_order = models.JSONField(default=list, blank=True)
    # What the learner entered: a list of answer ids, a text, a number, or {prompt id: answer}.
    answer = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    mark = models.DecimalField(_("mark"), max_digits=6, decimal_places=2, null=True, blank=True)
    feedback = models.TextField(blank=True)
    grader_comment = models.TextField(_("trainer's comment"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("response")
        ordering = ["attempt", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="one_response_per_question")]
