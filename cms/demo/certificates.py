"""
The demo's certificate template, and one learner who has already finished the
short course, so "My learning" shows a certificate from the first login.
"""

from django.conf import settings

from certificates import services as certificate_services
from certificates.models import CertificateTemplate
from courses.models import CoursePage
from lms.accounts.models import User
from lms.enrollment import services as enrollment_services

from .images import CertificateArt, ensure_image

TEMPLATE_NAME = "Mẫu chứng chỉ HọcSố"
GRADUATE = "learner@hocso.local"
SHORT_COURSE = "khoi-dong"


def ensure_certificate_template(created):
    if CertificateTemplate.objects.filter(name=TEMPLATE_NAME).exists():
        return
    CertificateTemplate.objects.create(
        name=TEMPLATE_NAME,
        organisation=settings.CERTIFICATE_ORGANISATION,
        wording="đã hoàn thành khoá học {course} trên nền tảng học trực tuyến HọcSố.",
        signer_name="Nguyễn Văn An",
        signer_title="GIÁM ĐỐC TRUNG TÂM CHUYỂN ĐỔI SỐ",
        background=ensure_image(CertificateArt("Nền chứng chỉ HọcSố", "background"), created),
        logo=ensure_image(CertificateArt("Biểu trưng HọcSố", "logo"), created),
        is_default=True,
    )
    created["certificate templates"] += 1


def ensure_graduate():
    """
    The demo learner completes the short course and receives its certificate
    now, rather than after the seed commits, so the seed is whole in itself.
    """
    learner = User.objects.get(email=GRADUATE)
    course = CoursePage.objects.get(slug=SHORT_COURSE)
    enrollment = enrollment_services.get_enrollment(learner, course) or enrollment_services.enroll(learner, course)
    if enrollment.completed_at is None:
        for activity in course.activities:
            enrollment_services.complete_activity(enrollment, activity, course)
        enrollment.refresh_from_db()
    return certificate_services.issue(enrollment.pk)
