"""
Issued certificates carry a signed PDF: the learner downloads it, and anyone
can upload it to check that it is exactly what was issued. Checked with
poppler, not only with the code that made it.
"""

import hashlib
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfgen import canvas

from certificates import pdf, services, signing
from certificates.models import Certificate, CertificateTemplate
from lms.enrollment import services as enrollment_services
from tests.conftest import lessons_of, unlinked_descriptions


def require(tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")


def complete(learner, course, django_capture_on_commit_callbacks):
    enrollment = enrollment_services.enroll(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            enrollment_services.complete_activity(enrollment, lesson, course)
    return Certificate.objects.get(enrollment=enrollment)


@pytest.fixture
def issued(learner, course, django_capture_on_commit_callbacks):
    return complete(learner, course, django_capture_on_commit_callbacks)


def stored_files():
    location = Path(settings.STORAGES["certificates"]["OPTIONS"]["location"])
    return sorted(path.name for path in location.rglob("*.pdf"))


def pdf_text(data, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFC", " ".join(result.stdout.split()))


def upload(client, data, name="chung-chi.pdf"):
    return client.post("/certificates/verify/", {"pdf": SimpleUploadedFile(name, data, "application/pdf")})


def appended_update(data):
    """What an editor does when it saves a change without touching the signed bytes: an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_completion_stores_a_signed_pdf_whose_hash_is_recorded(issued, tmp_path):
    require("pdfsig")
    data = issued.pdf.read()
    assert hashlib.sha256(data).hexdigest() == issued.pdf_sha256
    path = tmp_path / "issued.pdf"
    path.write_bytes(data)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report and "Total document signed" in report


def test_a_second_current_certificate_is_refused_and_leaves_no_pdf_behind(issued):
    before = stored_files()
    with pytest.raises(IntegrityError):
        services.create_certificate(issued.enrollment, None)
    assert stored_files() == before
    assert Certificate.objects.count() == 1


def test_the_course_template_wording_and_signer_are_printed(learner, course, django_capture_on_commit_callbacks, tmp_path):
    require("pdftotext")
    CertificateTemplate.objects.create(name="Mặc định", organisation="Sở Nội vụ", is_default=True)
    own = CertificateTemplate.objects.create(
        name="Riêng", organisation="Trung tâm Chuyển đổi số tỉnh",
        wording="đã học xong {course} ({hours} giờ), mã {code}.",
        signer_name="Trần Thị Ánh", signer_title="GIÁM ĐỐC",
    )
    own.courses.add(course)

    certificate = complete(learner, course, django_capture_on_commit_callbacks)

    assert certificate.template == own and certificate.organisation == "Trung tâm Chuyển đổi số tỉnh"
    text = pdf_text(certificate.pdf.read(), tmp_path)
    assert f"đã học xong {course.title} ({pdf.format_number(course.hours)} giờ), mã {certificate.display_code}." in text, text
    assert "Trần Thị Ánh" in text and "GIÁM ĐỐC" in text
    assert "TRUNG TÂM CHUYỂN ĐỔI SỐ TỈNH" in text


def test_choosing_a_new_default_template_retires_the_old_one(db):
    old = CertificateTemplate.objects.create(name="Cũ", organisation="A", is_default=True)
    new = CertificateTemplate.objects.create(name="Mới", organisation="B", is_default=True)
    old.refresh_from_db()
    assert not old.is_default and new.is_default


def test_a_template_with_an_unknown_placeholder_is_refused_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/certificates/certificatetemplate/add/",
        {"name": "Sai", "organisation": "HọcSố", "heading": "CHỨNG CHỈ", "wording": "Cấp cho {ho_ten}"},
    )
    assert response.status_code == 200
    assert "{ho_ten}" in response.content.decode()
    assert not CertificateTemplate.objects.exists()


def test_the_owner_downloads_the_pdf(learner_client, issued):
    response = learner_client.get(f"/certificates/{issued.display_code}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"chung-chi-{issued.display_code}.pdf" in response["Content-Disposition"]
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == issued.pdf_sha256


def test_others_cannot_download_it_but_hr_can(client, make_user, issued):
    assert client.get(f"/certificates/{issued.code}.pdf").status_code == 302

    client.force_login(make_user(email="nguoi.khac@example.vn"))
    assert client.get(f"/certificates/{issued.code}.pdf").status_code == 404

    hr = make_user(email="nhan.su@example.vn")
    hr.user_permissions.add(Permission.objects.get(codename="view_certificate"))
    client.force_login(hr)
    assert client.get(f"/certificates/{issued.code}.pdf").status_code == 200


def test_a_genuine_pdf_shows_its_certificate(client, issued):
    response = upload(client, issued.pdf.read())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in page and issued.display_code in page and issued.course_title in page
    assert "Genuine" in page or "Bản gốc" in page


def test_an_appended_incremental_update_is_reported_as_altered(client, issued):
    require("pdfsig")
    page = upload(client, appended_update(issued.pdf.read())).content.decode()
    assert "appended after the signature" in page or "thêm vào sau chữ ký" in page
    # The signed part is still recognised, so HR knows which certificate was tampered with.
    assert issued.display_code in page


def test_a_changed_byte_breaks_the_signature(client, issued):
    data = bytearray(issued.pdf.read())
    position = data.index(b"/Title")
    data[position + 1] = ord("t")
    page = upload(client, bytes(data)).content.decode()
    assert "no longer matches" in page or "không còn khớp" in page


def test_a_pdf_without_our_signature_is_not_accepted(client, db):
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    drawing.drawString(100, 700, "CHUNG CHI GIA")
    drawing.save()
    page = upload(client, buffer.getvalue()).content.decode()
    assert "no HọcSố signature" in page or "không mang chữ ký" in page


def test_a_pdf_signed_with_another_key_is_not_ours(client, issued, settings, tmp_path):
    ours = settings.CERTIFICATE_SIGNING_DIR
    settings.CERTIFICATE_SIGNING_DIR = tmp_path / "stranger"
    signing.get_signer.cache_clear()
    call_command("init_signing_key", stdout=io.StringIO())
    forged = signing.sign_pdf(pdf.render_pdf(issued))
    settings.CERTIFICATE_SIGNING_DIR = ours
    signing.get_signer.cache_clear()
    try:
        page = upload(client, forged).content.decode()
    finally:
        signing.get_signer.cache_clear()
    assert "not by HọcSố" in page or "không phải của HọcSố" in page


@pytest.mark.parametrize("data", [b"just some text", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, b"%PDF-1.7 broken"])
def test_a_file_that_is_not_a_readable_pdf_is_refused_with_a_message(client, db, data):
    response = upload(client, data, name="anh.png")
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_a_50_megabyte_upload_is_refused_as_too_large(client, db):
    response = upload(client, b"%PDF-" + b"0" * (50 * 1024 * 1024))
    assert response.status_code == 413
    assert "5 MB" in response.content.decode()


def test_the_upload_form_needs_a_file(client, db):
    response = client.post("/certificates/verify/", {})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert 'aria-describedby="pdf_error"' in response.content.decode()
    assert unlinked_descriptions(response.content.decode()) == set()


def test_a_revoked_certificates_genuine_pdf_says_revoked_first(client, issued, admin_user):
    services.revoke(issued, "Cấp nhầm người", admin_user)
    page = upload(client, issued.pdf.read()).content.decode()
    banner = page.split('role="alert"')[1].split("</p>")[0]
    assert "Revoked" in banner or "Đã thu hồi" in banner
    assert "Genuine: this file" not in page and "Bản gốc: tệp này" not in page


def test_pdfs_signed_before_the_key_was_replaced_still_verify(client, issued):
    before = issued.pdf.read()
    call_command("init_signing_key", "--force", stdout=io.StringIO())
    try:
        page = upload(client, before).content.decode()
        assert "Genuine" in page or "Bản gốc" in page
        # New certificates are signed with the new key, which verifies too.
        fresh = signing.sign_pdf(pdf.render_pdf(issued))
        assert signing.signature_report(fresh).ours
    finally:
        signing.get_signer.cache_clear()


@pytest.mark.parametrize("mangle", [
    lambda data: data[: len(data) // 2],
    lambda data: re.sub(rb"/ByteRange\s*\[[^\]]*\]", lambda m: b"/ByteRange [0 10]".ljust(len(m.group(0))), data),
    lambda data: re.sub(rb"/ByteRange\s*\[[^\]]*\]", lambda m: b"/ByteRange [0 -5 10 -2]".ljust(len(m.group(0))), data),
    lambda data: re.sub(rb"/Contents\s*<([0-9a-fA-F]+)>", lambda m: b"/Contents <" + b"0" * len(m.group(1)) + b">", data),
    lambda data: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
])
def test_a_mangled_signed_pdf_is_reported_without_an_error(client, issued, mangle):
    response = upload(client, mangle(issued.pdf.read()))
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "Genuine" not in page and "Bản gốc" not in page
