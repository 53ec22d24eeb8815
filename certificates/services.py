"""Issuing certificates when enrollments complete, and looking them up for verification."""

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from lms.enrollment.models import ActivityProgress, Enrollment

from . import codes
from .models import Certificate

# A fresh code colliding with an existing one is astronomically rare; retrying a few times is plenty.
CODE_ATTEMPTS = 5


def final_score(enrollment):
    """The average of the learner's scored activities (quizzes), or None when nothing was scored."""
    scores = list(
        ActivityProgress.objects.filter(enrollment=enrollment, score__isnull=False).values_list("score", flat=True)
    )
    if not scores:
        return None
    return (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"))


def issue(enrollment_id):
    """
    The certificate of a completed enrollment, issued now if the course gives
    one and the learner's score is high enough; None otherwise. Calling it
    again returns the same certificate.
    """
    enrollment = Enrollment.objects.select_related("user", "course").get(pk=enrollment_id)
    course = enrollment.course
    if enrollment.completed_at is None or not course.issues_certificate:
        return None
    current = Certificate.objects.filter(enrollment=enrollment, replaced_at__isnull=True).first()
    if current is not None:
        return current
    score = final_score(enrollment)
    if course.certificate_min_score is not None and (score is None or score < course.certificate_min_score):
        return None
    try:
        return create_certificate(enrollment, score)
    except IntegrityError:
        # Another worker issued it first: that one is the certificate.
        return Certificate.objects.get(enrollment=enrollment, replaced_at__isnull=True)


def create_certificate(enrollment, score, issued_on=None):
    """A new current certificate with today's snapshots; IntegrityError if the enrollment already has one."""
    course = enrollment.course
    for _attempt in range(CODE_ATTEMPTS):
        code = codes.new_code()
        if Certificate.objects.filter(code=code).exists():
            continue
        with transaction.atomic():
            return Certificate.objects.create(
                enrollment=enrollment,
                code=code,
                full_name=enrollment.user.full_name,
                course_title=course.title,
                hours=course.hours,
                score=score,
                issued_on=issued_on or timezone.localdate(enrollment.completed_at),
                organisation=settings.CERTIFICATE_ORGANISATION,
            )
    raise RuntimeError("Could not find a free certificate code.")


def revoke(certificate, reason, user):
    """Withdraw a certificate; its verification page says so and why. Logged for the audit trail."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValueError(_("Give the reason for revoking the certificate."))
    with transaction.atomic():
        certificate.revoked_at = timezone.now()
        certificate.revoke_reason = reason
        certificate.save(update_fields=["revoked_at", "revoke_reason"])
        log(instance=certificate, action="certificates.revoke", user=user, data={"reason": reason})
    return certificate


def reissue(certificate, user):
    """
    A new certificate with the learner's current name (after a correction);
    the old code then verifies as replaced by the new one.
    """
    if certificate.replaced_at:
        raise ValueError(_("This certificate has already been replaced."))
    enrollment = Enrollment.objects.select_related("user", "course").get(pk=certificate.enrollment_id)
    with transaction.atomic():
        certificate.replaced_at = timezone.now()
        certificate.save(update_fields=["replaced_at"])
        replacement = create_certificate(enrollment, certificate.score, issued_on=certificate.issued_on)
        certificate.replaced_by = replacement
        certificate.save(update_fields=["replaced_by"])
        log(instance=certificate, action="certificates.reissue", user=user, data={"replaced_by": replacement.code})
    return replacement


def find(typed_code):
    """The certificate for a typed code; codes.InvalidCode if it cannot be one, None if none was issued."""
    return Certificate.objects.filter(code=codes.normalise(typed_code)).select_related("replaced_by").first()
