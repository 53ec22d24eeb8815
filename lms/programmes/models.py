"""
A mandatory course: an `Assignment` makes a course compulsory for the confirmed
members of some organisational units, each with or without the units below it,
optionally narrowed to a learner type or a position, by a due date.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import OrgUnit, User


class Assignment(models.Model):
    """A course made mandatory for the members of some units, due on a date or N days after each is assigned."""

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="assignments"
    )
    units = models.ManyToManyField(
        OrgUnit, verbose_name=_("units"), through="AssignedUnit", related_name="assignments"
    )
    learner_type = models.CharField(
        _("learner type"), max_length=16, choices=User.LearnerType.choices, blank=True,
        help_text=_("Empty: every learner type."),
    )
    position = models.CharField(
        _("position"), max_length=150, blank=True, help_text=_("Empty: every position.")
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_days = models.PositiveIntegerField(
        _("due after (days)"), null=True, blank=True,
        help_text=_("Days after each person is assigned: someone who joins later gets the same number of days."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mandatory course")
        verbose_name_plural = _("mandatory courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=False, due_days__isnull=True)
                | Q(due_on__isnull=True, due_days__isnull=False),
                name="assignment_due_on_or_due_days",
            )
        ]

    def __str__(self):
        return str(self.course)

    def clean(self):
        super().clean()
        if (self.due_on is None) == (self.due_days is None):
            raise ValidationError(_("Give either a due date or a number of days, not both."))

    @property
    def assigned_by(self):
        """Who assigned the course, as a learner reads it: the person, or the units for one from the command line."""
        if self.created_by is not None:
            return self.created_by.full_name
        return ", ".join(row.unit.name for row in self.assigned_units.select_related("unit"))

    def due_date(self, assigned_on):
        """The due date of someone assigned on `assigned_on`."""
        if self.due_on is not None:
            return self.due_on
        return assigned_on + timedelta(days=self.due_days)


class AssignedUnit(models.Model):
    """One unit an assignment covers, with or without the units below it."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="assigned_units")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    include_subunits = models.BooleanField(_("with its sub-units"), default=True)

    class Meta:
        verbose_name = _("assigned unit")
        verbose_name_plural = _("assigned units")
        constraints = [models.UniqueConstraint(fields=["assignment", "unit"], name="one_row_per_assigned_unit")]

    def __str__(self):
        return f"{self.unit} (+)" if self.include_subunits else str(self.unit)


class Notification(models.Model):
    """
    One message to one person: a reminder about a mandatory course, news of a
    completion or a certificate, or an HR officer's weekly digest. It is
    written once, in the person's language, shown on /my/ and e-mailed.
    `key` says which occasion it is for (the enrollment and its due date,
    the week of a weekly one): the unique constraint on (user, kind, key) is
    the send log that makes `send_reminders` safe to run twice.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Course assigned")
        DUE_SOON = "due_soon", _("Due in a week")
        DUE_TODAY = "due_today", _("Due today")
        OVERDUE = "overdue", _("Overdue")
        COMPLETED = "completed", _("Course completed")
        CERTIFICATE = "certificate", _("Certificate ready")
        OVERDUE_DIGEST = "overdue_digest", _("Weekly overdue digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    # A path on this site (course, certificate, report), never an outside address.
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        # Kind and key first: the reminder run looks occasions up by them, a thousand keys at a time.
        constraints = [models.UniqueConstraint(fields=["kind", "key", "user"], name="one_notification_per_occasion")]
        indexes = [models.Index(fields=["user", "-created_at"], name="notifications_of_user")]

    def __str__(self):
        return self.subject
