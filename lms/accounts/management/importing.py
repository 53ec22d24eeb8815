"""What `import_org_units` and `import_users` share: reading the file, the dry run, the report, the refusal."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.accounts import imports


class ImportCommand(BaseCommand):
    """A command that imports one CSV or XLSX file, all rows or none, printing each changed row."""

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Show each row's status; write nothing.")

    def import_file(self, data, name, dry_run):
        """The import's report, after previewing (`dry_run`) or applying the file's bytes."""
        raise NotImplementedError

    def handle(self, file, dry_run=False, **options):
        path = Path(file)
        try:
            report = self.import_file(path.read_bytes(), path.name, dry_run)
        except (OSError, imports.ImportFileError) as error:
            raise CommandError(str(error)) from None
        except imports.ImportRefused as refused:
            report = refused.report
        self.print_report(report)
        if report.has_errors:
            raise CommandError(str(imports.ImportRefused(report)))

    def print_report(self, report):
        for row in report.rows:
            if row.status == imports.UNCHANGED:
                continue
            key = row.values.get("code") or row.values.get("staff_id") or row.values.get("email") or ""
            detail = "; ".join(row.errors) if row.errors else ", ".join(str(change) for change in row.changes)
            self.stdout.write(f"{row.line}\t{row.status_label}\t{key}\t{detail}".rstrip())
        self.stdout.write(imports.summary(report.counts))
