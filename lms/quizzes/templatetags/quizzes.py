from django import template
from django.utils.translation import gettext as _

from lms import cleaning

from .. import grading, services
from ..models import Attempt, Question

register = template.Library()


@register.simple_tag(takes_context=True)
def quiz_overview(context, page):
    """The learner's attempts at this quiz, their grade and whether they may start another."""
    user = context["request"].user
    attempts = list(Attempt.objects.filter(page=page, user=user).order_by("number")) if user.is_authenticated else []
    for attempt in attempts:
        attempt.shown = services.review_options(attempt)
    return {
        "attempts": attempts,
        "open_attempt": next((attempt for attempt in attempts if attempt.is_open), None),
        "final_percent": services.final_percent(page, user) if attempts else None,
        "attempts_left": services.attempts_left(page, len(attempts)),
        "question_count": sum(slot.random_count if slot.random_category_id else 1 for slot in page.slots.all()),
    }


@register.filter
def choices(response):
    """(answer, chosen) pairs in the order this learner sees them."""
    answers = {answer.pk: answer for answer in response.question.answers.all()}
    chosen = set(response.answer or []) if isinstance(response.answer, list) else set()
    return [(answers[pk], pk in chosen) for pk in response.choice_order if pk in answers]


@register.filter
def matching_rows(response):
    """(pair, chosen answer) for every prompt; the options are response.choice_order."""
    chosen = response.answer if isinstance(response.answer, dict) else {}
    return [(pair, chosen.get(str(pair.pk), "")) for pair in response.question.matches.all() if pair.prompt]


@register.filter
def answer_label(answer):
    """
    A choice as learners read it: true/false answers are stored as "true"/"false"
    and shown as a translated word (plain text); other answers as cleaned HTML.
    """
    if answer.question.qtype == Question.Type.TRUE_FALSE:
        return _("True") if answer.text.strip().lower() == "true" else _("False")
    return cleaning.rich_text_html(answer.text)


@register.filter
def right_answer(response):
    return grading.right_answer_summary(response.question)


@register.filter
def is_answered(response):
    return response.answer not in (None, "", [], {})


@register.filter
def text_answer(response):
    return response.answer if isinstance(response.answer, str) else ""
