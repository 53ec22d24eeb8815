"""The courses' place in Wagtail's admin: readable slugs, and a course's approval as one piece."""

from django.db.models import CharField, Value
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from lms import slugs
from lms.accounts.roles import WORKFLOW_NAME

from . import admin_views
from .models import CoursePage, SectionPage, with_course_titles
from .services import is_course_staff

slugs.use_in_the_admin()


@hooks.register("register_admin_urls")
def course_approval_urls():
    return admin_views.urlpatterns


@hooks.register("register_page_header_buttons")
def course_approval_button(page, user, view_name, next_url=None):
    """On a course's header (editor and explorer): its approval page, for its staff."""
    if page.specific_class is CoursePage and is_course_staff(user, page):
        yield Button(
            WORKFLOW_NAME,
            reverse("course_review", args=[page.pk]),
            icon_name="tasks",
            priority=40,
        )


@hooks.register("construct_explorer_page_queryset")
def plain_titles_inside_a_course(parent_page, pages, request):
    """Under a course or a section the breadcrumbs name the course: its pages keep their plain titles (no query each)."""
    if parent_page.specific_class in (CoursePage, SectionPage):
        pages = pages.annotate(course_title=Value("", output_field=CharField()))
    return pages


@hooks.register("construct_page_chooser_queryset")
def course_titles_in_one_query(pages, request):
    """
    A chooser lists "Bài 2 — Khoá học: …" for each lesson: the course titles come
    with the pages, and so do the states its status column reads (as Wagtail's
    explorer has them), instead of three queries a row.
    """
    return with_course_titles(pages).annotate_approved_schedule().prefetch_workflow_states()
