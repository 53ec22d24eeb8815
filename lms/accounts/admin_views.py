"""
HR's screens in the Wagtail admin: membership requests, and the imports of
organisational units and people. Each acts only inside the units the officer
is responsible for (lms.accounts.scope).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from . import services


def can_confirm_membership(user):
    return user.has_perm("accounts.confirm_membership")


def can_import_people(user):
    return user.has_perm("accounts.import_people")


# Membership requests ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def membership_requests(request):
    if not can_confirm_membership(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            user_ids = [int(value) for value in request.POST.getlist("user")]
        except ValueError:
            user_ids = []
        if not user_ids:
            messages.error(request, _("Choose at least one person."))
            return redirect("membership_requests")
        try:
            if "decline" in request.POST:
                count = services.decline_requests(request.user, user_ids)
                messages.success(request, ngettext(
                    "%(count)s request was declined.", "%(count)s requests were declined.", count) % {"count": count})
            else:
                count = services.approve_requests(request.user, user_ids)
                messages.success(request, ngettext(
                    "%(count)s person was confirmed in their unit.", "%(count)s people were confirmed in their units.",
                    count) % {"count": count})
        except PermissionDenied:
            messages.error(request, _(
                "Some of the chosen people are not waiting for one of your units; nothing was changed."))
            return render(request, "accounts/admin/membership_requests.html",
                          {"requests": services.pending_requests(request.user)}, status=403)
        return redirect("membership_requests")
    return render(request, "accounts/admin/membership_requests.html",
                  {"requests": services.pending_requests(request.user)})


urlpatterns = [
    path("people/requests/", membership_requests, name="membership_requests"),
]
