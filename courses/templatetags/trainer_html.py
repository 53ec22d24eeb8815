from django import template

from lms.cleaning import rich_text_html

register = template.Library()


@register.filter
def trainer_html(value):
    """
    A text a trainer wrote (rich text, or an answer, feedback or prompt that
    may hold HTML), cleaned by the one allow-list before a learner sees it.
    """
    return rich_text_html(getattr(value, "source", value))
