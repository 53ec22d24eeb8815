from django.db import models
from django.utils.translation import gettext_lazy as _

from . import codes


class Certificate(models.Model):
    """
    Proof that a learner completed a course. What it certifies is copied at
    issue time, so later edits to the user or the course do not change it.
    An enrollment has one current certificate; a re-issued one points from
    the old to the new through `replaced_by`.
    """

    enrollment = models.ForeignKey("enrollment.Enrollment", on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("code"), max_length=codes.BODY_LENGTH + 1, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=150)
    course_title = models.CharField(_("course"), max_length=255)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    score = models.DecimalField(_("final score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    organisation = models.CharField(_("issuing organisation"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", verbose_name=_("replaced by"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # Concurrent completions cannot issue two: the database refuses the second.
            models.UniqueConstraint(
                fields=["enrollment"], condition=models.Q(replaced_at__isnull=True), name="one_current_certificate"
            )
        ]

    def __str__(self):
        return f"{self.display_code} · {self.full_name}"

    @property
    def display_code(self):
        return codes.grouped(self.code)

    @property
    def status(self):
        if self.replaced_at:
            return "replaced"
        if self.revoked_at:
            return "revoked"
        return "valid"
