"""
One attempt, read afterwards: by the learner on the review page (the right
answers only when the quiz's review options say so, and a word when the clock
closed it) and by the course's staff from the results (every answer, read only).
"""

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from lms.enrollment import services as enrollment_services
from lms.quizzes import services
from lms.quizzes.models import Attempt
from tests.conftest import right_answer_id


def page_text(response):
    return unescape(response.content.decode())


@pytest.fixture
def capital_quiz(make_quiz, capital_question):
    def build(**options):
        return make_quiz([capital_question], slug="xem-lai-dap-an", **options)

    return build


def wrong_attempt(learner, quiz, question):
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz)
    wrong = question.answers.get(text="Huế")
    services.save_answers(attempt.pk, learner, {attempt.responses.get().pk: str(wrong.pk)})
    return services.submit_attempt(attempt.pk, learner)


# The learner's review --------------------------------------------------------------------------


def test_the_review_names_the_right_answer_when_the_quiz_allows_it(learner_client, learner, capital_quiz, capital_question):
    quiz = capital_quiz(review_answers_immediately=True)
    attempt = wrong_attempt(learner, quiz, capital_question)

    review = page_text(learner_client.get(f"/my/attempts/{attempt.pk}/review/"))

    assert "Đáp án đúng: Hà Nội" in review


def test_the_review_keeps_the_right_answer_hidden_when_the_quiz_does_not(learner_client, learner, capital_quiz, capital_question):
    quiz = capital_quiz(review_answers_immediately=False)
    attempt = wrong_attempt(learner, quiz, capital_question)

    review = page_text(learner_client.get(f"/my/attempts/{attempt.pk}/review/"))

    assert "Huế" in review  # the learner still sees what they chose
    assert "Đáp án đúng" not in review
    assert 'class="right"' not in review and " right" not in review.split('class="review-choices"')[1].split("</ul>")[0]


def test_an_attempt_closed_by_the_clock_says_so_and_grades_what_was_saved(learner_client, learner, capital_quiz, capital_question):
    quiz = capital_quiz(time_limit_minutes=10)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    started = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=30)
    attempt = services.start_attempt(learner, quiz, now=started)
    response = attempt.responses.get()
    services.save_answers(
        attempt.pk, learner, {response.pk: str(right_answer_id(capital_question))}, now=started + timedelta(minutes=8)
    )

    review = page_text(learner_client.get(f"/my/attempts/{attempt.pk}/", follow=True))

    deadline = timezone.localtime(started + timedelta(minutes=10))
    assert f"Hết giờ: bài làm đã được nộp tự động lúc {deadline:%d/%m/%Y %H:%M}" in review
    assert "Điểm số: 1 / 1 (100%)" in review
    graded = Attempt.objects.get(pk=attempt.pk)
    assert graded.submitted_at == graded.deadline and graded.percent == 100


def test_a_submit_that_arrives_late_is_closed_by_the_clock_too(learner_client, learner, capital_quiz):
    quiz = capital_quiz(time_limit_minutes=5)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz, now=timezone.now() - timedelta(minutes=20))

    review = page_text(learner_client.post(f"/my/attempts/{attempt.pk}/submit/", follow=True))

    assert "Hết giờ: bài làm đã được nộp tự động lúc" in review
    assert Attempt.objects.get(pk=attempt.pk).submitted_at == attempt.deadline


def test_an_attempt_the_learner_submitted_in_time_says_nothing_of_the_clock(learner_client, learner, capital_quiz):
    quiz = capital_quiz(time_limit_minutes=10)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    attempt = services.start_attempt(learner, quiz)

    review = page_text(learner_client.post(f"/my/attempts/{attempt.pk}/submit/", follow=True))

    assert "Lượt làm bài 1: xem lại" in review and "Hết giờ" not in review


# The staff's view from the results -------------------------------------------------------------


@pytest.fixture
def submitted(make_user, make_quiz, capital_question, make_course):
    course = make_course(slug="an-toan-so", title="An toàn trên không gian số", lessons=1)
    quiz = make_quiz([capital_question], slug="kiem-tra-cuoi", course=course, review_answers_immediately=False)
    learner = make_user(email="hv.xem@example.vn", full_name="Đỗ Thị Lan")
    return quiz, wrong_attempt(learner, quiz, capital_question)


def test_the_results_page_names_the_quiz_and_its_course(client, make_trainer, submitted):
    quiz, _attempt = submitted
    client.force_login(make_trainer(CoursePage.of(quiz)))

    page = page_text(client.get(f"/admin/quizzes/{quiz.pk}/attempts/"))

    title = page.split("<title>")[1].split("</title>")[0]
    heading = page.split('id="header-title"')[1].split("</h1>")[0]
    for text in (title, heading):
        assert "Bài kiểm tra" in text and "An toàn trên không gian số" in text


def test_the_course_trainer_opens_one_attempt_with_every_answer_read_only(client, make_trainer, submitted):
    quiz, attempt = submitted
    client.force_login(make_trainer(CoursePage.of(quiz)))
    results = page_text(client.get(f"/admin/quizzes/{quiz.pk}/attempts/"))
    detail_url = f"/admin/quizzes/{quiz.pk}/attempts/{attempt.pk}/"
    assert f'href="{detail_url}"' in results

    response = client.get(detail_url)

    page = page_text(response)
    assert response.status_code == 200
    assert "Đỗ Thị Lan" in page and "Thủ đô của Việt Nam là?" in page
    assert "☑ <strong>đã chọn:</strong> Huế" in page
    assert "Đáp án đúng: Hà Nội" in page
    assert "0 / 1 (0%)" in page
    assert "Thời gian làm bài" in page and "1 phút" in page
    assert "<form" not in page.split('class="nice-padding"')[1]


def test_another_trainer_hr_and_the_learner_cannot_open_an_attempt(client, make_trainer, make_course, hr_officer, submitted):
    quiz, attempt = submitted
    detail_url = f"/admin/quizzes/{quiz.pk}/attempts/{attempt.pk}/"
    for user in (make_trainer(make_course(slug="khoa-khac", lessons=1), email="gv.khac@example.vn"), hr_officer, attempt.user):
        client.force_login(user)
        response = client.get(detail_url)
        assert response.status_code in (302, 403), user
        assert "Huế" not in response.content.decode()


def test_an_attempt_of_another_quiz_is_not_found(client, manager, submitted, make_quiz, make_question):
    _quiz, attempt = submitted
    other = make_quiz([make_question(answers=[("Có", 1)])], slug="quiz-khac")
    client.force_login(manager)

    assert client.get(f"/admin/quizzes/{other.pk}/attempts/{attempt.pk}/").status_code == 404


def test_the_review_of_the_attempt_that_finishes_the_course_says_so_and_where_the_certificate_is(
    learner_client, learner, capital_quiz, capital_question, django_capture_on_commit_callbacks,
):
    quiz = capital_quiz()
    course = CoursePage.of(quiz)
    enrollment_services.enroll(learner, course)
    for lesson in course.get_descendants().type(LessonPage).live():
        learner_client.get(lesson.url)
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt.pk, learner, {attempt.responses.get().pk: str(right_answer_id(capital_question))})

    with django_capture_on_commit_callbacks(execute=True):
        review = page_text(learner_client.post(f"/my/attempts/{attempt.pk}/submit/", follow=True))
    again = page_text(learner_client.get(f"/my/attempts/{attempt.pk}/review/"))

    assert f"Bạn đã hoàn thành khoá học “{course.title}”." in review
    assert "Chứng chỉ của bạn đang được chuẩn bị" in review
    code = Certificate.objects.get(enrollment__user=learner).display_code
    assert f'href="/certificates/verify/{code}/"' in again


def test_the_review_of_an_attempt_that_leaves_the_course_unfinished_says_nothing_of_completion(
    learner_client, learner, capital_quiz, capital_question,
):
    quiz = capital_quiz()
    attempt = wrong_attempt(learner, quiz, capital_question)

    review = page_text(learner_client.get(f"/my/attempts/{attempt.pk}/review/"))

    assert "Bạn đã hoàn thành khoá học" not in review
