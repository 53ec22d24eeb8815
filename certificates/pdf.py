"""The printable certificate: one A4 landscape page, Be Vietnam Pro, with a QR code to its verification page."""

import io
import unicodedata
from pathlib import Path

import fontpkg_be_vietnam_pro
import segno
from django.conf import settings
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path(fontpkg_be_vietnam_pro.__file__).resolve().parent / "files"
REGULAR = "BeVietnamPro"
BOLD = "BeVietnamPro-Bold"
# Registered once per process; reportlab embeds only the glyphs used (subsetting is its default).
pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "BeVietnamPro-Regular.ttf")))
pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "BeVietnamPro-Bold.ttf")))

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 20 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MIN_SIZE = 8


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
            # At the smallest size a single unbreakable word may still be wider; shrink that line alone.
            return lines, size
        size -= 0.5


def verification_url(certificate):
    return f"{settings.SITE_URL}/certificates/verify/{certificate.display_code}/"


def qr_image(url):
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=4, border=2)
    buffer.seek(0)
    return ImageReader(buffer)


def format_number(value):
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return text.replace(".", ",")


def centred(pdf, text, font, size, y):
    size = fitting_size(text, font, size)
    pdf.setFont(font, size)
    pdf.drawCentredString(PAGE_WIDTH / 2, y, text)
    return size


def render_pdf(certificate):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    pdf.setTitle(nfc(f"Chứng chỉ {certificate.display_code}"))
    pdf.setAuthor(nfc(certificate.organisation))

    pdf.setLineWidth(2)
    pdf.rect(10 * mm, 10 * mm, PAGE_WIDTH - 20 * mm, PAGE_HEIGHT - 20 * mm)
    pdf.setLineWidth(0.5)
    pdf.rect(13 * mm, 13 * mm, PAGE_WIDTH - 26 * mm, PAGE_HEIGHT - 26 * mm)

    y = PAGE_HEIGHT - 35 * mm
    centred(pdf, nfc(certificate.organisation).upper(), BOLD, 14, y)
    y -= 20 * mm
    centred(pdf, nfc("CHỨNG CHỈ HOÀN THÀNH KHOÁ HỌC"), BOLD, 28, y)
    y -= 14 * mm
    centred(pdf, nfc("Chứng nhận"), REGULAR, 14, y)
    y -= 16 * mm
    centred(pdf, nfc(certificate.full_name), BOLD, 34, y)
    y -= 12 * mm
    centred(pdf, nfc("đã hoàn thành khoá học"), REGULAR, 14, y)
    y -= 10 * mm

    lines, size = wrapped(nfc(certificate.course_title), BOLD, 18)
    for line in lines:
        centred(pdf, line, BOLD, size, y)
        y -= size * 1.25

    details = [f"Thời lượng: {format_number(certificate.hours)} giờ"]
    if certificate.score is not None:
        details.append(f"Điểm: {format_number(certificate.score)}%")
    details.append(f"Ngày cấp: {certificate.issued_on:%d/%m/%Y}")
    y -= 4 * mm
    centred(pdf, nfc(" · ".join(details)), REGULAR, 12, y)

    qr_size = 32 * mm
    qr_x, qr_y = PAGE_WIDTH - MARGIN - qr_size, 20 * mm
    pdf.drawImage(qr_image(verification_url(certificate)), qr_x, qr_y, qr_size, qr_size)
    pdf.setFont(REGULAR, 10)
    pdf.drawString(MARGIN, 28 * mm, nfc(f"Mã chứng chỉ: {certificate.display_code}"))
    pdf.setFont(REGULAR, 8)
    url = nfc(verification_url(certificate))
    pdf.setFont(REGULAR, fitting_size(url, REGULAR, 8, width=qr_x - MARGIN - 5 * mm))
    pdf.drawString(MARGIN, 22 * mm, url)

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
