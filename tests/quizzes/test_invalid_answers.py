"""
An answer the quiz cannot take as it stands never costs the learner the
others: the valid answers on the page are saved, the typed text is kept
(stored as typed and shown again), the problem is shown beside its question
in Vietnamese, the timer keeps its place, and what is left at the end is
graded as wrong with the typed text visible in the review.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import CoursePage
from lms.enrollment import services as enrollment_services
from lms.quizzes import services
from lms.quizzes.models import Attempt, Question, Response

NOT_A_NUMBER = "Hãy nhập một số, ví dụ 3,5"
TYPED = "1800 1234"


@pytest.fixture
def scenario(learner_client, learner, make_quiz, make_question):
    """The finding's page: a ticked multiple choice, a chosen single choice and a number, then a second page."""
    multiple = make_question(Question.Type.MULTIPLE_CHOICE, answers=[("VNeID", 0.5), ("Cổng DVC", 0.5), ("Zalo lạ", -1)])
    single = make_question(answers=[("Hà Nội", 1), ("Huế", 0)])
    hotline = make_question(Question.Type.NUMERICAL, text="<p>Số tổng đài chống lừa đảo?</p>", answers=[("156", 1)])
    later = make_question(answers=[("Có", 1), ("Không", 0)])
    quiz = make_quiz(
        [multiple, single, hotline, later], slug="kiem-tra-so", questions_per_page=3, time_limit_minutes=20,
        shuffle_questions=False,
    )
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz)
    responses = {response.question_id: response for response in attempt.responses.all()}
    form = {
        "shown": [responses[q.pk].pk for q in (multiple, single, hotline)],
        f"answer-{responses[multiple.pk].pk}": [str(a.pk) for a in multiple.answers.filter(fraction__gt=0)],
        f"answer-{responses[single.pk].pk}": str(single.answers.get(text="Hà Nội").pk),
        f"answer-{responses[hotline.pk].pk}": TYPED,
    }
    return learner_client, attempt, form, {
        "multiple": responses[multiple.pk], "single": responses[single.pk],
        "hotline": responses[hotline.pk], "later": responses[later.pk],
    }


def stored(response):
    return Response.objects.get(pk=response.pk).answer


def question_block(page, response):
    """The HTML of one question's fieldset on an attempt page."""
    start = page.index(f'id="q{response.position}"')
    return page[start:page.index("</fieldset>", start)]


def test_autosave_saves_the_valid_answers_keeps_the_typed_text_and_names_the_problem(scenario):
    client, attempt, form, responses = scenario

    reply = client.post(f"/my/attempts/{attempt.pk}/autosave/", form)

    assert reply.status_code == 400
    body = reply.json()
    assert body["ok"] is False and body["error"] == "Có câu trả lời cần sửa; các câu trả lời khác đã được lưu."
    assert set(body["saved"]) == {responses[name].pk for name in ("multiple", "single", "hotline")}
    assert list(body["problems"]) == [str(responses["hotline"].pk)]
    assert NOT_A_NUMBER in body["problems"][str(responses["hotline"].pk)]
    assert len(stored(responses["multiple"])) == 2
    assert stored(responses["single"]) is not None
    assert stored(responses["hotline"]) == TYPED


@pytest.mark.parametrize("button", [{"goto": "2"}, {"finish": "1"}])
def test_next_page_and_finish_show_the_same_page_with_the_problem_beside_its_question(scenario, button):
    client, attempt, form, responses = scenario
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(minutes=5))

    reply = client.post(f"/my/attempts/{attempt.pk}/", {**form, **button})

    assert reply.status_code == 400
    page = reply.content.decode()
    assert "Các câu trả lời khác của bạn đã được lưu" in page
    hotline = question_block(page, responses["hotline"])
    assert NOT_A_NUMBER in hotline and f'value="{TYPED}"' in hotline and 'aria-invalid="true"' in hotline
    assert NOT_A_NUMBER not in question_block(page, responses["single"])
    assert question_block(page, responses["single"]).count("checked") == 1
    assert question_block(page, responses["multiple"]).count("checked") == 2
    # The timer goes on from where it was: the deadline is the server's, not a fresh 20 minutes.
    assert 0 < int(re.search(r'data-seconds-left="(\d+)"', page).group(1)) <= 300
    assert Attempt.objects.get(pk=attempt.pk).current_page == 1
    assert stored(responses["hotline"]) == TYPED and stored(responses["single"]) is not None


def test_going_back_keeps_the_page_too(scenario):
    client, attempt, _form, responses = scenario
    later = responses["later"]

    reply = client.post(f"/my/attempts/{attempt.pk}/", {"shown": [later.pk], f"answer-{later.pk}": "999999", "goto": "1"})

    assert reply.status_code == 400
    assert "Đáp án đó không thuộc câu hỏi này" in question_block(reply.content.decode(), later)


def test_the_page_shows_the_kept_text_and_its_problem_when_the_learner_comes_back(scenario):
    client, attempt, form, responses = scenario
    client.post(f"/my/attempts/{attempt.pk}/autosave/", form)

    page = client.get(f"/my/attempts/{attempt.pk}/?page=1").content.decode()

    hotline = question_block(page, responses["hotline"])
    assert f'value="{TYPED}"' in hotline and NOT_A_NUMBER in hotline
    summary = client.get(f"/my/attempts/{attempt.pk}/summary/").content.decode()
    assert f"Cần sửa:</strong> {NOT_A_NUMBER}" in summary


def test_a_corrected_answer_lets_the_learner_go_on(scenario):
    client, attempt, form, responses = scenario
    client.post(f"/my/attempts/{attempt.pk}/", {**form, "goto": "2"})

    reply = client.post(f"/my/attempts/{attempt.pk}/", {**form, f"answer-{responses['hotline'].pk}": "156", "goto": "2"})

    assert reply.status_code == 302 and reply.url.endswith("?page=2")
    assert stored(responses["hotline"]) == "156"


def test_a_number_left_as_typed_is_graded_wrong_and_shown_in_the_review(scenario):
    client, attempt, form, responses = scenario
    client.post(f"/my/attempts/{attempt.pk}/autosave/", form)

    client.post(f"/my/attempts/{attempt.pk}/submit/")

    graded = Response.objects.get(pk=responses["hotline"].pk)
    assert graded.mark == 0 and graded.answer == TYPED
    assert Attempt.objects.get(pk=attempt.pk).mark == 2
    review = client.get(f"/my/attempts/{attempt.pk}/review/").content.decode()
    assert TYPED in review


def test_a_text_too_long_to_store_is_shown_again_but_keeps_the_last_saved_answer(scenario):
    client, attempt, form, responses = scenario
    hotline = responses["hotline"]
    services.save_answers(attempt.pk, attempt.user, {hotline.pk: "156"})
    too_long = "1" * 60

    reply = client.post(f"/my/attempts/{attempt.pk}/", {**form, f"answer-{hotline.pk}": too_long, "goto": "2"})

    assert reply.status_code == 400
    block = question_block(reply.content.decode(), hotline)
    assert f'value="{too_long}"' in block and "50" in block
    assert stored(hotline) == "156"
    assert stored(responses["single"]) is not None


def test_the_service_reports_each_problem_and_saves_the_rest(scenario, make_question):
    _client, attempt, _form, responses = scenario
    elsewhere = make_question(answers=[("A", 1), ("B", 0)]).answers.first()

    result = services.save_answers(
        attempt.pk, attempt.user, {responses["single"].pk: str(elsewhere.pk), responses["hotline"].pk: "156"}
    )

    assert [response.pk for response in result.saved] == [responses["hotline"].pk]
    assert list(result.problems) == [responses["single"].pk]
    assert stored(responses["single"]) is None and stored(responses["hotline"]) == "156"
