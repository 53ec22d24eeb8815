from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.accounts import imports


class Command(BaseCommand):
    help = (
        "Create, rename and move organisational units from a CSV or XLSX file with the columns "
        "code,name,kind,parent_code,headcount (or Mã đơn vị, Tên đơn vị, Loại, Mã đơn vị cấp trên, Số cán bộ). "
        "All rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, file, dry_run=False, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
            report = (imports.preview_units if dry_run else imports.apply_units)(data, path.name)
        except OSError as error:
            raise CommandError(str(error)) from None
        except imports.ImportFileError as error:
            raise CommandError(str(error)) from None
        except imports.ImportRefused as refused:
            report = refused.report
        print_report(self.stdout, report)
        if report.has_errors:
            raise CommandError(str(imports.ImportRefused(report)))


def print_report(out, report):
    for row in report.rows:
        if row.status == imports.UNCHANGED:
            continue
        key = row.values.get("code") or row.values.get("staff_id") or row.values.get("email") or ""
        detail = "; ".join(row.errors) if row.errors else ", ".join(str(change) for change in row.changes)
        out.write(f"{row.line}\t{row.status_label}\t{key}\t{detail}".rstrip())
    out.write(imports.summary(report.counts))
