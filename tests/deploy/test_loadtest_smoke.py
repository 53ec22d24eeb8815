"""
The load benchmark (make loadtest) walks a quiz taker's journey by reading
the attempt pages as a browser does. Here the same data and the same reading,
through Django's test client in seconds: a change to the pages that would
make the benchmark measure errors, or check nothing, fails here first.
"""

import random
import sys
from pathlib import Path

import pytest

from lms.quizzes.models import Attempt, Response
from tests.conftest import wagtail_roots

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "loadtest"))
import build_data  # noqa: E402
import journey  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam_data():
    wagtail_roots()
    course, lesson, quizzes = build_data.build_site()
    users, sessions = build_data.build_learners(3, course)
    return course, lesson, quizzes, users, sessions


def test_a_learner_of_the_benchmark_takes_the_whole_exam_as_the_load_does(client, settings, exam_data):
    _course, _lesson, (exam, _start), _users, sessions = exam_data
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[0]
    rng = random.Random(1)

    started = client.post(f"/my/quizzes/{exam.pk}/start/")
    assert started.status_code == 302
    attempt_id = int(journey.ATTEMPT.search(started["Location"]).group(1))
    sent = {}
    kinds = set()
    for page in range(1, build_data.QUESTIONS + 1):
        shown = client.get(f"/my/attempts/{attempt_id}/?page={page}")
        assert shown.status_code == 200
        question = journey.question_on(shown.content.decode())
        assert question is not None, f"page {page} shows no question the benchmark can answer"
        kinds.add(question[1])
        answer = journey.choose_answer(question, rng, f"cổng dịch vụ công {page}")
        saved = client.post(f"/my/attempts/{attempt_id}/autosave/", journey.answer_fields(question, answer))
        assert saved.status_code == 200 and saved.json()["ok"]
        sent[question[0]] = answer
    assert kinds == {"radio", "checkbox", "text"}
    assert client.get(f"/my/attempts/{attempt_id}/summary/").status_code == 200
    submitted = client.post(f"/my/attempts/{attempt_id}/submit/")
    assert submitted.status_code == 302 and submitted["Location"].endswith(f"/my/attempts/{attempt_id}/review/")
    assert client.get(f"/my/attempts/{attempt_id}/review/").status_code == 200

    stored = dict(Response.objects.filter(attempt_id=attempt_id).values_list("pk", "answer"))
    assert len(sent) == build_data.QUESTIONS
    assert all(journey.same_answer(answer, stored[pk]) for pk, answer in sent.items())
    assert Attempt.objects.get(pk=attempt_id).state == Attempt.State.FINISHED


def test_learners_placed_in_the_exam_resume_where_the_benchmark_sends_them(client, settings, exam_data):
    course, _lesson, (exam, _start), users, sessions = exam_data
    rng = random.Random(2)
    on_page_five, nothing_seen = build_data.place_in_exam(users[0], exam, 9, rng)
    at_the_review, _question = build_data.place_in_exam(users[1], exam, build_data.JOURNEY_LENGTH - 1, rng)
    answering_six, question = build_data.place_in_exam(users[2], exam, 12, rng)

    attempt = Attempt.objects.get(pk=on_page_five)
    assert attempt.current_page == 5
    assert attempt.responses.filter(page_number__lt=5, answer__isnull=False).count() == 4
    assert attempt.responses.filter(page_number__gte=5, answer__isnull=False).count() == 0
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[0]
    assert nothing_seen is None
    assert journey.question_on(client.get(f"/my/attempts/{on_page_five}/?page=5").content.decode()) is not None

    assert Attempt.objects.get(pk=at_the_review).state == Attempt.State.FINISHED
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[1]
    assert client.get(f"/my/attempts/{at_the_review}/review/").status_code == 200

    # A learner placed at an autosave has seen its page: the benchmark sends what that page shows.
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[2]
    page_six = client.get(f"/my/attempts/{answering_six}/?page=6").content.decode()
    assert tuple(question) == journey.question_on(page_six)


def test_the_other_measured_pages_answer_the_benchmark(client, settings, exam_data):
    course, lesson, _quizzes, users, sessions = exam_data
    code = build_data.issue_certificate(users[2], course)

    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get(f"/certificates/verify/{code}/").status_code == 200
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[2]
    assert client.get(lesson.url).status_code == 200
