"""
Course content, owned by Wagtail: the catalogue, courses, optional sections and
the activities learners complete. Who is enrolled and what they completed lives
in lms.enrollment, which points here; nothing here points back.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import StartsWith
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, TaskState, WorkflowState
from wagtail.search import index

from lms.slugs import SlugFromTitle, slugify, without_diacritics

from .blocks import LessonStreamBlock
from .outline_cache import cached_course, cached_outline
from .review_mail import one_mail_for


H5P_ONLY_CERTIFICATE = _(
    "A certificate cannot rest on H5P scores alone (they are computed in the learner's browser): "
    "add a quiz or another required activity, or turn the certificate off."
)


class Audience(models.TextChoices):
    OFFICIALS = "officials", _("Civil servants")
    CITIZENS = "citizens", _("Citizens")
    EVERYONE = "everyone", _("Civil servants and citizens")


class CourseIndexPage(SlugFromTitle, Page):
    """The catalogue at /courses/: search, filters by audience and topic, pages of courses."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def courses(self):
        return CoursePage.objects.live().public().descendant_of(self)

    def filtered_courses(self, query="", audience="", topic=""):
        courses = self.courses()
        if audience in (Audience.OFFICIALS, Audience.CITIZENS):
            courses = courses.filter(audience__in=[audience, Audience.EVERYONE])
        if topic:
            # A topic's link from before slugs were ASCII (`?topic=chữ-ký-số`) still finds it.
            courses = courses.filter(tagged_items__tag__slug__in={topic, slugify(topic, max_length=100)})
        if query:
            # The search backend cannot combine with a tag join, so match ids first.
            matching_ids = [page.pk for page in self.courses().search(query, operator="and")]
            courses = courses.filter(pk__in=matching_ids)
        return courses.select_related("cover").prefetch_related("tagged_items__tag").order_by("path").distinct()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        audience = request.GET.get("audience", "")
        topic = request.GET.get("topic", "")
        paginator = Paginator(self.filtered_courses(query, audience, topic), settings.COURSES_PER_PAGE)
        try:
            page_of_courses = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_of_courses = paginator.page(1)
        except EmptyPage:
            page_of_courses = paginator.page(paginator.num_pages)
        context.update(
            courses=page_of_courses,
            query=query,
            audience=audience,
            topic=topic,
            audiences=[(Audience.OFFICIALS, Audience.OFFICIALS.label), (Audience.CITIZENS, Audience.CITIZENS.label)],
            topics=Tag.objects.filter(courses_coursetag_items__content_object__live=True).distinct().order_by("name"),
        )
        return context


class CourseTag(TaggedItemBase):
    content_object = ParentalKey("courses.CoursePage", related_name="tagged_items", on_delete=models.CASCADE)


class CoursePage(SlugFromTitle, Page):
    """A course: what it is for, who it is for, and the activities under it."""

    summary = models.TextField(_("summary"), max_length=500, help_text=_("One or two sentences for the catalogue."))
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"])
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE)
    hours = models.DecimalField(_("estimated hours"), max_digits=4, decimal_places=1, default=1)
    tags = ClusterTaggableManager(through=CourseTag, blank=True, verbose_name=_("topics"))
    owners = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="owned_courses",
        # Only people who can work in the admin: a plain list of every learner would be unusable.
        limit_choices_to=models.Q(is_superuser=True) | models.Q(groups__permissions__codename="access_admin"),
    )
    self_enrollment = models.BooleanField(
        _("open to self-enrollment"), default=True, help_text=_("If off, only assigned learners can take the course.")
    )
    allow_preview = models.BooleanField(
        _("lessons previewable without enrolling"), default=False
    )
    issues_certificate = models.BooleanField(
        _("issues a certificate on completion"),
        default=True,
        help_text=_(
            "A certificate cannot rest on H5P scores alone: a course whose required activities all complete "
            "on an H5P score needs a quiz or another required activity."
        ),
    )
    certificate_min_score = models.DecimalField(
        _("minimum score for the certificate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "The average of the learner's quiz grades; leave empty for none. H5P scores never count here: "
            "they are computed in the learner's browser and can be forged."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("cover"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("audience"), FieldPanel("hours")]), FieldPanel("tags")],
            heading=_("Audience and topics"),
        ),
        MultiFieldPanel(
            [
                # Who teaches a course is the training managers' decision, not the trainers'.
                FieldPanel("owners", widget=forms.CheckboxSelectMultiple, permission="courses.choose_course_trainers"),
                FieldPanel("self_enrollment"),
                FieldPanel("allow_preview"),
            ],
            heading=_("Enrollment"),
        ),
        MultiFieldPanel(
            [FieldPanel("issues_certificate"), FieldPanel("certificate_min_score")], heading=_("Certificate")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("text_without_diacritics"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.SectionPage", "courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("course")
        permissions = [("choose_course_trainers", _("Can choose the trainers of a course"))]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        CourseTeam.sync(self)

    def text_without_diacritics(self):
        """Title, summary and topics folded to plain letters, so "chu ky so" finds "Chữ ký số"."""
        topics = " ".join(tag.name for tag in self.tags.all())
        return without_diacritics(f"{self.title} {self.summary} {topics}")

    @cached_property
    def outline(self):
        """Live sections and activities under the course, in reading order, each as its own type (outline_cache)."""
        if self.pk is None:
            return self.read_outline()
        return cached_outline(self.pk, self.read_outline)

    def read_outline(self):
        """The outline, from the database (one query)."""
        # Wagtail's .specific() reads each page type in a query of its own; the
        # types a course holds are joined instead, without the lessons' content,
        # which the outline never shows. A page of another type is loaded alone.
        parts = [model._meta.model_name for model in OUTLINE_TYPES]
        pages = self.get_descendants().live().order_by("path").select_related(*parts).defer("lessonpage__body")
        return [
            getattr(page, page.specific_class._meta.model_name) if page.specific_class in OUTLINE_TYPES else page.specific
            for page in pages
        ]

    @property
    def activities(self):
        return [page for page in self.outline if isinstance(page, ActivityPage)]

    @property
    def required_activities(self):
        return [page for page in self.activities if page.is_required]

    def certificate_rests_on_h5p_alone(self, changed=None):
        """
        Whether every required activity completes on an H5P score (with
        `changed`, an activity being saved, in place of its stored version).
        Such scores are computed in the browser, so a certificate must not rest on them.
        """
        required = [changed if changed and page.pk == changed.pk else page for page in self.required_activities]
        if changed and changed.pk is None and changed.is_required:
            required.append(changed)
        return bool(required) and all(page.completion_rule == CompletionRule.H5P_SCORE for page in required)

    def clean(self):
        super().clean()
        if self.pk and self.issues_certificate and self.certificate_rests_on_h5p_alone():
            raise ValidationError({"issues_certificate": H5P_ONLY_CERTIFICATE})

    @classmethod
    def of(cls, page):
        """The course a page belongs to (itself if it is one), or None."""
        if isinstance(page, cls):
            return page
        # A page Wagtail has just routed to knows its parents (its routing caches
        # each one on its child): the course is among them, and loaded from
        # there it knows its own parent, which the breadcrumb shows.
        routed = cls._routed_ancestor(page)
        if routed is not None:
            return routed.specific
        return cls.objects.ancestor_of(page).first()

    @classmethod
    def published_of(cls, page):
        """
        `of(page)` for a learner's view of a page Wagtail routed to: the course
        as published, from the cache (courses.outline_cache), whose draft
        bookkeeping (draft title, unpublished changes) may be older than the
        database's; the learners' pages show none of it.
        """
        if isinstance(page, cls):
            return page
        routed = cls._routed_ancestor(page)
        return cls._as_published(routed) if routed is not None else cls.of(page)

    @classmethod
    def _routed_ancestor(cls, page):
        ancestor = page.__dict__.get("_cached_parent_obj")
        while ancestor is not None:
            if issubclass(ancestor.specific_class or Page, cls):
                return ancestor
            ancestor = ancestor.__dict__.get("_cached_parent_obj")
        return None

    @classmethod
    def _as_published(cls, routed):
        """The course Wagtail routed through (`routed`, a plain Page) as its own type, from the cache."""

        def read():
            course = routed.specific
            course.outline  # noqa: B018  (stored with the course)
            # Wagtail copied the routed page's parent over: the cache keeps the course alone.
            course.__dict__.pop("_cached_parent_obj", None)
            return course

        course = cached_course(routed.pk, read)
        if "_cached_parent_obj" in routed.__dict__:
            # The parent as routed, which the breadcrumb shows.
            course._cached_parent_obj = routed._cached_parent_obj
        return course


class CourseTeam(models.Model):
    """
    The Wagtail group through which a course's trainers (`CoursePage.owners`)
    hold their page permissions on that course, and on nothing else.

    Trainers have no permission on the course tree as a whole: what they may
    edit, preview, grade and play is exactly what this group grants, so
    Wagtail's own explorer, editor and previews follow the same rule as
    HọcSố's results, grading and H5P views (`courses.services.is_course_staff`).
    """

    course = models.OneToOneField(CoursePage, on_delete=models.CASCADE, related_name="team")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="course_team")

    # Trainers write and submit for approval; publishing stays with the training managers.
    PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")

    class Meta:
        verbose_name = _("course team")

    def __str__(self):
        return self.group.name

    @classmethod
    def sync(cls, course):
        """
        Make the course's group grant its permissions to exactly the stored owners.
        The owners are read back from the database: on a draft save the page
        object holds the form's owners, which are not the course's until published.
        """
        team = cls.objects.select_related("group").filter(course=course).first()
        if team is None:
            group, _created = Group.objects.get_or_create(name=f"Giảng viên khoá học #{course.pk}")
            team = cls.objects.create(course=course, group=group)
            for codename in cls.PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=course,
                    permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
                )
        owner_ids = CoursePage.owners.through.objects.filter(coursepage_id=course.pk).values_list("user_id", flat=True)
        team.group.user_set.set(list(owner_ids))
        return team


def with_course_titles(pages):
    """
    The pages, each annotated with its course's title as `title_in_its_course`
    reads it: one subquery in the listing's own query instead of a query per page.
    """
    courses = (
        CoursePage.objects.filter(StartsWith(models.OuterRef("path"), models.F("path")))
        .annotate(shown_title=Coalesce(NullIf("draft_title", models.Value("")), "title"))
        .values("shown_title")[:1]
    )
    return pages.annotate(course_title=Coalesce(models.Subquery(courses), models.Value("")))


def title_in_its_course(page, title):
    """
    "Bài 2 — Khoá học: Dịch vụ công trực tuyến": how the admin names a page
    of a course, so a review queue or a page chooser full of "Bài 2" says whose.
    The course's title is looked up once per page object, unless the listing
    set it already (`course_title`: `with_course_titles` in page choosers; empty
    in the explorer, whose breadcrumbs name the course).
    """
    if "course_title" not in page.__dict__:
        course = CoursePage.of(page) if page.pk else None
        page.course_title = (course.draft_title or course.title) if course else ""
    if not page.course_title:
        return title
    return _("%(title)s — Course: %(course)s") % {"title": title, "course": page.course_title}


class SectionPage(SlugFromTitle, Page):
    """An optional grouping of activities inside a course (a "week" or a topic)."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("section")

    def get_admin_display_title(self):
        return title_in_its_course(self, super().get_admin_display_title())

    def serve(self, request, *args, **kwargs):
        # A section has no page of its own: it is a heading in its course's syllabus.
        course = CoursePage.of(self)
        return redirect(f"{course.url}#section-{self.pk}")


class CompletionRule(models.TextChoices):
    ON_VIEW = "view", _("When the learner opens it")
    MARK_DONE = "manual", _("When the learner marks it as done")
    PASSED = "passed", _("When the learner passes it")
    H5P_SCORE = "h5p", _("When the learner's H5P score reaches the pass mark")


class ActivityPage(SlugFromTitle, Page):
    """Something a learner completes. Its rule decides when it counts as complete."""

    completion_rule = models.CharField(
        _("completion"), max_length=16, choices=CompletionRule.choices, default=CompletionRule.ON_VIEW
    )
    is_required = models.BooleanField(
        _("required for course completion"), default=True
    )
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)

    completion_panels = [FieldPanel("completion_rule"), FieldPanel("is_required"), FieldPanel("minutes")]

    class Meta:
        abstract = True

    def get_admin_display_title(self):
        return title_in_its_course(self, super().get_admin_display_title())


class LessonPage(ActivityPage):
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(ActivityPage.completion_panels, heading=_("Completion")),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage", "courses.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @property
    def h5p_activities(self):
        """(package id, pass mark) of each H5P activity in the lesson, in page order."""
        # The raw stream: the ids are all that is needed, without loading each package.
        return [
            (item["value"]["package"], item["value"].get("pass_threshold", 60))
            for item in self.body.raw_data
            if item["type"] == "h5p" and item["value"].get("package")
        ]

    def clean(self):
        super().clean()
        if self.completion_rule != CompletionRule.H5P_SCORE:
            return
        if not self.h5p_activities:
            raise ValidationError(
                {"completion_rule": _("Add an H5P activity to the lesson, or choose another way to complete it.")}
            )
        course = CoursePage.of(self) if self.pk else CoursePage.of(self.get_parent()) if self.depth else None
        if course and course.issues_certificate and course.certificate_rests_on_h5p_alone(changed=self):
            raise ValidationError({"completion_rule": H5P_ONLY_CERTIFICATE})


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest grade")
    AVERAGE = "average", _("Average grade")
    FIRST = "first", _("First attempt")
    LAST = "last", _("Last attempt")


class Navigation(models.TextChoices):
    FREE = "free", _("Free: any page, in any order")
    SEQUENTIAL = "sequential", _("Sequential: forward only")


class QuizSlotsPanel(MultipleChooserPanel):
    """A quiz's slots: several questions chosen at once from the bank, or an empty slot for random questions."""

    class BoundPanel(MultipleChooserPanel.BoundPanel):
        template_name = "courses/panels/quiz_slots_panel.html"


class QuizPage(ActivityPage):
    """
    A quiz inside a course. Its questions (slots) and the learners' attempts
    live in lms.quizzes and point here; the page holds the settings trainers
    edit, Moodle's names in brackets where they differ.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    opens_at = models.DateTimeField(_("open the quiz"), null=True, blank=True)
    closes_at = models.DateTimeField(_("close the quiz"), null=True, blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(_("attempts allowed"), default=0, help_text=_("0: unlimited."))
    grading_method = models.CharField(
        _("grading method"), max_length=10, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    pass_mark = models.DecimalField(
        _("pass mark (%)"), max_digits=5, decimal_places=2, default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=False)
    shuffle_answers = models.BooleanField(
        _("shuffle the answers"), default=True, help_text=_("Within questions that allow it.")
    )
    questions_per_page = models.PositiveSmallIntegerField(_("questions per page"), default=5)
    navigation = models.CharField(_("navigation"), max_length=12, choices=Navigation.choices, default=Navigation.FREE)
    # Moodle's review options. Its "during the attempt" column belongs to its
    # interactive behaviours; here feedback is deferred, and the attempt page
    # never says what is right, so only the three later moments exist.
    review_score_immediately = models.BooleanField(_("immediately after the attempt"), default=True)
    review_score_open = models.BooleanField(_("later, while the quiz is still open"), default=True)
    review_score_closed = models.BooleanField(_("after the quiz is closed"), default=True)
    review_answers_immediately = models.BooleanField(_("immediately after the attempt"), default=False)
    review_answers_open = models.BooleanField(_("later, while the quiz is still open"), default=False)
    review_answers_closed = models.BooleanField(_("after the quiz is closed"), default=True)
    review_feedback_immediately = models.BooleanField(_("immediately after the attempt"), default=True)
    review_feedback_open = models.BooleanField(_("later, while the quiz is still open"), default=True)
    review_feedback_closed = models.BooleanField(_("after the quiz is closed"), default=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        QuizSlotsPanel("slots", chooser_field_name="question", heading=_("Questions"), label=_("Question")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("attempts_allowed")]),
                FieldRowPanel([FieldPanel("grading_method"), FieldPanel("pass_mark")]),
            ],
            heading=_("Timing and grading"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_answers")]),
                FieldRowPanel([FieldPanel("questions_per_page"), FieldPanel("navigation")]),
            ],
            heading=_("Layout"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("review_score_immediately"),
                        FieldPanel("review_score_open"),
                        FieldPanel("review_score_closed"),
                    ],
                    heading=_("Show the score"),
                ),
                FieldRowPanel(
                    [
                        FieldPanel("review_answers_immediately"),
                        FieldPanel("review_answers_open"),
                        FieldPanel("review_answers_closed"),
                    ],
                    heading=_("Show the right answers"),
                ),
                FieldRowPanel(
                    [
                        FieldPanel("review_feedback_immediately"),
                        FieldPanel("review_feedback_open"),
                        FieldPanel("review_feedback_closed"),
                    ],
                    heading=_("Show the feedback"),
                ),
            ],
            heading=_("Review options"),
        ),
        MultiFieldPanel([FieldPanel("is_required"), FieldPanel("minutes")], heading=_("Completion")),
    ]
    parent_page_types = ["courses.CoursePage", "courses.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")

    def save(self, *args, **kwargs):
        # A quiz counts as complete when it is passed, whatever was set before.
        self.completion_rule = CompletionRule.PASSED
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})


# What a course holds, in the one query of `CoursePage.outline`.
OUTLINE_TYPES = (SectionPage, LessonPage, QuizPage)


# Approval ---------------------------------------------------------------------------------------


class CourseNotApproved(Exception):
    """Some pages of a course under review cannot be published: nothing was. `problems`: [(page, [message…])]."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


class CourseReview:
    """
    A course under review, as one piece: the course's own approval in progress
    (Wagtail's `WorkflowState` and `TaskState` on the course page) and those of
    its sections and activities. A training manager approves it once, and
    every page is published in one transaction, or sends all of it back.
    """

    def __init__(self, course):
        self.course = course

    def _in_progress(self, page_ids):
        return TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=self.course.get_base_content_type(),
            workflow_state__object_id__in=[str(pk) for pk in page_ids],
        )

    @cached_property
    def task_states(self):
        """The reviews in progress of the course and its pages, the course first, then in reading order."""
        pages = {page.pk: page for page in Page.objects.descendant_of(self.course, inclusive=True).specific()}
        states = self._in_progress(pages).select_related("workflow_state", "revision")
        for state in states:
            state.page = pages[int(state.workflow_state.object_id)]
        return sorted(states, key=lambda state: state.page.path)

    @property
    def pages(self):
        return [state.page for state in self.task_states]

    @cached_property
    def is_open(self):
        """Whether the course itself is awaiting approval (its pages alone are not a course review)."""
        if "task_states" in self.__dict__:
            return any(state.page.pk == self.course.pk for state in self.task_states)
        # One query: Wagtail asks this of every page its review queue lists.
        return self._in_progress([self.course.pk]).exists()

    def can_decide(self, user):
        """Whether `user` is among those who approve the course's task (the training managers), or a superuser."""
        state_ids = [state.pk for state in self.task_states]
        return self.is_open and TaskState.objects.reviewable_by(user).filter(pk__in=state_ids).count() == len(state_ids)

    def problems(self):
        """
        [(page, [message…])] for each page whose submitted version could not be
        published with the others. A page's checks read its course and siblings
        (a certificate cannot rest on H5P scores alone), so each draft is
        checked, then saved for the next ones to see, in the order approval
        publishes them, and everything is rolled back.
        """
        problems = []
        with transaction.atomic():
            for state in self.task_states:
                draft = state.page.get_latest_revision().as_object()
                try:
                    draft.full_clean()
                except ValidationError as error:
                    problems.append((state.page, error.messages))
                else:
                    draft.save(clean=False)
            transaction.set_rollback(True)
        return problems

    def approve(self, user, comment=""):
        """Approve every page of the review and publish them all, or, if one cannot be published, none."""
        problems = self.problems()
        if problems:
            raise CourseNotApproved(problems)
        with transaction.atomic(), one_mail_for(self.course, self.pages):
            for state in self.task_states:
                try:
                    # Approving the last task finishes the page's workflow, which publishes it.
                    state.approve(user=user, comment=comment)
                except ValidationError as error:
                    raise CourseNotApproved([(state.page, error.messages)]) from error
        return self.pages

    def request_changes(self, user, comment=""):
        """Send every page of the review back to its trainers, each with the manager's comment."""
        with transaction.atomic(), one_mail_for(self.course, self.pages):
            for state in self.task_states:
                state.reject(user=user, comment=comment)
        return self.pages


class CourseApprovalTask(GroupApprovalTask):
    """
    Wagtail's group approval, where a page of a course under review is
    approved or sent back with its whole course: whichever of its pages a
    training manager acts on from the dashboard or an editor, the course and
    all its submitted pages go together.
    """

    class Meta:
        verbose_name = _("course approval task")

    @staticmethod
    def open_review_of(page):
        """The review in progress of the course `page` belongs to, or None."""
        course = CoursePage.of(page.specific) if isinstance(page, Page) else None
        review = CourseReview(course) if course else None
        return review if review and review.is_open else None

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.open_review_of(obj):
            # The buttons say what they do: they act on the whole course.
            return [
                ("reject", _("Request changes to the whole course"), True),
                ("approve", _("Approve and publish the whole course"), False),
                ("approve", _("Approve the whole course with a comment"), True),
            ]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        review = self.open_review_of(task_state.workflow_state.content_object)
        if review is None or action_name not in ("approve", "reject"):
            return super().on_action(task_state, user, action_name, **kwargs)
        course = review.course
        comment = kwargs.get("comment", "")
        try:
            if action_name == "approve":
                review.approve(user, comment)
            else:
                review.request_changes(user, comment)
        except CourseNotApproved:
            # Wagtail's action views have no way to show an error: the course's review page lists the problems.
            return review_url(course)
        return None


def review_url(course):
    return reverse("course_review", args=[course.pk])
