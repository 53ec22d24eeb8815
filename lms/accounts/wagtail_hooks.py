"""
The organisational unit tree in the Wagtail admin, edited with treebeard's
move-node form; and HR's People menu: membership requests and the imports.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from treebeard.forms import movenodeform_factory
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin_menu import PermittedMenuItem
from lms.admin_tree import TreeFormSaveMixin

from . import admin_views
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


# HR's screens (lms.accounts.admin_views) ---------------------------------------------------------


people_menu = Menu(register_hook_name="register_people_menu_item")


@hooks.register("register_admin_menu_item")
def people_menu_item():
    return SubmenuMenuItem(_("People"), people_menu, name="people", icon_name="group", order=350)


@hooks.register("register_people_menu_item")
def membership_requests_menu_item():
    return PermittedMenuItem(
        _("Membership requests"), reverse("membership_requests"), name="membership_requests", icon_name="tick",
        order=100, is_permitted=admin_views.can_confirm_membership,
    )


@hooks.register("register_people_menu_item")
def import_people_menu_item():
    return PermittedMenuItem(
        _("Import people"), reverse("people_import_people"), name="people_import", icon_name="upload",
        order=200, is_permitted=admin_views.can_import_people,
    )


@hooks.register("register_people_menu_item")
def import_units_menu_item():
    return PermittedMenuItem(
        _("Import organisational units"), reverse("people_import_units"), name="people_import_units",
        icon_name="upload", order=300, is_permitted=admin_views.can_import_people,
    )


@hooks.register("register_admin_urls")
def people_admin_urls():
    return admin_views.urlpatterns


@hooks.register("register_people_menu_item")
def sign_in_codes_menu_item():
    return PermittedMenuItem(
        _("Sign-in codes"), reverse("people_sign_in_codes"), name="people_sign_in_codes", icon_name="key",
        order=400, is_permitted=admin_views.can_import_people,
    )
