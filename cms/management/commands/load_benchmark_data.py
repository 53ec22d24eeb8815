"""
A province's worth of data for the report benchmarks, as Wagtail's bakerydemo
does with its own `load_benchmark_data`: by default 500 organisational units
in four levels, 200,000 people, 20 courses, assignments of some courses to
communes, and 1,000,000 enrollments with their progress, completions,
deadlines (some overdue) and certificates.

Everything but the courses is written with `bulk_create` in batches, inside
one transaction (an interrupted run leaves nothing behind), and memory stays
bounded: people are enrolled a batch at a time. The courses are real pages
(Wagtail's `add_child`, each with a published lesson) so the catalogue and
the reports see them as a trainer's would be.

Certificates are rows with their snapshots but no PDF: `Certificate.pdf` may
be empty, and rendering and signing 400,000 PDFs would measure the signer,
not the reports. Their codes verify; their PDF download answers 404.

It refuses a database that already has organisational units or people other
than superusers, so it is never mixed into real data by mistake; `--force`
adds one more benchmark province beside what is there (its codes, e-mails and
slugs carry a fresh tag such as `bm2`).
"""

import logging
import random
import resource
import time
from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction
from django.db.models import F
from django.utils import timezone

from certificates import codes
from certificates.models import Certificate
from cms.demo import pages
from courses.models import CourseIndexPage, CoursePage, LessonPage
from lms.accounts.models import OrgUnit, User
from lms.enrollment.models import ActivityProgress, Enrollment
from lms.programmes.models import AssignedUnit, Assignment

BATCH_SIZE = 2000
# Shares of the enrollments, as a province looks mid-programme.
COMPLETED, STARTED, NOT_STARTED = 0.45, 0.30, 0.20  # the rest have left the course
CERTIFIED = 0.85  # of the completed: the others completed before the course gave certificates
REVOKED = 0.01  # of the certificates
MANDATORY_COURSES = 5
OFFICIALS = 0.85

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Ngọc", "Minh", "Thu", "Quang", "Thuỳ", "Xuân", "Bảo"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hiền", "Hoa", "Hùng", "Huyền", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Ưởng",
         "Vân", "Yến"]
POSITIONS = ["Chuyên viên", "Công chức văn phòng", "Công chức tư pháp", "Công chức địa chính", "Kế toán",
             "Phó chủ tịch", "Chủ tịch", "Trưởng phòng", "Phó trưởng phòng", "Viên chức"]
TOPICS = ["Dịch vụ công trực tuyến", "Chữ ký số", "Thanh toán không dùng tiền mặt", "An toàn thông tin",
          "Nhận diện lừa đảo trực tuyến", "Thương mại điện tử", "Trí tuệ nhân tạo trong công việc",
          "Văn bản điện tử", "Bảo vệ dữ liệu cá nhân", "Họp trực tuyến"]


class Command(BaseCommand):
    help = (
        "Create a benchmark province: units in 4 levels, people, courses, assignments, enrollments with progress "
        "and certificates, in bulk. Refuses a database with people or units in it unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=500)
        parser.add_argument("--users", type=int, default=200_000)
        parser.add_argument("--enrollments", type=int, default=1_000_000)
        parser.add_argument("--courses", type=int, default=20)
        parser.add_argument("--seed", type=int, default=2026, help="The same seed makes the same province.")
        parser.add_argument("--force", action="store_true", help="Add another benchmark province beside existing data.")

    def handle(self, *args, units, users, enrollments, courses, seed, force, verbosity, **options):
        if units < 4 or users < 1 or courses < 1 or enrollments < 0:
            raise CommandError("Give at least 4 units (one per level), 1 user and 1 course.")
        if enrollments > users * courses:
            raise CommandError(f"{enrollments} enrollments do not fit: {users} people × {courses} courses at most.")
        if not force and (OrgUnit.objects.exists() or User.objects.filter(is_superuser=False).exists()):
            raise CommandError(
                "The database already has organisational units or people: the benchmark data would mix with them. "
                "Use an empty database, or pass --force to add a benchmark province beside them."
            )
        self.rng = random.Random(seed)
        self.tag = free_tag()
        self.started = time.perf_counter()
        previous_disable_level = logging.root.manager.disable
        if verbosity < 2:
            # Each published page logs several lines at INFO.
            logging.disable(logging.INFO)
        try:
            with transaction.atomic():
                # A fresh database gets the site's home page and catalogue, as `seed_demo` makes them.
                catalogue = CourseIndexPage.objects.first() or pages.ensure_site(Counter())[1]
                unit_rows = self.create_units(units)
                course_pages = self.create_courses(catalogue, courses)
                member_rows = self.create_users(users, unit_rows)
                mandatory = self.create_assignments(course_pages, unit_rows)
                counts = self.create_enrollments(enrollments, member_rows, course_pages, mandatory)
        finally:
            logging.disable(previous_disable_level)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Benchmark province {self.tag.upper()}: {units} units, {users} people, {courses} courses, "
            f"{counts['enrollments']} enrollments ({counts['completed']} completed, {counts['overdue']} overdue), "
            f"{counts['certificates']} certificates, in {time.perf_counter() - self.started:.1f} s, "
            f"peak memory {peak:.0f} MB."
        )

    def step(self, message):
        self.stdout.write(f"[{time.perf_counter() - self.started:7.1f} s] {message}")

    # Units ----------------------------------------------------------------------------------------

    def create_units(self, total):
        """
        The tree, its materialised paths built here and written in one go:
        about 4% of the units are communes under the province, 16% offices
        under them and the rest teams under those. Siblings are named in path
        order, as treebeard's `node_order_by = ["name"]` keeps them.
        """
        rest = total - 1
        communes = max(1, round(rest * 0.04))
        offices = max(1, round(rest * 0.16))
        teams = rest - communes - offices
        tag = self.tag.upper()
        root = OrgUnit(path=OrgUnit._get_path(None, 1, root_position()), depth=1, numchild=communes, code=tag,
                       name=f"Tỉnh Thử Nghiệm {tag}", kind=OrgUnit.Kind.PROVINCE)
        levels = [[root]]
        for depth, count, kind, label in ((2, communes, OrgUnit.Kind.COMMUNE, "Xã"),
                                          (3, offices, OrgUnit.Kind.UNIT, "Phòng"),
                                          (4, teams, OrgUnit.Kind.UNIT, "Tổ")):
            parents = levels[-1]
            children = {parent.path: 0 for parent in parents}
            level = []
            for number in range(count):
                parent = parents[number * len(parents) // count]
                children[parent.path] += 1
                level.append(OrgUnit(
                    path=OrgUnit._get_path(parent.path, depth, children[parent.path]), depth=depth, numchild=0,
                    code=f"{parent.code}-{children[parent.path]:02d}",
                    name=f"{label} {children[parent.path]:03d} ({parent.code})", kind=kind,
                ))
            for parent in parents:
                parent.numchild = children[parent.path]
            levels.append(level)
        every = [unit for level in levels for unit in level]
        for unit in every:
            unit.headcount = 0
        OrgUnit.objects.bulk_create(every, batch_size=BATCH_SIZE)
        saved = {unit.code: unit for unit in OrgUnit.objects.filter(code__startswith=tag)}
        self.step(f"{len(every)} units in 4 levels")
        # People work in the offices and teams; communes have a few of their own.
        return [saved[unit.code] for level in levels[1:] for unit in level]

    # Courses --------------------------------------------------------------------------------------

    def create_courses(self, catalogue, count):
        pages = []
        for number in range(1, count + 1):
            topic = TOPICS[(number - 1) % len(TOPICS)]
            course = catalogue.add_child(instance=CoursePage(
                title=f"{topic} ({self.tag.upper()}-{number:02d})", slug=f"{self.tag}-khoa-{number:02d}",
                summary=f"Khoá học thử nghiệm về {topic.lower()}.", hours=Decimal(self.rng.choice([1, 2, 3, 4, 6])),
            ))
            course.save_revision().publish()
            lesson = course.add_child(instance=LessonPage(
                title="Bài 1", slug="bai-1", body=[("paragraph", f"<p>{topic}: nội dung bài học.</p>")],
            ))
            lesson.save_revision().publish()
            course.lesson_id = lesson.pk
            pages.append(course)
            catalogue.refresh_from_db()
        self.step(f"{count} courses, each with a lesson")
        return pages

    # People ---------------------------------------------------------------------------------------

    def create_users(self, total, unit_rows):
        """
        The people, written a batch at a time with one unusable password hash
        for all (hashing 200,000 passwords would take hours); the (id, name,
        commune path) of each is what the enrollments need. Each unit's
        headcount is its number of officials, plus a few not signed up yet in
        one unit in ten.
        """
        password = make_password(None)
        rng, tag = self.rng, self.tag
        joined = timezone.now()
        communes = {unit.pk: commune_path(unit) for unit in unit_rows}
        headcounts = {}
        batch = []
        for number in range(1, total + 1):
            unit = unit_rows[rng.randrange(len(unit_rows))] if number > len(unit_rows) else unit_rows[number - 1]
            official = rng.random() < OFFICIALS
            if official:
                headcounts[unit.pk] = headcounts.get(unit.pk, 0) + 1
            batch.append(User(
                email=f"cb{number:06d}@{tag}.bench.hocso.vn", password=password, date_joined=joined,
                full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                staff_id=f"{tag.upper()}-{number:06d}", org_unit_id=unit.pk, position=rng.choice(POSITIONS),
                learner_type=User.LearnerType.OFFICIAL if official else User.LearnerType.CITIZEN,
            ))
            if len(batch) == BATCH_SIZE:
                User.objects.bulk_create(batch)
                reset_queries()
                batch = []
        User.objects.bulk_create(batch)
        for unit in unit_rows:
            count = headcounts.get(unit.pk, 0)
            unit.headcount = count + (rng.randrange(1, 4) if rng.random() < 0.1 else 0)
        OrgUnit.objects.bulk_update(unit_rows, ["headcount"], batch_size=BATCH_SIZE)
        members = User.objects.filter(email__endswith=f"@{tag}.bench.hocso.vn").order_by("pk")
        rows = [
            (pk, name, communes[unit_id])
            for pk, name, unit_id in members.values_list("pk", "full_name", "org_unit_id")
        ]
        self.step(f"{total} people (headcounts set)")
        return rows

    # Assignments ----------------------------------------------------------------------------------

    def create_assignments(self, course_pages, unit_rows):
        """
        The first courses are mandatory for every commune with its sub-units;
        the first of them fell due a month ago, so part of the province is
        overdue. {(course id, commune path): due date}.
        """
        today = timezone.localdate()
        communes = [unit for unit in unit_rows if unit.depth == 2]
        mandatory = {}
        for index, course in enumerate(course_pages[:MANDATORY_COURSES]):
            due_on = today + timedelta(days=(-30 if index == 0 else 30 * index))
            assignment = Assignment.objects.create(course=course, due_on=due_on)
            AssignedUnit.objects.bulk_create(AssignedUnit(assignment=assignment, unit=unit) for unit in communes)
            for unit in communes:
                mandatory[(course.pk, unit.path)] = due_on
        self.step(f"{min(MANDATORY_COURSES, len(course_pages))} courses assigned to {len(communes)} communes")
        return mandatory

    # Enrollments ----------------------------------------------------------------------------------

    def create_enrollments(self, total, member_rows, course_pages, mandatory):
        """
        `total` enrollments spread over the people (each in distinct courses),
        a batch of people at a time: the enrollment rows, then the progress on
        the lesson of those who started, then the certificates of those who
        completed. Dates fall within the past year.
        """
        rng = self.rng
        now = timezone.now()
        today = timezone.localdate()
        per_person, extra = divmod(total, len(member_rows))
        organisation = settings.CERTIFICATE_ORGANISATION
        courses = {course.pk: course for course in course_pages}
        counts = dict.fromkeys(("enrollments", "completed", "overdue", "certificates"), 0)
        batch = []
        for index, (user_id, full_name, commune) in enumerate(member_rows):
            count = per_person + (1 if index < extra else 0)
            for course in rng.sample(course_pages, count):
                due_on = mandatory.get((course.pk, commune))
                roll = rng.random()
                enrollment = Enrollment(
                    user_id=user_id, course_id=course.pk, deadline=due_on,
                    source=Enrollment.Source.ASSIGNED if due_on else Enrollment.Source.SELF,
                )
                enrollment.full_name = full_name
                if roll < COMPLETED:
                    enrollment.status, enrollment.progress = Enrollment.Status.COMPLETED, 100
                    enrollment.completed_at = now - timedelta(days=rng.randrange(0, 365), minutes=rng.randrange(1440))
                elif roll < COMPLETED + STARTED + NOT_STARTED:
                    enrollment.started = roll < COMPLETED + STARTED
                else:
                    enrollment.status = Enrollment.Status.WITHDRAWN
                    enrollment.started = True
                if due_on and due_on < today and enrollment.completed_at is None and enrollment.is_current:
                    counts["overdue"] += 1
                batch.append(enrollment)
            if len(batch) >= BATCH_SIZE or index == len(member_rows) - 1:
                self.write_batch(batch, courses, organisation, counts)
                batch = []
            if (index + 1) % 20_000 == 0:
                self.step(f"{counts['enrollments']} enrollments")
        # Enrolled a fortnight before completing (auto_now_add stamped them all today).
        Enrollment.objects.filter(course__in=course_pages, completed_at__isnull=False).update(
            enrolled_at=F("completed_at") - timedelta(days=14)
        )
        self.step(f"{counts['enrollments']} enrollments, {counts['certificates']} certificates")
        return counts

    def write_batch(self, batch, courses, organisation, counts):
        # With DEBUG on, Django keeps the last 9,000 statements, each INSERT of thousands of rows.
        reset_queries()
        rng = self.rng
        Enrollment.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        progress, certificates = [], []
        for enrollment in batch:
            course = courses[enrollment.course_id]
            if enrollment.completed_at is not None:
                counts["completed"] += 1
                progress.append(ActivityProgress(
                    enrollment_id=enrollment.pk, page_id=course.lesson_id, status=ActivityProgress.Status.COMPLETED,
                    completed_at=enrollment.completed_at,
                ))
                if rng.random() < CERTIFIED:
                    certificates.append(self.certificate(enrollment, course, organisation))
            elif getattr(enrollment, "started", False):
                progress.append(ActivityProgress(enrollment_id=enrollment.pk, page_id=course.lesson_id))
        ActivityProgress.objects.bulk_create(progress, batch_size=BATCH_SIZE)
        Certificate.objects.bulk_create(certificates, batch_size=BATCH_SIZE)
        counts["enrollments"] += len(batch)
        counts["certificates"] += len(certificates)

    def certificate(self, enrollment, course, organisation):
        issued_on = timezone.localdate(enrollment.completed_at)
        certificate = Certificate(
            enrollment_id=enrollment.pk, code=codes.new_code(), full_name=enrollment.full_name,
            course_title=course.title, hours=course.hours, issued_on=issued_on, organisation=organisation,
        )
        if self.rng.random() < REVOKED:
            midnight = datetime.min.time()
            certificate.revoked_at = datetime.combine(issued_on, midnight, tzinfo=timezone.get_current_timezone())
            certificate.revoke_reason = "Cấp nhầm người (dữ liệu thử nghiệm)"
        return certificate


def free_tag():
    """The first tag no benchmark province uses yet: bm1, bm2…"""
    number = 1
    while OrgUnit.objects.filter(code=f"BM{number}").exists():
        number += 1
    return f"bm{number}"


def root_position():
    """The step of a new root: after the roots already there."""
    last = OrgUnit.get_last_root_node()
    return 1 if last is None else OrgUnit._str2int(last.path[:OrgUnit.steplen]) + 1


def commune_path(unit):
    return unit.path[:2 * OrgUnit.steplen]
