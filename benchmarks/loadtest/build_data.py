"""
The load benchmark's data, written into the stack's empty database and
described in a JSON file for the load generator:

    python benchmarks/loadtest/build_data.py --learners 2000 --out data.json

(run with the stack's environment: `LocalStack.environment`). It builds a
published course with a lesson and two 16-question quizzes, one question per
page (12 single-choice, 2 multiple-choice, 2 short-answer): "the exam", which
the stepped load works through, and "the exam's start", which nobody has
opened yet, for the rush of learners starting at once. Every learner is
enrolled and signed in with a server-side session made here, so signing in is
not part of the measured load.

An exam in progress has learners everywhere in it: each learner's place in
the journey (start, page N, answer N, summary, submit, review) is drawn at
random, and those past the start have an attempt, on that page, with the
earlier answers saved. One learner holds a certificate, for
verification by code.

A trigger records in `loadtest_grading` every time an attempt is graded, so
that the load generator can count attempts graded twice from the database.
"""

import argparse
import json
import os
import random
import sys
from decimal import Decimal
from importlib import import_module
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
QUESTIONS = 16
MULTIPLE_CHOICE_POSITIONS = {5, 11}
SHORT_ANSWER_POSITIONS = {8, 15}
# The journey of one quiz taker, as the load generator walks it: start, then
# for each page its view and its answer's autosave, then summary, submit, review.
JOURNEY_LENGTH = 1 + 2 * QUESTIONS + 3

GRADING_LOG = """
CREATE TABLE IF NOT EXISTS loadtest_grading (attempt_id bigint NOT NULL, graded_at timestamptz NOT NULL);
CREATE OR REPLACE FUNCTION loadtest_log_grading() RETURNS trigger AS $$
BEGIN
    INSERT INTO loadtest_grading VALUES (NEW.id, NEW.graded_at);
    RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS loadtest_grading ON quizzes_attempt;
CREATE TRIGGER loadtest_grading AFTER UPDATE OF graded_at ON quizzes_attempt
    FOR EACH ROW WHEN (NEW.graded_at IS NOT NULL AND NEW.graded_at IS DISTINCT FROM OLD.graded_at)
    EXECUTE FUNCTION loadtest_log_grading();
"""


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--out", required=True, help="the JSON file the load generator reads")
    parser.add_argument("--seed", type=int, default=12)
    return parser.parse_args()


def set_up_django():
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    import django

    django.setup()


def build_site():
    """The home page, the catalogue and one published course with a lesson and the two quizzes."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site
    from wagtail.coreutils import get_supported_content_language_variant

    from cms.models import HomePage
    from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title="HọcSố", slug="home", headline="Học kỹ năng số"))
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=443, root_page=home, is_default_site=True)
    catalogue = home.add_child(instance=CourseIndexPage(title="Khoá học", slug="khoa-hoc"))
    catalogue.save_revision().publish()
    course = catalogue.add_child(instance=CoursePage(
        title="Kỹ năng số cho cán bộ", slug="ky-nang-so", summary="Khoá học cho kỳ thi cấp tỉnh.",
    ))
    course.save_revision().publish()
    lesson = course.add_child(instance=LessonPage(
        title="Dịch vụ công trực tuyến", slug="dich-vu-cong",
        body=[
            ("heading", {"text": "Dịch vụ công trực tuyến", "level": "h2"}),
            ("paragraph", "<p>Nộp hồ sơ, tra cứu và thanh toán trên Cổng dịch vụ công quốc gia.</p>" * 6),
        ],
    ))
    lesson.save_revision().publish()
    questions = build_questions()
    quizzes = []
    for slug, title in (("bai-thi", "Bài thi cuối khoá"), ("bai-thi-mo-dau", "Bài thi: mở đầu")):
        quiz = course.add_child(instance=QuizPage(
            title=title, slug=slug, questions_per_page=1, attempts_allowed=0, shuffle_answers=True,
        ))
        for order, question in enumerate(questions):
            quiz.slots.create(question=question, sort_order=order)
        quiz.save()
        quiz.save_revision().publish()
        quizzes.append(QuizPage.objects.get(pk=quiz.pk))
    return CoursePage.objects.get(pk=course.pk), LessonPage.objects.get(pk=lesson.pk), quizzes


def build_questions():
    from lms.quizzes.models import Answer, Question, QuestionCategory

    category = QuestionCategory.add_root(name="Kỳ thi cấp tỉnh")
    questions = []
    for position in range(1, QUESTIONS + 1):
        if position in SHORT_ANSWER_POSITIONS:
            question = Question.objects.create(
                category=category, qtype=Question.Type.SHORT_ANSWER, name=f"Câu {position}",
                text=f"<p>Câu {position}: viết tên cổng dịch vụ công quốc gia.</p>",
            )
            Answer.objects.create(question=question, text="dịch vụ công*", fraction=1, sort_order=0)
        else:
            multiple = position in MULTIPLE_CHOICE_POSITIONS
            question = Question.objects.create(
                category=category,
                qtype=Question.Type.MULTIPLE_CHOICE if multiple else Question.Type.SINGLE_CHOICE,
                name=f"Câu {position}", text=f"<p>Câu {position}: chọn cách làm an toàn.</p>",
            )
            fractions = ["0.5", "0.5", "-0.5", "-0.5"] if multiple else ["1", "0", "0", "0"]
            for order, fraction in enumerate(fractions):
                Answer.objects.create(
                    question=question, text=f"Phương án {order + 1}", fraction=Decimal(fraction), sort_order=order,
                    feedback=f"Phản hồi cho phương án {order + 1}.",
                )
        questions.append(question)
    return questions


def build_learners(count, course):
    """`count` enrolled learners, each with a signed-in session; their session cookies in order."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password

    from lms.accounts.models import User
    from lms.enrollment import services as enrollment_services

    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"thi-sinh-{number:05d}@loadtest.example.vn", full_name=f"Thí Sinh {number:05d}", password=unusable)
        for number in range(count)
    )
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = []
    for user in users:
        enrollment_services.enroll(user, course)
        session = session_store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies.append(session.session_key)
    return users, cookies


def place_in_exam(user, quiz, place, rng):
    """
    Put the learner at `place` of the journey (0: not started): an open
    attempt on that page with every earlier answer saved, submitted when the
    place is the review. Returns the attempt's id and, when the place is an
    autosave, the question of that page as the learner saw it
    ([response id, "radio" | "checkbox" | "text", option ids]).
    """
    from django.utils import timezone

    from lms.quizzes import services
    from lms.quizzes.models import Question, Response

    if place == 0:
        return None, None
    attempt = services.start_attempt(user, quiz)
    page = (place + 1) // 2
    responses = list(attempt.responses.select_related("question"))
    now = timezone.now()
    earlier = [response for response in responses if response.page_number < page]
    for response in earlier:
        if response.question.qtype == Question.Type.SHORT_ANSWER:
            response.answer = "dịch vụ công quốc gia"
        else:
            response.answer = [rng.choice(response.choice_order)]
        response.saved_at = now
    Response.objects.bulk_update(earlier, ["answer", "saved_at"])
    attempt.current_page = min(page, QUESTIONS)
    attempt.save(update_fields=["current_page"])
    if place == JOURNEY_LENGTH - 1:
        services.submit_attempt(attempt.pk, user)
    question = None
    if place <= 2 * QUESTIONS and place % 2 == 0:
        seen = next(response for response in responses if response.page_number == page)
        kind = {Question.Type.SINGLE_CHOICE: "radio", Question.Type.MULTIPLE_CHOICE: "checkbox"}.get(
            seen.question.qtype, "text")
        question = [seen.pk, kind, seen.choice_order if kind != "text" else []]
    return attempt.pk, question


def issue_certificate(user, course):
    from certificates import services as certificate_services
    from lms.enrollment.models import Enrollment

    enrollment = Enrollment.objects.get(user=user, course=course)
    return certificate_services.create_certificate(enrollment, Decimal("92")).code


def install_grading_log():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(GRADING_LOG)


def main():
    arguments = parse_arguments()
    set_up_django()
    from django.conf import settings
    from django.db import transaction

    rng = random.Random(arguments.seed)
    with transaction.atomic():
        course, lesson, (exam, exam_start) = build_site()
        users, cookies = build_learners(arguments.learners, course)
    learners = []
    for user, cookie in zip(users, cookies):
        # An exam in progress: the learners spread evenly over the journey, so the mix of requests is the
        # steady one from the first second (each learner sends one request every learners / rate seconds).
        place = rng.randrange(JOURNEY_LENGTH)
        attempt, question = place_in_exam(user, exam, place, rng)
        learners.append({"session": cookie, "place": place, "attempt": attempt, "question": question})
    code = issue_certificate(users[0], course)
    install_grading_log()
    description = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "exam": exam.pk,
        "exam_start": exam_start.pk,
        "questions": QUESTIONS,
        "lesson_url": lesson.url,
        "home_url": "/",
        "certificate_code": code,
        "learners": learners,
    }
    Path(arguments.out).write_text(json.dumps(description))
    print(f"{len(learners)} learners, exam {exam.pk} ({QUESTIONS} pages), lesson {lesson.url}, certificate {code}")


if __name__ == "__main__":
    main()
