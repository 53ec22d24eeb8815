"""
Assigning a course to 20,000 people takes seconds, not milliseconds: it runs
as a `django.tasks` task so no request waits on it. With the immediate
backend (the default of `make run` and the tests) the task runs at once,
inside the request that queued it; a database or RQ backend runs it on a
worker.
"""

from django.db import transaction
from django_tasks import task

from . import services
from .models import Assignment


@task()
def apply_assignment_task(assignment_id):
    """Enroll everyone an assignment covers; the number newly enrolled (0 if it was deleted meanwhile)."""
    assignment = Assignment.objects.filter(pk=assignment_id).first()
    return services.apply_assignment(assignment) if assignment else 0


@task()
def enroll_new_members_task(user_ids):
    """Enroll people who joined a unit in the courses assigned to it."""
    return services.enroll_new_members(user_ids)


def queue_apply(assignment):
    """Queue the apply of `assignment` once the current transaction commits."""
    transaction.on_commit(lambda: apply_assignment_task.enqueue(assignment.pk))


def enroll_confirmed_members(sender, user_ids, **kwargs):
    """Receiver of `members_confirmed` (already sent on commit)."""
    enroll_new_members_task.enqueue(list(user_ids))


@task()
def email_notifications():
    """Send the e-mails of the notifications written and not sent yet."""
    from .notifications import email_pending

    return email_pending()
