from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from courses.models import CoursePage
from lms.admin_menu import PermittedMenuItem

from . import admin_views, services


def may_see_assignments(user):
    return user.has_perm("programmes.view_assignment")


@hooks.register("register_admin_menu_item")
def assignment_menu_item():
    return PermittedMenuItem(
        _("Mandatory courses"), reverse("programme_assignments"), icon_name="tasks", order=350,
        is_permitted=may_see_assignments,
    )


@hooks.register("register_admin_urls")
def assignment_admin_urls():
    return admin_views.urlpatterns


@hooks.register("before_serve_page")
def tell_who_assigned_the_course(page, request, serve_args, serve_kwargs):
    """
    A course mandatory for the learner says who assigned it: the course page's
    enrollment panel shows `request.mandatory_assignment` (courses and
    enrollment import nothing from here).
    """
    if isinstance(page, CoursePage) and request.user.is_authenticated:
        request.mandatory_assignment = services.assignment_of(request.user, page)
    return None
