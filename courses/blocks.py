"""StreamField blocks of a lesson: what a trainer can put on a page, and how each renders."""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from lms.cleaning import rich_text_html

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]

# Providers whose watch URLs we can turn into an embed address ourselves, without
# an oEmbed round trip at render time (commune centres often have no such luck).
VIDEO_EMBED_PATTERNS = [
    (re.compile(r"(?:youtube\.com/watch\?(?:.*&)?v=|youtu\.be/|youtube\.com/embed/)([\w-]{11})"),
     "https://www.youtube-nocookie.com/embed/{}"),
    (re.compile(r"vimeo\.com/(?:video/)?(\d+)"), "https://player.vimeo.com/video/{}"),
]


def video_embed_url(url):
    """The iframe address for a known video host, or None to show a plain link."""
    for pattern, template in VIDEO_EMBED_PATTERNS:
        match = pattern.search(url or "")
        if match:
            return template.format(match.group(1))
    return None


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"))
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading")), ("h3", _("Sub-heading"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), help_text=_("What the image shows, for screen readers.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video address"), required=False, help_text=_("A YouTube or Vimeo link, or any video page.")
    )
    file = DocumentChooserBlock(
        label=_("Uploaded video file"), required=False, help_text=_("An MP4 or WebM file from the documents library.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("url")) == bool(value.get("file")):
            message = _("Give either a video address or an uploaded file, not both or neither.")
            raise StructBlockValidationError(block_errors={"url": ErrorList([ValidationError(message)])})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value.get("url"))
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "courses/blocks/document.html"


class TrainerRichTextBlock(blocks.RichTextBlock):
    """A lesson's text, shown through the one allow-list (lms.cleaning) whatever path stored it."""

    def render_basic(self, value, context=None):
        return rich_text_html(value.source)


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"), choices=[("tip", _("Tip")), ("warning", _("Warning"))], default="tip"
    )
    title = blocks.CharBlock(label=_("Title"), required=False)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "courses/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    screenshot = ImageChooserBlock(label=_("Screenshot"), required=False)
    text = blocks.RichTextBlock(label=_("What to do"), features=["bold", "italic", "link"])


class StepByStepBlock(blocks.StructBlock):
    """The hands-on way these courses teach: numbered steps, each a screenshot and a short text."""

    title = blocks.CharBlock(label=_("Title"))
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step guide")
        template = "courses/blocks/steps.html"


class H5PBlock(blocks.StructBlock):
    """An H5P activity from the package store, played in the lesson; its score counts against the pass mark."""

    package = SnippetChooserBlock("h5p.H5PPackage", label=_("H5P activity"))
    pass_threshold = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=0, max_value=100, default=60,
        help_text=_("Used when the lesson completes on its H5P score."),
    )

    class Meta:
        icon = "code"
        label = _("H5P activity")
        template = "courses/blocks/h5p.html"


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = TrainerRichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    steps = StepByStepBlock()
    h5p = H5PBlock()
