from django_tasks import task

from . import services


@task()
def issue_certificate(enrollment_id):
    """Background work: rendering and signing the PDF will join here."""
    certificate = services.issue(enrollment_id)
    return certificate.code if certificate else None
