"""
The question bank in the Wagtail admin: questions as a snippet (so a quiz's
slots choose them with the snippet chooser), categories as a tree edited
with treebeard's move-node form, and the import and export pages.
"""

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import ProtectedError, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from treebeard.forms import MoveNodeForm, movenodeform_factory
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.admin_menu import PermittedMenuItem
from lms.admin_tree import TreeFormSaveMixin, indented
from lms.quizzes import admin_results, admin_views
from lms.quizzes.bank import normalise
from lms.quizzes.choosers import CategoryLabels, QuestionChooserViewSet
from lms.quizzes.models import Question, QuestionCategory, QuizSlot


def all_permissions(model):
    """Add, change, delete and view: Wagtail offers "view" only with an inspect view, but trainers' roles use it."""
    return Permission.objects.filter(content_type=ContentType.objects.get_for_model(model))


# Questions ------------------------------------------------------------------------------------


class CategoryColumn(Column):
    """A question's category as its whole path, from one query for the page rather than one per row."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        # The column object lives as long as the process and serves every thread: the labels belong to the request.
        request = parent_context["request"]
        if not hasattr(request, "question_category_labels"):
            request.question_category_labels = CategoryLabels()
        context["raw_value"] = context["value"] = request.question_category_labels(instance) or self.empty_value_display
        return context

    def get_value(self, instance):
        return ""


class QuestionAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In tree order and indented, instead of one query per category for its path.
        field = self.fields["category"]
        field.queryset = QuestionCategory.objects.order_by("path")
        field.label_from_instance = indented


class QuestionFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("category"),
        queryset=QuestionCategory.objects.order_by("path"),
        method="filter_category",
    )
    qtype = django_filters.ChoiceFilter(label=_("type"), choices=Question.Type.choices)

    class Meta:
        model = Question
        fields = ["category", "qtype"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].field.label_from_instance = indented

    def filter_category(self, queryset, name, value):
        # A category's filter shows its subcategories' questions too, as Moodle's bank does.
        return queryset.filter(category__path__startswith=value.path)


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    menu_name = "questions"
    list_display = [
        "name",
        "qtype",
        CategoryColumn("category", label=_("category"), sort_key="category__path"),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    filterset_class = QuestionFilterSet
    chooser_viewset_class = QuestionChooserViewSet
    ordering = ["category__path", "name"]
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionAdminForm)

    def get_permissions_to_register(self):
        return all_permissions(self.model)


# Categories -----------------------------------------------------------------------------------


class CategoryForm(MoveNodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treebeard_ref_node"].label_from_instance = indented

    def clean_name(self):
        return normalise(self.cleaned_data["name"])


class CategoryIndexView(IndexView):
    def _get_title_column(self, field_name, *args, **kwargs):
        # Indented by depth: the listing, ordered by path, reads as the tree.
        return super()._get_title_column(field_name, *args, accessor=indented, **kwargs)


class CategoryCreateView(TreeFormSaveMixin, CreateView):
    log_action = "wagtail.create"


class CategoryEditView(TreeFormSaveMixin, EditView):
    log_action = "wagtail.edit"


class CategoryDeleteView(DeleteView):
    """Deleting a category deletes its subcategories: refused while any of them holds questions or quiz slots."""

    def form_valid(self, form):
        subtree = Q(category__path__startswith=self.object.path)
        in_use = (
            Question.objects.filter(subtree).exists()
            or QuizSlot.objects.filter(random_category__path__startswith=self.object.path).exists()
        )
        if not in_use:
            try:
                return super().form_valid(form)
            except ProtectedError:
                pass
        message = _(
            "“%(category)s” cannot be deleted: it or one of its subcategories still holds questions "
            "or is used by a quiz."
        )
        messages.error(self.request, message % {"category": self.object.name})
        return HttpResponseRedirect(reverse(self.index_url_name))


class QuestionCategoryViewSet(ModelViewSet):
    model = QuestionCategory
    name = "question_categories"
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    menu_name = "question_categories"
    index_view_class = CategoryIndexView
    add_view_class = CategoryCreateView
    edit_view_class = CategoryEditView
    delete_view_class = CategoryDeleteView
    list_display = ["name", "info"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["path"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return movenodeform_factory(QuestionCategory, form=CategoryForm, fields=["name", "info"])

    def get_permissions_to_register(self):
        return all_permissions(self.model)


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_label = _("Question bank")
    menu_name = "question_bank"
    menu_icon = "help"
    menu_order = 250
    submenu_hook = "register_question_bank_menu_item"


register_snippet(QuestionBankGroup)


# Import and export ----------------------------------------------------------------------------


@hooks.register("register_question_bank_menu_item")
def import_menu_item():
    return PermittedMenuItem(
        _("Import"), reverse("question_bank_import"), name="question_bank_import", icon_name="upload",
        order=300, is_permitted=admin_views.can_import,
    )


@hooks.register("register_question_bank_menu_item")
def export_menu_item():
    return PermittedMenuItem(
        _("Export"), reverse("question_bank_export"), name="question_bank_export", icon_name="download",
        order=310, is_permitted=admin_views.can_export,
    )


@hooks.register("register_admin_urls")
def question_bank_urls():
    return admin_views.urlpatterns


# Quiz results (lms.quizzes.admin_results) -----------------------------------------------------


@hooks.register("register_admin_urls")
def quiz_results_urls():
    return admin_results.urlpatterns


@hooks.register("register_page_header_buttons")
def quiz_results_header_button(page, user, view_name=None, next_url=None):
    button = admin_results.results_button(page, user)
    return [button] if button else []


@hooks.register("register_page_listing_more_buttons")
def quiz_results_listing_button(page, user, next_url=None):
    button = admin_results.results_button(page, user)
    return [button] if button else []
