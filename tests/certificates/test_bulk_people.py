"""
Bulk verification fit for HR: a list of people and a course in, who holds a
valid certificate out, on screen and as a CSV, for the people of the viewer's
units only; and the public bulk check by code, on screen, from semicolon CSV and XLSX.
"""

import csv
import io
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from certificates import codes
from certificates.models import Certificate
from lms.accounts.models import OrgUnit
from lms.enrollment import services as enrollment_services
from tests.conftest import unlinked_descriptions

URL = "/admin/certificates/verify-people/"


@pytest.fixture
def units(db):
    province = OrgUnit.add_root(name="Tỉnh Lâm Đồng", code="LD", kind=OrgUnit.Kind.PROVINCE)
    commune = province.add_child(name="Xã Hoà Bắc", code="HB", kind=OrgUnit.Kind.COMMUNE)
    other = OrgUnit.objects.get(pk=province.pk).add_child(name="Xã Đạ Tông", code="DT", kind=OrgUnit.Kind.COMMUNE)
    return {"commune": commune, "other": other}


def certify(person, course, **fields):
    enrollment = enrollment_services.enroll(person, course)
    return Certificate.objects.create(
        enrollment=enrollment, code=codes.new_code(), full_name=person.full_name, course_title=course.title,
        hours=2, issued_on="2026-03-02", organisation="HọcSố", **fields,
    )


@pytest.fixture
def people(make_user, course, units):
    hoa = make_user(email="hoa@example.vn", full_name="Nguyễn Thị Hoa", staff_id="HB-001", org_unit=units["commune"])
    binh = make_user(email="binh@example.vn", full_name="Trần Văn Bình", staff_id="HB-002", org_unit=units["commune"])
    lan = make_user(email="lan@example.vn", full_name="Lê Thị Lan", staff_id="HB-003", org_unit=units["commune"])
    outsider = make_user(email="xa.khac@example.vn", full_name="Phạm Văn Khác", staff_id="DT-001",
                         org_unit=units["other"])
    hoa.certificate = certify(hoa, course)
    binh.certificate = certify(binh, course, revoked_at=timezone.now(), revoke_reason="Gian lận khi làm bài")
    outsider.certificate = certify(outsider, course)
    enrollment_services.enroll(lan, course)
    return {"hoa": hoa, "binh": binh, "lan": lan, "outsider": outsider}


@pytest.fixture
def hr_client(client, hr_officer, units):
    hr_officer.responsible_units.add(units["commune"])
    client.force_login(hr_officer)
    return client


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_people_by_staff_id_and_e_mail_are_answered_on_screen(hr_client, people, course):
    response = hr_client.post(URL, {"course": course.pk, "people": "HB-001\nBINH@example.vn\nHB-003\n", "show": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert people["hoa"].certificate.display_code in page and "Hợp lệ" in page
    assert "Trần Văn Bình" in page and "Đã thu hồi" in page and "Gian lận khi làm bài" in page
    assert "Chưa có chứng chỉ cho khoá học này" in page and "Lê Thị Lan" in page


def test_the_csv_has_vietnamese_headers_statuses_and_the_revocation_reason(hr_client, people, course):
    response = hr_client.post(URL, {"course": course.pk, "people": "HB-001\nbinh@example.vn\n"})

    header, hoa, binh = csv_rows(response)
    assert header[:4] == ["Mã cán bộ hoặc e-mail", "Trạng thái", "Ghi chú", "Họ và tên"]
    assert hoa[:2] == ["HB-001", "Hợp lệ"] and hoa[5] == people["hoa"].certificate.display_code
    assert binh[1] == "Đã thu hồi" and binh[7] == "Gian lận khi làm bài"


def test_people_outside_the_officers_units_are_not_found_and_reveal_nothing(hr_client, people, course):
    response = hr_client.post(URL, {"course": course.pk, "people": "DT-001\nxa.khac@example.vn\nnobody@example.vn"})

    rows = csv_rows(response)[1:]
    assert [row[1] for row in rows] == ["Không tìm thấy trong các đơn vị của bạn"] * 3
    assert all(row[3] == "" and row[5] == "" for row in rows)
    assert people["outsider"].certificate.display_code not in response.content.decode()


def test_a_semicolon_csv_with_a_name_column_reports_a_name_that_differs(hr_client, people, course):
    # The list's names: one decomposed (NFD) in capitals with extra spaces, one that is someone else's.
    listed = unicodedata.normalize("NFD", "NGUYỄN  THỊ HOA ")
    content = f"Mã cán bộ;Họ và tên;Ghi chú\nHB-001;{listed};\nHB-002;Trần Văn Bính;\n".encode("utf-8-sig")
    upload = SimpleUploadedFile("danh-sach.csv", content, content_type="text/csv")

    rows = csv_rows(hr_client.post(URL, {"course": course.pk, "file": upload}))

    assert rows[1][0] == "HB-001" and rows[1][9] == "Trùng tên"
    assert rows[2][9] == "Tên khác" and rows[2][8] == "Trần Văn Bính"


def test_an_xlsx_list_is_read_with_staff_ids_excel_kept_as_numbers(hr_client, people, course):
    people["lan"].staff_id = "1234"
    people["lan"].save()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Email", "Mã cán bộ"])
    sheet.append(["Nguyễn Thị Hoa", "hoa@example.vn", None])
    sheet.append(["Lê Thị Lan", None, 1234])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())

    response = hr_client.post(URL, {"course": course.pk, "file": upload, "show": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert people["hoa"].certificate.display_code in page
    assert "Lê Thị Lan" in page and "Chưa có chứng chỉ cho khoá học này" in page


@pytest.mark.parametrize("content", [b"PK\x03\x04not really a workbook", b"\xff\xfe\x00K\x007"])
def test_a_bad_file_is_refused_with_a_vietnamese_message(hr_client, people, course, content):
    before = Certificate.objects.count(), Certificate.objects.filter(revoked_at__isnull=False).count()

    response = hr_client.post(URL, {"course": course.pk, "file": SimpleUploadedFile("x.xlsx", content)})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Excel" in page and ("không" in page.lower())
    assert (Certificate.objects.count(), Certificate.objects.filter(revoked_at__isnull=False).count()) == before


def test_an_empty_list_or_no_course_is_refused_with_a_message(hr_client, people, course):
    assert "Hãy nhập mã cán bộ" in hr_client.post(URL, {"course": course.pk, "people": " "}).content.decode()
    unknown_course = hr_client.post(URL, {"course": "999999", "people": "HB-001"})
    assert unknown_course.status_code == 400
    page = unknown_course.content.decode()
    assert 'aria-describedby="id_course_error"' in page and 'id="id_course_error"' in page
    assert unlinked_descriptions(page) == set()


def test_names_that_start_like_formulas_are_neutralised_in_the_csv(hr_client, people, course):
    response = hr_client.post(URL, {"course": course.pk, "people": "HB-001; =HYPERLINK(\"http://x\")\n@SUM(1)"})

    rows = csv_rows(response)
    assert rows[1][8].startswith("'=") and rows[2][0] == "'@SUM(1)"


def test_only_report_and_certificate_viewers_may_use_it(client, people, make_user):
    client.force_login(make_user(email="hoc.vien.khac@example.vn"))
    assert client.get(URL).status_code in (302, 403)


# The public bulk check by code ------------------------------------------------------------------


def test_the_public_bulk_check_tells_a_mistyped_code_from_an_unknown_one(client, people):
    code = people["hoa"].certificate.code
    typo = code[:-1] + ("2" if code[-1] != "2" else "3")
    unknown = codes.new_code()
    content = f"Mã chứng chỉ;Họ và tên\n{code};Nguyễn Thị Hoa\n{typo};\n{unknown};\nABC;\n"
    upload = SimpleUploadedFile("ma.csv", content.encode(), content_type="text/csv")

    response = client.post("/certificates/verify/bulk/", {"file": upload, "show": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Hợp lệ" in page and "Tên khác" not in page
    assert page.count("Mã viết sai") == 2
    assert "Mã không có trong hệ thống" in page
    assert "lỗi gõ" in page.lower() and "12 chữ cái và chữ số" in page


def test_the_public_bulk_check_reads_an_xlsx_of_codes_with_revocation_reasons(client, people):
    workbook = Workbook()
    workbook.active.append(["Mã chứng chỉ"])
    workbook.active.append([people["binh"].certificate.display_code])
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = client.post("/certificates/verify/bulk/", {"file": SimpleUploadedFile("ma.xlsx", buffer.getvalue())})

    header, binh = csv_rows(response)
    assert header[:2] == ["Mã như đã nhập", "Trạng thái"]
    assert binh[1] == "Đã thu hồi" and binh[7] == "Gian lận khi làm bài"


def test_a_row_with_both_a_staff_id_and_an_e_mail_is_matched_by_the_staff_id(hr_client, people, course):
    content = "Email,Mã cán bộ\nhoa@example.vn,HB-002\n".encode()
    upload = SimpleUploadedFile("danh-sach.csv", content, content_type="text/csv")

    rows = csv_rows(hr_client.post(URL, {"course": course.pk, "file": upload}))

    assert rows[1][0] == "HB-002" and rows[1][3] == "Trần Văn Bình"
