"""A person's transcript: on screen for HR of their units, as a PDF, and the learner's own from /my/."""

import shutil
import subprocess
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from reportlab.pdfbase.pdfmetrics import stringWidth

from certificates import codes
from certificates.models import Certificate
from lms.accounts.models import OrgUnit
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import Enrollment
from lms.readable_codes import ALPHABET
from lms.reports.transcript_pdf import CELL, CELL_PADDING, COLUMNS, render_transcript
from lms.reports.transcripts import Transcript, TranscriptLine, transcript_of

NAME = "Nguyễn Thị Ngọc Huyền"
PUBLIC_SERVICES = "Dịch vụ công trực tuyến"
SIGNATURES = "Chữ ký số và an toàn"


def pdf_text(data, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "bang-diem.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def units(db):
    province = OrgUnit.add_root(name="Tỉnh Lâm Đồng", code="LD", kind=OrgUnit.Kind.PROVINCE)
    commune = province.add_child(name="Xã Hoà Bắc", code="HB", kind=OrgUnit.Kind.COMMUNE)
    other = OrgUnit.objects.get(pk=province.pk).add_child(name="Xã Đạ Tông", code="DT", kind=OrgUnit.Kind.COMMUNE)
    return {"province": OrgUnit.objects.get(pk=province.pk), "commune": commune, "other": other}


def complete(enrollment, on):
    completed_at = timezone.make_aware(timezone.datetime(on.year, on.month, on.day, 9))
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.COMPLETED, completed_at=completed_at, progress=100
    )


def certify(enrollment, title, **fields):
    return Certificate.objects.create(
        enrollment=enrollment, code=codes.new_code(), full_name=NAME, course_title=title, hours=Decimal("3"),
        score=Decimal("92.50"), issued_on=date(2026, 3, 2), organisation="HọcSố", **fields,
    )


@pytest.fixture
def person(make_user, make_course, units):
    """An official of Xã Hoà Bắc with a course certified, one revoked, one mandatory and overdue."""
    person = make_user(email="huyen@example.vn", full_name=NAME, staff_id="HB-0042", position="Công chức tư pháp",
                       org_unit=units["commune"])
    # The title as some keyboards send it: letters and their marks apart (NFD).
    services_course = make_course(slug="dich-vu-cong", lessons=1, hours=Decimal("3"),
                                  title=unicodedata.normalize("NFD", PUBLIC_SERVICES))
    signatures_course = make_course(slug="chu-ky-so", lessons=1, hours=Decimal("2.5"), title=SIGNATURES)
    safety_course = make_course(slug="an-toan", lessons=1, hours=Decimal("4"), title="Phòng chống lừa đảo")

    certified = enrollment_services.enroll(person, services_course)
    complete(certified, date(2026, 3, 1))
    person.certificate = certify(certified, PUBLIC_SERVICES)

    revoked = enrollment_services.enroll(person, signatures_course)
    complete(revoked, date(2026, 4, 1))
    person.revoked = certify(revoked, SIGNATURES, revoked_at=timezone.now(), revoke_reason="Cấp nhầm người")

    enrollment_services.enroll(person, safety_course, source=Enrollment.Source.ASSIGNED,
                               deadline=timezone.localdate() - timedelta(days=3))
    return person


@pytest.fixture
def officer_of(hr_officer):
    def attach(unit):
        hr_officer.responsible_units.add(unit)
        return hr_officer

    return attach


def test_the_transcript_lists_every_course_with_hours_status_score_and_certificate(person):
    transcript = transcript_of(person)

    certified, revoked, mandatory = transcript.lines
    assert (certified.course_title, certified.hours, certified.completed_on) == (
        unicodedata.normalize("NFD", PUBLIC_SERVICES), Decimal("3"), date(2026, 3, 1))
    assert (certified.score, certified.certificate_code, certified.certificate_status) == (
        Decimal("92.50"), person.certificate.display_code, "valid")
    assert revoked.certificate_status == "revoked"
    assert (mandatory.mandatory, mandatory.overdue, mandatory.completed_on) == (True, True, None)
    assert transcript.completed_hours == Decimal("5.5")


def test_hr_of_the_persons_unit_sees_the_transcript_with_a_print_stylesheet(client, person, officer_of, units):
    client.force_login(officer_of(units["commune"]))

    response = client.get(f"/admin/reports/people/{person.pk}/transcript/")

    page = response.content.decode()
    assert response.status_code == 200
    assert NAME in page and "HB-0042" in page and "Xã Hoà Bắc" in page
    assert person.certificate.display_code in page
    assert "@media print" in page
    assert f"/admin/reports/people/{person.pk}/transcript.pdf" in page


def test_a_revoked_certificate_shows_as_revoked_with_its_reason(client, person, officer_of, units):
    client.force_login(officer_of(units["province"]))

    page = client.get(f"/admin/reports/people/{person.pk}/transcript/").content.decode()

    assert person.revoked.display_code in page
    assert "Đã thu hồi" in page and "Cấp nhầm người" in page


def test_the_pdf_shows_the_vietnamese_name_and_titles_exactly(client, person, officer_of, units, tmp_path):
    client.force_login(officer_of(units["commune"]))

    response = client.get(f"/admin/reports/people/{person.pk}/transcript.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert NAME in text
    assert PUBLIC_SERVICES in text  # composed again (NFC), though the course's title was typed decomposed
    assert SIGNATURES in text and "Phòng chống lừa đảo" in text
    assert "HB-0042" in text and "Xã Hoà Bắc" in text
    assert person.revoked.display_code in text and "Đã thu hồi" in text
    assert "5,5" in text  # hours of the completed courses


@pytest.mark.parametrize("suffix", ["transcript/", "transcript.pdf"])
def test_hr_of_another_commune_gets_a_404(client, person, officer_of, units, suffix):
    client.force_login(officer_of(units["other"]))

    response = client.get(f"/admin/reports/people/{person.pk}/{suffix}")

    assert response.status_code == 404
    assert NAME not in response.content.decode(errors="replace")


def test_a_person_without_a_confirmed_unit_is_outside_every_officers_scope(client, person, officer_of, units):
    person.org_unit = None
    person.save()
    client.force_login(officer_of(units["province"]))

    assert client.get(f"/admin/reports/people/{person.pk}/transcript/").status_code == 404


def test_a_learner_cannot_open_anyones_transcript_in_the_admin(client, person, make_user):
    client.force_login(make_user(email="khac@example.vn"))

    assert client.get(f"/admin/reports/people/{person.pk}/transcript.pdf").status_code in (302, 403)


def test_a_learner_downloads_their_own_transcript_from_my_learning(client, person, tmp_path):
    client.force_login(person)

    assert "/my/transcript.pdf" in client.get("/my/").content.decode()
    response = client.get("/my/transcript.pdf")

    assert response.status_code == 200
    assert NAME in pdf_text(response.content, tmp_path)


def test_a_long_transcript_flows_over_pages_with_its_header_on_each(person, tmp_path):
    line = transcript_of(person).lines[0]
    many = Transcript(person=person, printed_on=date(2026, 5, 1), lines=[
        TranscriptLine(**{**line.__dict__, "course_title": f"Khoá học số {number}"}) for number in range(1, 121)
    ])

    text = pdf_text(render_transcript(many), tmp_path)

    pages = text.split("\f")
    assert len([page for page in pages if page.strip()]) >= 3
    assert all("Khoá học" in page for page in pages if page.strip())
    assert "Khoá học số 120" in text and "Trang 3" in text


def test_the_widest_certificate_code_stays_on_one_line_of_its_column():
    # A code broken over two lines cannot be read back or searched for in the PDF.
    widest = max(ALPHABET, key=lambda character: stringWidth(character, CELL.fontName, CELL.fontSize))
    code = codes.grouped(widest * (codes.BODY_LENGTH + 1))
    assert stringWidth(code, CELL.fontName, CELL.fontSize) <= COLUMNS[6] - 2 * CELL_PADDING
