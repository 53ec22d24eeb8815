"""
Illustrations for the demo courses, drawn with Pillow when the demo is loaded:
mock screens of a browser or a phone, and course covers. Pillow's built-in font
has no Vietnamese glyphs, so the pictures carry shapes and digits, never words;
the lesson text around them does the explaining.
"""

import io
import random
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageColor, ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.utils.file import hash_filelike

SCREEN_SIZE = (720, 450)
# The catalogue crops covers to 16:9.
COVER_SIZE = (720, 405)
# Flat colours keep each PNG well under 40 KB, light enough for a rural connection.
PALETTE_COLOURS = 32
COVER_BANDS = 12

INK = "#1d2733"
MUTED = "#9aa5b1"
LINE = "#d9dee5"
PAPER = "#ffffff"
BACKDROP = "#e9edf2"
BRAND = "#0b5cad"
OK = "#1f7a3a"
BAD = "#b3261e"
HIGHLIGHT = "#f5b301"


@dataclass(frozen=True)
class Screen:
    """A mock screenshot: `layout` names a drawing in LAYOUTS; `step`, if given, is drawn as a big number."""

    title: str
    layout: str
    step: int | None = None

    @property
    def filename(self):
        return f"{self.layout}.png"


@dataclass(frozen=True)
class Cover:
    """A course cover: a two-colour gradient behind a white icon from ICONS."""

    title: str
    icon: str
    top: str
    bottom: str

    @property
    def filename(self):
        return f"cover-{self.icon}.png"


def ensure_image(spec, created):
    """The image titled `spec.title`, drawn and saved the first time it is asked for."""
    image = Image.objects.filter(title=spec.title).first()
    if image is not None:
        return image
    data = DRAWINGS[type(spec)](spec)
    image = Image(
        title=spec.title,
        file=ImageFile(io.BytesIO(data), name=spec.filename),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    image.save()
    created["images"] += 1
    return image


@dataclass(frozen=True)
class CertificateArt:
    """The demo certificate template's pictures: `kind` is "background" (A4 landscape) or "logo"."""

    title: str
    kind: str

    @property
    def filename(self):
        return f"certificate-{self.kind}.png"


def as_png(picture):
    buffer = io.BytesIO()
    picture.quantize(colors=PALETTE_COLOURS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def font(size):
    return ImageFont.load_default(size=size)


def draw_screen(spec):
    picture = PILImage.new("RGB", SCREEN_SIZE, BACKDROP)
    draw = ImageDraw.Draw(picture)
    LAYOUTS[spec.layout](draw)
    if spec.step is not None:
        draw_step_number(draw, spec.step)
    return as_png(picture)


def draw_cover(spec):
    picture = PILImage.new("RGB", COVER_SIZE)
    draw = ImageDraw.Draw(picture)
    top, bottom = ImageColor.getrgb(spec.top), ImageColor.getrgb(spec.bottom)
    width, height = COVER_SIZE
    # Bands rather than a smooth blend: the palette stays small and the icon keeps its colours.
    for band in range(COVER_BANDS):
        share = band / (COVER_BANDS - 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom))
        draw.rectangle((0, band * height // COVER_BANDS, width, (band + 1) * height // COVER_BANDS), fill=colour)
    draw.ellipse((-120, 230, 220, 570), outline=PAPER, width=3)
    draw.ellipse((560, -90, 820, 170), outline=PAPER, width=3)
    ICONS[spec.icon](draw, width // 2, height // 2)
    return as_png(picture)


# Pieces shared by the screens.


def highlight(draw, box):
    """The yellow ring that tells the learner where to tap."""
    left, top, right, bottom = box
    draw.rounded_rectangle((left - 7, top - 7, right + 7, bottom + 7), radius=12, outline=HIGHLIGHT, width=5)


def button(draw, box, fill=BRAND, marked=False):
    draw.rounded_rectangle(box, radius=8, fill=fill)
    left, top, right, bottom = box
    draw.rectangle((left + 18, (top + bottom) // 2 - 3, right - 18, (top + bottom) // 2 + 3), fill=PAPER)
    if marked:
        highlight(draw, box)


def text_line(draw, left, top, width, fill=LINE, height=10):
    draw.rounded_rectangle((left, top, left + width, top + height), radius=height // 2, fill=fill)


def field(draw, left, top, width):
    """A form field: its label as a short grey bar, then the input box."""
    text_line(draw, left, top, width // 3, fill=MUTED, height=8)
    draw.rounded_rectangle((left, top + 16, left + width, top + 52), radius=6, fill=PAPER, outline=MUTED, width=2)


def tick(draw, x, y, size, fill=PAPER, width=6):
    draw.line(
        [(x - size, y), (x - size // 3, y + size * 2 // 3), (x + size, y - size * 2 // 3)], fill=fill, width=width
    )


def qr_code(draw, left, top, size, seed):
    """A QR-looking square: random modules and the three finder patterns (it does not scan)."""
    modules = 21
    cell = size // modules
    pattern = random.Random(seed)
    draw.rectangle((left, top, left + cell * modules, top + cell * modules), fill=PAPER)
    for row in range(modules):
        for column in range(modules):
            if pattern.random() < 0.45:
                x, y = left + column * cell, top + row * cell
                draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=INK)
    for x, y in ((left, top), (left + cell * 14, top), (left, top + cell * 14)):
        draw.rectangle((x, y, x + cell * 7 - 1, y + cell * 7 - 1), fill=INK)
        draw.rectangle((x + cell, y + cell, x + cell * 6 - 1, y + cell * 6 - 1), fill=PAPER)
        draw.rectangle((x + cell * 2, y + cell * 2, x + cell * 5 - 1, y + cell * 5 - 1), fill=INK)


def sheet(draw, box, lines=9):
    """A page of a document: white paper with lines of text."""
    left, top, right, bottom = box
    draw.rectangle(box, fill=PAPER, outline=LINE, width=2)
    text_line(draw, left + 30, top + 28, (right - left) // 2, fill=INK, height=12)
    for number in range(lines):
        text_line(draw, left + 30, top + 64 + number * 24, (right - left) - 60 - (number % 3) * 40)


def browser(draw):
    """A browser window; the page content goes in (40, 80)-(680, 420)."""
    draw.rounded_rectangle((20, 16, 700, 434), radius=10, fill=PAPER, outline=LINE, width=2)
    draw.rounded_rectangle((20, 16, 700, 62), radius=10, fill="#dde3ea")
    for number, colour in enumerate(("#e0605a", "#e9b44c", "#5cb85c")):
        draw.ellipse((36 + number * 22, 32, 50 + number * 22, 46), fill=colour)
    draw.rounded_rectangle((110, 28, 640, 50), radius=11, fill=PAPER)
    draw.ellipse((120, 33, 132, 45), outline=OK, width=3)
    text_line(draw, 142, 34, 180, fill=MUTED)


def phone(draw):
    """A phone held upright; the screen is (274, 50)-(446, 400)."""
    draw.rounded_rectangle((258, 14, 462, 436), radius=30, fill=INK)
    draw.rounded_rectangle((274, 50, 446, 400), radius=6, fill=PAPER)
    draw.rounded_rectangle((330, 26, 390, 34), radius=4, fill="#3b4654")
    draw.ellipse((346, 410, 374, 430), outline="#3b4654", width=3)


def draw_step_number(draw, number):
    draw.ellipse((18, 350, 110, 442), fill=BRAND, outline=PAPER, width=5)
    draw.text((64, 396), str(number), font=font(56), fill=PAPER, anchor="mm")


# The screens a lesson can show, by layout name.


def portal_home(draw):
    browser(draw)
    draw.rectangle((22, 62, 698, 112), fill=BAD)
    draw.ellipse((40, 70, 74, 104), fill=HIGHLIGHT)
    text_line(draw, 86, 82, 200, fill=PAPER, height=12)
    button(draw, (580, 74, 680, 100), fill=PAPER, marked=True)
    draw.rounded_rectangle((120, 160, 600, 206), radius=23, fill=PAPER, outline=MUTED, width=2)
    draw.ellipse((138, 172, 158, 192), outline=INK, width=3)
    draw.line([(155, 189), (164, 198)], fill=INK, width=3)
    for number in range(4):
        left = 100 + number * 135
        draw.rounded_rectangle((left, 250, left + 110, 360), radius=10, fill="#f4f6f9", outline=LINE, width=2)
        draw.ellipse((left + 35, 268, left + 75, 308), fill=BRAND if number % 2 else BAD)
        text_line(draw, left + 18, 326, 74, fill=MUTED)


def login_qr(draw):
    browser(draw)
    draw.rounded_rectangle((200, 84, 520, 420), radius=12, fill="#f7f9fb", outline=LINE, width=2)
    text_line(draw, 270, 102, 180, fill=INK, height=12)
    qr_code(draw, 297, 130, 126, seed=7)
    field(draw, 230, 276, 260)
    button(draw, (230, 350, 490, 392), marked=True)


def search_results(draw):
    browser(draw)
    draw.rounded_rectangle((60, 84, 560, 124), radius=20, fill=PAPER, outline=MUTED, width=2)
    text_line(draw, 90, 99, 220, fill=INK)
    button(draw, (575, 84, 660, 124))
    for number in range(4):
        top = 150 + number * 66
        draw.rounded_rectangle((60, top, 660, top + 54), radius=8, fill="#f7f9fb", outline=LINE, width=2)
        text_line(draw, 80, top + 14, 300 - number * 30, fill=INK)
        text_line(draw, 80, top + 34, 200)
        button(draw, (540, top + 12, 645, top + 42), marked=number == 1)


def web_form(draw):
    browser(draw)
    text_line(draw, 60, 86, 260, fill=INK, height=14)
    for number in range(3):
        field(draw, 60, 120 + number * 72, 290)
        field(draw, 370, 120 + number * 72, 290)
    draw.rectangle((60, 350, 78, 368), outline=INK, width=2)
    tick(draw, 69, 359, 7, fill=OK, width=3)
    text_line(draw, 90, 354, 240)
    button(draw, (520, 380, 660, 414), marked=True)


def upload_files(draw):
    browser(draw)
    text_line(draw, 60, 86, 300, fill=INK, height=14)
    for number in range(3):
        left = 80 + number * 200
        if number < 2:
            draw.polygon(
                [(left, 130), (left + 100, 130), (left + 130, 160), (left + 130, 300), (left, 300)],
                fill="#f7f9fb",
                outline=MUTED,
            )
            draw.polygon([(left + 100, 130), (left + 100, 160), (left + 130, 160)], fill=LINE)
            for line in range(4):
                text_line(draw, left + 18, 180 + line * 22, 90 - line * 10)
            draw.ellipse((left + 90, 262, left + 126, 298), fill=OK)
            tick(draw, left + 108, 280, 9, width=4)
        else:
            draw.rounded_rectangle((left, 130, left + 130, 300), radius=8, outline=BRAND, width=3)
            draw.line([(left + 65, 185), (left + 65, 245)], fill=BRAND, width=8)
            draw.line([(left + 35, 215), (left + 95, 215)], fill=BRAND, width=8)
            highlight(draw, (left, 130, left + 130, 300))
    button(draw, (520, 370, 660, 408))


def online_payment(draw):
    browser(draw)
    text_line(draw, 60, 90, 220, fill=INK, height=14)
    for number in range(3):
        text_line(draw, 60, 130 + number * 30, 150)
        text_line(draw, 260, 130 + number * 30, 90, fill=INK)
    for number, colour in enumerate((BAD, BRAND, OK)):
        left = 70 + number * 95
        draw.ellipse((left, 250, left + 66, 316), fill=colour)
        if number == 1:
            highlight(draw, (left, 250, left + 66, 316))
    qr_code(draw, 460, 110, 168, seed=11)
    button(draw, (460, 340, 628, 384), fill=OK, marked=True)


def dossier_status(draw):
    browser(draw)
    text_line(draw, 60, 90, 240, fill=INK, height=14)
    draw.line([(200, 150), (200, 370)], fill=LINE, width=6)
    for number in range(4):
        top = 130 + number * 74
        done = number < 3
        draw.ellipse((178, top, 222, top + 44), fill=OK if done else PAPER, outline=OK if done else BRAND, width=4)
        if done:
            tick(draw, 200, top + 22, 10, width=4)
        text_line(draw, 250, top + 8, 260, fill=INK if done else BRAND)
        text_line(draw, 250, top + 28, 160)
    highlight(draw, (170, 352, 540, 406))


def pdf_signing(draw):
    draw.rectangle((0, 0, 720, 56), fill=INK)
    for number in range(5):
        draw.rounded_rectangle((20 + number * 50, 12, 56 + number * 50, 44), radius=6, fill="#3b4654")
    draw.rounded_rectangle((560, 12, 700, 44), radius=6, fill=OK)
    draw.line([(585, 36), (600, 20), (606, 26), (591, 42)], fill=PAPER, width=3)
    text_line(draw, 616, 24, 66, fill=PAPER, height=8)
    highlight(draw, (560, 12, 700, 44))
    sheet(draw, (160, 76, 560, 440), lines=8)
    for x in range(390, 540, 16):
        draw.line([(x, 316), (x + 8, 316)], fill=BRAND, width=3)
        draw.line([(x, 400), (x + 8, 400)], fill=BRAND, width=3)
    draw.line([(390, 316), (390, 400)], fill=BRAND, width=3)
    draw.line([(538, 316), (538, 400)], fill=BRAND, width=3)
    draw.line([(405, 375), (430, 340), (450, 372), (475, 338), (500, 370)], fill=BAD, width=4)


def signature_check(draw):
    sheet(draw, (30, 30, 400, 430), lines=10)
    draw.rounded_rectangle((420, 30, 700, 430), radius=10, fill=PAPER, outline=LINE, width=2)
    draw.ellipse((510, 56, 610, 156), fill=OK)
    tick(draw, 560, 106, 24, width=10)
    for number in range(5):
        top = 190 + number * 44
        draw.ellipse((440, top, 464, top + 24), fill=OK)
        tick(draw, 452, top + 12, 6, width=3)
        text_line(draw, 478, top + 7, 190 - number * 15, fill=INK if number == 0 else MUTED)
    highlight(draw, (432, 184, 688, 226))


def two_step_settings(draw):
    browser(draw)
    text_line(draw, 60, 90, 240, fill=INK, height=14)
    for number in range(4):
        top = 130 + number * 70
        draw.rounded_rectangle((60, top, 660, top + 54), radius=8, fill="#f7f9fb", outline=LINE, width=2)
        text_line(draw, 80, top + 14, 260, fill=INK)
        text_line(draw, 80, top + 34, 180)
        switched_on = number == 1
        draw.rounded_rectangle((580, top + 14, 636, top + 42), radius=14, fill=OK if switched_on else LINE)
        knob = 610 if switched_on else 584
        draw.ellipse((knob, top + 17, knob + 22, top + 39), fill=PAPER)
        if switched_on:
            highlight(draw, (580, top + 14, 636, top + 42))


def fake_website(draw):
    browser(draw)
    draw.rounded_rectangle((110, 28, 640, 50), radius=11, fill="#fde8e7", outline=BAD, width=3)
    draw.polygon([(124, 46), (134, 30), (144, 46)], fill=BAD)
    text_line(draw, 156, 34, 300, fill=BAD)
    highlight(draw, (110, 28, 640, 50))
    draw.rectangle((22, 64, 698, 110), fill=BRAND)
    draw.rounded_rectangle((220, 140, 500, 400), radius=12, fill="#f7f9fb", outline=LINE, width=2)
    field(draw, 245, 165, 230)
    field(draw, 245, 240, 230)
    button(draw, (245, 330, 475, 370), fill=BAD)


def phone_messages(draw):
    phone(draw)
    draw.rectangle((274, 50, 446, 86), fill="#f0f2f5")
    draw.ellipse((284, 56, 308, 80), fill=MUTED)
    text_line(draw, 316, 63, 90, fill=INK)
    for number, top in enumerate((104, 200)):
        draw.rounded_rectangle((284, top, 420, top + 80), radius=12, fill="#eceff3")
        text_line(draw, 296, top + 14, 100, fill=MUTED)
        text_line(draw, 296, top + 34, 80, fill=MUTED)
        if number == 1:
            text_line(draw, 296, top + 56, 110, fill=BRAND)
            highlight(draw, (284, top, 420, top + 80))
    draw.polygon([(500, 240), (560, 140), (620, 240)], fill=BAD)
    draw.line([(560, 172), (560, 210)], fill=PAPER, width=8)
    draw.ellipse((555, 220, 565, 230), fill=PAPER)


def phone_call(draw):
    phone(draw)
    draw.rectangle((274, 50, 446, 400), fill="#24303d")
    draw.ellipse((320, 90, 400, 170), fill=MUTED)
    text_line(draw, 310, 190, 100, fill=PAPER, height=12)
    text_line(draw, 325, 214, 70, fill=MUTED)
    draw.ellipse((294, 320, 350, 376), fill=BAD)
    draw.line([(308, 348), (336, 348)], fill=PAPER, width=6)
    highlight(draw, (294, 320, 350, 376))
    draw.ellipse((370, 320, 426, 376), fill=OK)


def phone_code(draw):
    phone(draw)
    draw.rounded_rectangle((335, 80, 385, 120), radius=6, outline=INK, width=5)
    draw.rounded_rectangle((325, 110, 395, 170), radius=8, fill=BRAND)
    draw.ellipse((352, 128, 368, 144), fill=PAPER)
    text_line(draw, 300, 190, 120, fill=INK)
    for number, digit in enumerate("482915"):
        left = 282 + number * 27
        draw.rounded_rectangle((left, 230, left + 23, 266), radius=4, outline=MUTED, width=2)
        draw.text((left + 12, 248), digit, font=font(22), fill=INK, anchor="mm")
    highlight(draw, (282, 230, 439, 266))
    button(draw, (290, 320, 430, 356))


def phone_scan(draw):
    phone(draw)
    draw.rectangle((274, 50, 446, 400), fill="#24303d")
    for x, y, dx, dy in ((296, 120, 1, 1), (424, 120, -1, 1), (296, 290, 1, -1), (424, 290, -1, -1)):
        draw.line([(x, y), (x + 30 * dx, y)], fill=HIGHLIGHT, width=6)
        draw.line([(x, y), (x, y + 30 * dy)], fill=HIGHLIGHT, width=6)
    qr_code(draw, 313, 138, 94, seed=7)
    button(draw, (300, 340, 420, 372), fill=BAD)
    draw.rounded_rectangle((520, 120, 680, 300), radius=10, fill=PAPER, outline=LINE, width=2)
    qr_code(draw, 558, 166, 84, seed=7)


def phone_lock_card(draw):
    phone(draw)
    draw.rectangle((274, 50, 446, 110), fill=BRAND)
    text_line(draw, 290, 74, 110, fill=PAPER, height=12)
    draw.rounded_rectangle((290, 130, 430, 214), radius=10, fill=INK)
    draw.rectangle((290, 150, 430, 166), fill="#3b4654")
    text_line(draw, 304, 186, 80, fill=MUTED, height=8)
    draw.rounded_rectangle((337, 236, 383, 272), radius=6, fill=BAD)
    draw.arc((343, 214, 377, 252), start=180, end=360, fill=BAD, width=6)
    button(draw, (290, 300, 430, 340), fill=BAD, marked=True)
    text_line(draw, 300, 360, 120)


LAYOUTS = {
    "portal-home": portal_home,
    "login-qr": login_qr,
    "search": search_results,
    "form": web_form,
    "upload": upload_files,
    "payment": online_payment,
    "status": dossier_status,
    "pdf-sign": pdf_signing,
    "signature-check": signature_check,
    "two-step": two_step_settings,
    "fake-site": fake_website,
    "phone-sms": phone_messages,
    "phone-call": phone_call,
    "phone-code": phone_code,
    "phone-scan": phone_scan,
    "phone-lock": phone_lock_card,
}


# Cover icons, drawn in white around the centre (x, y).


def public_building(draw, x, y):
    draw.polygon([(x - 150, y - 50), (x, y - 130), (x + 150, y - 50)], fill=PAPER)
    for offset in range(-110, 111, 55):
        draw.rectangle((x + offset - 14, y - 36, x + offset + 14, y + 80), fill=PAPER)
    draw.rectangle((x - 165, y + 90, x + 165, y + 116), fill=PAPER)


def signed_document(draw, x, y):
    draw.rounded_rectangle((x - 100, y - 140, x + 80, y + 120), radius=10, fill=PAPER)
    for number in range(5):
        draw.rectangle((x - 75, y - 110 + number * 30, x + 55 - (number % 2) * 40, y - 98 + number * 30), fill=MUTED)
    draw.line([(x - 70, y + 80), (x - 40, y + 40), (x - 10, y + 78), (x + 20, y + 38)], fill=BRAND, width=6)
    draw.ellipse((x + 50, y + 40, x + 150, y + 140), fill=BAD, outline=PAPER, width=6)
    tick(draw, x + 100, y + 90, 22, width=8)


def shield(draw, x, y):
    draw.polygon(
        [(x, y - 140), (x + 120, y - 95), (x + 105, y + 40), (x, y + 140), (x - 105, y + 40), (x - 120, y - 95)],
        fill=PAPER,
    )
    draw.rounded_rectangle((x - 45, y - 15, x + 45, y + 60), radius=8, fill=INK)
    draw.arc((x - 32, y - 65, x + 32, y + 5), start=180, end=360, fill=INK, width=12)
    draw.ellipse((x - 10, y + 10, x + 10, y + 30), fill=PAPER)


def play_button(draw, x, y):
    draw.ellipse((x - 120, y - 120, x + 120, y + 120), fill=PAPER)
    draw.polygon([(x - 35, y - 60), (x + 65, y), (x - 35, y + 60)], fill=BRAND)


def phone_with_qr(draw, x, y):
    draw.rounded_rectangle((x - 85, y - 150, x + 85, y + 150), radius=22, fill=PAPER)
    draw.rounded_rectangle((x - 70, y - 125, x + 70, y + 110), radius=6, fill=INK)
    qr_code(draw, x - 53, y - 95, 105, seed=3)
    draw.rounded_rectangle((x - 50, y + 40, x + 50, y + 80), radius=8, fill=OK)
    tick(draw, x, y + 60, 12, width=5)


ICONS = {
    "building": public_building, "signature": signed_document, "shield": shield, "play": play_button,
    "qr": phone_with_qr,
}


CERTIFICATE_BACKGROUND_SIZE = (1754, 1240)
CERTIFICATE_PAPER = "#fffaf0"


def draw_certificate_art(spec):
    if spec.kind == "logo":
        picture = PILImage.new("RGBA", (400, 400), (0, 0, 0, 0))
        draw = ImageDraw.Draw(picture)
        draw.ellipse((10, 10, 390, 390), fill=BRAND)
        draw.ellipse((40, 40, 360, 360), outline=HIGHLIGHT, width=10)
        star = [(200, 90), (228, 168), (310, 168), (244, 216), (268, 296), (200, 248), (132, 296), (156, 216),
                (90, 168), (172, 168)]
        draw.polygon(star, fill=HIGHLIGHT)
        buffer = io.BytesIO()
        picture.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()
    width, height = CERTIFICATE_BACKGROUND_SIZE
    picture = PILImage.new("RGB", CERTIFICATE_BACKGROUND_SIZE, CERTIFICATE_PAPER)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 40, width - 40, height - 40), outline=BRAND, width=18)
    draw.rectangle((78, 78, width - 78, height - 78), outline=HIGHLIGHT, width=5)
    for x, y in ((78, 78), (width - 78, 78), (78, height - 78), (width - 78, height - 78)):
        draw.ellipse((x - 34, y - 34, x + 34, y + 34), fill=BRAND, outline=HIGHLIGHT, width=5)
    return as_png(picture)


DRAWINGS = {Cover: draw_cover, Screen: draw_screen, CertificateArt: draw_certificate_art}
