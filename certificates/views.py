from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from . import codes, services

CODE_PROBLEMS = {
    "format": _("A certificate code has 12 letters and digits, like K7QF-9M2X-DT4P."),
    "check": _("This code has a typing mistake: its last character does not match the others. Check each character."),
}


# Verification is public and HR offices check from one commune or office
# address, so the ceiling on all checks per client address is generous: a flood
# guard. Guessing shows as misses (a code that is mistyped or names no
# certificate), and the code space is far too large to walk thirty a minute.
# Both count the client address of lms.client_address (settings.RATELIMIT_IP_META_KEY).
VERIFY_RATE = "300/m"
MISS_RATE = "30/m"
MISS_STATUSES = {400, 404}
# A bulk file holds up to services.BULK_LIMIT codes and answers 200 whatever they
# are, so files are counted on their own: plenty for an HR office's piles.
BULK_RATE = "10/m"


def limited(view):
    """Answer with the 429 page once an address has asked too often, or missed too often."""

    @wraps(view)
    @ratelimit(key="ip", rate=VERIFY_RATE, group="certificate-verification", block=False)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "limited", False) or too_many_misses(request, count=False):
            return render(request, "429.html", status=429)
        response = view(request, *args, **kwargs)
        if response.status_code in MISS_STATUSES and too_many_misses(request, count=True):
            return render(request, "429.html", status=429)
        return response

    return wrapper


def too_many_misses(request, count):
    """Whether this address is over the miss rate (after counting one more miss when `count`)."""
    return is_ratelimited(request, group="certificate-verification-misses", key="ip", rate=MISS_RATE,
                          increment=count)


def too_large(request, limit):
    """
    Whether the declared length is over the limit, so an oversized upload is
    refused without being read again. (The web server in front should cap
    request bodies too: Django's CSRF check has parsed the upload by now.)
    """
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024
    except ValueError:
        return False


@limited
def verify_form(request):
    """Type a code (a valid-looking one goes to its page, a malformed one is explained here), or upload the PDF."""
    if request.method == "POST":
        return verify_upload(request)
    typed = request.GET.get("code", "").strip()
    if not typed:
        return render(request, "certificates/verify_form.html")
    try:
        code = codes.normalise(typed)
    except codes.InvalidCode as problem:
        context = {"typed": typed, "problem": str(CODE_PROBLEMS[problem.reason])}
        return render(request, "certificates/verify_form.html", context, status=400)
    return redirect("certificate_verify", code=codes.grouped(code))


def verify_upload(request):
    """Check an uploaded certificate PDF: its hash and its signature."""
    limit = services.PDF_UPLOAD_BYTES
    size_problem = _("The file is too large: a certificate PDF is at most %(size)s MB.") % {"size": limit // 2**20}
    if too_large(request, limit):
        return render(request, "certificates/verify_form.html", {"upload_problem": size_problem}, status=413)
    upload = request.FILES.get("pdf")
    if upload is None:
        problem = _("Choose the certificate's PDF file.")
        return render(request, "certificates/verify_form.html", {"upload_problem": problem}, status=400)
    if upload.size > limit:
        return render(request, "certificates/verify_form.html", {"upload_problem": size_problem}, status=413)
    check = services.check_pdf(upload.read())
    if check.verdict == "invalid":
        return render(request, "certificates/verify_form.html", {"upload_problem": check.message}, status=400)
    context = {"check": check, "certificate": check.certificate, "file_name": upload.name}
    if check.certificate:
        context["status_label"] = services.STATUS_LABELS[check.certificate.status]
    return render(request, "certificates/verify_pdf.html", context)


def look_up(typed):
    """(certificate, problem, status): exactly one of the first two is set unless nothing was found."""
    try:
        return services.find(typed), None, 200
    except codes.InvalidCode as problem:
        return None, str(CODE_PROBLEMS[problem.reason]), 400


@limited
def verify(request, code):
    certificate, problem, status = look_up(code)
    if certificate is None and problem is None:
        status = 404
    context = {"certificate": certificate, "problem": problem, "typed": code}
    if certificate:
        context["status_label"] = services.STATUS_LABELS[certificate.status]
    return render(request, "certificates/verify.html", context, status=status)


@limited
def verify_json(request, code):
    certificate, problem, status = look_up(code)
    if problem:
        return JsonResponse({"code": code, "status": "invalid", "error": problem}, status=status)
    if certificate is None:
        return JsonResponse({"code": code, "status": "not_found"}, status=404)
    return JsonResponse(
        {
            "code": certificate.display_code,
            "status": certificate.status,
            "full_name": certificate.full_name,
            "course": certificate.course_title,
            "hours": str(certificate.hours),
            "score": None if certificate.score is None else str(certificate.score),
            "issued_on": certificate.issued_on.isoformat(),
            "organisation": certificate.organisation,
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "replaced_by": certificate.replaced_by.display_code if certificate.replaced_by_id else None,
        }
    )


def bulk_upload(request, required):
    """The bytes and name of the uploaded list, or ValueError saying what is wrong with it."""
    upload = request.FILES.get("file")
    if upload is None:
        if required:
            raise ValueError(required)
        return None, ""
    if upload.size > services.BULK_UPLOAD_BYTES:
        raise ValueError(_("The file is too large: at most 1 MB."))
    return upload.read(), upload.name


def bulk_answer(request, template, context, rows, filename, by_person=False):
    """The results on screen (the "show" button), else as a CSV download: what a plain POST of a file gets."""
    if "show" in request.POST:
        return render(request, template, {**context, "rows": rows, "by_person": by_person})
    response = HttpResponse(services.bulk_csv(rows, by_person=by_person), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@limited
def verify_bulk(request):
    """HR's bulk check: upload a CSV or XLSX list of codes; the statuses come back on screen or as a CSV."""
    if request.method != "POST":
        return render(request, "certificates/verify_bulk.html")
    if is_ratelimited(request, group="certificate-bulk", key="ip", rate=BULK_RATE, increment=True):
        return render(request, "429.html", status=429)
    try:
        data, filename = bulk_upload(request, required=_("Choose a CSV or Excel file of certificate codes."))
        pairs = services.codes_from_file(data, filename)
    except ValueError as problem:
        return render(request, "certificates/verify_bulk.html", {"problem": str(problem)}, status=400)
    rows = services.bulk_status([code for code, _name in pairs], [name for _code, name in pairs])
    return bulk_answer(request, "certificates/verify_bulk.html", {}, rows, "xac-minh-chung-chi.csv")


@login_required
def download(request, code):
    """The signed PDF, for the learner it belongs to and for staff; anyone else learns nothing, not even that it exists."""
    try:
        certificate = services.find(code)
    except codes.InvalidCode:
        certificate = None
    if certificate is None or not certificate.pdf:
        raise Http404
    if certificate.enrollment.user_id != request.user.pk and not request.user.has_perm("certificates.view_certificate"):
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"), content_type="application/pdf", as_attachment=True,
        filename=f"chung-chi-{certificate.display_code}.pdf",
    )
