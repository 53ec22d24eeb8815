"""
The demo page tree: home, catalogue, help and the courses of content.py.
A page is found by its slug under its parent; a missing one is built, saved
and published with a revision, as a trainer's page would be. Existing pages
are left exactly as they are, edits included.
"""

from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from cms.models import HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage, LessonPage, SectionPage

from . import content
from .documents import ensure_document
from .images import Cover, Screen, ensure_image
from .specs import Handout


def ensure_site(created):
    """The home page (in place of Wagtail's welcome page) served by the default site, with catalogue and help."""
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).first()
    if home is None:
        remove_wagtail_welcome_page(root)
        # Treebeard places a new child from the parent's child count, which the removal changed.
        root.refresh_from_db()
        home = ensure_child(root, content.HOME["slug"], partial(HomePage, **content.HOME), created)
    serve_from_default_site(home)
    catalogue = ensure_child(home, content.CATALOGUE["slug"], partial(CourseIndexPage, **content.CATALOGUE), created)
    ensure_child(home, content.HELP["slug"], partial(StandardPage, **content.HELP), created)
    return home, catalogue


def remove_wagtail_welcome_page(root):
    # Wagtail's first migration puts a plain Page there; the admin cannot create
    # plain Pages, so one at the top is that placeholder, never someone's content.
    plain_page = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=plain_page):
        page.delete()


def serve_from_default_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
    elif site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()


def ensure_courses(catalogue, owner, created):
    for course_spec in content.COURSES:
        course = ensure_child(catalogue, course_spec.slug, partial(build_course, course_spec, owner, created), created)
        ensure_lessons(course, course_spec.lessons, created)
        for section_spec in course_spec.sections:
            section = ensure_child(
                course,
                section_spec.slug,
                partial(SectionPage, slug=section_spec.slug, title=section_spec.title, summary=section_spec.summary),
                created,
            )
            ensure_lessons(section, section_spec.lessons, created)


def ensure_lessons(parent, lesson_specs, created):
    for spec in lesson_specs:
        ensure_child(parent, spec.slug, partial(build_lesson, spec, created), created)


def ensure_child(parent, slug, build, created):
    """The child of `parent` with this slug; if there is none, `build()` makes it and it is published."""
    page = parent.get_children().filter(slug=slug).specific().first()
    if page is None:
        page = parent.add_child(instance=build())
        page.save_revision().publish()
        created["pages"] += 1
    return page


def build_course(spec, owner, created):
    course = CoursePage(
        slug=spec.slug,
        title=spec.title,
        summary=spec.summary,
        description=spec.description,
        audience=spec.audience,
        hours=spec.hours,
        cover=ensure_image(spec.cover, created),
        self_enrollment=True,
        allow_preview=spec.allow_preview,
    )
    course.tags.add(*spec.tags)
    course.owners.set([owner])
    return course


def build_lesson(spec, created):
    return LessonPage(
        slug=spec.slug,
        title=spec.title,
        body=with_media(spec.body, created),
        minutes=spec.minutes,
        completion_rule=spec.completion_rule,
        is_required=spec.is_required,
    )


def with_media(value, created):
    """A lesson body with each picture and handout spec replaced by its saved image or document."""
    if isinstance(value, (Screen, Cover)):
        return ensure_image(value, created)
    if isinstance(value, Handout):
        return ensure_document(value, created)
    if isinstance(value, dict):
        return {key: with_media(item, created) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(with_media(item, created) for item in value)
    return value
