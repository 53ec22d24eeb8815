"""
The reports read what the other apps write; the one thing they keep is who
asked for the weekly e-mail of which unit's report, and what was last sent,
so an unchanged report is not sent again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReportSubscription(models.Model):
    """A manager's or HR officer's weekly XLSX of one unit's coverage, for one course or every mandatory course."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="report_subscriptions"
    )
    unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="report_subscriptions"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="report_subscriptions", help_text=_("Empty: every mandatory course."),
    )
    weekly = models.BooleanField(_("weekly e-mail"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    # A hash of the numbers last sent: the same numbers next week are not sent again.
    last_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "course"], condition=Q(course__isnull=False), name="one_subscription_per_course"
            ),
            models.UniqueConstraint(
                fields=["user", "unit"], condition=Q(course__isnull=True), name="one_subscription_per_unit"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.unit}"
