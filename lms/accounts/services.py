"""
What HR does to people's membership of units. A learner's own choice is a
request (`User.requested_org_unit`); approving it makes it their confirmed
unit (`User.org_unit`), declining it drops it. Both act only on requests for
units in the officer's scope, and approving announces the new members
(`members_confirmed`).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import User
from .scope import units_in_scope
from .signals import send_members_confirmed


def pending_requests(officer):
    """People waiting for `officer` to confirm them: requests for a unit in the officer's scope."""
    return (
        User.objects.filter(requested_org_unit__in=units_in_scope(officer), is_active=True)
        .select_related("requested_org_unit", "org_unit")
        .order_by("requested_org_unit__path", "full_name")
    )


def _requests_in_scope(officer, user_ids):
    requests = pending_requests(officer).filter(pk__in=user_ids)
    if len(requests) != len(set(user_ids)):
        raise PermissionDenied
    return requests


@transaction.atomic
def approve_requests(officer, user_ids):
    """Confirm each person in the unit they asked for; refuse all if any request is outside `officer`'s scope."""
    requests = list(_requests_in_scope(officer, user_ids))
    for user in requests:
        user.org_unit = user.requested_org_unit
        user.requested_org_unit = None
    User.objects.bulk_update(requests, ["org_unit", "requested_org_unit"])
    send_members_confirmed([user.pk for user in requests], sender=approve_requests)
    return len(requests)


@transaction.atomic
def decline_requests(officer, user_ids):
    """Drop the requests; the people keep whatever unit was confirmed before."""
    requests = list(_requests_in_scope(officer, user_ids))
    User.objects.filter(pk__in=[user.pk for user in requests]).update(requested_org_unit=None)
    return len(requests)


def confirm_unit_change(user, previous_org_unit_id):
    """The user admin changed `user`'s confirmed unit: the request it answers is settled, and the change announced."""
    if user.org_unit_id == previous_org_unit_id:
        return
    if user.org_unit_id and user.requested_org_unit_id == user.org_unit_id:
        User.objects.filter(pk=user.pk).update(requested_org_unit=None)
    if user.org_unit_id:
        send_members_confirmed([user.pk], sender=confirm_unit_change)
