from django.core.management.base import BaseCommand

from lms.reports.scheduled import send_scheduled_reports


class Command(BaseCommand):
    help = (
        "E-mail each subscriber the weekly XLSX of their unit's coverage: once per week, and not when nothing "
        "changed since the last one. Safe to run daily from cron."
    )

    def handle(self, *args, **options):
        counts = send_scheduled_reports()
        self.stdout.write(f"sent: {counts['sent']}, unchanged: {counts['unchanged']}, skipped: {counts['skipped']}")
