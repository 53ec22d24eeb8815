"""A completed course and a ready certificate are news for the learner (lms.programmes.notifications)."""

from django.dispatch import receiver

from certificates.signals import certificate_issued
from lms.enrollment.signals import course_completed

from . import notifications


@receiver(course_completed, dispatch_uid="programmes.notify_completed")
def notify_completed(sender, enrollment, **kwargs):
    notifications.notify_completed(enrollment)


@receiver(certificate_issued, dispatch_uid="programmes.notify_certificate")
def notify_certificate(sender, certificate, **kwargs):
    notifications.notify_certificate(certificate)
