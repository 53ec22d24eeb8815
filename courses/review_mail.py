"""
One e-mail per course review, not one per page.

Wagtail e-mails each moderation step of each page: a trainer submitting a
course with twelve changed pages sent every training manager twelve e-mails,
and approving it sent the trainer twelve more. While HọcSố acts on a course as
a whole (`submit_course`, `CourseReview.approve` and `request_changes`, inside
`one_mail_for`), Wagtail's notifiers leave the course's pages alone and the
course's own notification becomes one e-mail that lists every page, sent to
the recipients Wagtail would have chosen (their notification preferences and
languages included), once the whole action has committed. A page submitted or
decided alone, from Wagtail's own buttons, keeps Wagtail's e-mails.
"""

import contextlib
import contextvars
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse

TEMPLATES = {
    "subject": "courses/mail/course_review_subject.txt",
    "text": "courses/mail/course_review.txt",
    "html": "courses/mail/course_review.html",
}


@dataclass
class CourseAction:
    course: object
    pages: list
    page_ids: set = field(init=False)

    def __post_init__(self):
        self.page_ids = {str(page.pk) for page in self.pages}


_acting_on = contextvars.ContextVar("course_review_acted_on", default=None)


@contextlib.contextmanager
def one_mail_for(course, pages):
    """Within this block, the moderation e-mails of `pages` (the course among them) are one e-mail of the course."""
    token = _acting_on.set(CourseAction(course, list(pages)))
    try:
        yield
    finally:
        _acting_on.reset(token)


def _object_id(instance):
    """The object (a page, or a snippet under moderation) a Wagtail TaskState or WorkflowState is about."""
    state = getattr(instance, "workflow_state", instance)
    return state.object_id


def course_aware(notifier, sends_the_course_mail):
    """Wagtail's `notifier`, quiet for the pages of a course acted on as a whole; the course's own mail instead."""

    def notify(sender=None, instance=None, **kwargs):
        action = _acting_on.get()
        object_id = _object_id(instance)
        if action is None or object_id not in action.page_ids:
            return notifier(sender=sender, instance=instance, **kwargs)
        if sends_the_course_mail and object_id == str(action.course.pk):
            recipients = notifier.get_valid_recipients(instance, **kwargs)
            if recipients:
                context = {
                    **notifier.get_context(instance, **kwargs),
                    "event": notifier.notification,
                    "course": action.course,
                    "pages": [page for page in action.pages if page.pk != action.course.pk],
                    "review_url": reverse("course_review", args=[action.course.pk]),
                    "acted_by": kwargs.get("user"),
                }
                transaction.on_commit(lambda: notifier.send_emails(TEMPLATES, context, recipients))
        return True

    return notify


def replace_wagtails_notifiers():
    """
    Connect the course-aware notifiers under Wagtail's own dispatch ids: the
    one connected first keeps the id, so whichever of Wagtail's admin and this
    app is ready first, Wagtail's plain notifiers end up disconnected.
    """
    from wagtail.admin import signal_handlers as wagtail_mail
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

    notifiers = [
        # The task's e-mail goes to the approvers (and superusers): it becomes the course's.
        (task_submitted, TaskState, "group_approval_task_submitted_email_notification",
         wagtail_mail.task_submission_email_notifier, True),
        # The workflow's copy to superusers only repeats it.
        (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification",
         wagtail_mail.workflow_submission_email_notifier, False),
        (workflow_approved, WorkflowState, "workflow_state_approved_email_notification",
         wagtail_mail.workflow_approval_email_notifier, True),
        (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification",
         wagtail_mail.workflow_rejection_email_notifier, True),
    ]
    for signal, sender, dispatch_uid, notifier, sends_the_course_mail in notifiers:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            course_aware(notifier, sends_the_course_mail), sender=sender, dispatch_uid=dispatch_uid, weak=False
        )
