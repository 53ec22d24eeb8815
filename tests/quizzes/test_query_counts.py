"""
The two requests of exam day, one question per page: the attempt page and the
autosave of one answer. Their queries are counted so that a change that adds
one fails here, whatever the size of the quiz.
"""

import pytest

from courses.models import CoursePage
from lms.enrollment import services as enrollment_services
from lms.quizzes import services
from lms.quizzes.models import Attempt, Question, Response
from tests.conftest import right_answer_id

# Session, user, attempt, its responses with their questions, the shown question's answers,
# the site (for the link back to the quiz); the header's admin link is kept in the session.
ATTEMPT_PAGE_QUERIES = 5
# Session, user; then in one transaction the locked attempt, the saved response with its question,
# the question's answers, the update.
AUTOSAVE_QUERIES = 8


@pytest.fixture(params=[4, 16], ids=["4 questions", "16 questions"])
def one_per_page(request, learner_client, learner, make_quiz, make_question):
    """A learner in an attempt at a quiz of single-choice questions (and a matching one), one per page."""
    questions = [make_question(answers=[("Đúng", 1), ("Sai", 0)]) for _ in range(request.param - 1)]
    questions.append(make_question(Question.Type.MATCHING, matches=[("Ký số", "USB token"), ("Định danh", "VNeID")]))
    quiz = make_quiz(questions, slug=f"kiem-tra-{request.param}", questions_per_page=1)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz)
    return learner_client, attempt, list(attempt.responses.select_related("question").order_by("position"))


def test_an_attempt_page_runs_the_same_few_queries_whatever_the_size_of_the_quiz(
    one_per_page, django_assert_max_num_queries
):
    client, attempt, responses = one_per_page
    client.get(f"/my/attempts/{attempt.pk}/?page=2")

    with django_assert_max_num_queries(ATTEMPT_PAGE_QUERIES):
        page = client.get(f"/my/attempts/{attempt.pk}/?page=2")

    assert page.status_code == 200
    assert page.content.decode().count('name="shown"') == 1
    assert f'value="{responses[1].pk}"' in page.content.decode()


def test_the_matching_page_shows_its_prompts_within_the_same_queries(one_per_page, django_assert_max_num_queries):
    client, attempt, responses = one_per_page
    last = len(responses)
    client.get(f"/my/attempts/{attempt.pk}/?page={last}")

    with django_assert_max_num_queries(ATTEMPT_PAGE_QUERIES):
        page = client.get(f"/my/attempts/{attempt.pk}/?page={last}").content.decode()

    assert "Ký số" in page and "USB token" in page


def test_an_autosave_of_one_answer_runs_the_same_few_queries_whatever_the_size_of_the_quiz(
    one_per_page, django_assert_max_num_queries
):
    client, attempt, responses = one_per_page
    response = responses[1]
    right = str(right_answer_id(response.question))

    with django_assert_max_num_queries(AUTOSAVE_QUERIES):
        reply = client.post(f"/my/attempts/{attempt.pk}/autosave/", {"shown": response.pk, f"answer-{response.pk}": right})

    assert reply.json() == {"ok": True, "saved": [response.pk]}
    assert Response.objects.get(pk=response.pk).answer == [int(right)]


def test_an_autosave_still_refuses_an_answer_for_a_submitted_attempt(one_per_page):
    client, attempt, responses = one_per_page
    response = responses[0]
    services.submit_attempt(attempt.pk, attempt.user)

    reply = client.post(
        f"/my/attempts/{attempt.pk}/autosave/",
        {"shown": response.pk, f"answer-{response.pk}": str(right_answer_id(response.question))},
    )

    assert reply.status_code == 409 and not reply.json()["ok"]
    assert Response.objects.get(pk=response.pk).answer is None
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.FINISHED


def test_an_autosave_still_refuses_a_response_of_another_attempt(one_per_page, make_user):
    client, attempt, responses = one_per_page
    other = make_user(email="nguoi.khac@example.vn")
    enrollment_services.enroll(other, CoursePage.of(attempt.page))
    theirs = services.start_attempt(other, attempt.page).responses.first()

    reply = client.post(f"/my/attempts/{attempt.pk}/autosave/", {"shown": theirs.pk, f"answer-{theirs.pk}": "1"})

    assert reply.status_code == 400 and not reply.json()["ok"]
    assert Response.objects.get(pk=theirs.pk).answer is None
