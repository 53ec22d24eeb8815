"""
Reminders and notifications: what is said to whom, and when.

Every message is a `Notification` row, written once in the reader's language,
shown on /my/notifications/ and e-mailed. The row is the send log: its
(user, kind, key) is unique, so asking twice for the same occasion (a second
run of `send_reminders`, two workers at once) stores and sends nothing more.

The occasions of a course with a deadline, each keyed by the enrollment and
its due date, so a changed due date is a new occasion:

- assigned: when an assignment enrolls the person or gives them its due date;
- due soon: 7 days before the due date (not when they were assigned inside
  those 7 days: the assignment message gave the date);
- due today: on the due date (not when they were assigned that day);
- overdue: the day after the due date, then once every 7 days until done.

Course completed and certificate ready come from the enrollment and
certificate signals. Each HR officer or training manager responsible for
units gets a weekly digest of their units' overdue people, keyed by the ISO
week, and none in a week with nobody overdue.

E-mails go out from `email_pending`: a row is claimed (its `emailed_at` set
in one UPDATE that only one sender can win) before its mail is sent, and
released if sending fails, so a later run retries it for EMAIL_RETRY_DAYS.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CoursePage
from lms.accounts.models import NO_MAILBOX_DOMAIN, User
from lms.accounts.scope import units_in_scope
from lms.enrollment.models import Enrollment

from .models import Notification

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 7
OVERDUE_EVERY_DAYS = 7
# A mail that could not be sent is retried by later runs for this long, then given up (it stays on /my/).
EMAIL_RETRY_DAYS = 3
# People listed by name in a digest; the rest are counted, and the report has them all.
DIGEST_LINES = 50
BATCH_SIZE = 1000


def short_date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def due_key(enrollment):
    return f"{enrollment.pk}:{enrollment.deadline.isoformat()}"


def course_link(enrollment):
    return enrollment.course.url or ""


def compose(kind, user, key, **context):
    """A notification of `kind` for `user` on the occasion `key`, its text in the user's language; not saved."""
    with translation.override(user.mail_language):
        subject, lines, link = WRITERS[kind](user=user, **context)
        greeting = _("Dear %(name)s,") % {"name": user.full_name or user.email}
        body = "\n\n".join([greeting, *lines])
    return Notification(user=user, kind=kind, key=key, subject=subject[:255], body=body, link=link[:500])


def write_assigned(user, enrollment, today, assigned_by=""):
    course, due, link = enrollment.course.title, short_date(enrollment.deadline), course_link(enrollment)
    lines = [
        _("The course “%(course)s” is mandatory for you; complete it by %(date)s.") % {"course": course, "date": due},
    ]
    if assigned_by:
        lines.append(_("Assigned by: %(who)s.") % {"who": assigned_by})
    lines.append(_("Open the course: %(url)s") % {"url": absolute(link)})
    return _("Mandatory course: “%(course)s”, due %(date)s") % {"course": course, "date": due}, lines, link


def write_due_soon(user, enrollment, today):
    course, due, link = enrollment.course.title, short_date(enrollment.deadline), course_link(enrollment)
    days = (enrollment.deadline - today).days
    lines = [
        ngettext(
            "“%(course)s” is due in %(days)s day, on %(date)s. You have done %(progress)s%% of it.",
            "“%(course)s” is due in %(days)s days, on %(date)s. You have done %(progress)s%% of it.",
            days,
        ) % {"course": course, "days": days, "date": due, "progress": enrollment.progress},
        _("Continue: %(url)s") % {"url": absolute(link)},
    ]
    return _("A week left for “%(course)s”") % {"course": course}, lines, link


def write_due_today(user, enrollment, today):
    course, link = enrollment.course.title, course_link(enrollment)
    lines = [
        _("Today is the last day to complete “%(course)s”. You have done %(progress)s%% of it.")
        % {"course": course, "progress": enrollment.progress},
        _("Continue: %(url)s") % {"url": absolute(link)},
    ]
    return _("“%(course)s” is due today") % {"course": course}, lines, link


def write_overdue(user, enrollment, today):
    course, due, link = enrollment.course.title, short_date(enrollment.deadline), course_link(enrollment)
    days = (today - enrollment.deadline).days
    lines = [
        ngettext(
            "“%(course)s” was due on %(date)s, %(days)s day ago, and is not complete yet.",
            "“%(course)s” was due on %(date)s, %(days)s days ago, and is not complete yet.",
            days,
        ) % {"course": course, "date": due, "days": days},
        _("Complete it as soon as you can: %(url)s") % {"url": absolute(link)},
    ]
    return _("Overdue: “%(course)s”") % {"course": course}, lines, link


def write_completed(user, enrollment):
    course = enrollment.course.title
    lines = [
        _("You completed “%(course)s” on %(date)s. Well done!")
        % {"course": course, "date": short_date(timezone.localdate(enrollment.completed_at))},
    ]
    if enrollment.course.issues_certificate:
        lines.append(_("If your results qualify for the course's certificate, another message brings its link."))
    return _("You completed “%(course)s”") % {"course": course}, lines, reverse("my_learning")


def write_certificate(user, certificate):
    verify = reverse("certificate_verify", args=[certificate.code])
    lines = [
        _("Your certificate for “%(course)s” is ready. Its code is %(code)s.")
        % {"course": certificate.course_title, "code": certificate.display_code},
        _("Download it: %(url)s") % {"url": absolute(reverse("certificate_pdf", args=[certificate.code]))},
        _("Anyone can check that it is genuine at: %(url)s") % {"url": absolute(verify)},
    ]
    return _("Your certificate for “%(course)s”") % {"course": certificate.course_title}, lines, verify


def write_overdue_digest(user, overdue, total, people):
    lines = [
        ngettext(
            "%(people)s person in your units is late on a mandatory course (%(total)s course in all):",
            "%(people)s people in your units are late on mandatory courses (%(total)s courses in all):",
            people,
        ) % {"people": people, "total": total},
        "\n".join(
            "- " + _("%(name)s (%(unit)s): “%(course)s”, due %(date)s") % {
                "name": row.user.full_name, "unit": row.user.org_unit.name if row.user.org_unit else "",
                "course": row.course.title, "date": short_date(row.deadline)}
            for row in overdue
        ),
    ]
    if total > len(overdue):
        lines.append(_("…and %(count)s more.") % {"count": total - len(overdue)})
    link = overdue_report_link()
    lines.append(_("The full list: %(url)s") % {"url": absolute(link)})
    return _("Overdue mandatory courses in your units this week"), lines, link


WRITERS = {
    Notification.Kind.ASSIGNED: write_assigned,
    Notification.Kind.DUE_SOON: write_due_soon,
    Notification.Kind.DUE_TODAY: write_due_today,
    Notification.Kind.OVERDUE: write_overdue,
    Notification.Kind.COMPLETED: write_completed,
    Notification.Kind.CERTIFICATE: write_certificate,
    Notification.Kind.OVERDUE_DIGEST: write_overdue_digest,
}


def absolute(path):
    return settings.SITE_URL + path


def overdue_report_link():
    """The people report of the officer's units, filtered to the overdue."""
    return reverse("report_people") + "?status=overdue"


def store(notifications):
    """
    Save the notifications whose occasion has none yet; the number stored.
    A notification stored meanwhile by another run is skipped, not doubled.
    """
    if not notifications:
        return 0
    wanted = {(n.user_id, n.kind, n.key): n for n in notifications}
    told = told_of(wanted)
    new = [n for occasion, n in wanted.items() if occasion not in told]
    Notification.objects.bulk_create(new, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(new)


def told_of(occasions):
    """
    Which of the (user, kind, key) occasions have a notification already.
    Looked up by kind and key only (the index's first columns): adding the
    users as a third IN list would make the database probe every combination.
    """
    kinds, keys = {kind for _user, kind, _key in occasions}, {key for _user, _kind, key in occasions}
    found = Notification.objects.filter(kind__in=kinds, key__in=keys).values_list("user_id", "kind", "key")
    return {occasion for occasion in found if occasion in occasions}


def open_deadlines():
    """Enrollments with a due date still to meet: not complete, not withdrawn, of active people."""
    return Enrollment.objects.filter(
        deadline__isnull=False, completed_at__isnull=True, status=Enrollment.Status.ACTIVE, user__is_active=True
    )


def due_occasion(enrollment, assigned_on, today):
    """
    Which reminder `enrollment` is owed today, as (kind, key), or None.
    `assigned_on` is the day its assignment message was written (None: not yet).
    """
    key = due_key(enrollment)
    days_left = (enrollment.deadline - today).days
    # Someone first met already late (an install from before reminders) is told they are overdue instead.
    if enrollment.source == Enrollment.Source.ASSIGNED and assigned_on is None and days_left >= 0:
        return Notification.Kind.ASSIGNED, key
    if days_left == 0:
        told_today = assigned_on is not None and assigned_on >= today
        return None if told_today else (Notification.Kind.DUE_TODAY, key)
    if 0 < days_left <= DUE_SOON_DAYS:
        told_in_window = assigned_on is not None and assigned_on >= enrollment.deadline - timedelta(DUE_SOON_DAYS)
        return None if told_in_window else (Notification.Kind.DUE_SOON, key)
    if days_left < 0:
        week = (-days_left - 1) // OVERDUE_EVERY_DAYS
        return Notification.Kind.OVERDUE, f"{key}:{week}"
    return None


def remind(enrollments, today=None, assigned_by=""):
    """
    Write the reminders the enrollments in `enrollments` (a queryset) are owed
    today and queue their e-mails; the number written. Runs in batches, so
    a province's enrollments never sit in memory at once.
    """
    today = today or timezone.localdate()
    pending = open_deadlines().filter(pk__in=enrollments.values("pk")).select_related("user")
    stored = 0
    batch = []
    for enrollment in pending.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        batch.append(enrollment)
        if len(batch) == BATCH_SIZE:
            stored += remind_batch(batch, today, assigned_by)
            batch = []
    stored += remind_batch(batch, today, assigned_by)
    if stored:
        queue_emails()
    return stored


def remind_batch(enrollments, today, assigned_by):
    if not enrollments:
        return 0
    # A course page is a heavy object: each is loaded once per batch, not joined into every row.
    courses = CoursePage.objects.in_bulk({e.course_id for e in enrollments})
    for enrollment in enrollments:
        enrollment.course = courses[enrollment.course_id]
    keys = {due_key(e) for e in enrollments}
    assigned_on = {
        (user_id, key): timezone.localdate(created_at)
        for user_id, key, created_at in Notification.objects.filter(
            kind=Notification.Kind.ASSIGNED, key__in=keys
        ).values_list("user_id", "key", "created_at")
    }
    owed = {}
    for enrollment in enrollments:
        occasion = due_occasion(enrollment, assigned_on.get((enrollment.user_id, due_key(enrollment))), today)
        if occasion is not None:
            owed[(enrollment.user_id, *occasion)] = enrollment
    # Rendering is the costly part: only occasions not told yet are written.
    already = told_of(owed)
    notifications = [
        compose(kind, enrollment.user, key, enrollment=enrollment, today=today,
                **({"assigned_by": assigned_by} if kind == Notification.Kind.ASSIGNED else {}))
        for (user_id, kind, key), enrollment in owed.items()
        if (user_id, kind, key) not in already
    ]
    return store(notifications)


def notify_completed(enrollment):
    if store([compose(Notification.Kind.COMPLETED, enrollment.user, str(enrollment.pk), enrollment=enrollment)]):
        queue_emails()


def notify_certificate(certificate):
    user = certificate.enrollment.user
    if store([compose(Notification.Kind.CERTIFICATE, user, certificate.code, certificate=certificate)]):
        queue_emails()


def responsible_people():
    """
    Everyone who answers for units and may see their people: who gets the
    weekly digest. The permission is read in the one query, as Django's
    backend grants it (superuser, a group's, one's own), not asked person by person.
    """
    may_see = Permission.objects.get(content_type__app_label="accounts", codename="view_reports")
    return (
        User.objects.filter(is_active=True, responsible_units__isnull=False)
        .filter(Q(is_superuser=True) | Q(groups__permissions=may_see) | Q(user_permissions=may_see))
        .distinct()
    )


def send_digests(today=None):
    """Each responsible person's weekly digest of their units' overdue people; the number written."""
    today = today or timezone.localdate()
    year, week, _weekday = today.isocalendar()
    notifications = []
    for officer in responsible_people():
        late = open_deadlines().filter(deadline__lt=today, user__org_unit__in=units_in_scope(officer))
        counts = late.aggregate(total=Count("pk"), people=Count("user", distinct=True))
        if not counts["total"]:
            continue
        overdue = list(late.select_related("user__org_unit", "course").order_by("deadline", "user__full_name")[
            :DIGEST_LINES])
        notifications.append(
            compose(Notification.Kind.OVERDUE_DIGEST, officer, f"{year}-W{week:02d}", overdue=overdue, **counts)
        )
    stored = store(notifications)
    if stored:
        queue_emails()
    return stored


def send_reminders(today=None):
    """The daily run: every reminder owed today, then the weekly digests. Returns (reminders, digests)."""
    today = today or timezone.localdate()
    counts = remind(open_deadlines(), today), send_digests(today)
    # Also the mails an earlier run could not send.
    queue_emails()
    return counts


def queue_emails():
    from .tasks import email_notifications

    email_notifications.enqueue()


def email_pending(now=None):
    """
    E-mail every notification not sent yet (and not older than the retry
    window); the number sent. People without a mailbox read theirs on /my/.

    Each batch is claimed by stamping it with this run's own time in one
    UPDATE; the rows that carry the stamp afterwards are this run's to send,
    so two senders at once never mail the same row twice.
    """
    claim = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, created_at__gte=claim - timedelta(days=EMAIL_RETRY_DAYS)
        )
        .exclude(user__email__endswith="@" + NO_MAILBOX_DOMAIN)
        .order_by("pk")
    )
    sent, failed = 0, set()
    with get_connection() as connection:
        while True:
            batch = list(pending.exclude(pk__in=failed).values_list("pk", flat=True)[:BATCH_SIZE])
            if not batch:
                break
            Notification.objects.filter(pk__in=batch, emailed_at__isnull=True).update(emailed_at=claim)
            for notification in Notification.objects.filter(pk__in=batch, emailed_at=claim).select_related("user"):
                message = EmailMessage(
                    notification.subject, email_body(notification), None, [notification.user.email],
                    connection=connection,
                )
                try:
                    message.send()
                except Exception:
                    logger.exception("Could not e-mail notification %s; a later run retries it", notification.pk)
                    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
                    failed.add(notification.pk)
                    continue
                sent += 1
    return sent


def email_body(notification):
    with translation.override(notification.user.mail_language):
        footer = _("Your notifications: %(url)s") % {"url": absolute(reverse("my_notifications"))}
    return f"{notification.body}\n\n-- \n{footer}\n"
