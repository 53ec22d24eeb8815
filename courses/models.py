"""
Course content, owned by Wagtail: the catalogue, courses, optional sections and
the activities learners complete. Who is enrolled and what they completed lives
in lms.enrollment, which points here; nothing here points back.
"""

import unicodedata

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import LessonStreamBlock


def without_diacritics(text):
    """'Chữ ký số' → 'Chu ky so': what people type on a phone without a Vietnamese keyboard."""
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Audience(models.TextChoices):
    OFFICIALS = "officials", _("Civil servants")
    CITIZENS = "citizens", _("Citizens")
    EVERYONE = "everyone", _("Civil servants and citizens")


class CourseIndexPage(Page):
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
            courses = courses.filter(tagged_items__tag__slug=topic)
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


class CoursePage(Page):
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
                FieldPanel("owners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("self_enrollment"),
                FieldPanel("allow_preview"),
            ],
            heading=_("Enrollment"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("text_without_diacritics"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.SectionPage", "courses.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def text_without_diacritics(self):
        """Title, summary and topics folded to plain letters, so "chu ky so" finds "Chữ ký số"."""
        topics = " ".join(tag.name for tag in self.tags.all())
        return without_diacritics(f"{self.title} {self.summary} {topics}")

    @cached_property
    def outline(self):
        """Live sections and activities under the course, in reading order (a fixed number of queries)."""
        return list(self.get_descendants().live().order_by("path").specific())

    @property
    def activities(self):
        return [page for page in self.outline if isinstance(page, ActivityPage)]

    @property
    def required_activities(self):
        return [page for page in self.activities if page.is_required]

    @classmethod
    def of(cls, page):
        """The course a page belongs to (itself if it is one), or None."""
        if isinstance(page, cls):
            return page
        return cls.objects.ancestor_of(page).first()


class SectionPage(Page):
    """An optional grouping of activities inside a course (a "week" or a topic)."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("section")

    def serve(self, request, *args, **kwargs):
        # A section has no page of its own: it is a heading in its course's syllabus.
        course = CoursePage.of(self)
        return redirect(f"{course.url}#section-{self.pk}")


class CompletionRule(models.TextChoices):
    ON_VIEW = "view", _("When the learner opens it")
    MARK_DONE = "manual", _("When the learner marks it as done")


class ActivityPage(Page):
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
