"""
Mandatory courses in the Wagtail admin. Training managers and HR officers
list, create, change and remove assignments of the units in their scope
(lms.accounts.scope); an assignment touching a unit outside it is not theirs
to see. "View matching users" counts the people the form would enroll, and
saves nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

import lms.ids  # noqa: F401  (registers the "id" path converter)

from . import services, tasks
from .forms import AssignmentForm
from .models import Assignment

# How many of the matching people the preview names; the count is always whole.
PREVIEW_NAMES = 50


def require(request, action):
    if not request.user.has_perm(f"programmes.{action}_assignment"):
        raise PermissionDenied


def index(request):
    require(request, "view")
    assignments = (
        services.assignments_in_scope(request.user)
        .select_related("course", "created_by")
        .prefetch_related("assigned_units__unit")
        .order_by("-created_at")
    )
    can_change = request.user.has_perm("programmes.change_assignment")
    return render(request, "programmes/admin/index.html", {"assignments": assignments, "can_change": can_change})


def add(request):
    require(request, "add")
    return edit_form(request, Assignment())


def edit(request, pk):
    require(request, "change")
    return edit_form(request, get_object_or_404(services.assignments_in_scope(request.user), pk=pk))


def edit_form(request, assignment):
    form = AssignmentForm(request.POST or None, instance=assignment, user=request.user)
    preview = None
    if request.method == "POST" and form.is_valid():
        members = services.members_of(
            form.unit_rows, form.cleaned_data["learner_type"], form.cleaned_data["position"]
        ).order_by("full_name")
        if "preview" in request.POST:
            preview = {"count": members.count(), "names": list(members.select_related("org_unit")[:PREVIEW_NAMES])}
        else:
            try:
                saved = services.save_assignment(request.user, form.instance, form.unit_rows)
            except services.AssignmentError as error:
                form.add_error(None, error.message)
            else:
                tasks.queue_apply(saved)
                messages.success(
                    request,
                    _("“%(course)s” is assigned. %(count)s people are being enrolled.")
                    % {"course": saved.course.title, "count": members.count()},
                )
                return redirect("programme_assignments")
    status = 400 if request.method == "POST" and form.errors else 200
    context = {"form": form, "assignment": assignment, "preview": preview}
    return render(request, "programmes/admin/form.html", context, status=status)


def delete(request, pk):
    require(request, "delete")
    assignment = get_object_or_404(services.assignments_in_scope(request.user), pk=pk)
    if request.method == "POST":
        services.delete_assignment(request.user, assignment)
        messages.success(
            request, _("The assignment of “%(course)s” is removed; everyone keeps their enrollment and progress.")
            % {"course": assignment.course.title},
        )
        return redirect("programme_assignments")
    return render(request, "programmes/admin/delete.html", {"assignment": assignment})


urlpatterns = [
    path("programmes/", index, name="programme_assignments"),
    path("programmes/add/", add, name="programme_assignment_add"),
    path("programmes/<id:pk>/edit/", edit, name="programme_assignment_edit"),
    path("programmes/<id:pk>/delete/", delete, name="programme_assignment_delete"),
]
