"""A learner's chosen unit is a request until an HR officer of that unit confirms it."""

from django.urls import reverse

from lms.accounts.models import User
from lms.accounts.signals import members_confirmed

REQUESTS = "/admin/people/requests/"


def test_the_profile_shows_the_confirmed_unit_and_the_pending_request(client, make_user, units):
    learner = make_user(org_unit=units["TN-XA"], requested_org_unit=units["TN-SNV"])
    client.force_login(learner)

    html = client.get(reverse("profile")).content.decode()

    assert "Đơn vị đã xác nhận: <strong>Xã Tân Cương</strong>" in html
    assert "Đang chờ cán bộ nhân sự xác nhận: <strong>Sở Nội vụ</strong>" in html


def test_a_learner_cannot_confirm_themselves_through_the_profile(client, make_user, units):
    learner = make_user(org_unit=units["TN-XA"])
    client.force_login(learner)

    client.post(reverse("profile"), {"full_name": "Nguyễn Thị Hoa", "org_unit": units["TN-SNV"].pk,
                                     "requested_org_unit": units["TN-SNV"].pk, "learner_type": "official"})

    learner.refresh_from_db()
    assert learner.org_unit == units["TN-XA"]
    assert learner.requested_org_unit == units["TN-SNV"]


def test_the_officer_sees_only_requests_for_their_units(officer_client, make_user, units):
    make_user(email="vp@example.vn", full_name="Đỗ Văn Phòng", requested_org_unit=units["TN-SNV-VP"])
    make_user(email="xa@example.vn", full_name="Hà Thị Xã", requested_org_unit=units["TN-XA"])

    html = officer_client.get(REQUESTS).content.decode()

    assert "Đỗ Văn Phòng" in html
    assert "Hà Thị Xã" not in html


def test_approving_confirms_the_unit_and_announces_the_new_member(
    officer_client, make_user, units, django_capture_on_commit_callbacks
):
    person = make_user(email="vp@example.vn", requested_org_unit=units["TN-SNV-VP"])
    announced = []
    members_confirmed.connect(lambda sender, user_ids, **kwargs: announced.append(user_ids), weak=False,
                              dispatch_uid="test-approve")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = officer_client.post(REQUESTS, {"user": [person.pk], "approve": "1"})
    finally:
        members_confirmed.disconnect(dispatch_uid="test-approve")

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.org_unit == units["TN-SNV-VP"]
    assert person.requested_org_unit is None
    assert announced == [[person.pk]]


def test_declining_drops_the_request_and_keeps_the_confirmed_unit(officer_client, make_user, units):
    person = make_user(email="vp@example.vn", org_unit=units["TN-SNV"], requested_org_unit=units["TN-SNV-VP"])

    officer_client.post(REQUESTS, {"user": [person.pk], "decline": "1"})

    person.refresh_from_db()
    assert person.org_unit == units["TN-SNV"]
    assert person.requested_org_unit is None


def test_a_request_outside_the_officers_units_is_refused_and_nothing_changes(officer_client, make_user, units):
    inside = make_user(email="vp@example.vn", requested_org_unit=units["TN-SNV-VP"])
    outside = make_user(email="xa@example.vn", requested_org_unit=units["TN-XA"])

    response = officer_client.post(REQUESTS, {"user": [inside.pk, outside.pk], "approve": "1"})

    assert response.status_code == 403
    assert "không có gì thay đổi" in response.content.decode()
    assert not User.objects.filter(pk__in=[inside.pk, outside.pk], org_unit__isnull=False).exists()


def test_a_learner_may_not_open_the_requests(learner_client):
    assert learner_client.get(REQUESTS).status_code in (302, 403)


def test_the_user_admin_confirming_a_unit_settles_the_request_and_announces_it(
    client, make_user, units, django_capture_on_commit_callbacks
):
    admin = make_user(email="quan.tri@example.vn", is_superuser=True, is_staff=True)
    person = make_user(email="vp@example.vn", requested_org_unit=units["TN-SNV-VP"])
    client.force_login(admin)
    announced = []
    members_confirmed.connect(lambda sender, user_ids, **kwargs: announced.append(user_ids), weak=False,
                              dispatch_uid="test-admin")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("wagtailusers_users:edit", args=[person.pk]), {
                "email": person.email, "full_name": person.full_name, "learner_type": "official", "phone": "",
                "position": "", "org_unit": units["TN-SNV-VP"].pk, "is_active": "on", "password1": "",
                "password2": "",
            })
    finally:
        members_confirmed.disconnect(dispatch_uid="test-admin")

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.org_unit == units["TN-SNV-VP"] and person.requested_org_unit is None
    assert announced == [[person.pk]]
