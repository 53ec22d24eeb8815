"""HR's bulk verification: a CSV of codes in, a CSV of statuses out; the same from the command line."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from certificates import codes
from certificates.models import Certificate
from lms.enrollment import services as enrollment_services
from tests.conftest import unlinked_descriptions

NOT_FOUND = "Mã không có trong hệ thống: không chứng chỉ nào mang mã này"


@pytest.fixture
def certificate(learner, course):
    enrollment = enrollment_services.enroll(learner, course)
    return Certificate.objects.create(
        enrollment=enrollment, code=codes.new_code(), full_name="Nguyễn Thị Hoa", course_title="Chữ ký số",
        hours=2, issued_on="2026-11-20", organisation="HọcSố",
    )


def codes_csv(certificate):
    unknown = codes.new_code()
    typo = certificate.code[:-1] + ("2" if certificate.code[-1] != "2" else "3")
    return f"Mã\n{certificate.display_code.lower()}\n{unknown}\n{typo}\n", unknown


def test_the_bulk_page_answers_a_csv_with_each_status(client, certificate):
    content, unknown = codes_csv(certificate)
    upload = SimpleUploadedFile("ma.csv", content.encode("utf-8-sig"), content_type="text/csv")

    response = client.post("/certificates/verify/bulk/", {"file": upload})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "Hợp lệ" and rows[1][3:5] == ["Nguyễn Thị Hoa", "Chữ ký số"]
    assert rows[2][:2] == [unknown, NOT_FOUND] and rows[2][3] == ""
    assert rows[3][1] == "Mã viết sai"


@pytest.mark.parametrize("content", [b"\xff\xfe\x00K\x007", b"%PDF-1.7\x00\x00binary"])
def test_a_file_that_is_not_a_csv_is_refused_with_a_message(client, db, content):
    response = client.post("/certificates/verify/bulk/", {"file": SimpleUploadedFile("x.csv", content)})
    assert response.status_code == 400
    assert "CSV" in response.content.decode()
    assert 'aria-describedby="file_error"' in response.content.decode()
    assert unlinked_descriptions(response.content.decode()) == set()


def test_a_file_over_one_megabyte_is_refused(client, db):
    big = SimpleUploadedFile("big.csv", b"K7QF9M2XDT4P\n" * 100_000)
    assert client.post("/certificates/verify/bulk/", {"file": big}).status_code == 400


def test_the_command_prints_one_line_per_code(tmp_path, certificate, capsys):
    content, unknown = codes_csv(certificate)
    path = tmp_path / "ma.csv"
    path.write_text(content, encoding="utf-8")

    call_command("verify_certificates", str(path))

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{certificate.display_code.lower()}, valid, Nguyễn Thị Hoa, Chữ ký số"
    assert lines[1] == f"{unknown}, not_found"
    assert lines[2].endswith("invalid")


def test_the_command_refuses_a_missing_file(tmp_path, db):
    with pytest.raises(CommandError):
        call_command("verify_certificates", str(tmp_path / "khong-co.csv"))


def test_a_csv_with_old_mac_line_endings_is_read_line_by_line(client, certificate):
    content, unknown = codes_csv(certificate)
    upload = SimpleUploadedFile("ma.csv", content.replace("\n", "\r").encode("utf-8"), content_type="text/csv")

    response = client.post("/certificates/verify/bulk/", {"file": upload})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["Hợp lệ", NOT_FOUND, "Mã viết sai"]
    assert rows[2][0] == unknown


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"M\xc3\xa3\nK7QF9M2XDT4P\n" + b"A" * 200_000 + b"\n", 3),
        (b"M\xc3\xa3\rK7QF9M2XDT4P,\"" + b"A" * 200_000 + b"\"\r", 2),
        (b"M\xc3\xa3\nK7QF9M2XDT4P\n\"" + b"A\n" * 70_000 + b"\"\n", 3),
        (b"M\xc3\xa3\nK7QF9M2XDT4P\n\"" + b"A" * 900 + b"\n" + b"B" * 900 + b"\"\nK7QF9M2XDT4P\n", 3),
    ],
    ids=["long-line", "long-second-field", "quoted-field-over-the-csv-limit", "quoted-field-over-lines"],
)
def test_a_csv_with_a_huge_field_is_refused_with_a_message(client, db, content, line):
    response = client.post("/certificates/verify/bulk/", {"file": SimpleUploadedFile("x.csv", content)})

    assert response.status_code == 400
    assert f"dòng {line} quá dài" in response.content.decode().lower()


def test_the_command_refuses_a_huge_field_with_a_message(tmp_path, db):
    path = tmp_path / "ma.csv"
    path.write_bytes(b"K7QF9M2XDT4P\n" + b"A" * 200_000 + b"\n")

    with pytest.raises(CommandError, match="(?i)dòng 2 quá dài"):
        call_command("verify_certificates", str(path))
