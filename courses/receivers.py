"""Keeping each course's team group in step with the course, topics' slugs readable, and outlines current."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import COMMENTS_RELATION_NAME, Page
from wagtail.signals import post_page_move

from lms.slugs import slugify, unique_slug

from . import outline_cache
from .models import CourseTeam

TOPIC_SLUG_LENGTH = Tag._meta.get_field("slug").max_length


@receiver(post_delete, sender=CourseTeam)
def delete_the_teams_group(sender, instance, **kwargs):
    """A deleted course leaves no group behind that still lists its trainers."""
    instance.group.delete()


@receiver(pre_save, sender=Tag)
def topic_slug_without_diacritics(sender, instance, **kwargs):
    """
    A new topic's slug goes in the catalogue's URLs (`?topic=chu-ky-so`):
    taggit keeps diacritics ("chữ-ký-số"), so `lms.slugs` makes it instead.
    """
    if instance._state.adding and instance.slug != slugify(instance.slug, TOPIC_SLUG_LENGTH):
        instance.slug = unique_slug(
            instance.name, lambda slug: Tag.objects.filter(slug=slug).exists(), max_length=TOPIC_SLUG_LENGTH,
            fallback="chu-de",
        )


# What saving a draft writes to the page's row (Page.save_revision): the live
# content the outlines hold stays as it was. The editor saves a draft every few
# seconds while a trainer types; that must not empty the cache each time.
DRAFT_BOOKKEEPING = {
    COMMENTS_RELATION_NAME, "latest_revision_created_at", "draft_title", "latest_revision", "has_unpublished_changes",
}


@receiver(post_save)
@receiver(post_delete)
@receiver(post_page_move)
def outlines_follow_their_pages(sender, instance, update_fields=None, **kwargs):
    """Publishing, unpublishing, editing, adding, deleting or moving a page may change a course's outline."""
    if not isinstance(instance, Page):
        return
    if update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    outline_cache.pages_changed()
