"""
Where a training manager or HR officer may act: the organisational units they
are responsible for (`User.responsible_units`) and every unit below them. One
responsible for the province's root unit sees everything; superusers too.
Imports, assignments, reminders and reports all ask here.
"""

from django.db.models import Q

from .models import OrgUnit, User


def units_in_scope(user):
    """The units `user` may act in, as a queryset (empty for people responsible for none)."""
    if not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    paths = list(user.responsible_units.values_list("path", flat=True))
    if not paths:
        return OrgUnit.objects.none()
    subtrees = Q()
    for path in paths:
        subtrees |= Q(path__startswith=path)
    return OrgUnit.objects.filter(subtrees)


def may_act_in(user, unit):
    """Whether `unit` is one of `user`'s units or below one of them."""
    return unit is not None and units_in_scope(user).filter(pk=unit.pk).exists()


def members_in_scope(user):
    """The people whose confirmed unit is in `user`'s scope."""
    return User.objects.filter(org_unit__in=units_in_scope(user))
