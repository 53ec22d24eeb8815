"""
The transcript as an A4 PDF for personnel files, drawn with the certificates'
stack (reportlab, Be Vietnam Pro, NFC text). The table of courses flows over
as many pages as it needs, its header row repeated on each, with the person's
name and the page number in every footer.
"""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from certificates.pdf import BOLD, REGULAR, format_number, nfc

MARGIN = 15 * mm
# Widths of: number, course, hours, status, completed on, score, certificate, mandatory: 180 mm in all.
# The certificate column holds the widest code on one line (tests/reports/test_transcripts.py checks it).
COLUMNS = [9 * mm, 41 * mm, 11 * mm, 19 * mm, 19 * mm, 12 * mm, 42 * mm, 27 * mm]
CELL_PADDING = 3

TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=4 * mm)
TEXT = ParagraphStyle("text", fontName=REGULAR, fontSize=10, leading=13)
CELL = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5)
HEAD = ParagraphStyle("head", parent=CELL, fontName=BOLD)


def paragraph(text, style=CELL):
    return Paragraph(escape(nfc(text)), style)


def day(value):
    return f"{value:%d/%m/%Y}" if value else ""


def line_cells(number, line):
    status = line.status_label
    if line.status == "active":
        status = f"{status} ({line.progress}%)"
    certificate = ""
    if line.certificate:
        certificate = f"{line.certificate_code}\n{line.certificate_status_label}"
        if line.certificate.revoke_reason:
            certificate += f": {line.certificate.revoke_reason}"
    mandatory = ""
    if line.mandatory:
        mandatory = _("Yes")
        if line.deadline:
            mandatory += f"\n{_('Due')} {day(line.deadline)}"
        if line.overdue:
            mandatory += f"\n{_('Overdue')}"
    score = f"{format_number(line.score)}%" if line.score is not None else ""
    cells = [str(number), line.course_title, format_number(line.hours), status, day(line.completed_on), score,
             certificate, mandatory]
    return [Paragraph("<br/>".join(escape(nfc(part)) for part in cell.split("\n")), CELL) for cell in cells]


def render_transcript(transcript):
    """The transcript's PDF, as bytes."""
    person = transcript.person
    buffer = io.BytesIO()
    name = nfc(person.full_name)

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.drawString(MARGIN, 8 * mm, name)
        canvas.drawRightString(A4[0] - MARGIN, 8 * mm, nfc(_("Page %(number)s") % {"number": document.page}))
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 5 * mm,
        title=nfc(_("Transcript of %(name)s") % {"name": person.full_name}), author="HọcSố",
    )
    unit = person.org_unit.name if person.org_unit else "—"
    facts = [
        (_("Full name"), person.full_name),
        (_("Organisational unit"), unit),
        (_("Staff id"), person.staff_id or "—"),
        (pgettext("job title", "Position"), person.position or "—"),
        (_("Printed on"), day(transcript.printed_on)),
    ]
    story = [Paragraph(escape(nfc(_("LEARNING TRANSCRIPT"))), TITLE)]
    story += [Paragraph(f"<b>{escape(nfc(label))}:</b> {escape(nfc(value))}", TEXT) for label, value in facts]
    story.append(Spacer(0, 5 * mm))

    header = [_("No."), _("Course"), _("Hours"), _("Status"), _("Completed on"), _("Score"), _("Certificate"),
              _("Mandatory")]
    rows = [[paragraph(text, HEAD) for text in header]]
    rows += [line_cells(number, line) for number, line in enumerate(transcript.lines, start=1)]
    totals = _("%(completed)s of %(total)s courses completed") % {
        "completed": len(transcript.completed), "total": len(transcript.lines)}
    rows.append([paragraph(""), paragraph(_("Total hours completed"), HEAD),
                 paragraph(format_number(transcript.completed_hours), HEAD), paragraph(totals), "", "", "", ""])
    table = LongTable(rows, colWidths=COLUMNS, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f4f4f4")),
        ("SPAN", (3, -1), (-1, -1)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]))
    story.append(table)
    if not transcript.lines:
        story.append(Spacer(0, 3 * mm))
        story.append(paragraph(_("No course yet."), TEXT))
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
