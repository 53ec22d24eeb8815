from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates import services
from lms import spreadsheets


class Command(BaseCommand):
    help = "Check a CSV of certificate codes (first column); prints one line per code: code, status, name, course."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            typed_codes = services.codes_from_csv(file.read_bytes())
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        except ValueError as problem:
            raise CommandError(f"{file}: {problem}") from None
        for row in services.bulk_status(typed_codes):
            # The listing is often redirected into a .csv file and opened in Excel.
            fields = (row.typed, row.status, row.full_name, row.course_title)
            fields = [spreadsheets.neutralise(field) for field in fields]
            self.stdout.write(", ".join(fields).rstrip(", "))
