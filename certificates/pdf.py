"""
The printable certificate: one A4 landscape page drawn from its template, in
Be Vietnam Pro, with its code and a QR code to its verification page.
"""

import functools
import hashlib
import io
import string
import tempfile
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import fontpkg_be_vietnam_pro
import segno
from django.conf import settings
from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from .models import DEFAULT_HEADING, DEFAULT_WORDING

FONT_DIR = Path(fontpkg_be_vietnam_pro.__file__).resolve().parent / "files"
REGULAR = "BeVietnamPro"
BOLD = "BeVietnamPro-Bold"
# Registered once per process; reportlab embeds only the glyphs used (subsetting is its default).
pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "BeVietnamPro-Regular.ttf")))
pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "BeVietnamPro-Bold.ttf")))
pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)

# Binary streams rather than ASCII85: a third smaller, and the background JPEG is
# then copied into the file as it is instead of being re-encoded for every certificate.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 20 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MIN_SIZE = 8
# Renditions sized for print at about 150 dpi: sharp on paper, light in the file.
BACKGROUND_RENDITION = "fill-1754x1240|format-jpeg|jpegquality-75"
LOGO_RENDITION = "max-300x300|format-png"


def nfc(text):
    """reportlab does no shaping: precomposed characters are the ones the font draws well."""
    return unicodedata.normalize("NFC", str(text))


def fitting_size(text, font, size, width=TEXT_WIDTH):
    while size > MIN_SIZE and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def wrapped(text, font, size, max_lines=3, width=TEXT_WIDTH):
    """The lines of `text` and the size that keeps it to `max_lines` lines."""
    while True:
        lines = simpleSplit(text, font, size, width)
        if len(lines) <= max_lines or size <= MIN_SIZE:
            return lines, size
        size -= 0.5


def verification_url(certificate):
    return f"{settings.SITE_URL}/certificates/verify/{certificate.display_code}/"


def draw_qr(pdf, url, x, y, size, quiet_modules=2):
    """The QR code as vector squares, one path per code: sharp at any zoom, lighter and faster than a picture."""
    matrix = segno.make(url, error="m", micro=False).matrix
    modules = len(matrix) + 2 * quiet_modules
    module = size / modules
    pdf.setFillColorRGB(1, 1, 1)
    pdf.rect(x, y, size, size, stroke=0, fill=1)
    path = pdf.beginPath()
    for row_number, row in enumerate(matrix):
        top = y + size - (row_number + quiet_modules + 1) * module
        column = 0
        while column < len(row):
            if row[column] & 1:
                start = column
                while column < len(row) and row[column] & 1:
                    column += 1
                path.rect(x + (start + quiet_modules) * module, top, (column - start) * module, module)
            else:
                column += 1
    pdf.setFillColorRGB(0, 0, 0)
    pdf.drawPath(path, stroke=0, fill=1)


@functools.lru_cache(maxsize=16)
def local_copy(storage_name):
    """
    A rendition copied once per process to a local file: given a file name,
    reportlab embeds a JPEG as it is instead of decoding and hashing its pixels
    for every certificate, and the storage may be remote (S3).
    """
    from wagtail.images.models import Rendition

    folder = Path(tempfile.gettempdir()) / "hocso-certificate-art"
    folder.mkdir(exist_ok=True)
    with Rendition._meta.get_field("file").storage.open(storage_name) as file:
        data = file.read()
    path = folder / f"{hashlib.sha256(data).hexdigest()}{Path(storage_name).suffix}"
    if not path.exists():
        path.write_bytes(data)
    return str(path)


def image_file(image, spec):
    if image is None:
        return None
    return local_copy(image.get_rendition(spec).file.name)


def format_number(value):
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def placeholder_values(certificate):
    return {
        "full_name": certificate.full_name,
        "course": certificate.course_title,
        "hours": format_number(certificate.hours),
        "score": f"{format_number(certificate.score)}%" if certificate.score is not None else "",
        "issued_on": f"{certificate.issued_on:%d/%m/%Y}",
        "organisation": certificate.organisation,
        "code": certificate.display_code,
    }


def wording_markup(wording, values):
    """The template's wording as Paragraph markup: its text escaped, each filled-in value in bold."""
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(nfc(wording)):
        parts.append(escape(literal))
        if name is not None:
            parts.append(f"<b>{escape(nfc(values.get(name, '')))}</b>")
    return "".join(parts)


def draw_wording(pdf, markup, top, size=16, max_height=30 * mm):
    """Draw the wording centred below `top`, shrinking it until it fits; return where it ends."""
    while True:
        style = ParagraphStyle("wording", fontName=REGULAR, fontSize=size, leading=size * 1.3, alignment=TA_CENTER)
        paragraph = Paragraph(markup, style)
        _width, height = paragraph.wrap(TEXT_WIDTH, PAGE_HEIGHT)
        if height <= max_height or size <= MIN_SIZE:
            paragraph.drawOn(pdf, MARGIN, top - height)
            return top - height
        size -= 0.5


def centred(pdf, text, font, size, y, x=PAGE_WIDTH / 2, width=TEXT_WIDTH):
    size = fitting_size(text, font, size, width)
    pdf.setFont(font, size)
    pdf.drawCentredString(x, y, text)
    return size


def render_pdf(certificate):
    template = certificate.template
    heading = nfc(template.heading if template else DEFAULT_HEADING)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    pdf.setTitle(f"{heading} {certificate.display_code}")
    pdf.setAuthor(nfc(certificate.organisation))

    background = image_file(template and template.background, BACKGROUND_RENDITION)
    if background:
        pdf.drawImage(background, 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
    else:
        pdf.setLineWidth(2)
        pdf.rect(10 * mm, 10 * mm, PAGE_WIDTH - 20 * mm, PAGE_HEIGHT - 20 * mm)
        pdf.setLineWidth(0.5)
        pdf.rect(13 * mm, 13 * mm, PAGE_WIDTH - 26 * mm, PAGE_HEIGHT - 26 * mm)

    y = PAGE_HEIGHT - 35 * mm
    logo = image_file(template and template.logo, LOGO_RENDITION)
    if logo:
        logo_height = 18 * mm
        image_width, image_height = ImageReader(logo).getSize()
        logo_width = logo_height * image_width / image_height
        pdf.drawImage(logo, (PAGE_WIDTH - logo_width) / 2, PAGE_HEIGHT - 20 * mm - logo_height,
                      logo_width, logo_height, mask="auto")
        y = PAGE_HEIGHT - 46 * mm

    centred(pdf, nfc(certificate.organisation).upper(), BOLD, 14, y)
    y -= 18 * mm
    centred(pdf, heading, BOLD, 28, y)
    y -= 13 * mm
    centred(pdf, nfc("Chứng nhận"), REGULAR, 14, y)
    y -= 15 * mm
    name_lines, name_size = wrapped(nfc(certificate.full_name), BOLD, 34, max_lines=2)
    for line in name_lines:
        centred(pdf, line, BOLD, name_size, y)
        y -= name_size * 1.15
    y -= 2 * mm

    values = placeholder_values(certificate)
    y = draw_wording(pdf, wording_markup(template.wording if template else DEFAULT_WORDING, values), y)

    details = [f"Thời lượng: {values['hours']} giờ"]
    if certificate.score is not None:
        details.append(f"Điểm tổng kết: {values['score']}")
    details.append(f"Ngày cấp: {values['issued_on']}")
    y -= 8 * mm
    centred(pdf, nfc(" · ".join(details)), REGULAR, 12, y)

    qr_size = 32 * mm
    qr_x, qr_y = PAGE_WIDTH - MARGIN - qr_size, 20 * mm
    draw_qr(pdf, verification_url(certificate), qr_x, qr_y, qr_size)

    if template and (template.signer_name or template.signer_title):
        signer_x, signer_width = qr_x - 50 * mm, 80 * mm
        centred(pdf, nfc(template.signer_title), BOLD, 11, 48 * mm, x=signer_x, width=signer_width)
        centred(pdf, nfc(template.signer_name), BOLD, 12, 24 * mm, x=signer_x, width=signer_width)

    pdf.setFont(REGULAR, 10)
    # The heading decides what the document is called; the code is what a reader looks up.
    pdf.drawString(MARGIN, 28 * mm, nfc(f"Mã tra cứu: {certificate.display_code}"))
    url = nfc(verification_url(certificate))
    pdf.setFont(REGULAR, fitting_size(url, REGULAR, 8, width=90 * mm))
    pdf.drawString(MARGIN, 22 * mm, url)

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
