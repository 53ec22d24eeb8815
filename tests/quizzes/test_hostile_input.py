"""
Input no form would send, each once a 500: it is refused with a 4xx or
read harmlessly, and nothing is half-written.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from courses.models import CoursePage
from lms.accounts import roles
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import Enrollment
from lms.ids import MAX_ID, parse_id
from lms.quizzes import bank, services
from lms.quizzes.formats.base import ImportFileError
from lms.quizzes.models import Attempt, Question, QuestionCategory, Response

TOO_BIG = str(2**64)


@pytest.fixture
def typed_quiz(learner_client, learner, make_quiz, make_question):
    questions = [
        make_question(Question.Type.SHORT_ANSWER, answers=[("OTP", 1)]),
        make_question(Question.Type.ESSAY),
        make_question(Question.Type.NUMERICAL, answers=[("156", 1)]),
    ]
    quiz = make_quiz(questions, slug="kiem-tra-go-chu", questions_per_page=10)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    return learner_client, services.start_attempt(learner, quiz)


@pytest.mark.parametrize("shown", ["²", "١٢", "1" * 40, "-1", " "])
def test_autosave_with_a_shown_id_that_is_not_one_is_refused_in_json(typed_quiz, shown):
    client, attempt = typed_quiz

    reply = client.post(f"/my/attempts/{attempt.pk}/autosave/", {"shown": [shown], f"answer-{shown}": "x"})

    assert reply.status_code == 400
    assert reply.json()["error"] == "Không đọc được dữ liệu biểu mẫu. Vui lòng tải lại trang rồi thử lại."
    assert not Response.objects.filter(attempt=attempt, answer__isnull=False).exists()


@pytest.mark.parametrize("page", ["²", "١", TOO_BIG, "-3", "abc", ""])
def test_an_attempt_page_number_that_is_not_one_shows_the_first_page(typed_quiz, page):
    client, attempt = typed_quiz

    reply = client.get(f"/my/attempts/{attempt.pk}/", {"page": page})

    assert reply.status_code == 200
    assert reply.content.decode().count('name="shown"') == 3


@pytest.mark.parametrize("goto", ["²", TOO_BIG, "x"])
def test_a_page_button_with_a_bad_value_goes_to_the_first_page(typed_quiz, goto):
    client, attempt = typed_quiz

    reply = client.post(f"/my/attempts/{attempt.pk}/", {"shown": [], "goto": goto})

    assert reply.status_code == 302 and reply.url.endswith("?page=1")


def test_nul_characters_never_reach_the_database(typed_quiz):
    client, attempt = typed_quiz
    short, essay, number = attempt.responses.order_by("position")

    reply = client.post(
        f"/my/attempts/{attempt.pk}/autosave/",
        {
            "shown": [short.pk, essay.pk, number.pk],
            f"answer-{short.pk}": "O\x00TP",
            f"answer-{essay.pk}": "Không\x00 chia sẻ",
            f"answer-{number.pk}": "15\x006",
        },
    )

    assert reply.status_code == 200, reply.content
    stored = {response.pk: response.answer for response in Response.objects.filter(attempt=attempt)}
    assert stored == {short.pk: "OTP", essay.pk: "Không chia sẻ", number.pk: "156"}


def test_a_nul_in_a_number_that_is_not_one_is_dropped_from_the_kept_text(typed_quiz):
    client, attempt = typed_quiz
    number = attempt.responses.get(position=3)

    client.post(f"/my/attempts/{attempt.pk}/autosave/", {"shown": [number.pk], f"answer-{number.pk}": "1800\x00 1234"})

    assert Response.objects.get(pk=number.pk).answer == "1800 1234"


def test_a_trainers_comment_is_stored_without_nul(typed_quiz, make_user):
    _client, attempt = typed_quiz
    services.submit_attempt(attempt.pk, attempt.user)
    essay = attempt.responses.get(position=2)
    Response.objects.filter(pk=essay.pk).update(answer="Bài làm", fraction=None, mark=None)

    services.grade_by_hand(Response.objects.get(pk=essay.pk), 1, "Tốt\x00 lắm", make_user(email="gv@example.vn"))

    assert Response.objects.get(pk=essay.pk).grader_comment == "Tốt lắm"


# Ids too large for the database ------------------------------------------------------------------


def test_parse_id_takes_only_ascii_digits_the_database_can_hold():
    assert parse_id("42") == 42 and parse_id(" 7 ") == 7 and parse_id(str(MAX_ID)) == MAX_ID
    for value in ["²", "١", "4²", str(MAX_ID + 1), TOO_BIG, "0", "-1", "1.0", "", None, True, [], "0x10"]:
        assert parse_id(value) is None


def test_learner_urls_with_ids_too_large_for_the_database_are_not_found(learner_client, enrolled, quiz):
    for url in [
        f"/my/quizzes/{TOO_BIG}/start/",
        f"/my/courses/{TOO_BIG}/enroll/",
        f"/my/courses/{TOO_BIG}/leave/",
        f"/my/activities/{TOO_BIG}/done/",
        f"/my/attempts/{TOO_BIG}/autosave/",
        f"/my/attempts/{TOO_BIG}/submit/",
    ]:
        assert learner_client.post(url).status_code == 404, url
    for url in [f"/my/attempts/{TOO_BIG}/", f"/my/attempts/{TOO_BIG}/summary/", f"/my/attempts/{TOO_BIG}/review/"]:
        assert learner_client.get(url).status_code == 404, url
    assert Enrollment.objects.count() == 1 and not Attempt.objects.exists()


def test_the_largest_id_the_database_holds_is_simply_not_found(learner_client, enrolled):
    assert learner_client.post(f"/my/quizzes/{MAX_ID}/start/").status_code == 404
    assert learner_client.post(f"/my/courses/{MAX_ID}/enroll/").status_code == 404


@pytest.fixture
def admin_client_(client, make_user):
    client.force_login(make_user(email="quan.tri@example.vn", is_staff=True, is_superuser=True))
    return client


def test_admin_quiz_urls_with_ids_too_large_for_the_database_are_not_found(admin_client_, quiz):
    for url in [
        f"/admin/quizzes/{TOO_BIG}/attempts/",
        f"/admin/quizzes/{TOO_BIG}/attempts.csv",
        f"/admin/quizzes/{TOO_BIG}/grading/",
    ]:
        # attempts.csv matches no pattern and Django first offers it with a slash: that is not found either.
        assert admin_client_.get(url, follow=True).status_code == 404, url
    assert admin_client_.post(f"/admin/quizzes/{TOO_BIG}/grading/", {"response": "1", "mark": "1"}).status_code == 404


@pytest.mark.parametrize("response_id", [TOO_BIG, "abc", "²", ""])
def test_grading_a_response_that_is_not_one_is_not_found(admin_client_, quiz, response_id):
    reply = admin_client_.post(f"/admin/quizzes/{quiz.pk}/grading/", {"response": response_id, "mark": "1"})

    assert reply.status_code == 404


@pytest.mark.parametrize("category", [TOO_BIG, "²", "abc"])
def test_exporting_or_importing_into_a_category_that_is_not_one_is_a_form_error(admin_client_, category):
    export = admin_client_.get("/admin/question-bank/export/", {"category": category, "format": "gift"})
    upload = admin_client_.post(
        "/admin/question-bank/import/",
        {"file": SimpleUploadedFile("a.gift", "::A:: Câu hỏi?{T}".encode()), "category": category},
    )

    assert export.status_code == 400 and upload.status_code == 400
    assert not Question.objects.exists()


# A category tree deeper than the bank holds --------------------------------------------------------


def nested_gift(levels):
    path = "/".join(f"Mức {level}" for level in range(1, levels + 1))
    return f"$CATEGORY: $course$/{path}\n\n::Sâu:: Câu hỏi?{{T}}\n".encode()


def test_a_file_nesting_categories_beyond_the_limit_is_refused_and_nothing_is_written(db):
    with pytest.raises(ImportFileError) as refused:
        bank.read_question_file(nested_gift(80), "gift")

    assert str(bank.MAX_CATEGORY_DEPTH) in str(refused.value)
    assert not QuestionCategory.objects.exists()


def test_the_deepest_nesting_allowed_imports(db):
    report = bank.import_questions(bank.read_question_file(nested_gift(bank.MAX_CATEGORY_DEPTH), "gift"))

    assert report.total == 1
    assert report.questions[0].category.get_depth() == bank.MAX_CATEGORY_DEPTH


def test_the_upload_form_says_the_file_nests_too_deep(client, catalogue, make_user):
    trainers, _managers = roles.ensure_roles(catalogue)
    trainer = make_user(email="giang.vien@example.vn")
    trainer.groups.add(trainers)
    client.force_login(trainer)

    reply = client.post("/admin/question-bank/import/", {"file": SimpleUploadedFile("sau.gift", nested_gift(80))})

    assert reply.status_code == 400
    assert f"Tệp lồng các danh mục sâu 80 cấp; ngân hàng câu hỏi chỉ nhận tối đa {bank.MAX_CATEGORY_DEPTH} cấp" in reply.content.decode()
    assert not QuestionCategory.objects.exists()


def test_importing_below_a_category_too_deep_for_the_files_tree_writes_nothing(db):
    base = None
    for level in range(bank.MAX_TREE_DEPTH - 2):
        base = QuestionCategory.add_root(name="Gốc") if base is None else base.add_child(name=f"Mức {level}")
    before = QuestionCategory.objects.count()

    with pytest.raises(ImportFileError):
        bank.import_questions(bank.read_question_file(nested_gift(5), "gift"), default_category=base)

    assert QuestionCategory.objects.count() == before and not Question.objects.exists()


def test_the_import_command_refuses_a_file_or_a_category_nesting_too_deep(db, tmp_path):
    deep = tmp_path / "sau.gift"
    deep.write_bytes(nested_gift(80))
    shallow = tmp_path / "nong.gift"
    shallow.write_bytes(nested_gift(2))

    with pytest.raises(CommandError, match="80"):
        call_command("import_questions", str(deep))
    with pytest.raises(CommandError, match="levels"):
        call_command("import_questions", str(shallow), category="/".join(["A"] * 80))
    assert not QuestionCategory.objects.exists()
