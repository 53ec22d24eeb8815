"""Quiz fixtures: a small question bank and a quiz page in an enrolled learner's course."""

from decimal import Decimal

import pytest

from courses.models import CoursePage, QuizPage
from lms.enrollment import services as enrollment_services
from lms.quizzes.models import Answer, MatchPair, Question, QuestionCategory, QuizSlot


@pytest.fixture
def category(db):
    return QuestionCategory.add_root(name="Kỹ năng số")


@pytest.fixture
def make_question(category):
    """A question of any type with its answers: `answers` is a list of (text, fraction[, tolerance])."""

    def build(qtype=Question.Type.SINGLE_CHOICE, name=None, answers=(), matches=(), **fields):
        question = Question.objects.create(
            category=fields.pop("category", category),
            qtype=qtype,
            name=name or f"Câu hỏi {Question.objects.count() + 1}",
            text=fields.pop("text", "<p>Câu hỏi?</p>"),
            **fields,
        )
        for order, answer in enumerate(answers):
            text, fraction, *rest = answer
            Answer.objects.create(
                question=question, text=text, fraction=Decimal(str(fraction)), tolerance=rest[0] if rest else 0,
                feedback=f"Phản hồi cho {text}", sort_order=order,
            )
        for order, (prompt, answer) in enumerate(matches):
            MatchPair.objects.create(question=question, prompt=prompt, answer=answer, sort_order=order)
        return question

    return build


@pytest.fixture
def capital_question(make_question):
    return make_question(
        name="Thủ đô",
        text="<p>Thủ đô của Việt Nam là?</p>",
        answers=[("Hà Nội", 1), ("Huế", 0), ("Đà Nẵng", 0)],
        shuffle_answers=False,
    )


def right_answer_id(question):
    return next(answer.pk for answer in question.answers.all() if answer.fraction == 1)


@pytest.fixture
def make_quiz(make_course):
    """A course holding one quiz with the given questions; extra keyword arguments set quiz options."""

    def build(questions, slug="kiem-tra", course=None, **options):
        course = course or make_course(slug=f"khoa-{slug}", lessons=1)
        quiz = course.add_child(instance=QuizPage(title="Bài kiểm tra", slug=slug, **options))
        for order, question in enumerate(questions):
            QuizSlot.objects.create(page=quiz, question=question, sort_order=order)
        quiz.save_revision().publish()
        return QuizPage.objects.get(pk=quiz.pk)

    return build


@pytest.fixture
def quiz(make_quiz, capital_question):
    return make_quiz([capital_question])


@pytest.fixture
def enrolled(learner, quiz):
    """The learner, enrolled in the quiz's course."""
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    return learner
