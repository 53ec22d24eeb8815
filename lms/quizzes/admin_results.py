"""Trainers' views of a quiz in the Wagtail admin: attempts, essays to grade, item analysis, CSV."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import Button

from courses.models import CoursePage, QuizPage
from courses.services import is_course_staff
from lms.ids import parse_id  # also registers the "id" path converter
from lms.slugs import slugify

from . import results, services


def editable_quiz(request, page_id):
    """The quiz page, if the user is staff of its course (its trainers, training managers, admins)."""
    quiz = get_object_or_404(QuizPage, pk=page_id)
    if not is_course_staff(request.user, CoursePage.of(quiz)):
        raise PermissionDenied
    return quiz


def attempts(request, page_id):
    quiz = editable_quiz(request, page_id)
    return render(
        request,
        "quizzes/trainer/attempts.html",
        {
            "quiz": quiz,
            "course": CoursePage.of(quiz),
            "attempts": results.finished_attempts(quiz),
            "to_grade": results.responses_to_grade(quiz).count(),
            "statistics": results.item_analysis(quiz),
        },
    )


def attempt_detail(request, page_id, attempt_id):
    """One submitted attempt as the learner answered it, with the right answers: read only."""
    quiz = editable_quiz(request, page_id)
    attempt = get_object_or_404(results.finished_attempts(quiz).prefetch_related(None), pk=attempt_id)
    return render(
        request,
        "quizzes/trainer/attempt.html",
        {
            "quiz": quiz,
            "course": CoursePage.of(quiz),
            "attempt": attempt,
            "responses": services.responses_of(attempt),
            "duration": results.attempt_duration(attempt),
        },
    )


def attempts_csv(request, page_id):
    quiz = editable_quiz(request, page_id)
    response = HttpResponse(results.results_csv(quiz), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{slugify(quiz.slug)}.csv"'
    return response


def attempts_xlsx(request, page_id):
    quiz = editable_quiz(request, page_id)
    response = HttpResponse(
        results.results_xlsx(quiz), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{slugify(quiz.slug)}.xlsx"'
    return response


def grading(request, page_id):
    """Essays waiting for a mark, one form each."""
    quiz = editable_quiz(request, page_id)
    if request.method == "POST":
        response_id = parse_id(request.POST.get("response"))
        if response_id is None:
            raise Http404
        response = get_object_or_404(results.responses_to_grade(quiz), pk=response_id)
        try:
            mark = Decimal(request.POST.get("mark", "").replace(",", "."))
            services.grade_by_hand(response, mark, request.POST.get("comment", "").strip(), request.user)
        except (InvalidOperation, services.QuizError) as error:
            message = error.message if isinstance(error, services.QuizError) else _("Enter the mark as a number.")
            messages.error(request, message)
        else:
            messages.success(request, _("Mark saved for %(name)s.") % {"name": response.attempt.user.full_name})
        return redirect("quiz_grading", quiz.pk)
    return render(request, "quizzes/trainer/grading.html", {"quiz": quiz, "responses": results.responses_to_grade(quiz)})


urlpatterns = [
    path("quizzes/<id:page_id>/attempts/", attempts, name="quiz_attempts"),
    path("quizzes/<id:page_id>/attempts/<id:attempt_id>/", attempt_detail, name="quiz_attempt_detail"),
    path("quizzes/<id:page_id>/attempts.csv", attempts_csv, name="quiz_attempts_csv"),
    path("quizzes/<id:page_id>/attempts.xlsx", attempts_xlsx, name="quiz_attempts_xlsx"),
    path("quizzes/<id:page_id>/grading/", grading, name="quiz_grading"),
]


def results_button(page, user):
    """A "Results" button for quiz pages of the user's courses (page header and listing menus)."""
    if isinstance(page.specific_deferred, QuizPage) and is_course_staff(user, CoursePage.of(page)):
        return Button(
            gettext_lazy("Results"), reverse("quiz_attempts", args=[page.pk]), icon_name="table", priority=40
        )
    return None
