"""Keeping each course's team group in step with the course."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import CourseTeam


@receiver(post_delete, sender=CourseTeam)
def delete_the_teams_group(sender, instance, **kwargs):
    """A deleted course leaves no group behind that still lists its trainers."""
    instance.group.delete()
