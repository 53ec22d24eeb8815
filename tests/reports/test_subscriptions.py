"""The weekly report e-mail: subscribing, sent once a week, not sent when nothing changed."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from lms.enrollment.models import Enrollment
from lms.reports.models import ReportSubscription
from lms.reports.scheduled import send_scheduled_reports

MONDAY = timezone.make_aware(datetime.datetime(2025, 4, 7, 7, 0))


@pytest.fixture
def officer(hr_officer, province):
    hr_officer.responsible_units.add(province.tree.a)
    return hr_officer


def test_an_officer_subscribes_from_the_coverage_page_and_stops(officer, province):
    client = Client()
    client.force_login(officer)
    response = client.post("/admin/reports/subscriptions/", {
        "unit": "TT-A", "action": "subscribe", "next": "/admin/reports/coverage/?unit=TT-A"})
    assert response.status_code == 302 and response["Location"] == "/admin/reports/coverage/?unit=TT-A"
    assert ReportSubscription.objects.get(user=officer, unit=province.tree.a, course=None).weekly
    assert "Bạn đang nhận báo cáo này" in client.get("/admin/reports/coverage/?unit=TT-A").content.decode()
    assert "Xã An" in client.get("/admin/reports/subscriptions/").content.decode()
    client.post("/admin/reports/subscriptions/", {"unit": "TT-A", "action": "unsubscribe"})
    assert not ReportSubscription.objects.get(user=officer, unit=province.tree.a).weekly


def test_nobody_subscribes_to_a_unit_outside_their_scope(officer, province):
    client = Client()
    client.force_login(officer)
    response = client.post("/admin/reports/subscriptions/", {"unit": "TT-B", "action": "subscribe"})
    assert response.status_code == 404
    assert not ReportSubscription.objects.exists()


def test_sent_once_a_week_and_not_when_nothing_changed(officer, province):
    ReportSubscription.objects.create(user=officer, unit=province.tree.a)
    assert send_scheduled_reports(MONDAY)["sent"] == 1
    message = mail.outbox[0]
    assert message.to == [officer.email] and "Xã An" in message.subject
    assert "Kính gửi Phạm Thu Hà" in message.body and "Đã bồi dưỡng: 1 / 6" in message.body
    name, content, _type = message.attachments[0]
    assert name.endswith(".xlsx")
    assert [row[0] for row in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True)] == [
        "TT-A", "TT-A1"]

    # The same week, even with changes: nothing more.
    Enrollment.objects.filter(user=province.people.a2).update(status=Enrollment.Status.COMPLETED, progress=100,
                                                              completed_at=MONDAY)
    assert send_scheduled_reports(MONDAY + datetime.timedelta(days=2))["sent"] == 0
    # The next week: the change is sent.
    assert send_scheduled_reports(MONDAY + datetime.timedelta(days=7))["sent"] == 1
    # And the week after, with nothing changed: not sent.
    counts = send_scheduled_reports(MONDAY + datetime.timedelta(days=14))
    assert counts == {"sent": 0, "unchanged": 1, "skipped": 0}
    assert len(mail.outbox) == 2


def test_an_officer_who_lost_the_unit_gets_nothing(officer, province):
    ReportSubscription.objects.create(user=officer, unit=province.tree.a)
    officer.responsible_units.clear()
    assert send_scheduled_reports(MONDAY) == {"sent": 0, "unchanged": 0, "skipped": 1}
    assert mail.outbox == []


def test_the_command_runs_twice_and_sends_once(officer, province):
    ReportSubscription.objects.create(user=officer, unit=province.tree.a, course=province.c2)
    out = io.StringIO()
    call_command("send_scheduled_reports", stdout=out)
    call_command("send_scheduled_reports", stdout=out)
    assert len(mail.outbox) == 1 and "Chữ ký số" in mail.outbox[0].body
    assert "sent: 1" in out.getvalue() and "skipped: 1" in out.getvalue()
