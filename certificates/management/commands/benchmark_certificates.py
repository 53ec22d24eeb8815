"""How fast certificates are rendered and signed on one core, and how large their PDFs are."""

import hashlib
import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.utils import timezone

from certificates import codes, pdf, signing
from certificates.models import Certificate, CertificateTemplate

NAMES = ["Nguyễn Thị Ngọc Huyền", "Đặng Văn Ưởng", "Phạm Thị Thuỳ Dương", "Tôn Nữ Hoàng Thị Ngọc Huyền Trang"]


class Command(BaseCommand):
    help = "Render and sign certificates in this process (one core) and print certificates per second and PDF sizes."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200)

    def handle(self, *args, count, **options):
        template = CertificateTemplate.objects.filter(is_default=True).first()
        certificates = [
            Certificate(
                code=codes.new_code(),
                full_name=NAMES[number % len(NAMES)],
                course_title="Dịch vụ công trực tuyến: nộp hồ sơ, thanh toán và nhận kết quả",
                hours=Decimal("3"),
                score=Decimal("87.5"),
                issued_on=timezone.localdate(),
                organisation=template.organisation if template else "HọcSố",
                template=template,
            )
            for number in range(count)
        ]
        # Warm-up: fonts parsed, the signing key and the template's images loaded, as in a long-running worker.
        signing.sign_pdf(pdf.render_pdf(certificates[0]))

        render_times, sign_times, sizes = [], [], []
        started = time.perf_counter()
        for certificate in certificates:
            before = time.perf_counter()
            unsigned = pdf.render_pdf(certificate)
            rendered = time.perf_counter()
            signed = signing.sign_pdf(unsigned)
            hashlib.sha256(signed).hexdigest()
            render_times.append(rendered - before)
            sign_times.append(time.perf_counter() - rendered)
            sizes.append(len(signed))
        elapsed = time.perf_counter() - started

        self.stdout.write(f"template: {template.name if template else '(none: plain frame)'}")
        self.stdout.write(f"certificates: {count} in {elapsed:.2f} s on one core")
        self.stdout.write(f"certificates per second (render + sign): {count / elapsed:.1f}")
        self.stdout.write(
            f"median render {statistics.median(render_times) * 1000:.1f} ms, "
            f"median sign {statistics.median(sign_times) * 1000:.1f} ms"
        )
        self.stdout.write(f"PDF size: median {statistics.median(sizes) / 1024:.1f} KB, largest {max(sizes) / 1024:.1f} KB")
