import resource
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from lms.accounts import imports
from lms.accounts.models import OrgUnit


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Time a people import of --rows generated rows (preview, apply, and the re-import's preview) "
        "in the configured database, inside a transaction that is rolled back: it leaves nothing behind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=20000)
        parser.add_argument("--units", type=int, default=100)

    def handle(self, rows, units, **options):
        try:
            with transaction.atomic():
                self.run(rows, units)
                raise Rollback
        except Rollback:
            pass

    def run(self, rows, units):
        root = OrgUnit.add_root(code="BENCH", name="Tỉnh Đo Thử", kind=OrgUnit.Kind.PROVINCE)
        codes = [f"BENCH-{number:03}" for number in range(units)]
        for code in codes:
            OrgUnit.objects.get(pk=root.pk).add_child(code=code, name=f"Xã {code}", kind=OrgUnit.Kind.COMMUNE)
        lines = ["Họ và tên;Email;Số điện thoại;Mã đơn vị;Chức vụ;Đối tượng;Mã cán bộ"]
        for number in range(rows):
            lines.append(f"Nguyễn Văn Thử {number};thu.{number}@bench.example.vn;09{number:08};"
                         f"{codes[number % units]};Chuyên viên;cán bộ;B{number:06}")
        data = "\n".join(lines).encode("utf-8")

        started = time.perf_counter()
        report = imports.preview_people(data, "bench.csv")
        preview_seconds = time.perf_counter() - started
        started = time.perf_counter()
        imports.apply_people(data, "bench.csv")
        apply_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = imports.preview_people(data, "bench.csv")
        reimport_seconds = time.perf_counter() - started

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        self.stdout.write(f"rows: {rows} ({imports.summary(report.counts)})")
        self.stdout.write(f"preview: {preview_seconds:.1f} s")
        self.stdout.write(f"apply: {apply_seconds:.1f} s")
        self.stdout.write(f"re-import preview: {reimport_seconds:.1f} s ({imports.summary(again.counts)})")
        self.stdout.write(f"peak memory: {peak} MB")
