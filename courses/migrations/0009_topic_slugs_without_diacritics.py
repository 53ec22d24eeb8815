"""
Topics made before slugs were ASCII carry taggit's slugs with diacritics
(`chữ-ký-số`): they get `lms.slugs`' (`chu-ky-so`). Links to the old slugs still
work: the catalogue's filter folds the slug it is given.
"""

import re
import unicodedata
from itertools import count

from django.db import migrations


def ascii_slug(text, max_length):
    """lms.slugs.slugify as it was written: a migration must not depend on code that may change."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = decomposed.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:max_length].rstrip("-")


def fold_topic_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    length = Tag._meta.get_field("slug").max_length
    for tag in Tag.objects.order_by("pk"):
        if tag.slug == ascii_slug(tag.slug, length):
            continue
        base = ascii_slug(tag.name, length) or "chu-de"
        for number in count(1):
            suffix = "" if number == 1 else f"-{number}"
            slug = base[: length - len(suffix)].rstrip("-") + suffix
            if not Tag.objects.filter(slug=slug).exists():
                break
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0008_lesson_text_through_the_allow_list"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(fold_topic_slugs, migrations.RunPython.noop)]
