from django import template

from courses.models import CoursePage

from .. import services

register = template.Library()


@register.simple_tag(takes_context=True)
def learning_outline(context, page):
    """
    The course outline the enrollment hook prepared for this request. Wagtail's
    previews skip that hook, so an editor previewing a page gets an outline
    with no enrollment and every activity openable.
    """
    request = context["request"]
    outline = getattr(request, "learning_outline", None)
    if outline is None:
        outline = services.course_outline(CoursePage.of(page), enrollment=None, can_open=True)
    return outline


@register.simple_tag
def neighbours(outline, page):
    """(previous, next) activity entries around `page`, across sections."""
    return outline.neighbours(page)


@register.filter
def entry_for(outline, page):
    return outline.entry_for(page)
