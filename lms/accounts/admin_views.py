"""
HR's screens in the Wagtail admin: membership requests, the imports of
organisational units and people, and sign-in codes for people without e-mail. Each acts only inside the units the officer
is responsible for (lms.accounts.scope).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_http_methods

from lms.spreadsheets import csv_text

from . import imports, services
from . import sign_in_codes as sign_in_codes_service
from .models import PeopleImport
from .tasks import apply_people_import


def can_confirm_membership(user):
    return user.has_perm("accounts.confirm_membership")


def can_import_people(user):
    return user.has_perm("accounts.import_people")


def chosen_people(request):
    """The ids of the people ticked in a list's form (none when any is not a number)."""
    try:
        return [int(value) for value in request.POST.getlist("user")]
    except ValueError:
        return []


# Membership requests ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def membership_requests(request):
    if not can_confirm_membership(request.user):
        raise PermissionDenied
    if request.method == "POST":
        user_ids = chosen_people(request)
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


# Imports of people and units -------------------------------------------------------------------

PREVIEW_ROWS_SHOWN = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"), help_text=gettext_lazy("CSV (comma or semicolon) or Excel (.xlsx), up to 20 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is too large; files may be up to 20 MB."))
        return upload


def preview(kind, data, filename, importer):
    reader = imports.preview_people if kind == PeopleImport.Kind.PEOPLE else imports.preview_units
    return reader(data, filename, importer)


@require_http_methods(["GET", "POST"])
def upload(request, kind):
    if not can_import_people(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                preview(kind, data, upload.name, request.user)
            except imports.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                # One waiting import per person and kind: a new upload replaces the last one.
                PeopleImport.objects.filter(
                    created_by=request.user, kind=kind, status=PeopleImport.Status.PREVIEWED).delete()
                pending = PeopleImport.objects.create(
                    kind=kind, created_by=request.user, filename=upload.name, data=data)
                return redirect("people_import", pending.pk)
        status = 400
    return render(request, "accounts/admin/import_upload.html", {"form": form, "kind": kind}, status=status)


def own_import(request, pk):
    if not can_import_people(request.user):
        raise PermissionDenied
    return get_object_or_404(PeopleImport, pk=pk, created_by=request.user)


@require_http_methods(["GET", "POST"])
def import_detail(request, pk):
    pending = own_import(request, pk)
    is_people = pending.kind == PeopleImport.Kind.PEOPLE
    if request.method == "POST":
        return act_on_import(request, pending)
    pending.load_progress()
    context = {"pending": pending, "is_people": is_people}
    if pending.status == PeopleImport.Status.PREVIEWED:
        try:
            report = preview(pending.kind, bytes(pending.data), pending.filename, request.user)
        except imports.ImportFileError as error:
            messages.error(request, str(error))
            pending.delete()
            return redirect("people_import_units" if not is_people else "people_import_people")
        rows = report.errors + [row for row in report.rows if row.status != imports.ERROR]
        context.update(report=report, rows=rows[:PREVIEW_ROWS_SHOWN], hidden=max(0, len(rows) - PREVIEW_ROWS_SHOWN))
    elif pending.status == PeopleImport.Status.DONE and is_people:
        context["waiting_for_codes"] = sign_in_codes_service.waiting_for_codes(request.user).count()
    return render(request, "accounts/admin/import_preview.html", context)


def act_on_import(request, pending):
    if pending.status != PeopleImport.Status.PREVIEWED:
        return redirect("people_import", pending.pk)
    upload_page = "people_import_people" if pending.kind == PeopleImport.Kind.PEOPLE else "people_import_units"
    if "cancel" in request.POST:
        pending.delete()
        messages.info(request, _("The import was cancelled; nothing was saved."))
        return redirect(upload_page)
    if pending.kind == PeopleImport.Kind.UNITS:
        try:
            report = imports.apply_units(bytes(pending.data), pending.filename, request.user)
        except (imports.ImportRefused, imports.ImportFileError) as error:
            messages.error(request, str(error))
            return redirect("people_import", pending.pk)
        pending.delete()
        messages.success(request, imports.summary(report.counts))
        return redirect("people_import_units")
    pending.status = PeopleImport.Status.QUEUED
    pending.save(update_fields=["status"])
    # With the immediate task backend the import is applied within this request;
    # with a worker it runs there and the page below shows its progress.
    apply_people_import.enqueue(pending.pk)
    return redirect("people_import", pending.pk)


def import_errors(request, pk):
    pending = own_import(request, pk)
    if pending.status != PeopleImport.Status.PREVIEWED:
        raise Http404
    report = preview(pending.kind, bytes(pending.data), pending.filename, request.user)
    rows = [[_("Line"), _("Status"), *imports.column_names(pending.kind), _("Errors")]]
    columns = imports.column_keys(pending.kind)
    for row in report.errors:
        rows.append([row.line, str(row.status_label), *(row.values.get(name, "") for name in columns),
                     "; ".join(row.errors)])
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="import-errors.csv"'
    return response


urlpatterns += [
    path("people/import/", upload, {"kind": PeopleImport.Kind.PEOPLE}, name="people_import_people"),
    path("people/import-units/", upload, {"kind": PeopleImport.Kind.UNITS}, name="people_import_units"),
    path("people/import/<int:pk>/", import_detail, name="people_import"),
    path("people/import/<int:pk>/errors.csv", import_errors, name="people_import_errors"),
]


# Sign-in codes for people without e-mail -----------------------------------------------------

CODES_PER_PAGE = 200


@require_http_methods(["GET", "POST"])
def sign_in_codes(request):
    """
    The accounts in the officer's units that have no e-mail address; the
    chosen ones get fresh one-time codes, shown once, as slips to print or as
    a CSV file for a mail merge.
    """
    if not can_import_people(request.user):
        raise PermissionDenied
    people = sign_in_codes_service.people_without_mailbox(request.user)
    if request.method == "POST":
        user_ids = chosen_people(request)
        if not user_ids:
            messages.error(request, _("Choose at least one person."))
            return redirect("people_sign_in_codes")
        try:
            issued = sign_in_codes_service.issue_codes(request.user, user_ids)
        except PermissionDenied:
            messages.error(request, _("Some of the chosen people cannot be given a code by you; no code was made."))
            return redirect("people_sign_in_codes")
        response = codes_csv(issued) if request.POST.get("format") == "csv" else render(
            request, "accounts/admin/sign_in_code_slips.html",
            {"issued": issued, "sign_in_url": settings.SITE_URL + reverse("sign_in_with_code"),
             "valid_days": sign_in_codes_service.VALID_DAYS})
        # The codes are keys to accounts: no cache, no back-button copy.
        response["Cache-Control"] = "no-store"
        return response
    people = people.annotate(last_code_at=Max("sign_in_codes__created_at"))
    page = Paginator(people, CODES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/admin/sign_in_codes.html",
                  {"page": page, "valid_days": sign_in_codes_service.VALID_DAYS})


def codes_csv(issued):
    rows = [[_("Full name"), _("Staff id"), pgettext("column heading", "Unit"), _("Sign-in code"), _("Sign in at")]]
    address = settings.SITE_URL + reverse("sign_in_with_code")
    rows += [[person.full_name, person.staff_id or "", person.org_unit.name if person.org_unit else "", code, address]
             for person, code in issued]
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sign-in-codes.csv"'
    return response


urlpatterns += [path("people/sign-in-codes/", sign_in_codes, name="people_sign_in_codes")]
