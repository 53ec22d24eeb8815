"""Taking a quiz over HTTP: the pages a learner sees, autosave, and constant query counts."""

import pytest

from courses.models import CoursePage
from lms.enrollment import services as enrollment_services
from lms.quizzes import services
from lms.quizzes.models import Attempt, Question, Response
from tests.conftest import right_answer_id


@pytest.fixture
def every_type(make_question):
    return [
        make_question(Question.Type.SINGLE_CHOICE, text="<p>Thủ đô?</p>", answers=[("Hà Nội", 1), ("Huế", 0)]),
        make_question(Question.Type.MULTIPLE_CHOICE, answers=[("VNeID", 0.5), ("Zalo lạ", -1), ("Cổng DVC", 0.5)]),
        make_question(Question.Type.TRUE_FALSE, answers=[("true", 1), ("false", 0)]),
        make_question(Question.Type.SHORT_ANSWER, answers=[("OTP", 1)]),
        make_question(Question.Type.NUMERICAL, answers=[("156", 1, 0)]),
        make_question(Question.Type.MATCHING, matches=[("Ký số", "USB token"), ("Định danh", "VNeID"), ("", "Mật khẩu")]),
        make_question(Question.Type.ESSAY),
    ]


@pytest.fixture
def learner_in_quiz(learner_client, learner, make_quiz, every_type):
    quiz = make_quiz(every_type, slug="kiem-tra-tong-hop", questions_per_page=10)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    return learner_client, learner, quiz


def test_the_quiz_page_offers_to_start_and_the_attempt_page_hides_what_is_right(learner_in_quiz, every_type):
    client, learner, quiz = learner_in_quiz
    quiz_page = client.get(quiz.url).content.decode()
    assert f'action="/my/quizzes/{quiz.pk}/start/"' in quiz_page

    response = client.post(f"/my/quizzes/{quiz.pk}/start/")
    attempt = Attempt.objects.get(user=learner)
    assert response.url == f"/my/attempts/{attempt.pk}/"

    page = client.get(response.url).content.decode()
    assert "Thủ đô?" in page and "USB token" in page and "<textarea" in page
    assert "Phản hồi cho" not in page
    assert "fraction" not in page and "156" not in page
    assert page.count('name="shown"') == len(every_type)


def test_a_get_never_starts_an_attempt(learner_in_quiz):
    client, _learner, quiz = learner_in_quiz
    assert client.get(f"/my/quizzes/{quiz.pk}/start/").status_code == 405
    assert not Attempt.objects.exists()


def test_autosave_stores_answers_and_answers_in_json(learner_in_quiz, every_type):
    client, learner, quiz = learner_in_quiz
    attempt = services.start_attempt(learner, quiz)
    single, multiple, _tf, short, number, matching, essay = attempt.responses.order_by("position")
    pair = every_type[5].matches.get(prompt="Ký số")

    reply = client.post(
        f"/my/attempts/{attempt.pk}/autosave/",
        {
            "shown": [single.pk, multiple.pk, short.pk, number.pk, matching.pk, essay.pk],
            f"answer-{single.pk}": str(right_answer_id(every_type[0])),
            f"answer-{multiple.pk}": [str(a.pk) for a in every_type[1].answers.filter(fraction__gt=0)],
            f"answer-{short.pk}": "  otp ",
            f"answer-{number.pk}": "156",
            f"answer-{matching.pk}-{pair.pk}": "USB token",
            f"answer-{essay.pk}": "Không chia sẻ mã OTP cho ai.",
        },
    )

    assert reply.status_code == 200 and reply.json()["ok"]
    saved = {response.pk: response.answer for response in Response.objects.filter(attempt=attempt)}
    assert saved[short.pk] == "otp"
    assert saved[matching.pk] == {str(pair.pk): "USB token"}
    assert len(saved[multiple.pk]) == 2


def test_autosave_refuses_a_question_from_elsewhere_with_a_clear_message(learner_in_quiz):
    client, learner, quiz = learner_in_quiz
    attempt = services.start_attempt(learner, quiz)

    reply = client.post(f"/my/attempts/{attempt.pk}/autosave/", {"shown": ["999999"], "answer-999999": "1"})

    assert reply.status_code == 400
    assert reply.json()["error"]
    assert not Response.objects.filter(attempt=attempt, answer__isnull=False).exists()


def test_another_learners_attempt_is_not_found(client, make_user, learner_in_quiz):
    _client, learner, quiz = learner_in_quiz
    attempt = services.start_attempt(learner, quiz)
    client.force_login(make_user(email="khac@example.vn"))

    assert client.get(f"/my/attempts/{attempt.pk}/").status_code == 404
    assert client.post(f"/my/attempts/{attempt.pk}/submit/").status_code == 404
    assert client.post(f"/my/attempts/{attempt.pk}/autosave/", {"shown": []}).status_code == 404
    assert Attempt.objects.get(pk=attempt.pk).is_open


def test_finish_summary_submit_and_review(learner_in_quiz, every_type):
    client, learner, quiz = learner_in_quiz
    attempt = services.start_attempt(learner, quiz)
    single = attempt.responses.get(position=1)

    response = client.post(
        f"/my/attempts/{attempt.pk}/",
        {"shown": [single.pk], f"answer-{single.pk}": str(right_answer_id(every_type[0])), "finish": "1"},
    )
    assert response.url == f"/my/attempts/{attempt.pk}/summary/"
    summary = client.get(response.url).content.decode()
    assert summary.count("Not yet answered") + summary.count("Chưa trả lời") == len(every_type) - 1

    review = client.post(f"/my/attempts/{attempt.pk}/submit/", follow=True).content.decode()

    # Only the first question was answered; an unanswered essay scores 0 and waits for nobody (as in Moodle).
    graded = Attempt.objects.get(pk=attempt.pk)
    assert graded.state == Attempt.State.FINISHED
    assert graded.mark == 1 and graded.max_mark == len(every_type)
    assert "Phản hồi cho Hà Nội" in review


def count_queries(django_assert_max_num_queries, limit, action):
    with django_assert_max_num_queries(limit):
        return action()


@pytest.mark.parametrize("size", [5, 50])
def test_start_save_and_submit_run_a_constant_number_of_queries(size, learner, make_quiz, make_question, django_assert_max_num_queries):
    questions = [make_question(answers=[("Đúng", 1), ("Sai", 0)]) for _ in range(size)]
    quiz = make_quiz(questions, slug=f"kiem-tra-{size}")
    enrollment_services.enroll(learner, CoursePage.of(quiz))

    with django_assert_max_num_queries(16):
        attempt = services.start_attempt(learner, quiz)
    responses = list(attempt.responses.select_related("question"))
    answers = {response.pk: str(right_answer_id(response.question)) for response in responses}
    with django_assert_max_num_queries(10):
        services.save_answers(attempt.pk, learner, answers)
    with django_assert_max_num_queries(30):
        services.submit_attempt(attempt.pk, learner)
    assert Attempt.objects.get(pk=attempt.pk).percent == 100
