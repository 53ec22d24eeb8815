"""
The question chooser of a quiz's slots: each question with its type, the
start of its text and its category; a filter by category (with its
subcategories); and, when several questions are chosen at once, a box that
chooses every question of the filtered category.
"""

import html

from django import forms
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetChosenMultipleView

from lms.admin_tree import IndentedNodeChoiceField
from lms.ids import parse_id

from .bank import normalise
from .models import Question, QuestionCategory

# Enough of the text to tell similar questions apart in a row of the chooser.
TEXT_START_LENGTH = 90


def text_start(question):
    return Truncator(normalise(html.unescape(strip_tags(question.text)))).chars(TEXT_START_LENGTH)


def subtree_questions(category):
    return Question.objects.filter(category__path__startswith=category.path)


class CategoryLabels:
    """Every category's whole path, from one query for the page rather than one per row."""

    def __init__(self):
        rows = QuestionCategory.objects.values_list("pk", "path", "name")
        names = {path: name for _pk, path, name in rows}
        step = QuestionCategory.steplen
        self.labels = {
            pk: " / ".join(names[path[:end]] for end in range(step, len(path) + 1, step)) for pk, path, _name in rows
        }

    def __call__(self, question):
        return self.labels.get(question.category_id, "")


class QuestionFilterForm(SearchFilterMixin, BaseFilterForm):
    category = IndentedNodeChoiceField(
        label=_("Category"),
        queryset=QuestionCategory.objects.order_by("path"),
        required=False,
        empty_label=_("All categories"),
        # Wagtail's chooser refreshes its results when a field with this attribute changes.
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects):
        category = self.cleaned_data.get("category")
        if category is not None:
            # By id, not by path: the search backend filters on the indexed `category` field only.
            objects = objects.filter(category__in=list(QuestionCategory.get_tree(category).values_list("pk", flat=True)))
        return super().filter(objects)


class QuestionChooseMixin:
    filter_form_class = QuestionFilterForm
    results_template_name = "quizzes/admin/question_chooser_results.html"

    def get_object_list(self):
        return Question.objects.order_by("category__path", "name", "pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("qtype", label=_("Type"), accessor="get_qtype_display"),
            Column("text", label=_("Text"), accessor=text_start),
            Column("category", label=_("Category"), accessor=CategoryLabels()),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        category = self.filter_form.cleaned_data.get("category") if self.filter_form.is_valid() else None
        if category is not None and self.is_multiple_choice:
            context["whole_category"] = category
            context["whole_category_count"] = subtree_questions(category).count()
        return context


class QuestionChooseView(QuestionChooseMixin, ChooseView):
    pass


class QuestionChooseResultsView(QuestionChooseMixin, ChooseResultsView):
    pass


class QuestionChosenMultipleView(SnippetChosenMultipleView):
    """The ticked questions, then every question of each category ticked whole, each question once."""

    def get(self, request):
        ids = [pk for pk in (parse_id(value) for value in request.GET.getlist("id")) if pk is not None]
        chosen = list(Question.objects.filter(pk__in=ids).order_by("category__path", "name", "pk"))
        category_ids = [pk for pk in (parse_id(value) for value in request.GET.getlist("category")) if pk is not None]
        for category in QuestionCategory.objects.filter(pk__in=category_ids).order_by("path"):
            chosen += subtree_questions(category).order_by("category__path", "name", "pk")
        unique = list({question.pk: question for question in chosen}.values())
        return self.get_multiple_chosen_response(unique)


class QuestionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    chosen_multiple_view_class = QuestionChosenMultipleView
