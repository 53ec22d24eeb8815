from django import template

from ..models import Notification

register = template.Library()

# /my/ shows the latest few; the notifications page has them all.
RECENT = 5


@register.simple_tag
def recent_notifications(user):
    """`user`'s latest notifications, newest first, and how many are unread: `{% recent_notifications user as n %}`."""
    mine = Notification.objects.filter(user=user)
    return {"latest": list(mine.order_by("-created_at", "-pk")[:RECENT]), "unread": mine.filter(read_at=None).count()}
