"""
The one allow-list for the HTML trainers write: a course's description, a
lesson's text, callouts and steps, question texts, answers, feedback,
matching prompts and quiz introductions, typed in the admin or imported from
a GIFT or Moodle XML file. Learners' pages show these only through
`rich_text_html` (the `trainer_html` template filter of courses, and the
lesson's text block): cleaned here, then Wagtail's references (images, page
and document links) expanded. Questions' rich-text fields are also cleaned
when saved, and imports clean what they store, so the database holds clean
text too; cleaning again on the way out keeps a row written by any other
path (an old row, a script, the shell) harmless.

Texts that are not HTML (short-answer and numerical answers, matching
answers, what learners type, translated labels) never come here and are
never marked safe: templates escape them.
"""

import re
import unicodedata

import nh3
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

# What a text may hold: formatting, lists, tables, links and pictures. Anything
# else (script, style, iframe, on* handlers, javascript: URLs) is removed.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Wagtail's stored form of rich text adds references to its own objects,
# which it expands when the text is shown: `<embed embedtype="image" .../>`
# and `<a linktype="page" id="3">`, and a key on each block. Only these kinds
# are kept: a media embed would put a third party's iframe on the page.
REFERENCE_ATTRIBUTES = {
    "*": {"data-block-key"},
    "a": ALLOWED_ATTRIBUTES["a"] | {"linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt"},
}
LINK_TYPES = {"page", "document"}
EMBED_TYPES = {"image"}
# A database id fits in 63 bits: a longer one would not be looked up but crash the query.
ID = re.compile(r"[0-9]{1,18}")
BLOCK_KEY = re.compile(r"[A-Za-z0-9_-]{1,32}")
# nh3 writes a void element without Wagtail's closing slash, and escapes ">" inside attribute values.
EMBED_TAG = re.compile(r"<embed\b([^>]*)>")


def clean_html(value):
    """An HTML text in NFC with only the allowed tags and attributes left (imports and plain HTML)."""
    if not value:
        return ""
    return nh3.clean(
        nfc(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
    ).strip()


def clean_rich_text(value):
    """Wagtail's stored rich text, allow-listed, keeping the references Wagtail can expand."""
    if not value:
        return ""
    cleaned = nh3.clean(
        nfc(value),
        tags=ALLOWED_TAGS | {"embed"},
        attributes={**ALLOWED_ATTRIBUTES, **REFERENCE_ATTRIBUTES},
        attribute_filter=reference_filter,
        url_schemes=ALLOWED_URL_SCHEMES,
    )
    return EMBED_TAG.sub(closed_embed, cleaned).strip()


def rich_text_html(value):
    """What a learner's page shows of a trainer's text: cleaned, Wagtail's references expanded, marked safe."""
    return mark_safe(expand_db_html(clean_rich_text(value)))


def reference_filter(element, attribute, value):
    if attribute == "linktype":
        return value if value in LINK_TYPES else None
    if attribute == "embedtype":
        return value if value in EMBED_TYPES else None
    if attribute == "id" and element in ("a", "embed"):
        return value if ID.fullmatch(value) else None
    if attribute == "data-block-key":
        return value if BLOCK_KEY.fullmatch(value) else None
    return value


def closed_embed(match):
    """An image embed Wagtail can expand, closed as Wagtail finds it; anything else is dropped."""
    # Imported here: it loads Wagtail's image models, and models (lms.quizzes) import this module.
    from wagtail.images.formats import get_image_formats

    attributes = extract_attrs(match.group(1))
    if attributes.get("embedtype") not in EMBED_TYPES or "id" not in attributes:
        return ""
    if attributes.get("format") not in {image_format.name for image_format in get_image_formats()}:
        return ""
    return f"<embed{match.group(1)}/>"


def nfc(value):
    return unicodedata.normalize("NFC", value)
