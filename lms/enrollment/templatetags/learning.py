from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def learning_outline(context):
    """The course outline the enrollment hook prepared for this request (None outside a course)."""
    return getattr(context["request"], "learning_outline", None)


@register.simple_tag
def neighbours(outline, page):
    """(previous, next) activity entries around `page`, across sections."""
    return outline.neighbours(page)


@register.filter
def entry_for(outline, page):
    return outline.entry_for(page)
