"""
The shapes demo courses are written in (see content.py), and one helper per
lesson block so a lesson body reads as a list of what the learner sees.
Pictures and handouts appear as specs (images.Screen, images.Cover, Handout);
the loader swaps them for saved images and documents.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from courses.models import Audience, CompletionRule

from .images import Cover


@dataclass(frozen=True)
class Handout:
    """A downloadable UTF-8 text file, such as a checklist to print."""

    title: str
    filename: str
    text: str


@dataclass
class Lesson:
    slug: str
    title: str
    body: list
    minutes: int = 10
    completion_rule: str = CompletionRule.ON_VIEW
    is_required: bool = True


@dataclass
class Section:
    slug: str
    title: str
    summary: str
    lessons: list[Lesson]


@dataclass
class Course:
    slug: str
    title: str
    summary: str
    description: str
    audience: Audience
    hours: Decimal
    tags: list[str]
    cover: Cover
    allow_preview: bool
    sections: list[Section] = field(default_factory=list)
    # Lessons placed directly under the course, for a course without sections.
    lessons: list[Lesson] = field(default_factory=list)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def image(picture, alt_text, caption=""):
    return ("image", {"image": picture, "alt_text": alt_text, "caption": caption})


def video(url, caption):
    return ("video", {"url": url, "file": None, "caption": caption})


def document(handout, description):
    return ("document", {"document": handout, "description": description})


def tip(title, html):
    return ("callout", {"kind": "tip", "title": title, "body": html})


def warning(title, html):
    return ("callout", {"kind": "warning", "title": title, "body": html})


def steps(title, *screens_and_texts):
    """A step-by-step guide from (screenshot, text HTML) pairs; a screenshot may be None."""
    return (
        "steps",
        {"title": title, "steps": [{"screenshot": shot, "text": text} for shot, text in screens_and_texts]},
    )
