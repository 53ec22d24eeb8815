"""Revoking and re-issuing certificates in the Wagtail admin; each is logged in the certificate's history."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import lms.ids  # noqa: F401  (registers the "id" path converter)

from courses.models import CoursePage

from . import services
from .models import Certificate
from .views import bulk_answer, bulk_upload


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text=gettext_lazy("Shown on the verification page."),
    )


# The list shows the newest certificates; search finds older ones by code or name.
LISTED = 100


def require_manager(request):
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied


def managed_certificate(request, pk):
    require_manager(request)
    return get_object_or_404(Certificate, pk=pk)


def index(request):
    require_manager(request)
    query = request.GET.get("q", "").strip()[:100]
    certificates = Certificate.objects.select_related("replaced_by").order_by("-issued_on", "-pk")
    if query:
        code = "".join(query.split()).replace("-", "").upper()
        certificates = certificates.filter(Q(code=code) | Q(full_name__icontains=query) | Q(course_title__icontains=query))
    return render(request, "certificates/admin/index.html", {"certificates": certificates[:LISTED], "query": query})


def revoke(request, pk):
    certificate = managed_certificate(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.revoke(certificate, form.cleaned_data["reason"], request.user)
        messages.success(request, _("Certificate %(code)s is revoked.") % {"code": certificate.display_code})
        return redirect("certificate_admin")
    status = 400 if request.method == "POST" else 200
    return render(request, "certificates/admin/revoke.html", {"certificate": certificate, "form": form}, status=status)


def reissue(request, pk):
    certificate = managed_certificate(request, pk)
    if request.method == "POST":
        try:
            replacement = services.reissue(certificate, request.user)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Certificate %(old)s is replaced by %(new)s.")
                % {"old": certificate.display_code, "new": replacement.display_code},
            )
        return redirect("certificate_admin")
    return render(request, "certificates/admin/reissue.html", {"certificate": certificate})


class PeopleListForm(forms.Form):
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=CoursePage.objects.live().order_by("title"),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the courses in the list.")},
    )
    people = forms.CharField(
        label=gettext_lazy("People"), required=False, max_length=services.BULK_UPLOAD_BYTES,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "HB-0042; Nguyễn Thị Hoa\nhoa@example.vn"}),
        help_text=gettext_lazy(
            "One person per line: a staff id or an e-mail address, optionally followed by “;” and the name to check."
        ),
    )


def may_verify_people(user):
    return user.has_perm("accounts.view_reports") or user.has_perm("certificates.view_certificate")


def verify_people(request):
    """
    HR's question "who on this list holds a valid certificate for this
    course?", answered for the people in the viewer's units only, on screen
    or as a CSV. It reveals people's certificates, so it lives in the admin.
    """
    if not may_verify_people(request.user):
        raise PermissionDenied
    form = PeopleListForm(request.POST or None)
    context = {"form": form}
    if request.method != "POST":
        return render(request, "certificates/admin/verify_people.html", context)
    problem = None
    if form.is_valid():
        try:
            data, filename = bulk_upload(request, required=None)
            if data is None:
                data, filename = form.cleaned_data["people"].encode(), "list.csv"
            entries = services.people_from_file(data, filename)
            if not entries:
                raise ValueError(_("Give the staff ids or e-mail addresses to check, or upload a file of them."))
        except ValueError as error:
            problem = str(error)
    if problem or not form.is_valid():
        return render(request, "certificates/admin/verify_people.html", {**context, "problem": problem}, status=400)
    rows = services.bulk_people_status(request.user, entries, form.cleaned_data["course"])
    return bulk_answer(request, "certificates/admin/verify_people.html", context, rows,
                       "xac-minh-chung-chi-theo-nguoi.csv", by_person=True)


urlpatterns = [
    path("certificates/verify-people/", verify_people, name="certificate_verify_people"),
    path("certificates/", index, name="certificate_admin"),
    path("certificates/<id:pk>/revoke/", revoke, name="certificate_revoke"),
    path("certificates/<id:pk>/reissue/", reissue, name="certificate_reissue"),
]
