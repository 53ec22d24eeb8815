"""Importing units and people from the files HR keeps in Excel, through the commands."""

import io
import unicodedata

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from lms.accounts import imports
from lms.accounts.models import OrgUnit, User
from lms.accounts.signals import members_confirmed

VI_HEADER = "Họ và tên;Email;Số điện thoại;Mã đơn vị;Chức vụ;Đối tượng;Mã cán bộ"
PEOPLE = VI_HEADER + """
Nguyễn Thị Hoa  ;Hoa.Nguyen@Example.vn;0912345678;TN-SNV;Chuyên viên;cán bộ;00123
Trần Văn Nam;nam.tran@example.vn;;TN-SNV-VP;;người dân;

"""


def write(tmp_path, content, name="nguoi.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return str(path)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text):
    """Text as Windows-1258 stores Vietnamese: letters like â and ơ whole, the tone as a combining mark after."""
    letters = []
    for letter in text:
        decomposed = unicodedata.normalize("NFD", letter)
        tones = "".join(mark for mark in decomposed if mark in TONE_MARKS)
        base = "".join(mark for mark in decomposed if mark not in TONE_MARKS)
        letters.append(unicodedata.normalize("NFC", base) + tones)
    return "".join(letters).encode("cp1258")


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# People ----------------------------------------------------------------------------------------


def test_a_semicolon_csv_with_vietnamese_headers_and_a_bom_creates_the_people(
    tmp_path, units, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("import_users", write(tmp_path, "\ufeff" + PEOPLE))

    hoa = User.objects.get(email="hoa.nguyen@example.vn")
    assert (hoa.full_name, hoa.phone, hoa.org_unit.code, hoa.position, hoa.learner_type, hoa.staff_id) == (
        "Nguyễn Thị Hoa", "0912345678", "TN-SNV", "Chuyên viên", "official", "00123")
    nam = User.objects.get(email="nam.tran@example.vn")
    assert nam.learner_type == "citizen" and nam.staff_id is None and nam.org_unit.code == "TN-SNV-VP"
    assert not hoa.has_usable_password()
    assert EmailAddress.objects.filter(user=hoa, email=hoa.email, primary=True).exists()
    assert "2 mới, 0 cập nhật, 0 không đổi, 0 có lỗi." in output
    # Each new person is sent a link into allauth's password-reset flow.
    assert sorted(message.to[0] for message in mail.outbox) == ["hoa.nguyen@example.vn", "nam.tran@example.vn"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "Chọn mật khẩu" in mail.outbox[0].subject


def test_importing_the_same_file_again_changes_nothing(tmp_path, units):
    path = write(tmp_path, PEOPLE)
    run("import_users", path)
    before = list(User.objects.order_by("pk").values())
    mail.outbox.clear()

    output = run("import_users", path)

    assert "0 mới, 0 cập nhật, 2 không đổi, 0 có lỗi." in output
    assert list(User.objects.order_by("pk").values()) == before
    assert mail.outbox == []


def test_a_staff_id_matches_the_person_and_empty_cells_leave_fields_unchanged(tmp_path, units, make_user):
    person = make_user(email="cu@example.vn", full_name="Nguyễn Thị Hoa", staff_id="00123", phone="0987",
                       org_unit=units["TN-SNV"], position="Chuyên viên")
    announced = []
    members_confirmed.connect(lambda sender, user_ids, **kw: announced.append(user_ids), weak=False,
                              dispatch_uid="test-import")
    try:
        run("import_users", write(tmp_path, "Mã cán bộ,Mã đơn vị,Họ và tên,Số điện thoại\n00123,TN-SNV-VP,,\n"))
    finally:
        members_confirmed.disconnect(dispatch_uid="test-import")

    person.refresh_from_db()
    assert (person.email, person.full_name, person.phone, person.position) == (
        "cu@example.vn", "Nguyễn Thị Hoa", "0987", "Chuyên viên")
    assert person.org_unit == units["TN-SNV-VP"]


def test_windows_1258_is_read(tmp_path, units):
    run("import_users", write(tmp_path, windows_1258(PEOPLE)))

    assert User.objects.get(email="hoa.nguyen@example.vn").full_name == "Nguyễn Thị Hoa"


def test_a_file_in_another_encoding_is_refused_clearly(tmp_path, units):
    with pytest.raises(CommandError, match="UTF-8"):
        run("import_users", write(tmp_path, PEOPLE, encoding="utf-16-be"))
    assert not User.objects.exists()


def test_an_xlsx_with_numbers_stored_as_numbers(tmp_path, units):
    data = xlsx([["full_name", "email", "org_unit", "staff_id", "phone"], [None, None, None, None, None],
                 ["Lê Văn Số ", "so@example.vn", "TN-XA", 1234.0, 911222333]])

    run("import_users", write(tmp_path, data, name="nguoi.xlsx"))

    person = User.objects.get(email="so@example.vn")
    assert (person.full_name, person.staff_id, person.org_unit.code) == ("Lê Văn Số", "1234", "TN-XA")
    # Excel dropped the phone number's leading zero; it is put back.
    assert person.phone == "0911222333"


def test_rows_with_errors_are_listed_and_nothing_is_written(tmp_path, units):
    content = VI_HEADER + """
Nguyễn Thị Hoa;hoa@example.vn;;TN-SNV;;;
Sai Đơn Vị;sai@example.vn;;KHONG-CO;;;
Sai Thư;khong-phai-email;;TN-SNV;;;
\u202eHoa;ten@example.vn;;TN-SNV;;;
Không Thư;;;TN-SNV;;;
"""
    with pytest.raises(CommandError, match="không lưu gì"):
        run("import_users", write(tmp_path, content))

    assert not User.objects.exists()
    report = imports.preview_people(content.encode(), "x.csv")
    errors = {row.line: " ".join(row.errors) for row in report.errors}
    assert "KHONG-CO" in errors[3]
    assert "khong-phai-email" in errors[4]
    assert "U+202E" in errors[5]
    assert "e-mail" in errors[6]
    assert report.rows[0].status == imports.NEW


def test_the_dry_run_shows_the_statuses_and_writes_nothing(tmp_path, units):
    output = run("import_users", write(tmp_path, PEOPLE), "--dry-run")

    assert "mới\thoa.nguyen@example.vn" not in output  # the staff id is the key shown
    assert "mới\t00123" in output
    assert not User.objects.exists()


def test_an_officer_may_not_import_into_a_unit_outside_their_own(units, department_officer):
    report = imports.preview_people(PEOPLE.replace("TN-SNV-VP", "TN-XA").encode(), "x.csv", department_officer)

    assert report.rows[0].status == imports.NEW
    assert "TN-XA" in report.rows[1].errors[0]


# Units -----------------------------------------------------------------------------------------

UNITS = """Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên,Số cán bộ
TN,Tỉnh Thái Nguyên,tỉnh,,
TN-STTTT,Sở Thông tin và Truyền thông,sở,TN,45
TN-STTTT-VP,Văn phòng Sở,đơn vị,TN-STTTT,12.0
"""


def test_units_are_created_below_their_parents_and_a_reimport_changes_nothing(tmp_path, units):
    path = write(tmp_path, UNITS, name="don-vi.csv")

    run("import_org_units", path)
    office = OrgUnit.objects.get(code="TN-STTTT-VP")
    assert office.get_parent().code == "TN-STTTT" and office.headcount == 12
    assert OrgUnit.objects.get(code="TN-STTTT").get_parent().code == "TN"
    before = list(OrgUnit.objects.order_by("code").values())

    assert "0 mới, 0 cập nhật, 3 không đổi, 0 có lỗi." in run("import_org_units", path)
    assert list(OrgUnit.objects.order_by("code").values()) == before


def test_units_are_moved_and_renamed_by_code(tmp_path, units):
    run("import_org_units", write(tmp_path, "code,name,kind,parent_code,headcount\n"
                                            "TN-SNV-VP,Văn phòng UBND xã,unit,TN-XA,\n", name="u.csv"))

    office = OrgUnit.objects.get(code="TN-SNV-VP")
    assert office.name == "Văn phòng UBND xã"
    assert office.get_parent().code == "TN-XA"


@pytest.mark.parametrize("row, message", [
    ("TN-MOI,Mới,unit,KHONG-CO,", "KHONG-CO"),
    ("TN-MOI,Mới,thôn,TN,", "thôn"),
    ("TN,Tỉnh,tỉnh,TN-SNV-VP,", "vòng lặp"),
])
def test_unit_rows_with_errors_write_nothing(tmp_path, units, row, message):
    before = list(OrgUnit.objects.order_by("code").values())

    out = io.StringIO()

    with pytest.raises(CommandError, match="không lưu gì"):
        call_command("import_org_units", write(tmp_path, "code,name,kind,parent_code,headcount\n" + row, name="u.csv"),
                     stdout=out)

    assert message in out.getvalue()
    assert list(OrgUnit.objects.order_by("code").values()) == before


def test_the_benchmark_runs_and_leaves_nothing_behind(db):
    output = run("benchmark_imports", "--rows", "30", "--units", "3")

    assert "20000" not in output and "30 mới" in output
    assert not User.objects.exists() and not OrgUnit.objects.exists()
