"""
What trainers learn from a quiz: every attempt with its marks, and Moodle's
item analysis — for each question its facility (how many got it right) and
its discrimination (whether the learners who did well overall got it right).
"""

import io
import math
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from lms import spreadsheets

from .models import Attempt, Response


def finished_attempts(page):
    return (
        Attempt.objects.filter(page=page)
        .exclude(state=Attempt.State.IN_PROGRESS)
        .select_related("user", "user__org_unit")
        .prefetch_related(Prefetch("responses", queryset=Response.objects.select_related("question")))
        .order_by("user__full_name", "number")
    )


def attempt_duration(attempt):
    """How long the attempt took, in whole minutes (at least 1), or None if it was never submitted."""
    if attempt.submitted_at is None:
        return None
    return max(1, round((attempt.submitted_at - attempt.started_at).total_seconds() / 60))


@dataclass
class QuestionStatistics:
    position: int
    name: str
    qtype: str
    attempts: int
    facility: float
    discrimination: float


def correlation(xs, ys):
    """Pearson's r, or None where one side does not vary (Moodle leaves those blank)."""
    count = len(xs)
    if count < 2:
        return None
    mean_x, mean_y = sum(xs) / count, sum(ys) / count
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if not var_x or not var_y:
        return None
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return covariance / math.sqrt(var_x * var_y)


def item_analysis(page):
    """
    Facility index: the average share of the mark earned, in %. Discrimination
    index: the correlation, in %, between the mark on this question and the
    mark on the rest of the attempt. Only graded responses of finished
    attempts count, grouped by question (random slots mix questions).
    """
    by_question = {}
    for attempt in finished_attempts(page).filter(state=Attempt.State.FINISHED):
        responses = list(attempt.responses.all())
        total = sum(float(response.mark or 0) for response in responses)
        for response in responses:
            if response.fraction is None or not response.max_mark:
                continue
            entry = by_question.setdefault(response.question_id, {"question": response.question, "position": response.position, "scores": [], "rest": []})
            entry["scores"].append(float(response.fraction))
            entry["rest"].append(total - float(response.mark or 0))
    statistics = []
    for entry in sorted(by_question.values(), key=lambda item: item["position"]):
        scores = entry["scores"]
        discrimination = correlation(scores, entry["rest"])
        statistics.append(
            QuestionStatistics(
                position=entry["position"],
                name=entry["question"].name,
                qtype=entry["question"].get_qtype_display(),
                attempts=len(scores),
                facility=100 * sum(scores) / len(scores),
                discrimination=None if discrimination is None else 100 * discrimination,
            )
        )
    return statistics


def results_table(page):
    """
    The header and one row per submitted attempt, with a mark column per
    question position: numbers as Decimals and times as local datetimes, for
    each file format to write its own way.
    """
    attempts = list(finished_attempts(page))
    positions = max((len(attempt.responses.all()) for attempt in attempts), default=0)
    header = [
        _("Full name"), _("E-mail"), _("Organisational unit"), _("Attempt"), _("State"), _("Started"), pgettext("quiz attempt", "Submitted"),
        _("Mark"), _("Maximum mark"), _("Score (%)"),
    ] + [_("Q%(number)s") % {"number": number} for number in range(1, positions + 1)]
    rows = []
    for attempt in attempts:
        marks_by_position = {response.position: response.mark for response in attempt.responses.all()}
        rows.append(
            [
                attempt.user.full_name,
                attempt.user.email,
                attempt.user.org_unit.name if attempt.user.org_unit else "",
                attempt.number,
                attempt.get_state_display(),
                local_time(attempt.started_at),
                local_time(attempt.submitted_at),
                attempt.mark,
                attempt.max_mark,
                attempt.percent,
            ]
            + [marks_by_position.get(number) for number in range(1, positions + 1)]
        )
    return header, rows


def local_time(moment):
    """The moment in the site's time zone, without one: spreadsheets have no time zones."""
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0) if moment else None


def results_csv(page):
    """
    The results as CSV, for tools other than Excel: UTF-8 with a BOM,
    comma-separated, decimals with a point. A Vietnamese Excel reads a CSV
    with the system's list separator and decimal comma, so no one CSV suits
    both it and other tools; `results_xlsx` is the file for Excel.
    """
    header, rows = results_table(page)
    output = io.StringIO()
    output.write("\ufeff")
    writer = spreadsheets.CsvWriter(output)
    writer.writerow(header)
    for row in rows:
        writer.writerow([value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value for value in row])
    return output.getvalue()


def results_xlsx(page):
    """
    The results as an Excel workbook: marks and scores are numbers, which
    Excel shows with the reader's own decimal separator (a comma in
    Vietnamese) and can sum; times are dates; text is neutralised.
    """
    header, rows = results_table(page)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Results")[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=spreadsheets.neutralise(title))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_cell(sheet, value):
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY HH:MM"
        return cell
    if isinstance(value, str):
        return spreadsheets.neutralise(value)
    return value


def responses_to_grade(page):
    return (
        Response.objects.filter(attempt__page=page, attempt__state=Attempt.State.NEEDS_GRADING, fraction__isnull=True)
        .select_related("attempt__user", "question")
        .order_by("attempt__submitted_at", "position")
    )
