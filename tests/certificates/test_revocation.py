"""Revoking and re-issuing certificates, with the audit trail, from the admin."""

import pytest
from wagtail.models import ModelLogEntry

from certificates import codes
from certificates.models import Certificate
from lms.enrollment import services as enrollment_services


@pytest.fixture
def certificate(learner, course):
    enrollment = enrollment_services.enroll(learner, course)
    return Certificate.objects.create(
        enrollment=enrollment, code=codes.new_code(), full_name="Nguyễn Thi Hoa", course_title=course.title,
        hours=course.hours, issued_on="2026-11-20", organisation="HọcSố",
    )


def test_revoking_needs_a_reason_and_the_verification_page_shows_it(admin_client, client, certificate):
    refused = admin_client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "  "})
    assert refused.status_code == 400
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None

    admin_client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Cấp nhầm người"})

    revoked = Certificate.objects.get(pk=certificate.pk)
    assert revoked.status == "revoked"
    assert "Cấp nhầm người" in client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert ModelLogEntry.objects.filter(action="certificates.revoke", object_id=str(certificate.pk)).exists()


def test_reissuing_after_a_name_correction_replaces_the_old_code(admin_client, client, certificate, learner):
    learner.full_name = "Nguyễn Thị Hoa"
    learner.save()

    admin_client.post(f"/admin/certificates/{certificate.pk}/reissue/")

    old = Certificate.objects.get(pk=certificate.pk)
    new = old.replaced_by
    assert old.status == "replaced" and new.full_name == "Nguyễn Thị Hoa" and new.issued_on == old.issued_on
    data = client.get(f"/certificates/verify/{old.code}.json").json()
    assert data["status"] == "replaced" and data["replaced_by"] == new.display_code
    assert ModelLogEntry.objects.filter(action="certificates.reissue").exists()


def test_learners_cannot_revoke(learner_client, certificate):
    assert learner_client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "x"}).status_code in (302, 403)
    assert learner_client.get("/admin/certificates/").status_code in (302, 403)
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None


def test_the_admin_list_finds_a_certificate_by_its_typed_code(admin_client, certificate):
    page = admin_client.get("/admin/certificates/", {"q": certificate.display_code.lower()}).content.decode()
    assert certificate.full_name in page
