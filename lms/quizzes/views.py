from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from lms.enrollment import services as enrollment_services
from lms.enrollment.views import refused
from lms.ids import parse_id

from . import grading, services
from .models import Attempt


def posted_answers(post):
    """
    What the attempt form sent, per response id. Every question on the page is
    listed in `shown`, so an unticked set of boxes reads as a cleared answer.
    """
    answers = {}
    for shown in post.getlist("shown"):
        response_id = parse_id(shown)
        if response_id is None:
            raise services.QuizError(_("The form was not understood. Reload the page and try again."), status=400)
        prefix = f"answer-{response_id}"
        pairs = {key[len(prefix) + 1:]: post[key] for key in post if key.startswith(prefix + "-") and post[key]}
        values = [value for value in post.getlist(prefix) if value != ""]
        if pairs:
            answers[response_id] = pairs
        elif len(values) > 1:
            answers[response_id] = values
        else:
            answers[response_id] = values[0] if values else None
    return answers


def own_attempt(request, attempt_id):
    attempt = Attempt.objects.select_related("page").filter(pk=attempt_id, user=request.user).first()
    if attempt is None:
        raise Http404
    return attempt


@require_POST
@login_required
def start(request, page_id):
    try:
        page = services.quiz_for(page_id)
    except services.QuizError as error:
        return refused(request, error, "/my/")
    try:
        attempt = services.start_attempt(request.user, page)
    except services.QuizError as error:
        return refused(request, error, page.url)
    return redirect("quiz_attempt", attempt.pk)


@login_required
def attempt_page(request, attempt_id):
    """The questions of one page of an open attempt; POST saves them and moves on."""
    attempt = own_attempt(request, attempt_id)
    if services.close_if_overdue(attempt) or not attempt.is_open:
        return redirect("quiz_review", attempt.pk)
    if request.method == "POST":
        try:
            answers = posted_answers(request.POST)
            result = services.save_answers(attempt.pk, request.user, answers)
        except services.QuizError as error:
            if error.status == 409:
                return redirect("quiz_review", attempt.pk)
            return refused(request, error, reverse("quiz_attempt", args=[attempt.pk]))
        if result.problems:
            # The learner stays on the page, with every answer as they left it and each problem beside its question.
            return attempt_form(request, attempt, problems=result.problems, typed=answers, status=400)
        if "finish" in request.POST:
            return redirect("quiz_summary", attempt.pk)
        goto = parse_id(request.POST.get("goto", "")) or 1
        return redirect(f"{reverse('quiz_attempt', args=[attempt.pk])}?page={goto}")
    requested = parse_id(request.GET.get("page", "")) or attempt.current_page
    return attempt_form(request, attempt, requested)


def quiz_url(quiz):
    """
    The quiz page's address. `{% pageurl %}` would look the request's Site up
    in the database first (these views are not Wagtail's, which would have
    done it already): a query and ~3 ms on every page of every attempt. Without
    a request Wagtail answers from its cached site root paths, with a path
    where the installation has one site.
    """
    return quiz.get_url()


def attempt_form(request, attempt, page_number=None, problems=None, typed=None, status=200):
    """
    One page of the attempt's questions. After a save that found problems,
    `page_number` is None: the page shown is the one the problems are on,
    with what the learner sent (`typed`) in the boxes whose answer was refused.
    """
    problems, typed = problems or {}, typed or {}
    responses = list(attempt.responses.select_related("question"))
    if page_number is None:
        page_number = next(response.page_number for response in responses if response.pk in problems)
    last_page = max(response.page_number for response in responses)
    page_number, last_page = services.move_to_page(attempt, page_number, last_page)
    responses = services.read_options([response for response in responses if response.page_number == page_number])
    for response in responses:
        if response.pk in problems:
            response.problem = problems[response.pk]
            sent = typed.get(response.pk)
            if response.question.qtype in grading.TYPED_LENGTHS and isinstance(sent, str):
                # Shown, not saved: the box keeps what was typed even when it was too long to store.
                response.answer = grading.typed_text(sent)
        else:
            response.problem = grading.answer_problem(response.question, response.answer)
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.page,
            "quiz_url": quiz_url(attempt.page),
            "responses": responses,
            "problems": bool(problems),
            "page_number": page_number,
            "page_numbers": range(1, last_page + 1),
            "last_page": last_page,
            "seconds_left": seconds_left(attempt),
        },
        status=status,
    )


def seconds_left(attempt):
    if attempt.deadline is None:
        return None
    return max(int((attempt.deadline - timezone.now()).total_seconds()), 0)


@require_POST
@login_required
def autosave(request, attempt_id):
    """The attempt page's background save: the same form, answered in JSON."""
    try:
        result = services.save_answers(attempt_id, request.user, posted_answers(request.POST))
    except services.QuizError as error:
        return JsonResponse({"ok": False, "error": str(error.message)}, status=error.status)
    saved = [response.pk for response in result.saved]
    if result.problems:
        return JsonResponse(
            {
                "ok": False,
                "error": _("Some answers need correcting; the others are saved."),
                "saved": saved,
                "problems": {str(response_id): problem for response_id, problem in result.problems.items()},
            },
            status=400,
        )
    return JsonResponse({"ok": True, "saved": saved})


@login_required
def summary(request, attempt_id):
    attempt = own_attempt(request, attempt_id)
    if services.close_if_overdue(attempt) or not attempt.is_open:
        return redirect("quiz_review", attempt.pk)
    responses = services.responses_of(attempt)
    for response in responses:
        response.problem = grading.answer_problem(response.question, response.answer)
    return render(
        request,
        "quizzes/summary.html",
        {"attempt": attempt, "quiz": attempt.page, "responses": responses, "seconds_left": seconds_left(attempt)},
    )


@require_POST
@login_required
def submit(request, attempt_id):
    attempt = own_attempt(request, attempt_id)
    services.submit_attempt(attempt.pk, request.user)
    return redirect("quiz_review", attempt.pk)


@login_required
def review(request, attempt_id):
    attempt = own_attempt(request, attempt_id)
    services.close_if_overdue(attempt)
    attempt.refresh_from_db()
    if attempt.is_open:
        return redirect("quiz_attempt", attempt.pk)
    shown = services.review_options(attempt)
    course = CoursePage.of(attempt.page)
    return render(
        request,
        "quizzes/review.html",
        {
            "attempt": attempt,
            "quiz": attempt.page,
            "quiz_url": quiz_url(attempt.page),
            "responses": services.responses_of(attempt),
            "shown": shown,
            # The attempt that finished the course is where the learner reads so, and finds the certificate.
            "course": course,
            "enrollment": enrollment_services.get_enrollment(request.user, course),
        },
    )
