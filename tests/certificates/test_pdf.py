"""Certificate PDFs: Vietnamese text survives, long texts fit, the signature verifies, the QR code scans."""

import re
import shutil
import subprocess
import unicodedata
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from certificates import codes, pdf, signing
from certificates.models import Certificate
from lms.enrollment import services as enrollment_services

HARD_NAMES = ["Nguyễn Thị Ngọc Huyền", "Đặng Văn Ưởng", "Phạm Thị Thuỳ Dương"]
LONG_NAME = "Tôn Nữ Hoàng Thị Ngọc Huyền Trang Phương Thảo Nguyễn Phước Bửu Quỳnh Anh Đặng Văn Ưởng"
LONG_TITLE = (
    "Kỹ năng số cơ bản cho người dân: sử dụng dịch vụ công trực tuyến, thanh toán không dùng tiền mặt, "
    "bảo vệ thông tin cá nhân và phòng chống lừa đảo trên không gian mạng, kèm hướng dẫn thực hành"
)


def require(tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils zbar-tools)")


@pytest.fixture(autouse=True)
def signing_key(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_DIR = tmp_path / "signing"
    settings.SITE_URL = "https://hocso.example.vn"
    signing.get_signer.cache_clear()
    call_command("init_signing_key")
    yield
    signing.get_signer.cache_clear()


@pytest.fixture
def make_certificate(learner, course):
    enrollment = enrollment_services.enroll(learner, course)

    def make(full_name="Nguyễn Thị Hoa", course_title=None, score=Decimal("87.50")):
        Certificate.objects.filter(enrollment=enrollment).delete()
        return Certificate.objects.create(
            enrollment=enrollment,
            code=codes.new_code(),
            full_name=full_name,
            course_title=course_title or course.title,
            hours=Decimal("12.5"),
            score=score,
            issued_on=timezone.localdate(),
            organisation="HọcSố — Bình dân học vụ số",
        )

    return make


def signed_file(certificate, tmp_path):
    path = tmp_path / f"{certificate.code}.pdf"
    path.write_bytes(signing.sign_pdf(pdf.render_pdf(certificate)))
    return path


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=False)


def text_of(path):
    result = run("pdftotext", "-layout", str(path), "-")
    assert result.returncode == 0, result.stderr
    return unicodedata.normalize("NFC", result.stdout)


def squeezed(text):
    return " ".join(text.split())


@pytest.mark.django_db
@pytest.mark.parametrize("full_name", HARD_NAMES)
def test_vietnamese_names_and_code_are_in_the_text(make_certificate, tmp_path, full_name):
    require("pdftotext")
    # Stored decomposed, as some keyboards send it: the PDF still carries the precomposed text.
    certificate = make_certificate(full_name=unicodedata.normalize("NFD", full_name))
    text = text_of(signed_file(certificate, tmp_path))
    assert unicodedata.normalize("NFC", full_name) in text
    assert certificate.display_code in text
    assert "GIẤY CHỨNG NHẬN HOÀN THÀNH" in text


@pytest.mark.django_db
def test_long_name_and_title_fit_on_one_page(make_certificate, tmp_path):
    require("pdftotext")
    require("pdfinfo")
    path = signed_file(make_certificate(full_name=LONG_NAME, course_title=LONG_TITLE), tmp_path)
    text = squeezed(text_of(path))
    assert LONG_NAME in text
    assert LONG_TITLE in text
    info = run("pdfinfo", str(path)).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info


@pytest.mark.django_db
def test_signature_is_valid_and_covers_the_document(make_certificate, tmp_path):
    require("pdfsig")
    path = signed_file(make_certificate(), tmp_path)
    output = run("pdfsig", str(path)).stdout
    assert "Signature Validation: Signature is Valid." in output
    assert "Total document signed" in output
    # Self-signed in development: the signer's certificate may be untrusted, never the signature.
    assert "Signature is Invalid" not in output


@pytest.mark.django_db
def test_qr_code_decodes_to_the_verification_url(make_certificate, tmp_path):
    require("pdftoppm")
    require("zbarimg")
    certificate = make_certificate()
    path = signed_file(certificate, tmp_path)
    result = run("pdftoppm", "-png", "-r", "150", "-singlefile", str(path), str(tmp_path / "page"))
    assert result.returncode == 0, result.stderr
    decoded = run("zbarimg", "--raw", "-q", str(tmp_path / "page.png")).stdout.strip()
    assert decoded == f"https://hocso.example.vn/certificates/verify/{certificate.display_code}/"


@pytest.mark.django_db
def test_signed_pdf_is_small(make_certificate, tmp_path):
    path = signed_file(make_certificate(full_name=LONG_NAME, course_title=LONG_TITLE), tmp_path)
    assert path.stat().st_size < 200 * 1024


@pytest.mark.django_db
def test_init_signing_key_keeps_an_existing_key_unless_forced(settings):
    key_path = settings.CERTIFICATE_SIGNING_DIR / signing.KEY_NAME
    before = key_path.read_bytes()
    call_command("init_signing_key")
    assert key_path.read_bytes() == before
    call_command("init_signing_key", "--force")
    assert key_path.read_bytes() != before


def test_the_signer_is_loaded_once():
    assert signing.get_signer() is signing.get_signer()
