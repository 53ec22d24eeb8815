"""
Reminders and notifications: each occasion is told once, by e-mail in the
person's language and on /my/; `send_reminders` run twice sends nothing more.
"""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from lms.accounts.models import NO_MAILBOX_DOMAIN
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import Enrollment
from lms.programmes import notifications, services
from lms.programmes.models import AssignedUnit, Assignment, Notification
from tests.conftest import lessons_of


@pytest.fixture
def today():
    """The date the test starts on, read then: a suite run can pass midnight in Hà Nội (17:00 UTC)."""
    return timezone.localdate()


def assign(course, unit, created_by=None, **due):
    assignment = Assignment.objects.create(course=course, created_by=created_by, **due)
    AssignedUnit.objects.create(assignment=assignment, unit=unit)
    services.apply_assignment(assignment)
    return assignment


def kinds_of(person):
    return list(Notification.objects.filter(user=person).order_by("pk").values_list("kind", flat=True))


def mails_to(person):
    return [message for message in mail.outbox if message.to == [person.email]]


def run_on(day):
    call_command("send_reminders", date=day, stdout=io.StringIO())


def test_an_assignment_tells_each_member_once_in_vietnamese_with_the_due_date(units, member, course, hr_officer, today):
    first, second = member(units.commune), member(units.office)
    assignment = assign(course, units.commune, created_by=hr_officer, due_days=30)
    due = date_format(today + timedelta(days=30), "SHORT_DATE_FORMAT")

    for person in (first, second):
        (message,) = mails_to(person)
        assert message.subject == f"Khoá học bắt buộc: “{course.title}”, hạn {due}"
        assert "Người giao: Phạm Thu Hà." in message.body
        assert f"Mở khoá học: {settings.SITE_URL}{course.url}" in message.body
    services.apply_assignment(assignment)
    run_on(today)
    assert len(mails_to(first)) == 1 and kinds_of(first) == ["assigned"]


def test_reminders_follow_the_due_date_each_sent_once_even_when_the_command_runs_twice(units, member, course, today):
    person = member(units.commune)
    assign(course, units.commune, due_days=10)
    assert kinds_of(person) == ["assigned"]
    told = {}
    for offset in range(0, 26):
        day = today + timedelta(days=offset)
        before = Notification.objects.filter(user=person).count()
        run_on(day)
        run_on(day)
        new = list(Notification.objects.filter(user=person).order_by("pk")[before:].values_list("kind", flat=True))
        if new:
            told[offset] = new
    # Due on day 10: a week before, on the day, the day after, then every 7 days while overdue.
    assert told == {3: ["due_soon"], 10: ["due_today"], 11: ["overdue"], 18: ["overdue"],
                    25: ["overdue"]}
    assert len(mails_to(person)) == 6


def test_someone_assigned_inside_the_last_week_gets_no_week_left_reminder(units, member, course, today):
    person = member(units.commune)
    assign(course, units.commune, due_days=3)
    for offset in range(0, 4):
        run_on(today + timedelta(days=offset))
    assert kinds_of(person) == ["assigned", "due_today"]


def test_a_course_due_the_day_it_is_assigned_is_told_once(units, member, course, today):
    person = member(units.commune)
    assign(course, units.commune, due_days=0)
    run_on(today)
    assert kinds_of(person) == ["assigned"]


def test_completed_and_withdrawn_people_get_no_more_reminders(
    units, member, course, django_capture_on_commit_callbacks, today
):
    done, left = member(units.commune), member(units.commune)
    assign(course, units.commune, due_days=5)
    enrollment = Enrollment.objects.get(user=done, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            enrollment_services.complete_activity(enrollment, lesson, course)
    Enrollment.objects.filter(user=left).update(status=Enrollment.Status.WITHDRAWN)
    for offset in range(0, 8):
        run_on(today + timedelta(days=offset))
    assert kinds_of(done) == ["assigned", "completed", "certificate"]
    assert kinds_of(left) == ["assigned"]


def test_the_completion_and_certificate_messages_carry_the_verification_link(
    learner, course, django_capture_on_commit_callbacks
):
    enrollment = enrollment_services.enroll(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            enrollment_services.complete_activity(enrollment, lesson, course)
    certificate = enrollment.certificates.get()
    completed, ready = mails_to(learner)
    assert completed.subject == f"Bạn đã hoàn thành “{course.title}”"
    assert ready.subject == f"Chứng chỉ của bạn cho “{course.title}”"
    assert f"/certificates/verify/{certificate.code}/" in ready.body
    assert certificate.display_code in ready.body


def test_a_learner_who_chose_english_is_written_to_in_english(units, member, course, client):
    person = member(units.commune)
    client.force_login(person)
    client.post("/i18n/setlang/", {"language": "en", "next": "/my/"})
    person.refresh_from_db()
    assert person.language == "en"
    assign(course, units.commune, due_days=30)
    (message,) = mails_to(person)
    assert message.subject.startswith("Mandatory course: “")
    assert message.body.startswith(f"Dear {person.full_name},")


def test_the_language_switch_accepts_only_the_sites_languages(learner_client, learner):
    learner_client.post("/i18n/setlang/", {"language": "fr", "next": "/my/"})
    learner.refresh_from_db()
    assert learner.language == ""


def test_people_without_a_mailbox_read_their_notifications_on_the_site_only(units, member, course):
    person = member(units.commune)
    person.email = f"cb-001@{NO_MAILBOX_DOMAIN}"
    person.save()
    assign(course, units.commune, due_days=30)
    assert kinds_of(person) == ["assigned"]
    assert mails_to(person) == []


def test_a_mail_that_failed_is_sent_by_the_next_run(units, member, course, monkeypatch, today):
    person = member(units.commune)
    real_send = mail.EmailMessage.send

    def refuse(message, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    assign(course, units.commune, due_days=30)
    assert Notification.objects.get(user=person).emailed_at is None
    monkeypatch.setattr(mail.EmailMessage, "send", real_send)
    run_on(today)
    assert len(mails_to(person)) == 1
    assert Notification.objects.get(user=person).emailed_at is not None


def test_each_officer_gets_a_weekly_digest_of_their_own_units_overdue_people(
    units, member, course, hr_officer, manager, today
):
    late_here, late_elsewhere, on_time = member(units.office), member(units.other), member(units.commune)
    hr_officer.responsible_units.add(units.commune)
    manager.responsible_units.add(units.province)
    assign(course, units.province, due_days=5)
    Enrollment.objects.filter(user=on_time).update(deadline=today + timedelta(days=30))
    # The first Monday on which they are overdue, whatever weekday the suite runs on.
    first_late_day = Enrollment.objects.get(user=late_here).deadline + timedelta(days=1)
    monday = first_late_day + timedelta(days=-first_late_day.weekday() % 7)

    run_on(monday)
    run_on(monday + timedelta(days=1))
    (digest,) = mails_to(hr_officer)
    assert digest.subject == "Khoá học bắt buộc quá hạn trong các đơn vị của bạn tuần này"
    assert late_here.full_name in digest.body
    assert late_elsewhere.full_name not in digest.body and on_time.full_name not in digest.body
    assert f"{settings.SITE_URL}/admin/reports/people/?status=overdue" in digest.body
    (province_digest,) = mails_to(manager)
    assert late_here.full_name in province_digest.body and late_elsewhere.full_name in province_digest.body

    run_on(monday + timedelta(days=7))
    assert len(mails_to(hr_officer)) == 2


def test_no_digest_when_nobody_is_overdue(units, member, course, hr_officer, today):
    hr_officer.responsible_units.add(units.commune)
    member(units.commune)
    assign(course, units.commune, due_days=30)
    run_on(today + timedelta(days=7))
    assert mails_to(hr_officer) == []


def test_my_learning_shows_the_latest_notifications_and_the_unread_count(units, member, course, client, today):
    person = member(units.commune)
    assign(course, units.commune, due_days=10)
    run_on(today + timedelta(days=3))
    client.force_login(person)
    page = client.get("/my/").content.decode()
    assert 'id="notifications"' in page and "2 mới" in page
    assert f"Còn một tuần cho “{course.title}”" in page

    listing = client.get("/my/notifications/").content.decode()
    assert "2 thông báo chưa đọc." in listing
    client.post("/my/notifications/read/")
    assert "chưa đọc" not in client.get("/my/notifications/").content.decode()
    assert "mới" not in client.get("/my/").content.decode().split('id="notifications"')[1].split("</section>")[0]


def test_nobody_reads_or_marks_anyone_elses_notifications(units, member, course, client):
    person, other = member(units.commune), member(units.other)
    assign(course, units.commune, due_days=10)
    client.force_login(other)
    assert course.title not in client.get("/my/notifications/").content.decode()
    client.post("/my/notifications/read/")
    assert Notification.objects.get(user=person).read_at is None


def test_a_notification_shows_trainer_and_learner_text_escaped(units, member, make_course, client):
    course = make_course(slug="doc-hai", title="<script>alert(1)</script> Khoá")
    person = member(units.commune)
    assign(course, units.commune, due_days=10)
    client.force_login(person)
    page = client.get("/my/notifications/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_reminder_run_does_a_bounded_number_of_queries_per_batch(
    units, member, course, django_assert_max_num_queries, today
):
    for _number in range(30):
        member(units.commune)
    assign(course, units.commune, due_days=10)
    with django_assert_max_num_queries(12):
        assert notifications.remind(notifications.open_deadlines(), today + timedelta(days=3)) == 30


def test_the_digest_goes_only_to_responsible_people_who_may_see_reports(units, member, course, make_user, hr_officer, today):
    late = member(units.commune)
    hr_officer.responsible_units.add(units.commune)
    no_permission = make_user(email="chi.phu.trach@example.vn", full_name="Đỗ Văn Phụ")
    no_permission.responsible_units.add(units.commune)
    assign(course, units.commune, due_days=1)
    run_on(today + timedelta(days=3))
    assert len(mails_to(hr_officer)) == 1 and late.full_name in mails_to(hr_officer)[0].body
    assert mails_to(no_permission) == []
