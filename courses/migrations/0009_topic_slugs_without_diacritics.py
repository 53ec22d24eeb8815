"""
Topics made before slugs were ASCII carry taggit's slugs with diacritics
(`chữ-ký-số`): they get `lms.slugs`' (`chu-ky-so`). Links to the old slugs still
work: the catalogue's filter folds the slug it is given.
"""

from django.db import migrations

from lms.slugs import slugify, unique_slug


def fold_topic_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    length = Tag._meta.get_field("slug").max_length
    for tag in Tag.objects.order_by("pk"):
        if tag.slug != slugify(tag.slug, length):
            tag.slug = unique_slug(tag.name, lambda slug: Tag.objects.filter(slug=slug).exists(), max_length=length)
            tag.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0008_lesson_text_through_the_allow_list"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(fold_topic_slugs, migrations.RunPython.noop)]
