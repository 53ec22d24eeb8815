"""
One person's transcript: every course they were ever enrolled in, with its
hours, where they are in it, when they completed it, their final score, and
the certificate it gave them (its code and whether it still stands). HR prints
it for personnel files and the annual appraisal; the learner downloads their own.

Who may see whose transcript is decided here too: a report viewer sees the
people whose confirmed unit is in their scope (lms.accounts.scope), anyone
else nobody, so a view cannot forget the scope half of the rule.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import STATUS_LABELS, final_scores
from lms.accounts.models import User
from lms.accounts.scope import units_in_scope
from lms.enrollment.models import Enrollment


@dataclass
class TranscriptLine:
    """One course on the transcript."""

    course_title: str
    hours: Decimal
    status: str
    status_label: str
    progress: int
    enrolled_on: date
    completed_on: date | None
    score: Decimal | None
    mandatory: bool
    deadline: date | None
    overdue: bool
    certificate: Certificate | None = None

    @property
    def certificate_code(self):
        return self.certificate.display_code if self.certificate else ""

    @property
    def certificate_status(self):
        return self.certificate.status if self.certificate else ""

    @property
    def certificate_status_label(self):
        return STATUS_LABELS[self.certificate.status] if self.certificate else ""


@dataclass
class Transcript:
    person: User
    printed_on: date
    lines: list = field(default_factory=list)

    @property
    def completed(self):
        return [line for line in self.lines if line.completed_on is not None]

    @property
    def completed_hours(self):
        """Hours of the completed courses: the figure appraisals ask for."""
        return sum((line.hours for line in self.completed), Decimal(0))

    @property
    def enrolled_hours(self):
        return sum((line.hours for line in self.lines), Decimal(0))

    @property
    def valid_certificates(self):
        return sum(1 for line in self.lines if line.certificate_status == "valid")


def transcript_of(person, today=None):
    """
    The transcript of `person`, in four queries whatever the number of
    courses: enrollments with their courses, current certificates, quiz scores.
    Courses come in the order they were taken; a course the person left stays,
    marked as left. The score is the certificate's (what was certified), else
    the quiz average so far.
    """
    today = today or timezone.localdate()
    enrollments = list(
        Enrollment.objects.filter(user=person).select_related("course").order_by("enrolled_at", "pk")
    )
    ids = [enrollment.pk for enrollment in enrollments]
    certificates = {
        certificate.enrollment_id: certificate
        for certificate in Certificate.objects.filter(enrollment_id__in=ids, replaced_at__isnull=True)
    }
    scores = final_scores(ids)
    transcript = Transcript(person=person, printed_on=today)
    for enrollment in enrollments:
        certificate = certificates.get(enrollment.pk)
        completed_on = timezone.localdate(enrollment.completed_at) if enrollment.completed_at else None
        mandatory = enrollment.source == Enrollment.Source.ASSIGNED
        transcript.lines.append(TranscriptLine(
            course_title=enrollment.course.title,
            hours=enrollment.course.hours,
            status=enrollment.status,
            status_label=str(enrollment.get_status_display()),
            progress=enrollment.progress,
            enrolled_on=timezone.localdate(enrollment.enrolled_at),
            completed_on=completed_on,
            score=certificate.score if certificate and certificate.score is not None else scores.get(enrollment.pk),
            mandatory=mandatory,
            deadline=enrollment.deadline,
            overdue=bool(
                enrollment.deadline and completed_on is None and enrollment.is_current and enrollment.deadline < today
            ),
            certificate=certificate,
        ))
    return transcript


def may_view_transcripts(user):
    return user.has_perm("accounts.view_reports")


def person_in_scope(viewer, pk):
    """
    The person `viewer` may see the transcript of, or Http404: the same
    answer for someone outside their units as for nobody at all.
    """
    people = User.objects.select_related("org_unit")
    if not viewer.is_superuser:
        people = people.filter(org_unit__in=units_in_scope(viewer))
    return get_object_or_404(people, pk=pk)
