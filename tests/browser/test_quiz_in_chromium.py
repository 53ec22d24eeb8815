"""A quiz on a phone with a connection that drops: nothing the learner answered is lost."""

import pytest

from courses.models import CoursePage
from lms.enrollment import services as enrollment_services
from lms.quizzes.models import Attempt, Question, Response
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def stored_answer(question_type):
    return Response.objects.get(question__qtype=question_type).answer


def test_answers_are_saved_as_the_learner_goes_even_through_a_dropped_connection(live_server, phone, learner, make_quiz, make_question):
    capital = make_question(text="<p>Thủ đô của Việt Nam?</p>", answers=[("Hà Nội", 1), ("Huế", 0)], shuffle_answers=False)
    hotline = make_question(Question.Type.NUMERICAL, text="<p>Số tổng đài chống lừa đảo?</p>", answers=[("156", 1)])
    quiz = make_quiz([capital, hotline], slug="kiem-tra-mang-yeu", time_limit_minutes=20)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    log_in(phone, live_server.url, learner.email)

    phone.goto(f"{live_server.url}{quiz.url}")
    phone.locator(f"form[action='/my/quizzes/{quiz.pk}/start/'] button").click()
    phone.locator(".timer").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    phone.get_by_label("Hà Nội").check()
    phone.wait_for_function("document.querySelector('.save-state').textContent.includes(document.querySelector('.save-state').dataset.saved)")
    hanoi = capital.answers.get(text="Hà Nội").pk
    assert stored_answer(Question.Type.SINGLE_CHOICE) == [hanoi]

    phone.context.set_offline(True)
    phone.locator("input[inputmode=decimal]").fill("156")
    phone.wait_for_function("document.querySelector('.save-state').textContent === document.querySelector('.save-state').dataset.offline")
    assert stored_answer(Question.Type.NUMERICAL) is None

    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_function("document.querySelector('.save-state').textContent.includes(document.querySelector('.save-state').dataset.saved)")
    assert stored_answer(Question.Type.NUMERICAL) == "156"

    phone.locator("button[name=finish]").click()
    phone.locator(f"form[action='/my/attempts/{Attempt.objects.get().pk}/submit/'] button").click()
    phone.locator(".score").wait_for()
    assert Attempt.objects.get().percent == 100


def test_a_number_typed_wrong_costs_no_other_answer_and_the_learner_can_correct_it(live_server, phone, learner, make_quiz, make_question):
    scams = make_question(Question.Type.MULTIPLE_CHOICE, text="<p>Dấu hiệu lừa đảo?</p>",
                          answers=[("Đòi mã OTP", 0.5), ("Hối thúc chuyển tiền", 0.5), ("Gọi từ số lạ rồi cúp máy", 0)],
                          shuffle_answers=False)
    capital = make_question(text="<p>Thủ đô của Việt Nam?</p>", answers=[("Hà Nội", 1), ("Huế", 0)], shuffle_answers=False)
    hotline = make_question(Question.Type.NUMERICAL, text="<p>Số tổng đài chống lừa đảo?</p>", answers=[("156", 1)])
    later = make_question(text="<p>Câu ở trang sau?</p>", answers=[("Có", 1), ("Không", 0)], shuffle_answers=False)
    quiz = make_quiz([scams, capital, hotline, later], slug="kiem-tra-nhap-sai", questions_per_page=3,
                     time_limit_minutes=20, shuffle_questions=False)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    log_in(phone, live_server.url, learner.email)
    phone.goto(f"{live_server.url}{quiz.url}")
    phone.locator(f"form[action='/my/quizzes/{quiz.pk}/start/'] button").click()
    phone.locator(".timer").wait_for()

    phone.get_by_label("Đòi mã OTP").check()
    phone.get_by_label("Hối thúc chuyển tiền").check()
    phone.get_by_label("Hà Nội").check()
    phone.locator("input[inputmode=decimal]").fill("1800 1234")
    problem = phone.locator("fieldset:has(input[inputmode=decimal]) .problem")
    problem.wait_for()
    assert "Hãy nhập một số, ví dụ 3,5" in problem.text_content()
    assert stored_answer(Question.Type.NUMERICAL) == "1800 1234"
    assert len(stored_answer(Question.Type.MULTIPLE_CHOICE)) == 2
    assert Response.objects.get(question=capital).answer == [capital.answers.get(text="Hà Nội").pk]
    attempt = Attempt.objects.get()
    assert "1800 1234" in phone.evaluate(f"window.localStorage.getItem('hocso-attempt-{attempt.pk}')")

    phone.get_by_role("button", name="Trang sau").click()
    phone.wait_for_load_state()
    assert phone.locator("input[inputmode=decimal]").input_value() == "1800 1234"
    assert "Hãy nhập một số" in phone.locator("fieldset:has(input[inputmode=decimal]) .problem").text_content()
    assert phone.get_by_label("Đòi mã OTP").is_checked() and phone.get_by_label("Hà Nội").is_checked()
    minutes = int(phone.locator(".timer").text_content().split(":")[0])
    assert 18 <= minutes < 20

    phone.locator("input[inputmode=decimal]").fill("156")
    phone.wait_for_function("document.querySelector('.save-state').textContent.includes(document.querySelector('.save-state').dataset.saved)")
    assert phone.locator("fieldset:has(input[inputmode=decimal]) .problem").is_hidden()
    phone.get_by_role("button", name="Trang sau").click()
    phone.get_by_text("Câu ở trang sau?").wait_for()
    # The new page may still be saving what it restored: the test ends once nothing is in flight.
    phone.wait_for_load_state("networkidle")
    assert stored_answer(Question.Type.NUMERICAL) == "156"


def test_an_answer_given_before_the_page_script_arrives_is_still_saved(live_server, phone, learner, make_quiz, make_question):
    """On a weak connection the question shows before quiz.js arrives, and the learner answers it
    meanwhile: the script, once run, saves what it finds answered (CI once checked the box that early)."""
    capital = make_question(text="<p>Thủ đô của Việt Nam?</p>", answers=[("Hà Nội", 1), ("Huế", 0)], shuffle_answers=False)
    hotline = make_question(Question.Type.NUMERICAL, text="<p>Số tổng đài chống lừa đảo?</p>", answers=[("156", 1)])
    quiz = make_quiz([capital, hotline], slug="kiem-tra-cham", shuffle_questions=False)
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    log_in(phone, live_server.url, learner.email)
    held = []

    phone.goto(f"{live_server.url}{quiz.url}")
    phone.route("**/js/quiz*.js", lambda route: held.append(route))
    phone.locator(f"form[action='/my/quizzes/{quiz.pk}/start/'] button").click(no_wait_after=True)
    phone.get_by_label("Hà Nội").check()
    phone.locator("input[inputmode=decimal]").fill("156")
    assert phone.evaluate("document.querySelector('.save-state').textContent") == "Câu trả lời của bạn được lưu tự động trong khi làm bài."
    held.pop().continue_()

    phone.wait_for_function("document.querySelector('.save-state').textContent.includes(document.querySelector('.save-state').dataset.saved)")
    assert stored_answer(Question.Type.SINGLE_CHOICE) == [capital.answers.get(text="Hà Nội").pk]
    assert stored_answer(Question.Type.NUMERICAL) == "156"
