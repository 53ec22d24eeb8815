"""
What a certificate calls itself (its template's heading, "Giấy chứng nhận hoàn
thành" by default), one date format wherever a certificate or a learner's date
is shown (dd/mm/yyyy, in Vietnamese and English), and the address its QR code
and printed link point to, which in development is the one `make run` serves on.
"""

import datetime
import re
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from certificates import codes, pdf, signing
from certificates.models import Certificate, CertificateTemplate
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import Enrollment

from .test_pdf import require, run, text_of

ISSUED = datetime.date(2026, 2, 3)
DD_MM_YYYY = "03/02/2026"


@pytest.fixture
def certificate(learner, course):
    enrollment = enrollment_services.enroll(learner, course)
    return Certificate.objects.create(
        enrollment=enrollment, code=codes.new_code(), full_name="Nguyễn Thị Hoa", course_title=course.title,
        hours=Decimal("2"), score=None, issued_on=ISSUED, organisation="HọcSố — Bình dân học vụ số",
    )


def pdf_file(certificate, tmp_path):
    path = tmp_path / f"{certificate.code}.pdf"
    path.write_bytes(signing.sign_pdf(pdf.render_pdf(certificate)))
    return path


@pytest.mark.django_db
def test_a_new_template_is_headed_giay_chung_nhan_and_a_template_names_its_own(certificate, tmp_path):
    require("pdftotext")
    default = CertificateTemplate.objects.create(name="Mặc định", organisation="HọcSố", is_default=True)
    certificate.template = default
    certificate.save()
    assert default.heading == "GIẤY CHỨNG NHẬN HOÀN THÀNH"
    assert "GIẤY CHỨNG NHẬN HOÀN THÀNH" in text_of(pdf_file(certificate, tmp_path))

    default.heading = "CHỨNG CHỈ BỒI DƯỠNG"
    default.save()
    text = text_of(pdf_file(certificate, tmp_path))
    assert "CHỨNG CHỈ BỒI DƯỠNG" in text and "GIẤY CHỨNG NHẬN" not in text


@pytest.mark.django_db
def test_the_pdf_prints_the_issue_date_as_dd_mm_yyyy(certificate, tmp_path):
    require("pdftotext")
    assert f"Ngày cấp: {DD_MM_YYYY}" in text_of(pdf_file(certificate, tmp_path))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_verification_page_and_my_learning_show_dd_mm_yyyy_in_either_language(
        client, learner, certificate, language):
    Enrollment.objects.filter(pk=certificate.enrollment_id).update(
        completed_at=timezone.make_aware(datetime.datetime(2026, 2, 3, 9, 30)), deadline=datetime.date(2026, 3, 4))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    verification = client.get(f"/certificates/verify/{certificate.display_code}/").content.decode()
    client.force_login(learner)
    my_learning = client.get("/my/").content.decode()

    assert DD_MM_YYYY in verification
    assert DD_MM_YYYY in my_learning
    assert not re.search(r"\b0?2/0?3/2026\b|03-02-2026|Feb", verification + my_learning)


@pytest.mark.django_db
def test_the_qr_code_and_printed_link_follow_site_url(settings, certificate, tmp_path):
    require("pdftotext")
    require("pdftoppm")
    require("zbarimg")
    settings.SITE_URL = "http://127.0.0.1:8123"
    expected = f"http://127.0.0.1:8123/certificates/verify/{certificate.display_code}/"
    path = pdf_file(certificate, tmp_path)

    assert expected in "".join(text_of(path).split())
    result = run("pdftoppm", "-png", "-r", "150", "-singlefile", str(path), str(tmp_path / "page"))
    assert result.returncode == 0, result.stderr
    assert run("zbarimg", "--raw", "-q", str(tmp_path / "page.png")).stdout.strip() == expected


def make_run_commands(*arguments, environment=None):
    """The commands `make run` would run (make -n), with the given variables."""
    dot_env = Path(settings.BASE_DIR) / ".env"
    if dot_env.is_file() and "SITE_URL=" in dot_env.read_text():
        pytest.skip("This checkout's .env sets SITE_URL, which `make run` then leaves to Django.")
    result = subprocess.run(
        ["make", "-n", "run", *arguments], cwd=Path(settings.BASE_DIR), capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", **(environment or {})}, check=False,
    )
    assert result.returncode == 0, result.stderr
    return unicodedata.normalize("NFC", result.stdout)


def served_with(commands, command):
    (line,) = [line for line in commands.splitlines() if f"manage.py {command}" in line]
    return line


def test_make_run_points_certificates_to_the_address_it_serves_on():
    commands = make_run_commands("PORT=8123")
    # The demo's certificate is signed while seeding; the server prints links in e-mails.
    assert served_with(commands, "seed_demo").startswith("SITE_URL=http://127.0.0.1:8123 ")
    assert served_with(commands, "runserver").startswith("SITE_URL=http://127.0.0.1:8123 ")


def test_make_run_keeps_a_site_url_given_to_it():
    from_environment = make_run_commands("PORT=8123", environment={"SITE_URL": "https://hoc.example.vn"})
    on_the_command_line = make_run_commands("PORT=8123", "SITE_URL=https://hoc.example.vn")
    assert served_with(from_environment, "runserver").startswith("SITE_URL=https://hoc.example.vn ")
    assert served_with(on_the_command_line, "seed_demo").startswith("SITE_URL=https://hoc.example.vn ")
