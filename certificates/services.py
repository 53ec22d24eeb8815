"""Issuing certificates when enrollments complete, and looking them up for verification."""

import csv
import hashlib
import io
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.models import QuizPage
from lms import spreadsheets
from lms.enrollment.models import ActivityProgress, Enrollment

from . import codes, pdf, signing

logger = logging.getLogger(__name__)
from .models import Certificate, CertificateTemplate

# A fresh code colliding with an existing one is astronomically rare; retrying a few times is plenty.
CODE_ATTEMPTS = 5
# One HR office's pile of certificates; larger lists go through the command.
BULK_LIMIT = 2000
BULK_UPLOAD_BYTES = 1024 * 1024
# A code is 12 characters, 14 with its dashes, and HR's own sheets may keep a
# name or a note beside it; a longer field means the file is not a list of codes.
BULK_FIELD_CHARS = 1000


def final_score(enrollment):
    """
    The average of the learner's quiz grades, or None when no quiz was graded.
    H5P scores are left out: the learner's browser computes them, so they can be forged.
    """
    return final_scores([enrollment.pk]).get(enrollment.pk)


def final_scores(enrollment_ids):
    """`final_score` of many enrollments in one query: {enrollment id: score}, graded ones only."""
    grades = {}
    rows = ActivityProgress.objects.filter(
        enrollment_id__in=enrollment_ids, score__isnull=False,
        page__content_type=ContentType.objects.get_for_model(QuizPage),
    ).values_list("enrollment_id", "score")
    for enrollment_id, score in rows:
        grades.setdefault(enrollment_id, []).append(score)
    return {
        enrollment_id: (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"))
        for enrollment_id, scores in grades.items()
    }


STATUS_LABELS = {"valid": _("Valid"), "revoked": _("Revoked"), "replaced": _("Replaced")}


def issue(enrollment_id):
    """
    The certificate of a completed enrollment, issued now if the course gives
    one and the learner's score is high enough; None otherwise. Calling it
    again returns the same certificate.
    """
    enrollment = Enrollment.objects.select_related("user", "course").get(pk=enrollment_id)
    course = enrollment.course
    if enrollment.completed_at is None or not course.issues_certificate:
        return None
    if course.certificate_rests_on_h5p_alone():
        # The course settings refuse this, but lessons edited since (made optional,
        # unpublished, moved) can still leave only browser-computed scores behind.
        logger.warning("No certificate for enrollment %s: course %s rests on H5P scores alone", enrollment.pk, course.pk)
        return None
    current = Certificate.objects.filter(enrollment=enrollment, replaced_at__isnull=True).first()
    if current is not None:
        return current
    score = final_score(enrollment)
    if course.certificate_min_score is not None and (score is None or score < course.certificate_min_score):
        return None
    try:
        return create_certificate(enrollment, score)
    except IntegrityError:
        # Another worker issued it first: that one is the certificate.
        return Certificate.objects.get(enrollment=enrollment, replaced_at__isnull=True)


def create_certificate(enrollment, score, issued_on=None):
    """
    A new current certificate with today's snapshots and its signed PDF;
    IntegrityError if the enrollment already has one. Either both the row and
    the PDF exist afterwards, or neither does.
    """
    course = enrollment.course
    template = CertificateTemplate.for_course(course)
    for _attempt in range(CODE_ATTEMPTS):
        code = codes.new_code()
        if Certificate.objects.filter(code=code).exists():
            continue
        certificate = Certificate(
            enrollment=enrollment,
            code=code,
            full_name=enrollment.user.full_name,
            course_title=course.title,
            hours=course.hours,
            score=score,
            issued_on=issued_on or timezone.localdate(enrollment.completed_at),
            organisation=template.organisation if template else settings.CERTIFICATE_ORGANISATION,
            template=template,
        )
        with stored_pdf(certificate):
            with transaction.atomic():
                certificate.save()
        return certificate
    raise RuntimeError("Could not find a free certificate code.")


@contextmanager
def stored_pdf(certificate):
    """
    Render, sign and store the certificate's PDF, with its SHA-256, for the
    row saved inside the block; if the block fails, the file is removed again.
    """
    signed = signing.sign_pdf(pdf.render_pdf(certificate))
    certificate.pdf_sha256 = hashlib.sha256(signed).hexdigest()
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(signed), save=False)
    try:
        yield certificate
    except BaseException:
        certificate.pdf.storage.delete(certificate.pdf.name)
        raise


def revoke(certificate, reason, user):
    """Withdraw a certificate; its verification page says so and why. Logged for the audit trail."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValueError(_("Give the reason for revoking the certificate."))
    with transaction.atomic():
        certificate.revoked_at = timezone.now()
        certificate.revoke_reason = reason
        certificate.save(update_fields=["revoked_at", "revoke_reason"])
        log(instance=certificate, action="certificates.revoke", user=user, data={"reason": reason})
    return certificate


def reissue(certificate, user):
    """
    A new certificate with the learner's current name (after a correction);
    the old code then verifies as replaced by the new one.
    """
    if certificate.replaced_at:
        raise ValueError(_("This certificate has already been replaced."))
    enrollment = Enrollment.objects.select_related("user", "course").get(pk=certificate.enrollment_id)
    replacement = None
    try:
        with transaction.atomic():
            certificate.replaced_at = timezone.now()
            certificate.save(update_fields=["replaced_at"])
            replacement = create_certificate(enrollment, certificate.score, issued_on=certificate.issued_on)
            certificate.replaced_by = replacement
            certificate.save(update_fields=["replaced_by"])
            log(instance=certificate, action="certificates.reissue", user=user, data={"replaced_by": replacement.code})
    except BaseException:
        if replacement is not None:
            replacement.pdf.storage.delete(replacement.pdf.name)
        raise
    return replacement


def find(typed_code):
    """The certificate for a typed code; codes.InvalidCode if it cannot be one, None if none was issued."""
    return Certificate.objects.filter(code=codes.normalise(typed_code)).select_related("replaced_by").first()


# Our certificates weigh well under 1 MB; anything far larger is not one of them.
PDF_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass
class PdfCheck:
    """The verdict on an uploaded PDF: genuine, altered, or not ours; `certificate` when one is recognised."""

    verdict: str
    message: str = ""
    certificate: Certificate | None = None


def by_pdf_hash(data):
    digest = hashlib.sha256(data).hexdigest()
    return Certificate.objects.filter(pdf_sha256=digest).select_related("replaced_by").first()


def check_pdf(data):
    """
    Check an uploaded certificate PDF twice: its SHA-256 against the stored
    ones and its signature against our signing certificate. Anything short of
    both passing says what failed.
    """
    if not data.startswith(b"%PDF-"):
        return PdfCheck("invalid", _("This file is not a PDF. Upload the certificate's PDF file as you received it."))
    try:
        report = signing.signature_report(data)
    except ValueError:
        return PdfCheck("invalid", _("This PDF is damaged and cannot be read."))
    certificate = by_pdf_hash(data)
    if certificate and report.signed and report.intact and report.ours and report.covers_whole_file:
        return PdfCheck("genuine", certificate=certificate)
    if not report.signed:
        return PdfCheck("altered", _(
            "This PDF carries no HọcSố signature: it was not issued by us, or it was re-saved or printed to a new PDF."
        ))
    if not report.ours:
        return PdfCheck("altered", _("This PDF is signed, but not by HọcSố."))
    if not report.intact:
        return PdfCheck("altered", _("This PDF was altered after signing: its signature no longer matches its content."))
    if not report.covers_whole_file:
        return PdfCheck(
            "altered",
            _("This PDF was altered after signing: changes were appended after the signature."),
            by_pdf_hash(data[: report.signed_length]),
        )
    return PdfCheck("altered", _("The signature is ours, but no certificate on record has this exact file."))


@dataclass
class BulkRow:
    typed: str
    status: str
    full_name: str = ""
    course_title: str = ""


def bulk_status(typed_codes):
    """The status of many typed codes in one query: valid, revoked, replaced, not_found, or invalid."""
    typed_codes = [typed.strip() for typed in typed_codes if typed.strip()]
    normalised = {}
    for typed in typed_codes:
        try:
            normalised[typed] = codes.normalise(typed)
        except codes.InvalidCode:
            normalised[typed] = None
    found = Certificate.objects.in_bulk([code for code in normalised.values() if code], field_name="code")
    rows = []
    for typed in typed_codes:
        code = normalised[typed]
        certificate = found.get(code) if code else None
        if code is None:
            rows.append(BulkRow(typed, "invalid"))
        elif certificate is None:
            rows.append(BulkRow(typed, "not_found"))
        else:
            rows.append(BulkRow(typed, certificate.status, certificate.full_name, certificate.course_title))
    return rows


def codes_from_csv(data):
    """
    The codes in the first column of an uploaded CSV (a header row is skipped),
    or ValueError. Lines may end in LF, CRLF or a lone CR (old Mac Excel).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(_("The file is not a UTF-8 CSV file.")) from None
    if "\x00" in text:
        raise ValueError(_("The file is not a UTF-8 CSV file."))
    reader = csv.reader(io.StringIO(text, newline=None))
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            # Universal newlines and the NUL check leave one error: a field over the csv module's own limit.
            row = None
        if row is None or any(len(field) > BULK_FIELD_CHARS for field in row):
            raise ValueError(
                _("Line %(line)s is too long: put one certificate code per line, in the first column.") % {"line": line}
            )
        if row and row[0].strip():
            rows.append(row)
    if rows and rows[0][0].strip().lower() in {"code", "mã", "ma", "mã chứng chỉ"}:
        rows = rows[1:]
    if len(rows) > BULK_LIMIT:
        raise ValueError(_("At most %(limit)s codes per file.") % {"limit": BULK_LIMIT})
    return [row[0] for row in rows]


def bulk_csv(rows):
    """The statuses as a CSV for Excel: names, titles and typed codes are text, never formulas."""
    header = ["code", "status", "full_name", "course"]
    return spreadsheets.csv_text([header] + [[row.typed, row.status, row.full_name, row.course_title] for row in rows])
