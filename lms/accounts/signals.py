"""
`members_confirmed` is sent, once the transaction commits, whenever people
get or change their confirmed unit (`User.org_unit`): an import, the user
admin, an approved membership request. It carries `user_ids`, a list; the
programme side listens to enroll people who join a unit after a course was
assigned to it.
"""

from django.db import transaction
from django.dispatch import Signal

members_confirmed = Signal()


def send_members_confirmed(user_ids, sender=None):
    """Send `members_confirmed` for `user_ids` when the current transaction commits (none: nothing sent)."""
    user_ids = list(user_ids)
    if user_ids:
        transaction.on_commit(lambda: members_confirmed.send(sender=sender, user_ids=user_ids))
