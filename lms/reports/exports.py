"""
The reports as files: XLSX for people who work in Excel (real numbers and
dates, the header row frozen and filtered, headers in the active language)
and CSV for other tools (UTF-8 with a byte-order mark). Every text cell goes
through lms.spreadsheets: a learner named `=HYPERLINK(...)` stays a name.
The XLSX is written in openpyxl's write-only mode, row by row, so 20,000
people take seconds and little memory. The views, the `coverage_report`
command and the weekly e-mail all write through here.
"""

import datetime
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lms.slugs import slugify
from lms.spreadsheets import CsvWriter, neutralise

from . import services

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
STATUS_LABELS = {
    services.Status.COMPLETED: gettext_lazy("Completed"),
    services.Status.IN_PROGRESS: pgettext_lazy("learning", "In progress"),
    services.Status.NOT_STARTED: gettext_lazy("Not started"),
    services.Status.OVERDUE: gettext_lazy("Overdue"),
}
NUMBER_HEADERS = [
    gettext_lazy("Headcount"), gettext_lazy("Confirmed members"), gettext_lazy("Assigned"),
    gettext_lazy("Not started"), pgettext_lazy("learning", "In progress"), gettext_lazy("Completed"), gettext_lazy("Overdue"),
    gettext_lazy("Certificates"), gettext_lazy("% trained"),
]


class Table:
    """A report as a header row, rows of values (streamed), a sheet title and a file name without extension."""

    def __init__(self, headers, rows, title, name):
        self.headers = [str(header) for header in headers]
        self.rows = rows
        self.title = title
        self.name = name


def coverage_table(units, filters):
    """Every unit of the subtrees of `units`, in tree order, with its totals."""
    top = min((unit.depth for unit in units), default=1)

    def rows():
        for unit in units:
            for row in services.subtree_rows(unit, filters):
                yield [row.unit.code, row.unit.name, row.unit.depth - top, *row.totals.numbers()]

    headers = [_("Unit code"), pgettext("report column", "Unit"), pgettext("report column", "Level"), *NUMBER_HEADERS]
    name = "-".join(unit.code for unit in units) or "all"
    if filters.course is not None:
        name += f"-{filters.course.slug}"
    return Table(headers, rows(), _("Coverage"), f"coverage-{name}")


def line_status(line):
    """What a person's line says of their course: overdue first, since that is what HR acts on."""
    if line.is_overdue:
        return STATUS_LABELS[services.Status.OVERDUE]
    label = STATUS_LABELS[line.state]
    if line.enrollment.status == line.enrollment.Status.WITHDRAWN:
        return _("%(status)s (left the course)") % {"status": label}
    return label


def people_table(unit, filters, status="", query=""):
    """One row per person and mandatory course (a person with none: one row without a course)."""

    def rows():
        for person, line in services.people_rows(unit, filters, status, query):
            who = [person.full_name, person.staff_id or "", person.email, person.position, person.org_unit.code,
                   person.org_unit.name]
            if line is None:
                yield [*who, "", _("No mandatory course"), None, None, None, ""]
            else:
                yield [*who, line.course_title, str(line_status(line)), line.enrollment.progress,
                       line.enrollment.deadline, line.completed_on, line.certificate_code]

    headers = [_("Full name"), _("Staff id"), _("E-mail"), pgettext("job title", "Position"), _("Unit code"), pgettext("report column", "Unit"), _("Course"),
               _("Status"), _("Progress (%)"), _("Due on"), _("Completed on"), _("Certificate code")]
    return Table(headers, rows(), _("People"), f"people-{unit.code}")


def xlsx_value(value):
    """Numbers and dates as they are; text neutralised, so it is never a formula."""
    return neutralise(value) if isinstance(value, str) else value


def write_xlsx(table, output):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(table.title))
    # Write-only sheets take their views before the first row.
    sheet.freeze_panes = "A2"
    for column, header in enumerate(table.headers, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(12, min(40, len(header) + 4))
    bold = Font(bold=True)
    header_cells = []
    for header in table.headers:
        cell = WriteOnlyCell(sheet, value=xlsx_value(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in table.rows:
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{count + 1}"
    workbook.save(output)


def _cell(sheet, value):
    """A date is shown as a date (dd/mm/yyyy), not as Excel's serial number."""
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return xlsx_value(value)


def _sheet_title(title):
    # Excel refuses these characters in sheet names, and names over 31 characters.
    return "".join(char for char in str(title) if char not in "[]:*?/\\")[:31] or "Sheet"


def write_csv(table, output):
    """`output` is a text stream; the byte-order mark lets Excel read it as UTF-8."""
    output.write("\ufeff")
    writer = CsvWriter(output)
    writer.writerow(table.headers)
    writer.writerows(table.rows)


def render(table, file_format):
    """The file's bytes."""
    if file_format == "xlsx":
        output = io.BytesIO()
        write_xlsx(table, output)
        return output.getvalue()
    output = io.StringIO()
    write_csv(table, output)
    return output.getvalue().encode("utf-8")


def filename(table, file_format):
    return f"{slugify(table.name) or 'report'}.{file_format}"
