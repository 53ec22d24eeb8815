from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.accounts import imports
from lms.accounts.tasks import send_set_password_emails

from .import_org_units import print_report


class Command(BaseCommand):
    help = (
        "Create and update people from a CSV or XLSX file (Họ và tên, Email, Số điện thoại, Mã đơn vị, Chức vụ, "
        "Đối tượng, Mã cán bộ, or their English names). All rows or none; new accounts get an e-mail to choose "
        "their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Show each row's status; write nothing.")

    def handle(self, file, dry_run=False, **options):
        path = Path(file)
        created = []
        try:
            data = path.read_bytes()
            if dry_run:
                report = imports.preview_people(data, path.name)
            else:
                report, created = imports.apply_people(data, path.name)
        except OSError as error:
            raise CommandError(str(error)) from None
        except imports.ImportFileError as error:
            raise CommandError(str(error)) from None
        except imports.ImportRefused as refused:
            report = refused.report
        print_report(self.stdout, report)
        if report.has_errors:
            raise CommandError(str(imports.ImportRefused(report)))
        if created:
            send_set_password_emails.enqueue(created)
