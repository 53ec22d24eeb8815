"""
The weekly report e-mail. `send_scheduled_reports` (run by cron, any day)
sends each subscription at most once per ISO week, and not at all when the
numbers are the ones last sent: the fingerprint is a hash of every number of
the report, so a week with no change sends nothing. Someone who lost the
permission or the unit gets nothing.
"""

import hashlib
import json

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lms.accounts.scope import may_act_in

from . import exports, services
from .models import ReportSubscription


def fingerprint(rows):
    return hashlib.sha256(json.dumps(rows, default=str, ensure_ascii=False).encode()).hexdigest()


def same_week(moment, now):
    return moment is not None and timezone.localdate(moment).isocalendar()[:2] == timezone.localdate(now).isocalendar()[:2]


def send_scheduled_reports(now=None):
    """Send the week's reports; counts of sent, unchanged and skipped subscriptions."""
    now = now or timezone.now()
    counts = {"sent": 0, "unchanged": 0, "skipped": 0}
    subscriptions = ReportSubscription.objects.filter(weekly=True).select_related("user", "unit", "course")
    for subscription in subscriptions.order_by("pk"):
        user = subscription.user
        if (not user.is_active or not user.has_perm("accounts.view_reports")
                or not may_act_in(user, subscription.unit) or same_week(subscription.last_sent_at, now)):
            counts["skipped"] += 1
            continue
        filters = services.Filters(course=subscription.course, today=timezone.localdate(now))
        with translation.override(user.mail_language):
            table = exports.coverage_table([subscription.unit], filters)
            table.rows = list(table.rows)
            current = fingerprint(table.rows)
            if current == subscription.last_fingerprint:
                counts["unchanged"] += 1
                continue
            _message(subscription, table, filters).send()
        subscription.last_sent_at = now
        subscription.last_fingerprint = current
        subscription.save(update_fields=["last_sent_at", "last_fingerprint"])
        counts["sent"] += 1
    return counts


def _message(subscription, table, filters):
    unit, user = subscription.unit, subscription.user
    total = services.unit_totals([unit], filters)[unit.pk]
    query = {"unit": unit.code, **({"course": subscription.course.slug} if subscription.course else {})}
    link = f"{settings.SITE_URL}{reverse('report_coverage')}?{urlencode(query)}"
    course = subscription.course.title if subscription.course else _("All mandatory courses")
    body = _(
        "Dear %(name)s,\n\n"
        "Attached is this week's training coverage report of %(unit)s (%(course)s).\n\n"
        "Trained: %(completed)s of %(expected)s (%(percent)s%%)\n"
        "Overdue: %(overdue)s\n"
        "Not started: %(not_started)s\n\n"
        "See it online: %(link)s\n"
        "To stop these e-mails: %(stop)s\n"
    ) % {
        "name": user.full_name, "unit": unit.name, "course": course, "completed": total.completed,
        "expected": total.expected, "percent": total.percent_trained if total.percent_trained is not None else "—",
        "overdue": total.overdue, "not_started": total.not_started, "link": link,
        "stop": f"{settings.SITE_URL}{reverse('report_subscriptions')}",
    }
    message = EmailMessage(
        _("Weekly training report: %(unit)s") % {"unit": unit.name}, body, None, [user.email]
    )
    message.attach(exports.filename(table, "xlsx"), exports.render(table, "xlsx"), exports.CONTENT_TYPES["xlsx"])
    return message
