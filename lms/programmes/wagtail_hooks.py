from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.models import CoursePage

from . import admin_views, services


class AssignmentMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("programmes.view_assignment")


@hooks.register("register_admin_menu_item")
def assignment_menu_item():
    return AssignmentMenuItem(_("Mandatory courses"), reverse("programme_assignments"), icon_name="tasks", order=350)


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
