"""
How long assigning one course to a province's officials takes: `--people`
confirmed members spread over communes, one assignment to the province with
its sub-units, timed from the count to the last enrollment written; then
telling them (the "assigned" notifications and their e-mails) and a daily
reminder run a week before the due date, twice. Mail goes to memory, and
everything it creates is rolled back at the end, so it may run against any database.
"""

import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from courses.models import CourseIndexPage, CoursePage
from lms.accounts.models import OrgUnit, User
from lms.enrollment.models import Enrollment
from lms.programmes import notifications, services
from lms.programmes.models import AssignedUnit, Assignment

COMMUNES = 100
# The target for 20,000 people (Moodle's cohort sync took 8 minutes for 8,200).
TARGET_SECONDS = 30


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Assign one course to N new confirmed members and print the seconds the apply takes (all rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20_000)

    def handle(self, *args, people, **options):
        try:
            with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                mail.outbox = []
                self.run(people)
                raise Rollback
        except Rollback:
            pass

    def run(self, people):
        province = OrgUnit.add_root(name="Tỉnh Benchmark", code="BENCH", kind=OrgUnit.Kind.PROVINCE)
        communes = [
            OrgUnit.objects.get(pk=province.pk).add_child(name=f"Xã {n:03}", code=f"BENCH-{n:03}", kind="commune")
            for n in range(COMMUNES)
        ]
        password = make_password(None)
        User.objects.bulk_create(
            (
                User(
                    email=f"bench.{n}@example.vn", full_name=f"Cán Bộ Số {n}", password=password,
                    org_unit=communes[n % COMMUNES], learner_type=User.LearnerType.OFFICIAL,
                )
                for n in range(people)
            ),
            batch_size=services.BATCH_SIZE,
        )
        parent = CourseIndexPage.objects.first() or CoursePage.get_first_root_node()
        course = parent.add_child(
            instance=CoursePage(title="Khoá benchmark", slug="khoa-benchmark-assign", summary=".")
        )
        # A tenth already took the course themselves: they keep it and get the deadline.
        already = User.objects.filter(org_unit__in=communes).order_by("pk").values_list("pk", flat=True)[: people // 10]
        Enrollment.objects.bulk_create(Enrollment(user_id=pk, course=course) for pk in already)
        assignment = Assignment.objects.create(course=course, due_days=30)
        AssignedUnit.objects.create(assignment=assignment, unit=province, include_subunits=True)

        started = time.perf_counter()
        matching = services.matching_users(assignment).count()
        counted = time.perf_counter()
        members = services.matching_users(assignment)
        created = services.enroll_members(assignment, members)
        applied = time.perf_counter()
        services.notify_assigned(assignment, members)
        told = time.perf_counter()
        assigned_mails = len(mail.outbox)
        week_before = timezone.localdate() + timedelta(days=assignment.due_days - notifications.DUE_SOON_DAYS)
        reminders, _digests = notifications.send_reminders(week_before)
        reminded = time.perf_counter()
        again, _digests = notifications.send_reminders(week_before)
        reminded_again = time.perf_counter()

        self.stdout.write(f"database: {connection.vendor}")
        self.stdout.write(f"people: {people} in {COMMUNES} communes, {len(already)} already enrolled")
        self.stdout.write(f"preview count (View matching users): {matching} in {counted - started:.2f} s")
        self.stdout.write(
            f"apply: {created} enrolled, {len(already)} given the deadline, in {applied - counted:.2f} s "
            f"(target < {TARGET_SECONDS} s)"
        )
        self.stdout.write(f"assigned notifications: {assigned_mails} e-mails in {told - applied:.2f} s")
        self.stdout.write(
            f"send_reminders a week before the due date: {reminders} reminders, "
            f"{len(mail.outbox) - assigned_mails} e-mails in {reminded - told:.2f} s; "
            f"run again: {again} in {reminded_again - reminded:.2f} s"
        )
