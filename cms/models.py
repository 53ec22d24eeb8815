"""The site shell: the home page and plain pages such as help and FAQ."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.models import CoursePage
from lms.slugs import SlugFromTitle

from .routing import route_below

PAGE_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link", "image"]


class HomePage(SlugFromTitle, Page):
    headline = models.CharField(_("headline"), max_length=200)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("headline"), FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Every page of the site is below this one: the whole path is looked up at once.
        return route_below(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_courses"] = (
            CoursePage.objects.live().public().select_related("cover").order_by("path")[:6]
        )
        return context


class StandardPage(SlugFromTitle, Page):
    """Help, FAQ and other plain pages."""

    body = RichTextField(_("body"), features=PAGE_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
