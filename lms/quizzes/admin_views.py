"""
The question bank's import and export pages in the Wagtail admin.

An import is two steps: the uploaded file is parsed and every question it
would add (or skip, and why) is listed; nothing is written until the trainer
confirms. Between the steps the file's bytes wait in the server-side session,
compressed, under a random token and with their SHA-256, so the confirmed
import is exactly the file that was previewed and the browser never sends it
back. One pending import per session keeps the session small.
"""

import base64
import hashlib
import secrets
import unicodedata
import zlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods
from wagtail.permissions import policy_registry

from lms.admin_tree import IndentedNodeChoiceField
from lms.slugs import slugify

from . import bank
from .formats.base import ImportFileError
from .models import Question, QuestionCategory

PENDING_IMPORT = "quizzes.pending_import"
FORMAT_CHOICES = [("gift", "GIFT"), ("xml", "Moodle XML")]


def question_policy():
    return policy_registry.get_by_type(Question)


def can_import(user):
    return question_policy().user_has_permission(user, "add")


def can_export(user):
    return question_policy().user_has_any_permission(user, ["add", "change", "delete", "view"])


def category_field(**kwargs):
    return IndentedNodeChoiceField(queryset=QuestionCategory.objects.order_by("path"), **kwargs)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Question file"),
        help_text=gettext_lazy("GIFT (.gift, .txt) or Moodle XML (.xml), up to 10 MB."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("Detect from the file"))] + FORMAT_CHOICES,
        required=False,
    )
    category = category_field(
        label=gettext_lazy("Import into"),
        required=False,
        empty_label=gettext_lazy("The categories named in the file"),
        help_text=gettext_lazy("The file's own categories are created below the category chosen here."),
    )

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload is None:
            return cleaned_data
        # Checked before reading: Django has already spooled a large upload to disk, not memory.
        if upload.size > bank.MAX_FILE_BYTES:
            self.add_error("file", _("The file is too large; question files may be up to 10 MB."))
            return cleaned_data
        data = upload.read()
        format = cleaned_data.get("format") or bank.guess_format(data, upload.name)
        try:
            self.result = bank.read_question_file(data, format, upload.name)
        except ImportFileError as error:
            self.add_error("file", str(error))
            return cleaned_data
        cleaned_data["data"] = data
        cleaned_data["format"] = format
        return cleaned_data


class ExportForm(forms.Form):
    category = category_field(label=gettext_lazy("Category"), empty_label=None)
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMAT_CHOICES, initial="gift")
    include_subcategories = forms.BooleanField(
        label=gettext_lazy("Include the subcategories' questions"), required=False, initial=True
    )


# Import -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def import_questions(request):
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            token = keep_pending_import(request, form.cleaned_data)
            return redirect("question_bank_import_preview", token)
        status = 400
    else:
        form = ImportForm()
        status = 200
    return render(request, "quizzes/admin/import.html", {"form": form}, status=status)


def keep_pending_import(request, cleaned_data):
    data = cleaned_data["data"]
    token = secrets.token_urlsafe(18)
    category = cleaned_data.get("category")
    request.session[PENDING_IMPORT] = {
        "token": token,
        "data": base64.b64encode(zlib.compress(data)).decode("ascii"),
        "sha256": hashlib.sha256(data).hexdigest(),
        "format": cleaned_data["format"],
        "filename": cleaned_data["file"].name,
        "category": category.pk if category else None,
    }
    return token


class PendingImportGone(Exception):
    pass


def pending_import(request, token):
    """(file name, parse result, target category) of the import previewed under `token`."""
    pending = request.session.get(PENDING_IMPORT)
    if not pending or not secrets.compare_digest(pending.get("token", ""), token):
        raise PendingImportGone
    try:
        data = zlib.decompress(base64.b64decode(pending["data"]))
    except (ValueError, zlib.error):
        raise PendingImportGone from None
    if not secrets.compare_digest(hashlib.sha256(data).hexdigest(), pending["sha256"]):
        raise PendingImportGone
    category = None
    if pending["category"] is not None:
        category = QuestionCategory.objects.filter(pk=pending["category"]).first()
        if category is None:
            raise PendingImportGone
    try:
        result = bank.read_question_file(data, pending["format"], pending["filename"])
    except ImportFileError:
        raise PendingImportGone from None
    return pending["filename"], result, category


@require_http_methods(["GET", "POST"])
def import_preview(request, token):
    if not can_import(request.user):
        raise PermissionDenied
    try:
        filename, result, category = pending_import(request, token)
    except PendingImportGone:
        messages.error(request, _("This import is no longer waiting for confirmation; upload the file again."))
        return redirect("question_bank_import")

    if request.method == "POST":
        request.session.pop(PENDING_IMPORT, None)
        if "cancel" in request.POST or not result.questions:
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect("question_bank_import")
        try:
            report = bank.import_questions(result, default_category=category)
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("question_bank_import")
        messages.success(request, import_message(report))
        return redirect(reverse("wagtailsnippets_quizzes_question:list"))

    fresh, duplicates = bank.preview_duplicates(result, category)
    return render(
        request,
        "quizzes/admin/import_preview.html",
        {
            "filename": filename,
            "category": category,
            "questions": preview_rows(fresh, category),
            "skipped": [
                {"line": skipped.line, "reason": bank.skipped_reason(skipped), "excerpt": skipped.excerpt}
                for skipped in result.skipped
            ],
            "duplicates": duplicates,
            "count": len(fresh),
            "token": token,
        },
    )


def preview_rows(placed_questions, category):
    base = category.path_names if category else []
    types = dict(Question.Type.choices)
    imported = [_("Imported")]
    return [
        {
            "type": types.get(question.qtype, question.qtype),
            "name": unicodedata.normalize("NFC", question.name or ""),
            "category": " / ".join(base + (question.category_path or ([] if category else imported))),
            "answers": len(question.answers) + len(question.matches),
            "line": question.line,
        }
        for question in (placed.data for placed in placed_questions)
    ]


def import_message(report):
    types = dict(Question.Type.choices)
    details = ", ".join(f"{types.get(qtype, qtype)} ({count})" for qtype, count in sorted(report.imported.items()))
    if report.total:
        message = ngettext(
            "Imported %(count)s question: %(details)s.",
            "Imported %(count)s questions: %(details)s.",
            report.total,
        ) % {"count": report.total, "details": details}
    else:
        message = _("No new question was imported.")
    if report.skipped:
        message += " " + ngettext(
            "%(count)s question was skipped.", "%(count)s questions were skipped.", len(report.skipped)
        ) % {"count": len(report.skipped)}
    if report.duplicates:
        message += " " + duplicates_message(report.duplicates)
    return message


# A message lists this many duplicates by name; the preview lists them all.
DUPLICATES_NAMED = 5


def duplicates_message(duplicates):
    """How many duplicates were left out, and the first few of them by name and line."""
    named = [
        _("“%(name)s” (line %(line)s)") % {"name": duplicate.name, "line": duplicate.line or "—"}
        for duplicate in duplicates[:DUPLICATES_NAMED]
    ]
    if len(duplicates) > DUPLICATES_NAMED:
        named.append(_("and %(count)s more") % {"count": len(duplicates) - DUPLICATES_NAMED})
    return ngettext(
        "%(count)s duplicate question was not imported again: %(names)s.",
        "%(count)s duplicate questions were not imported again: %(names)s.",
        len(duplicates),
    ) % {"count": len(duplicates), "names": ", ".join(named)}


# Export -------------------------------------------------------------------------------------


def export_questions(request):
    if not can_export(request.user):
        raise PermissionDenied
    if "category" not in request.GET:
        return render(request, "quizzes/admin/export.html", {"form": ExportForm()})
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "quizzes/admin/export.html", {"form": form}, status=400)
    category = form.cleaned_data["category"]
    format = form.cleaned_data["format"]
    questions, categories = bank.export_questions(category, form.cleaned_data["include_subcategories"])
    text = bank.write_questions(questions, categories, format)
    if format == "xml":
        response = HttpResponse(text, content_type="application/xml; charset=utf-8")
    else:
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(category, format)}"'
    return response


def export_filename(category, format):
    name = category.name.replace("đ", "d").replace("Đ", "D")
    slug = slugify(name) or str(category.pk)
    return f"question-bank-{slug}.{'gift.txt' if format == 'gift' else 'xml'}"


urlpatterns = [
    path("question-bank/import/", import_questions, name="question_bank_import"),
    path("question-bank/import/<str:token>/", import_preview, name="question_bank_import_preview"),
    path("question-bank/export/", export_questions, name="question_bank_export"),
]
