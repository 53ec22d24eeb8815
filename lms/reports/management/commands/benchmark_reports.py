"""
How long the reports take on the data in the database (`load_benchmark_data`
makes a province's worth): the coverage page of the province's root and of
one commune, through the test client as a superuser and the service alone;
a people list page of the commune with the most members; the people list of
the province's first 5,000 officials with their courses; the transcript page
and PDF of the person with the most courses; an XLSX export of (up to)
`--rows` person-course rows. A temporary superuser is made and rolled
back. Nothing is cached between runs.

Each step runs `--repeat` times and prints its fastest and median time: on a
shared machine the fastest run is the one least disturbed by neighbours.
"""

import io
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client

from lms.accounts.models import OrgUnit, User
from lms.reports import exports, services


# The people list timed whole (the screen shows it by pages of 50, the exports whole).
PEOPLE = 5_000


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Print the timings of the coverage page, the people lists, a transcript and a 20,000-row XLSX export on the current data."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=20_000, help="rows of the XLSX export")
        parser.add_argument("--repeat", type=int, default=3, help="runs of each step")

    def handle(self, *args, rows, repeat, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        self.repeat = repeat
        root = OrgUnit.get_root_nodes().first()
        if root is None:
            raise CommandError("No organisational unit: load some data first (load_benchmark_data).")
        commune = (
            OrgUnit.objects.filter(kind=OrgUnit.Kind.COMMUNE).annotate(size=Count("members")).order_by("-size").first()
            or root
        )
        try:
            with transaction.atomic():
                self.run(root, commune, rows)
                raise Rollback
        except Rollback:
            pass

    def timed(self, label, action):
        durations = []
        for _ in range(self.repeat):
            started = time.perf_counter()
            result = action()
            durations.append(time.perf_counter() - started)
        self.stdout.write(
            f"{label}: fastest {min(durations):.3f} s, median {statistics.median(durations):.3f} s ({self.repeat} runs)"
        )
        return result

    def run(self, root, commune, rows):
        admin = User.objects.create_superuser(email="benchmark.reports@example.invalid", full_name="Benchmark")
        host = next((host for host in settings.ALLOWED_HOSTS if host not in ("*", "")), "localhost").lstrip(".")
        client = Client(HTTP_HOST=host)
        client.force_login(admin)
        filters = services.Filters()
        self.stdout.write(f"database: {connection.vendor}")
        self.stdout.write(
            f"units: {OrgUnit.objects.count()}, confirmed members: {User.objects.filter(org_unit__isnull=False).count()}, "
            f"members of {commune.code}: {commune.members.count()}"
        )
        for unit in (root, commune):
            url = f"/admin/reports/coverage/?unit={unit.code}"
            response = self.timed(f"coverage page {unit.code} (client)", lambda: client.get(url, secure=True))
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            self.timed(f"coverage service {unit.code}", lambda: services.coverage(admin, unit, filters))
        url = f"/admin/reports/people/?unit={commune.code}"
        self.timed(f"people list page {commune.code} (client)", lambda: client.get(url, secure=True))

        def people_list():
            found = list(services.people(root, filters)[:PEOPLE])
            lines = services.course_lines([person.pk for person in found], filters)
            return len(found), sum(len(each) for each in lines.values())

        listed, courses = self.timed(f"people list of up to {PEOPLE} with their courses (service)", people_list)
        self.stdout.write(f"  people listed: {listed}, course lines: {courses}")
        person = (
            User.objects.filter(org_unit__isnull=False).annotate(courses=Count("enrollments"))
            .order_by("-courses", "pk").first()
        )
        if person is not None:
            for label, suffix in (("transcript page", "/"), ("transcript PDF", ".pdf")):
                url = f"/admin/reports/people/{person.pk}/transcript{suffix}"
                response = self.timed(f"{label} (client)", lambda: client.get(url, secure=True))
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
            self.stdout.write(f"  of {person.full_name}: {person.courses} courses")

        def export():
            table = exports.people_table(root, filters)
            limited = []
            for row in table.rows:
                limited.append(row)
                if len(limited) == rows:
                    break
            table.rows = iter(limited)
            output = io.BytesIO()
            exports.write_xlsx(table, output)
            return len(limited), output.tell()

        written, size = self.timed(f"XLSX export of up to {rows} rows", export)
        self.stdout.write(f"  rows written: {written}, {size / 1_000_000:.1f} MB")
