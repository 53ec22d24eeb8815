from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Enrollment(models.Model):
    """A learner in a course. Leaving keeps the row, so coming back keeps the progress."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("learning", "In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Left the course")

    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        ASSIGNED = "assigned", _("Assigned")
        BULK = "bulk", _("Bulk enrollment")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="enrollments")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.SELF)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, help_text=_("Share of required activities completed, kept up to date.")
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrollment_per_user_and_course")]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.user} → {self.course}"

    @property
    def is_current(self):
        """Whether the learner is in the course now (not withdrawn)."""
        return self.status != self.Status.WITHDRAWN


class ActivityProgress(models.Model):
    """One learner's state in one activity (Open edX's completion: small, one row per block)."""

    class Status(models.TextChoices):
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="activities")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.STARTED)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_visited_at = models.DateTimeField(_("last visited at"), auto_now=True)

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        constraints = [models.UniqueConstraint(fields=["enrollment", "page"], name="one_progress_per_activity")]

    def __str__(self):
        return f"{self.enrollment} / {self.page_id}: {self.status}"

    @property
    def is_complete(self):
        return self.status == self.Status.COMPLETED
