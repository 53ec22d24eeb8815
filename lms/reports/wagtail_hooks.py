"""The report screens under /admin/reports/, listed in the admin's Reports menu for those who may see them."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.admin_menu import PermittedMenuItem

from . import urls
from .admin_views import may_see_reports


@hooks.register("register_admin_urls")
def report_admin_urls():
    return [path("reports/", include(urls))]


@hooks.register("register_reports_menu_item")
def coverage_menu_item():
    return PermittedMenuItem(
        _("Coverage by unit"), reverse("report_coverage"), name="report_coverage", icon_name="table", order=10,
        is_permitted=may_see_reports,
    )


@hooks.register("register_reports_menu_item")
def people_menu_item():
    return PermittedMenuItem(
        _("People's mandatory courses"), reverse("report_people"), name="report_people", icon_name="group",
        order=20, is_permitted=may_see_reports,
    )


@hooks.register("register_reports_menu_item")
def subscriptions_menu_item():
    return PermittedMenuItem(
        _("Weekly report e-mails"), reverse("report_subscriptions"), name="report_subscriptions", icon_name="mail",
        order=30, is_permitted=may_see_reports,
    )
