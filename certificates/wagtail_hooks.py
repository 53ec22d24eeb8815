from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    add_to_admin_menu = True
    menu_order = 410
    list_display = ["name", "organisation", "is_default"]
    search_fields = ["name", "organisation"]


register_snippet(CertificateTemplateViewSet)


class CertificateMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("certificates.change_certificate")


@hooks.register("register_admin_menu_item")
def certificate_menu_item():
    return CertificateMenuItem(_("Certificates"), reverse("certificate_admin"), icon_name="doc-full", order=400)


class VerifyPeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_verify_people(request.user)


@hooks.register("register_admin_menu_item")
def verify_people_menu_item():
    return VerifyPeopleMenuItem(
        _("Verify certificates of people"), reverse("certificate_verify_people"), icon_name="doc-full", order=405
    )


@hooks.register("register_admin_urls")
def certificate_admin_urls():
    return admin_views.urlpatterns


@hooks.register("register_log_actions")
def certificate_log_actions(actions):
    actions.register_action("certificates.revoke", _("Revoke certificate"), _("Revoked"))
    actions.register_action("certificates.reissue", _("Re-issue certificate"), _("Re-issued"))
