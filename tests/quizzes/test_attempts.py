"""Attempts through the services: start, autosave, deadlines, submit once, grading methods, completion."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import CoursePage, GradingMethod, Navigation
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import ActivityProgress, Enrollment
from lms.quizzes import services
from lms.quizzes.models import Attempt, Question, QuizSlot, Response
from tests.conftest import right_answer_id


def answer_all(attempt, user, choose_right=True):
    raw = {}
    for response in attempt.responses.select_related("question"):
        answers = list(response.question.answers.all())
        chosen = next(a for a in answers if (a.fraction == 1) == choose_right)
        raw[response.pk] = str(chosen.pk)
    services.save_answers(attempt.pk, user, raw)


def test_a_learner_must_be_enrolled_to_start(learner, quiz):
    with pytest.raises(services.QuizError) as refused:
        services.start_attempt(learner, quiz)
    assert refused.value.status == 403
    assert not Attempt.objects.exists()


def test_starting_twice_resumes_the_open_attempt(enrolled, quiz):
    first = services.start_attempt(enrolled, quiz)
    again = services.start_attempt(enrolled, quiz)

    assert again.pk == first.pk
    assert Attempt.objects.count() == 1
    assert first.responses.count() == 1


def test_passing_completes_the_quiz_activity_with_its_score(enrolled, quiz, capital_question):
    attempt = services.start_attempt(enrolled, quiz)
    response = attempt.responses.get()
    services.save_answers(attempt.pk, enrolled, {response.pk: str(right_answer_id(capital_question))})

    graded = services.submit_attempt(attempt.pk, enrolled)

    assert graded.state == Attempt.State.FINISHED
    assert graded.percent == Decimal("100.00")
    progress = ActivityProgress.objects.get(page=quiz)
    assert progress.is_complete and progress.score == Decimal("100.00")
    assert Enrollment.objects.get(user=enrolled).progress == 50


def test_a_failed_quiz_records_the_score_and_may_be_retried(enrolled, quiz):
    attempt = services.start_attempt(enrolled, quiz)
    answer_all(attempt, enrolled, choose_right=False)
    services.submit_attempt(attempt.pk, enrolled)

    progress = ActivityProgress.objects.get(page=quiz)
    assert not progress.is_complete and progress.score == Decimal("0.00")
    assert services.start_attempt(enrolled, quiz).number == 2


def test_submitting_twice_grades_once(enrolled, quiz):
    attempt = services.start_attempt(enrolled, quiz)
    answer_all(attempt, enrolled)
    first = services.submit_attempt(attempt.pk, enrolled)
    graded_at = Attempt.objects.get(pk=attempt.pk).graded_at

    services.submit_attempt(attempt.pk, enrolled)

    assert Attempt.objects.get(pk=attempt.pk).graded_at == graded_at == first.graded_at


def test_answers_to_a_finished_attempt_are_refused_and_change_nothing(enrolled, quiz):
    attempt = services.start_attempt(enrolled, quiz)
    answer_all(attempt, enrolled)
    services.submit_attempt(attempt.pk, enrolled)
    response = attempt.responses.get()
    before = Response.objects.get(pk=response.pk).answer

    with pytest.raises(services.QuizError) as refused:
        services.save_answers(attempt.pk, enrolled, {response.pk: None})

    assert refused.value.status == 409
    assert Response.objects.get(pk=response.pk).answer == before


def test_answers_for_a_question_not_in_the_attempt_are_refused_and_nothing_is_saved(enrolled, quiz, make_question):
    attempt = services.start_attempt(enrolled, quiz)
    response = attempt.responses.get()
    stranger = make_question(answers=[("A", 1), ("B", 0)])
    other_attempt_response = 987654

    with pytest.raises(services.QuizError) as refused:
        services.save_answers(
            attempt.pk, enrolled, {response.pk: str(right_answer_id(response.question)), other_attempt_response: "1"}
        )

    assert refused.value.status == 400
    assert Response.objects.get(pk=response.pk).answer is None
    # Another question's answer is this question's problem, not a reason to refuse the page.
    result = services.save_answers(attempt.pk, enrolled, {response.pk: str(right_answer_id(stranger))})
    assert result.problems == {response.pk: "Đáp án đó không thuộc câu hỏi này."}
    assert Response.objects.get(pk=response.pk).answer is None


def test_another_learner_cannot_touch_an_attempt(enrolled, quiz, make_user):
    attempt = services.start_attempt(enrolled, quiz)
    intruder = make_user(email="ke.gian@example.vn")

    with pytest.raises(services.QuizError) as refused:
        services.save_answers(attempt.pk, intruder, {attempt.responses.get().pk: None})
    assert refused.value.status == 404
    with pytest.raises(services.QuizError):
        services.submit_attempt(attempt.pk, intruder)
    assert Attempt.objects.get(pk=attempt.pk).is_open


def test_an_answer_after_the_deadline_is_refused_and_the_attempt_is_graded_as_it_stands(enrolled, make_quiz, capital_question):
    quiz = make_quiz([capital_question], slug="co-gio", time_limit_minutes=10)
    enrollment_services.enroll(enrolled, CoursePage.of(quiz))
    started = timezone.now()
    attempt = services.start_attempt(enrolled, quiz, now=started)
    response = attempt.responses.get()
    assert attempt.deadline == started + timedelta(minutes=10)
    services.save_answers(attempt.pk, enrolled, {response.pk: str(right_answer_id(capital_question))}, now=started + timedelta(minutes=9))

    with pytest.raises(services.QuizError) as refused:
        services.save_answers(attempt.pk, enrolled, {response.pk: None}, now=started + timedelta(minutes=11))

    assert refused.value.status == 409
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.percent == Decimal("100.00")
    assert attempt.submitted_at == attempt.deadline


def test_an_overdue_attempt_closes_when_next_touched(enrolled, make_quiz, capital_question):
    quiz = make_quiz([capital_question], slug="het-gio", time_limit_minutes=5)
    enrollment_services.enroll(enrolled, CoursePage.of(quiz))
    started = timezone.now() - timedelta(minutes=30)
    attempt = services.start_attempt(enrolled, quiz, now=started)

    fresh = services.start_attempt(enrolled, quiz)

    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.FINISHED
    assert fresh.number == 2


def test_closed_and_not_yet_open_quizzes_refuse_to_start(enrolled, make_quiz, capital_question):
    now = timezone.now()
    later = make_quiz([capital_question], slug="sap-mo", opens_at=now + timedelta(days=1))
    closed = make_quiz([capital_question], slug="da-dong", course=CoursePage.of(later), closes_at=now - timedelta(days=1))
    enrollment_services.enroll(enrolled, CoursePage.of(later))

    for quiz in (later, closed):
        with pytest.raises(services.QuizError) as refused:
            services.start_attempt(enrolled, quiz)
        assert refused.value.status == 403


def test_attempts_allowed_is_enforced(enrolled, make_quiz, capital_question):
    quiz = make_quiz([capital_question], slug="mot-lan", attempts_allowed=1)
    enrollment_services.enroll(enrolled, CoursePage.of(quiz))
    attempt = services.start_attempt(enrolled, quiz)
    services.submit_attempt(attempt.pk, enrolled)

    with pytest.raises(services.QuizError) as refused:
        services.start_attempt(enrolled, quiz)
    assert refused.value.status == 403


@pytest.mark.parametrize(
    "method, expected",
    [(GradingMethod.HIGHEST, "100.00"), (GradingMethod.AVERAGE, "50.00"), (GradingMethod.FIRST, "0.00"), (GradingMethod.LAST, "100.00")],
)
def test_grading_methods(enrolled, make_quiz, capital_question, method, expected):
    quiz = make_quiz([capital_question], slug=f"cach-{method}", grading_method=method)
    enrollment_services.enroll(enrolled, CoursePage.of(quiz))
    for right in (False, True):
        attempt = services.start_attempt(enrolled, quiz)
        answer_all(attempt, enrolled, choose_right=right)
        services.submit_attempt(attempt.pk, enrolled)

    assert services.final_percent(quiz, enrolled) == Decimal(expected)


def test_random_questions_are_drawn_per_attempt_from_a_category_and_its_children(learner, make_quiz, make_question, category):
    child = category.add_child(name="An toàn thông tin")
    top = make_question(category=category, answers=[("A", 1), ("B", 0)])
    pool = [make_question(category=child, answers=[("A", 1), ("B", 0)]) for _ in range(6)]
    quiz = make_quiz([], slug="ngau-nhien")
    QuizSlot.objects.create(page=quiz, random_category=category, random_count=4, include_subcategories=True)
    QuizSlot.objects.create(page=quiz, random_category=category, random_count=2, include_subcategories=False, sort_order=1)
    enrollment_services.enroll(learner, CoursePage.of(quiz))

    attempt = services.start_attempt(learner, quiz)

    drawn = list(attempt.responses.order_by("position").values_list("question_id", flat=True))
    assert len(drawn) == len(set(drawn))
    assert set(drawn[:4]) <= {top.pk} | {question.pk for question in pool}
    if top.pk not in drawn[:4]:
        assert drawn[4:] == [top.pk]
    else:
        assert drawn[4:] == []


def test_sequential_navigation_closes_earlier_pages(enrolled, make_quiz, make_question):
    questions = [make_question(answers=[("A", 1), ("B", 0)]) for _ in range(2)]
    quiz = make_quiz(questions, slug="tuan-tu", questions_per_page=1, navigation=Navigation.SEQUENTIAL)
    enrollment_services.enroll(enrolled, CoursePage.of(quiz))
    attempt = services.start_attempt(enrolled, quiz)
    first = attempt.responses.get(position=1)

    assert services.move_to_page(Attempt.objects.select_related("page").get(pk=attempt.pk), 2) == (2, 2)
    assert services.move_to_page(Attempt.objects.select_related("page").get(pk=attempt.pk), 1) == (2, 2)
    with pytest.raises(services.QuizError) as refused:
        services.save_answers(attempt.pk, enrolled, {first.pk: str(right_answer_id(questions[0]))})
    assert refused.value.status == 409


def test_an_essay_waits_for_the_trainer_before_the_attempt_is_final(enrolled, make_quiz, make_question, capital_question, make_user):
    essay = make_question(Question.Type.ESSAY, text="<p>Vì sao cần bảo mật mã OTP?</p>")
    quiz = make_quiz([capital_question, essay], slug="tu-luan")
    enrollment_services.enroll(enrolled, CoursePage.of(quiz))
    attempt = services.start_attempt(enrolled, quiz)
    choice, written = attempt.responses.order_by("position")
    services.save_answers(
        attempt.pk, enrolled, {choice.pk: str(right_answer_id(capital_question)), written.pk: "Vì kẻ gian có thể lấy tiền."}
    )

    submitted = services.submit_attempt(attempt.pk, enrolled)
    assert submitted.state == Attempt.State.NEEDS_GRADING
    assert not ActivityProgress.objects.filter(page=quiz, status="completed").exists()

    trainer = make_user(email="giang.vien@example.vn")
    with pytest.raises(services.QuizError):
        services.grade_by_hand(Response.objects.get(pk=written.pk), Decimal("1.5"), "", trainer)
    services.grade_by_hand(Response.objects.get(pk=written.pk), Decimal("0.5"), "Đúng ý chính.", trainer)

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.percent == Decimal("75.00")
    assert ActivityProgress.objects.get(page=quiz).is_complete


def test_review_options_follow_the_quiz_settings(enrolled, make_quiz, capital_question):
    quiz = make_quiz(
        [capital_question], slug="xem-lai", review_answers_immediately=False, review_answers_open=True, review_score_open=False
    )
    enrollment_services.enroll(enrolled, CoursePage.of(quiz))
    attempt = services.start_attempt(enrolled, quiz)
    submitted = services.submit_attempt(attempt.pk, enrolled)
    submitted.page = quiz

    right_after = services.review_options(submitted, now=submitted.submitted_at + timedelta(seconds=30))
    later = services.review_options(submitted, now=submitted.submitted_at + timedelta(hours=1))

    assert (right_after.score, right_after.answers) == (True, False)
    assert (later.score, later.answers) == (False, True)
    assert services.review_options(submitted, is_staff=True).answers
