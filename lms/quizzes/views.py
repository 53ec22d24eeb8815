from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.enrollment.views import refused

from . import services
from .models import Attempt


def posted_answers(post):
    """
    What the attempt form sent, per response id. Every question on the page is
    listed in `shown`, so an unticked set of boxes reads as a cleared answer.
    """
    answers = {}
    for shown in post.getlist("shown"):
        if not shown.isdigit():
            raise services.QuizError(_("The form was not understood. Reload the page and try again."), status=400)
        response_id = int(shown)
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
            services.save_answers(attempt.pk, request.user, posted_answers(request.POST))
        except services.QuizError as error:
            if error.status == 409:
                return redirect("quiz_review", attempt.pk)
            return refused(request, error, reverse("quiz_attempt", args=[attempt.pk]))
        if "finish" in request.POST:
            return redirect("quiz_summary", attempt.pk)
        return redirect(f"{reverse('quiz_attempt', args=[attempt.pk])}?page={request.POST.get('goto', 1)}")
    requested = request.GET.get("page", str(attempt.current_page))
    page_number, last_page = services.move_to_page(attempt, int(requested) if requested.isdigit() else 1)
    responses = [response for response in services.responses_of(attempt) if response.page_number == page_number]
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.page,
            "responses": responses,
            "page_number": page_number,
            "page_numbers": range(1, last_page + 1),
            "last_page": last_page,
            "seconds_left": seconds_left(attempt),
        },
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
        saved = services.save_answers(attempt_id, request.user, posted_answers(request.POST))
    except services.QuizError as error:
        return JsonResponse({"ok": False, "error": str(error.message)}, status=error.status)
    return JsonResponse({"ok": True, "saved": [response.pk for response in saved]})


@login_required
def summary(request, attempt_id):
    attempt = own_attempt(request, attempt_id)
    if services.close_if_overdue(attempt) or not attempt.is_open:
        return redirect("quiz_review", attempt.pk)
    responses = list(attempt.responses.only("position", "page_number", "answer"))
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
    return render(
        request,
        "quizzes/review.html",
        {
            "attempt": attempt,
            "quiz": attempt.page,
            "responses": services.responses_of(attempt),
            "shown": shown,
        },
    )
