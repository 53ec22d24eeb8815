"""Handouts as Wagtail documents: created once, found again by title."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.utils.file import hash_filelike


def ensure_document(handout, created):
    document = Document.objects.filter(title=handout.title).first()
    if document is not None:
        return document
    data = handout.text.encode()
    document = Document(
        title=handout.title,
        file=ContentFile(data, name=handout.filename),
        file_size=len(data),
        file_hash=hash_filelike(ContentFile(data)),
    )
    document.save()
    created["documents"] += 1
    return document
