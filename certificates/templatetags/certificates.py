from django import template

from .. import services
from ..models import Certificate

register = template.Library()


@register.simple_tag
def certificates_of(user):
    """The learner's current certificates, newest first (for "My learning")."""
    return list(
        Certificate.objects.filter(enrollment__user=user, replaced_at__isnull=True).order_by("-issued_on", "-pk")
    )


@register.simple_tag
def certificate_state(enrollment):
    """The completed enrollment's certificate, or whether it is being prepared (services.certificate_state)."""
    return services.certificate_state(enrollment)
