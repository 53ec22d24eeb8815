"""The demo's HR officer (hr@, Sở Tư pháp) opens a coverage page with something to read."""

import pytest
from django.test import Client

from lms.accounts.models import User
from tests.cms.test_seed_demo import seeded  # noqa: F401 (a fixture)


@pytest.mark.django_db
def test_the_demo_hr_officer_sees_their_departments_numbers(seeded):  # noqa: F811
    client = Client()
    client.force_login(User.objects.get(email="hr@hocso.local"))
    response = client.get("/admin/reports/coverage/")
    assert response.status_code == 200
    total = response.context["report"].total.totals
    assert response.context["report"].unit.code == "TN-STP"
    # Of the five officials and the officer herself: two finished, one started, two overdue.
    assert total.assigned >= 5 and total.completed == 2 and total.overdue == 2 and total.in_progress >= 1
    assert total.percent_trained == round(100 * 2 / 64, 1)
    people = client.get("/admin/reports/people/?status=overdue").content.decode()
    assert "Đặng Thu Dung" in people and "Bùi Minh Giang" in people
