"""Issuing certificates when enrollments complete, and looking them up for verification."""

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

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
    current = Certificate.objects.filter(enrollment=enrollment, replaced_by__isnull=True).first()
    if current is not None:
        return current
    score = final_score(enrollment)
    if course.certificate_min_score is not None and (score is None or score < course.certificate_min_score):
        return None
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    enrollment=enrollment,
                    code=codes.new_code(),
                    full_name=enrollment.user.full_name,
                    course_title=course.title,
                    hours=course.hours,
                    score=score,
                    issued_on=timezone.localdate(enrollment.completed_at),
                    organisation=settings.CERTIFICATE_ORGANISATION,
                )
        except IntegrityError:
            current = Certificate.objects.filter(enrollment=enrollment, replaced_by__isnull=True).first()
            if current is not None:
                return current
    raise RuntimeError("Could not find a free certificate code.")


def find(typed_code):
    """The certificate for a typed code; codes.InvalidCode if it cannot be one, None if none was issued."""
    return Certificate.objects.filter(code=codes.normalise(typed_code)).select_related("replaced_by").first()
