from django import template

from ..models import Certificate

register = template.Library()


@register.simple_tag
def certificates_of(user):
    """The learner's current certificates, newest first (for "My learning")."""
    return list(
        Certificate.objects.filter(enrollment__user=user, replaced_at__isnull=True).order_by("-issued_on", "-pk")
    )
