import io

from django.core.management import call_command

from lms.accounts.models import User


def test_benchmark_reports_prints_its_timings_and_leaves_nothing_behind(province):
    out = io.StringIO()
    call_command("benchmark_reports", "--rows", "5", stdout=out)
    text = out.getvalue()
    for label in ("coverage page TT (client)", "coverage service TT", "people list page",
                  "people list of up to 5000 with their courses", "transcript page (client)", "transcript PDF (client)",
                  "XLSX export of up to 5"):
        assert label in text
    assert "rows written: 5" in text
    assert "people listed: 8," in text
    assert not User.objects.filter(email="benchmark.reports@example.invalid").exists()
