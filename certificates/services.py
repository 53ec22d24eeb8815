"""Issuing certificates when enrollments complete, and looking them up for verification."""

import csv
import hashlib
import io
import logging
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.models import QuizPage
from lms import spreadsheets
from lms.accounts.models import User
from lms.accounts.scope import members_in_scope
from lms.enrollment.models import ActivityProgress, Enrollment

from . import codes, pdf, signing
from .models import Certificate, CertificateTemplate
from .signals import certificate_issued

logger = logging.getLogger(__name__)

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
    if not meets_minimum(course, score):
        return None
    try:
        return create_certificate(enrollment, score)
    except IntegrityError:
        # Another worker issued it first: that one is the certificate.
        return Certificate.objects.get(enrollment=enrollment, replaced_at__isnull=True)


def meets_minimum(course, score):
    return course.certificate_min_score is None or (score is not None and score >= course.certificate_min_score)


@dataclass
class CertificateState:
    """What the learner of a completed enrollment has of its certificate, for their pages."""

    certificate: Certificate | None
    # Not there yet, but issue() will give one: the background task has not run yet.
    preparing: bool


def certificate_state(enrollment):
    """
    The current certificate of a completed enrollment, or whether one is on its
    way: issue() runs as a background task once the completion commits, so the
    learner's next page may come before the certificate does.
    """
    certificate = Certificate.objects.filter(enrollment=enrollment, replaced_at__isnull=True).first()
    if certificate is not None or enrollment.completed_at is None:
        return CertificateState(certificate, preparing=False)
    course = enrollment.course
    preparing = (
        course.issues_certificate
        and not course.certificate_rests_on_h5p_alone()
        and meets_minimum(course, final_score(enrollment))
    )
    return CertificateState(None, preparing=preparing)


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
                transaction.on_commit(lambda: certificate_issued.send(sender=Certificate, certificate=certificate))
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


def same_name(typed, recorded):
    """Whether a name typed in HR's list is the recorded one: NFC, whatever the case and the spacing."""
    def key(name):
        return " ".join(unicodedata.normalize("NFC", name or "").split()).casefold()

    return key(typed) == key(recorded)


# What HR reads in the status column of bulk verification, on screen and in the CSV.
BULK_STATUS_LABELS = {
    **STATUS_LABELS,
    "not_found": _("Unknown code: no certificate has it"),
    "invalid": _("Mistyped code"),
    "no_certificate": _("No certificate for this course"),
    "outside_scope": _("Not found in your units"),
}
INVALID_CODE_NOTES = {
    "format": _("Not a certificate code: a code has 12 letters and digits, like K7QF-9M2X-DT4P."),
    "check": _("A typing mistake: its last character does not match the others."),
}


@dataclass
class BulkRow:
    """
    One line of HR's list and what was found for it. `name_check` is empty
    when the list gave no name, else "same" or "differs" (from the certificate's name).
    """

    typed: str
    status: str
    full_name: str = ""
    course_title: str = ""
    note: str = ""
    certificate: Certificate | None = None
    unit: str = ""
    typed_name: str = ""
    name_check: str = ""

    @property
    def status_label(self):
        return BULK_STATUS_LABELS[self.status]

    @property
    def name_differs(self):
        return self.name_check == "differs"

    def check_name(self, typed_name):
        self.typed_name = typed_name or ""
        if self.typed_name and self.certificate is not None:
            self.name_check = "same" if same_name(self.typed_name, self.certificate.full_name) else "differs"


def certificate_row(typed, certificate, **fields):
    row = BulkRow(typed, certificate.status, certificate.full_name, certificate.course_title, certificate=certificate,
                  **fields)
    if certificate.status == "replaced" and certificate.replaced_by_id:
        row.note = _("Replaced by %(code)s") % {"code": certificate.replaced_by.display_code}
    return row


def bulk_status(typed_codes, names=None):
    """
    The status of many typed codes in one query: valid, revoked, replaced,
    not_found (well formed, but no certificate has it) or invalid (mistyped).
    `names`, when given, are the names HR's list puts beside the codes, checked
    against each certificate's.
    """
    names = list(names) if names is not None else []
    pairs = [(typed.strip(), names[index] if index < len(names) else "") for index, typed in enumerate(typed_codes)]
    pairs = [(typed, name) for typed, name in pairs if typed]
    normalised, problems = {}, {}
    for typed, _name in pairs:
        try:
            normalised[typed] = codes.normalise(typed)
        except codes.InvalidCode as problem:
            normalised[typed], problems[typed] = None, problem.reason
    found = Certificate.objects.select_related("replaced_by").in_bulk(
        [code for code in normalised.values() if code], field_name="code"
    )
    rows = []
    for typed, name in pairs:
        code = normalised[typed]
        certificate = found.get(code) if code else None
        if code is None:
            row = BulkRow(typed, "invalid", note=INVALID_CODE_NOTES[problems[typed]])
        elif certificate is None:
            row = BulkRow(typed, "not_found")
        else:
            row = certificate_row(typed, certificate)
        row.check_name(name)
        rows.append(row)
    return rows


def bulk_people_status(viewer, entries, course):
    """
    Who of the people in HR's list holds a certificate for `course`: `entries`
    are pairs of (staff id or e-mail, name or ""). Only the people in the
    viewer's units are looked up; anyone else, like anyone unknown, is
    "not found in your units", so the answer reveals nothing beyond them.
    """
    people = User.objects.all() if viewer.is_superuser else members_in_scope(viewer)
    keys = [(key.strip(), name) for key, name in entries if key.strip()]
    emails = {key.lower() for key, _name in keys if "@" in key}
    staff_ids = {key for key, _name in keys if "@" not in key}
    found = list(people.filter(Q(email__in=emails) | Q(staff_id__in=staff_ids)).select_related("org_unit"))
    by_key = {person.email: person for person in found}
    by_key |= {person.staff_id: person for person in found if person.staff_id}
    certificates = {
        certificate.enrollment.user_id: certificate
        for certificate in Certificate.objects.filter(
            enrollment__course=course, enrollment__user__in=found, replaced_at__isnull=True
        ).select_related("enrollment", "replaced_by")
    }
    enrollments = {
        enrollment.user_id: enrollment for enrollment in Enrollment.objects.filter(course=course, user__in=found)
    }
    rows = []
    for key, name in keys:
        person = by_key.get(key.lower() if "@" in key else key)
        if person is None:
            rows.append(BulkRow(key, "outside_scope", typed_name=name or ""))
            continue
        unit = person.org_unit.name if person.org_unit else ""
        certificate = certificates.get(person.pk)
        if certificate is not None:
            row = certificate_row(key, certificate, unit=unit)
        else:
            enrollment = enrollments.get(person.pk)
            note = enrollment.get_status_display() if enrollment else _("Not enrolled")
            row = BulkRow(key, "no_certificate", person.full_name, course.title, note=str(note), unit=unit)
        row.check_name(name)
        if not row.certificate and name:
            row.name_check = "same" if same_name(name, person.full_name) else "differs"
        rows.append(row)
    return rows


# Reading HR's lists ------------------------------------------------------------------------------

CODE_HEADERS = {"code", "mã", "ma", "mã chứng chỉ", "ma chung chi", "certificate"}
NAME_HEADERS = {"họ và tên", "họ tên", "full_name", "full name", "name", "tên"}
STAFF_ID_HEADERS = {"mã cán bộ", "staff_id", "staff id"}
EMAIL_HEADERS = {"email", "e-mail", "thư điện tử"}


def header_key(text):
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()


def table_rows(data, filename=""):
    """
    The rows of an uploaded list, as lists of text: an Excel workbook's first
    sheet, or a CSV separated by commas, semicolons or tabs (UTF-8, with or
    without BOM; lines ending in LF, CRLF or a lone CR). Empty rows are left
    out. ValueError with the reason for a file that is none of these.
    """
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        rows = xlsx_rows(data)
    else:
        rows = csv_rows(data)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) > BULK_LIMIT + 1:
        raise ValueError(_("At most %(limit)s lines per file.") % {"limit": BULK_LIMIT})
    return rows


def csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(_("The file is neither an Excel workbook (.xlsx) nor a UTF-8 CSV file.")) from None
    if "\x00" in text:
        raise ValueError(_("The file is neither an Excel workbook (.xlsx) nor a UTF-8 CSV file."))
    first_line = text.splitlines()[0] if text else ""
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
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
            raise ValueError(_("Line %(line)s is too long: put one entry per line, in the first column.") % {
                "line": line})
        rows.append([" ".join(unicodedata.normalize("NFC", field).split()) for field in row])
    return rows


def xlsx_rows(data):
    from lms.accounts.imports import ImportFileError, xlsx_table

    rows = []
    try:
        for line, cells in xlsx_table(data):
            if len(rows) > BULK_LIMIT + 1:
                break
            if any(len(cell) > BULK_FIELD_CHARS for cell in cells):
                raise ValueError(_("Line %(line)s is too long: put one entry per line, in the first column.") % {
                    "line": line})
            rows.append(cells)
    except ImportFileError as error:
        raise ValueError(str(error)) from None
    return rows


def split_header(rows, key_headers, headerless_name=None):
    """
    The rows after the header, with the indexes of the key columns (by the
    order of `key_headers`, a sequence of sets of headers) and of
    the name column (None when there is none). Without a known header, the
    key is in the first column and the name in `headerless_name`.
    """
    if rows:
        header = [header_key(cell) for cell in rows[0]]
        keys = [index for headers in key_headers for index, cell in enumerate(header) if cell in headers]
        if keys:
            names = [index for index, cell in enumerate(header) if cell in NAME_HEADERS]
            return rows[1:], keys, names[0] if names else None
    return rows, [0], headerless_name


def cell_at(row, index):
    return row[index].strip() if index is not None and index < len(row) else ""


def codes_from_file(data, filename=""):
    """The (code, name) pairs of an uploaded list; the name is "" when the list has no name column."""
    rows, keys, name_column = split_header(table_rows(data, filename), [CODE_HEADERS])
    pairs = [(cell_at(row, keys[0]), cell_at(row, name_column)) for row in rows]
    pairs = [(code, name) for code, name in pairs if code]
    if len(pairs) > BULK_LIMIT:
        raise ValueError(_("At most %(limit)s codes per file.") % {"limit": BULK_LIMIT})
    return pairs


def codes_from_csv(data):
    """
    The codes in the first column of an uploaded CSV (a header row is skipped),
    or ValueError. Lines may end in LF, CRLF or a lone CR (old Mac Excel).
    """
    return [code for code, _name in codes_from_file(data, "codes.csv")]


def people_from_file(data, filename=""):
    """
    The (staff id or e-mail, name) pairs of an uploaded or pasted list of
    people: a "Mã cán bộ" column, else an "Email" one, else the first column
    (and then the name in the second). A row with both uses the staff id. Staff ids Excel stored as numbers
    (1234.0) read as typed.
    """
    from lms.accounts.imports import number_text

    rows, keys, name_column = split_header(table_rows(data, filename), [STAFF_ID_HEADERS, EMAIL_HEADERS], 1)
    pairs = []
    for row in rows:
        key = next((cell_at(row, index) for index in keys if cell_at(row, index)), "")
        if key:
            pairs.append((key if "@" in key else number_text(key), cell_at(row, name_column)))
    if len(pairs) > BULK_LIMIT:
        raise ValueError(_("At most %(limit)s people per list.") % {"limit": BULK_LIMIT})
    return pairs


def date_cell(value):
    return f"{value:%d/%m/%Y}" if value else ""


NAME_CHECK_LABELS = {"same": _("Same name"), "differs": _("Name differs")}


def bulk_csv(rows, by_person=False):
    """
    The results as a CSV for Excel, with Vietnamese headers and statuses:
    names, titles and typed entries are text, never formulas.
    """
    header = [
        _("Staff id or e-mail") if by_person else _("Code as typed"), _("Status"), _("Note"), _("Full name"),
        _("Organisational unit") if by_person else _("Course"), _("Certificate code"), _("Issued on"),
        _("Reason for revoking"), _("Name in the list"), _("Name check"),
    ]
    lines = [[str(text) for text in header]]
    for row in rows:
        certificate = row.certificate
        lines.append([
            row.typed, str(row.status_label), str(row.note), row.full_name,
            row.unit if by_person else row.course_title,
            certificate.display_code if certificate else "",
            date_cell(certificate.issued_on) if certificate else "",
            certificate.revoke_reason if certificate else "",
            row.typed_name, str(NAME_CHECK_LABELS.get(row.name_check, "")),
        ])
    return spreadsheets.csv_text(lines)
