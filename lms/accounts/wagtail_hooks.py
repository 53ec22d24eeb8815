"""The organisational unit tree in the Wagtail admin, edited with treebeard's move-node form."""

from django.utils.translation import gettext_lazy as _
from treebeard.forms import movenodeform_factory
from wagtail import hooks
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin_tree import TreeFormSaveMixin

from .models import OrgUnit


class OrgUnitCreateView(TreeFormSaveMixin, CreateView):
    log_action = "wagtail.create"


class OrgUnitEditView(TreeFormSaveMixin, EditView):
    log_action = "wagtail.edit"


class OrgUnitViewSet(ModelViewSet):
    model = OrgUnit
    icon = "group"
    menu_label = _("Organisational units")
    add_to_settings_menu = True
    add_view_class = OrgUnitCreateView
    edit_view_class = OrgUnitEditView
    list_display = ["indented_name", "code", "kind", "headcount"]
    search_fields = ["name", "code"]
    ordering = ["path"]

    def get_form_class(self, for_update=False):
        return movenodeform_factory(OrgUnit, fields=["name", "code", "kind", "headcount"])


@hooks.register("register_admin_viewset")
def register_org_units():
    return OrgUnitViewSet("org_units")
