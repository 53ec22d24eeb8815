"""
`python manage.py send_reminders [--date YYYY-MM-DD]`: the daily run (cron or
a systemd timer). Writes the reminders owed today about mandatory courses and,
once a week, each responsible officer's digest of overdue people, and queues
their e-mails. Running it again the same day writes and sends nothing more.
"""

from django.core.management.base import BaseCommand

from lms.programmes import notifications

from .assign_course import iso_date


class Command(BaseCommand):
    help = "Send today's reminders about mandatory courses and the weekly overdue digests (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=iso_date, default=None,
            help="run as on this day (YYYY-MM-DD), e.g. to catch up a day the timer missed",
        )

    def handle(self, *args, date=None, **options):
        reminders, digests = notifications.send_reminders(date)
        self.stdout.write(f"{reminders} reminders and {digests} digests written; their e-mails are queued.")
