"""
What learners and trainers do with quizzes: start an attempt, save answers as
they go, submit, grade, review. Deadlines are the server's: an answer that
arrives after one is refused, and an overdue attempt is closed and graded as
it stands the next time anything touches it. Every function changes nothing
when it raises QuizError.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, GradingMethod, Navigation, QuizPage
from lms.enrollment import services as enrollment_services

from . import grading
from .models import Attempt, Question, QuestionCategory, Response

# Moodle's "immediately after the attempt" review window.
IMMEDIATE_REVIEW_WINDOW = timedelta(minutes=2)
CHOICE_TYPES = {Question.Type.SINGLE_CHOICE, Question.Type.MULTIPLE_CHOICE, Question.Type.TRUE_FALSE}
CENT = Decimal("0.01")


class QuizError(Exception):
    """A refused quiz action; `message` is for the learner, `status` the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def questions_with_answers():
    return Question.objects.prefetch_related("answers", "matches")


def responses_of(attempt):
    """The attempt's responses in order, each with its question, answers and pairs (a fixed number of queries)."""
    return list(attempt.responses.prefetch_related(Prefetch("question", queryset=questions_with_answers())))


def read_options(responses):
    """
    Load what checking and showing an answer read of each response's question
    (already joined to it): the answers of a choice question, the pairs of a
    matching one. A page shows one question and an autosave saves one, so the
    other questions of the attempt are not read at all; grading, which needs
    every answer of every question, goes through `responses_of`.
    """
    questions = [response.question for response in responses]
    prefetch_related_objects([question for question in questions if question.qtype in CHOICE_TYPES], "answers")
    prefetch_related_objects([question for question in questions if question.qtype == Question.Type.MATCHING], "matches")
    return responses


# Starting -------------------------------------------------------------------------------------


def start_attempt(user, page, now=None):
    """Resume the learner's open attempt, or start a new one if the quiz and their attempts allow."""
    now = now or timezone.now()
    course = CoursePage.of(page)
    try:
        enrollment_services.current_enrollment(user, course)
    except enrollment_services.EnrollmentError as error:
        raise QuizError(error.message, error.status) from None

    open_attempt = Attempt.objects.filter(page=page, user=user, state=Attempt.State.IN_PROGRESS).first()
    if open_attempt is not None:
        if not close_if_overdue(open_attempt, now):
            return open_attempt
    if page.opens_at and now < page.opens_at:
        raise QuizError(_("This quiz is not open yet."), status=403)
    if page.closes_at and now >= page.closes_at:
        raise QuizError(_("This quiz is closed."), status=403)
    used = Attempt.objects.filter(page=page, user=user).count()
    if page.attempts_allowed and used >= page.attempts_allowed:
        raise QuizError(_("You have used all the attempts allowed for this quiz."), status=403)

    layout = draw_questions(page)
    if not layout:
        raise QuizError(_("This quiz has no questions yet."), status=409)
    deadline = None
    if page.time_limit_minutes:
        deadline = now + timedelta(minutes=page.time_limit_minutes)
    if page.closes_at:
        deadline = min(deadline, page.closes_at) if deadline else page.closes_at

    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                page=page,
                user=user,
                number=used + 1,
                deadline=deadline,
                max_mark=sum((mark for _question, mark in layout), Decimal(0)),
            )
            Response.objects.bulk_create(
                Response(
                    attempt=attempt,
                    question=question,
                    position=position,
                    page_number=(position - 1) // max(page.questions_per_page, 1) + 1,
                    max_mark=mark,
                    choice_order=choice_order(question, page.shuffle_answers),
                )
                for position, (question, mark) in enumerate(layout, start=1)
            )
    except IntegrityError:
        # A double click started the same attempt twice: the other request won.
        return Attempt.objects.get(page=page, user=user, state=Attempt.State.IN_PROGRESS)
    return attempt


def draw_questions(page):
    """The (question, mark) pairs of a new attempt: fixed slots as they are, random slots drawn afresh."""
    # Sorted here, not in SQL: a slot without a position (NULL) comes first on
    # every database (PostgreSQL sorts NULL last), and a preview's unsaved slots sort too.
    slots = sorted(
        page.slots.select_related("question", "random_category"),
        key=lambda slot: (slot.sort_order is not None, slot.sort_order or 0, slot.pk or 0),
    )
    chosen_ids = {slot.question_id for slot in slots if slot.question_id}
    layout, placed = [], set()
    for slot in slots:
        if slot.question_id:
            # Adding a whole category can choose a question the quiz already has: it is asked once.
            if slot.question_id not in placed:
                placed.add(slot.question_id)
                layout.append((slot.question, slot.mark if slot.mark is not None else slot.question.default_mark))
            continue
        categories = QuestionCategory.objects.filter(pk=slot.random_category_id)
        if slot.include_subcategories:
            categories = QuestionCategory.get_tree(slot.random_category)
        candidates = list(Question.objects.filter(category__in=categories).exclude(pk__in=chosen_ids))
        for question in random.sample(candidates, min(slot.random_count, len(candidates))):
            chosen_ids.add(question.pk)
            layout.append((question, slot.mark if slot.mark is not None else question.default_mark))
    if page.shuffle_questions:
        random.shuffle(layout)
    questions = questions_with_answers().in_bulk([question.pk for question, _mark in layout])
    return [(questions[question.pk], mark) for question, mark in layout]


def choice_order(question, shuffle_allowed):
    """The order this learner sees the options in, fixed for the whole attempt."""
    if question.qtype in CHOICE_TYPES:
        order = [answer.pk for answer in question.answers.all()]
    elif question.qtype == Question.Type.MATCHING:
        order = sorted({pair.answer for pair in question.matches.all()})
    else:
        return []
    if shuffle_allowed and question.shuffle_answers and question.qtype != Question.Type.TRUE_FALSE:
        random.shuffle(order)
    return order


# Answering ------------------------------------------------------------------------------------


def locked_open_attempt(attempt_id, user, now):
    """The learner's attempt, locked for this transaction, if it can still take answers."""
    attempt = (
        Attempt.objects.select_for_update(of=("self",)).select_related("page").filter(pk=attempt_id, user=user).first()
    )
    if attempt is None:
        raise QuizError(_("This attempt does not exist."), status=404)
    if not attempt.is_open:
        raise QuizError(_("This attempt is finished; its answers can no longer be changed."), status=409)
    if attempt.deadline and now > attempt.deadline:
        raise QuizError(_("Time is up: your attempt was submitted with the answers saved before the deadline."), 409)
    return attempt


@dataclass
class SavedAnswers:
    """What `save_answers` did: the responses it wrote, and what is wrong with the answers it could not take."""

    saved: list
    problems: dict  # response id -> a sentence for the learner, shown beside the question


def save_answers(attempt_id, user, raw_answers, now=None):
    """
    Store answers for some questions of an open attempt. `raw_answers` maps
    response ids to what the browser sent (None clears an answer).

    One answer that cannot be taken never costs the others: every valid
    answer is stored, and each problem is reported in `problems`. A typed
    answer that is not valid (a number that is not one) is stored as typed,
    so that nothing the learner typed is lost; it is graded as wrong if it
    is still there at the end. Only answers for questions outside the
    attempt, or on pages sequential navigation has closed, refuse the whole
    save (QuizError), as they are not this attempt's answers at all.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            attempt = locked_open_attempt(attempt_id, user, now)
            sent = attempt.responses.select_related("question").filter(pk__in=raw_answers)
            responses = {response.pk: response for response in read_options(list(sent))}
            unknown = set(raw_answers) - set(responses)
            if unknown:
                raise QuizError(_("Some answers are for questions that are not in this attempt."), status=400)
            if attempt.page.navigation == Navigation.SEQUENTIAL and any(
                responses[response_id].page_number < attempt.current_page for response_id in raw_answers
            ):
                raise QuizError(_("This quiz goes forward only: earlier pages can no longer be changed."), 409)
            changed, problems = [], {}
            for response_id, raw in raw_answers.items():
                response = responses[response_id]
                try:
                    response.answer = None if raw in (None, "", []) else grading.normalise_response(response.question, raw)
                except ValueError as error:
                    problems[response_id] = str(error)
                    kept = grading.kept_as_typed(response.question, raw)
                    if kept is None:
                        continue
                    response.answer = kept
                response.saved_at = now
                changed.append(response)
            Response.objects.bulk_update(changed, ["answer", "saved_at"])
    except QuizError as error:
        if error.status == 409:
            close_if_overdue(Attempt.objects.get(pk=attempt_id), now)
        raise
    return SavedAnswers(changed, problems)


# Submitting and grading -----------------------------------------------------------------------


def close_if_overdue(attempt, now=None):
    """Submit an open attempt whose deadline has passed, as it stands. Returns whether it did."""
    now = now or timezone.now()
    if attempt.is_open and attempt.deadline and now > attempt.deadline:
        submit_attempt(attempt.pk, attempt.user, now=now)
        return True
    return False


def submit_attempt(attempt_id, user, now=None):
    """Grade an open attempt. Submitting twice grades once: the second call returns the graded attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().filter(pk=attempt_id, user=user).first()
        if attempt is None:
            raise QuizError(_("This attempt does not exist."), status=404)
        if not attempt.is_open:
            return attempt
        responses = responses_of(attempt)
        for response in responses:
            result = grading.grade(response.question, response.answer)
            response.fraction = result.fraction
            response.feedback = result.feedback
            response.mark = marks(result.fraction, response.max_mark)
        Response.objects.bulk_update(responses, ["fraction", "feedback", "mark"])
        # Late, whoever submits: the attempt closes as of its deadline, as the clock closes it.
        attempt.submitted_at = min(now, attempt.deadline) if attempt.deadline else now
        if any(response.fraction is None for response in responses):
            attempt.state = Attempt.State.NEEDS_GRADING
            attempt.save(update_fields=["state", "submitted_at"])
        else:
            finish(attempt, responses, now)
    return attempt


def marks(fraction, max_mark):
    if fraction is None:
        return None
    return (fraction * max_mark).quantize(CENT, rounding=ROUND_HALF_UP)


def finish(attempt, responses, now):
    """Total an attempt whose every response is graded, and pass its result on to the course."""
    attempt.state = Attempt.State.FINISHED
    attempt.graded_at = now
    attempt.mark = sum((response.mark for response in responses), Decimal(0))
    attempt.percent = (100 * attempt.mark / attempt.max_mark).quantize(CENT) if attempt.max_mark else Decimal(0)
    attempt.save(update_fields=["state", "graded_at", "mark", "percent", "submitted_at"])
    report_result(attempt.user, attempt.page)


def grade_by_hand(response, mark, comment, grader, now=None):
    """A trainer's mark for an essay (or an override); the attempt finishes when nothing is left to grade."""
    now = now or timezone.now()
    if mark is None or not (0 <= mark <= response.max_mark):
        raise QuizError(_("The mark must be between 0 and %(max)s.") % {"max": response.max_mark}, status=400)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=response.attempt_id)
        if attempt.is_open:
            raise QuizError(_("This attempt has not been submitted yet."), status=409)
        response.mark = Decimal(mark).quantize(CENT)
        response.fraction = response.mark / response.max_mark if response.max_mark else Decimal(1)
        # No NUL: no keyboard types it and PostgreSQL cannot store it.
        response.grader_comment = comment.replace("\x00", "")
        response.graded_by = grader
        response.save(update_fields=["mark", "fraction", "grader_comment", "graded_by"])
        responses = list(attempt.responses.all())
        if all(other.fraction is not None for other in responses):
            finish(attempt, responses, now)
    return response


# Results --------------------------------------------------------------------------------------


def final_percent(page, user):
    """The learner's grade for the quiz by its grading method, over finished attempts (None if there are none)."""
    percents = list(
        Attempt.objects.filter(page=page, user=user, state=Attempt.State.FINISHED)
        .order_by("number")
        .values_list("percent", flat=True)
    )
    if not percents:
        return None
    method = page.grading_method
    if method == GradingMethod.FIRST:
        return percents[0]
    if method == GradingMethod.LAST:
        return percents[-1]
    if method == GradingMethod.AVERAGE:
        return (sum(percents, Decimal(0)) / len(percents)).quantize(CENT)
    return max(percents)


def report_result(user, page):
    """Tell lms.enrollment the learner's quiz grade; passing completes the activity."""
    percent = final_percent(page, user)
    if percent is None:
        return
    course = CoursePage.of(page)
    enrollment = enrollment_services.get_enrollment(user, course)
    if enrollment is None or not enrollment.is_current:
        return
    enrollment_services.record_score(enrollment, page, course, percent, passed=percent >= page.pass_mark)


@dataclass
class ReviewOptions:
    score: bool
    answers: bool
    feedback: bool


def review_options(attempt, now=None, is_staff=False):
    """What the learner may see of a submitted attempt now, by the quiz's review settings."""
    if is_staff:
        return ReviewOptions(True, True, True)
    if attempt.is_open:
        return ReviewOptions(False, False, False)
    now = now or timezone.now()
    page = attempt.page
    if page.closes_at and now >= page.closes_at:
        moment = "closed"
    elif attempt.submitted_at and now - attempt.submitted_at <= IMMEDIATE_REVIEW_WINDOW:
        moment = "immediately"
    else:
        moment = "open"
    return ReviewOptions(
        score=getattr(page, f"review_score_{moment}"),
        answers=getattr(page, f"review_answers_{moment}"),
        feedback=getattr(page, f"review_feedback_{moment}"),
    )


def move_to_page(attempt, page_number, last_page=None):
    """
    The page of the attempt the learner may see: with sequential navigation,
    never an earlier one. `last_page` is the attempt's last page, for a caller
    that has its responses in hand already.
    """
    if last_page is None:
        last_page = attempt.responses.order_by("-page_number").values_list("page_number", flat=True).first() or 1
    page_number = min(max(page_number, 1), last_page)
    if attempt.page.navigation == Navigation.SEQUENTIAL:
        page_number = max(page_number, attempt.current_page)
    if page_number > attempt.current_page:
        attempt.current_page = page_number
        attempt.save(update_fields=["current_page"])
    return page_number, last_page


def attempts_left(page, used):
    return None if not page.attempts_allowed else max(page.attempts_allowed - used, 0)


def quiz_for(page_id):
    page = QuizPage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise QuizError(_("This quiz does not exist."), status=404)
    return page
