"""
The one way HọcSố writes a spreadsheet cell. Names, titles and typed codes
come from people; a cell of text that starts like a formula is a formula to
Excel and LibreOffice once the file is opened (`=HYPERLINK(...)` sends the
sheet's data elsewhere at a click). As OWASP advises, such text is written
with a single quote in front, which the spreadsheet reads as "this is text".

Numbers stay numbers: only text is changed, so a mark of -0.5 written as a
number still sums in the sheet. Code that formats a number into a string
before writing it turns it into text, and text starting with "-" is quoted:
hand numbers over as numbers.

Every CSV the project writes goes through `csv_text` or `CsvWriter`; an XLSX
writer passes its cells through `cell` the same way.
"""

import csv
import io
from decimal import Decimal

# The characters a spreadsheet reads as the start of a formula, and tab and
# carriage return, which some of them skip before looking for one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text):
    """The text with a single quote in front if a spreadsheet would read it as a formula; anything else unchanged."""
    if isinstance(text, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def cell(value):
    """
    What one cell holds: nothing for None, a number as a number (a Decimal in
    plain notation, never 1E+2), and any other value as neutralised text.
    """
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (int, float)):
        return value
    return neutralise(str(value))


class CsvWriter:
    """`csv.writer` whose every cell goes through `cell`."""

    def __init__(self, output, **options):
        self.writer = csv.writer(output, **options)

    def writerow(self, row):
        return self.writer.writerow([cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_text(rows):
    """Rows as CSV text, with the byte-order mark Excel needs to read it as UTF-8."""
    output = io.StringIO()
    output.write("\ufeff")
    CsvWriter(output).writerows(rows)
    return output.getvalue()


def neutralise_wagtail_exports():
    """
    Make the Wagtail admin's own CSV downloads (site history, aging and locked
    pages, workflows, form submissions) follow the same rule: their cells hold
    page titles and other text people typed. Wagtail offers no setting or hook
    for it, so its one place every CSV cell passes through is wrapped, once,
    when the site starts. Its XLSX downloads already store such text as text.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        prepared = original(self, field, value, export_format)
        return neutralise(prepared) if export_format == self.FORMAT_CSV else prepared

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
