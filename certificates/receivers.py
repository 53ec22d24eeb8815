from django.dispatch import receiver

from lms.enrollment.signals import course_completed

from .tasks import issue_certificate


@receiver(course_completed, dispatch_uid="certificates.issue_on_completion")
def issue_on_completion(sender, enrollment, **kwargs):
    issue_certificate.enqueue(enrollment.pk)
