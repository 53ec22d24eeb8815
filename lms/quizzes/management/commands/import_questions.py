"""Import a GIFT or Moodle XML question file into the question bank, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms.quizzes import bank
from lms.quizzes.formats.base import ImportFileError


def one_line(text):
    return " ".join(str(text).split())


class Command(BaseCommand):
    help = "Import questions from a GIFT or Moodle XML file into the question bank."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the question file (.gift, .txt or .xml)")
        parser.add_argument(
            "--format", choices=bank.FORMATS, help="the file's format (by default: from its extension or content)"
        )
        parser.add_argument(
            "--category",
            help='the category to import into, e.g. "Kỹ năng số/An toàn thông tin" (created if missing); '
            "the file's own categories are created below it",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            if path.stat().st_size > bank.MAX_FILE_BYTES:
                # Refused before reading: the parser would refuse it anyway.
                raise ImportFileError(f"{path} is larger than {bank.MAX_FILE_BYTES // (1024 * 1024)} MB.")
            data = path.read_bytes()
            result = bank.read_question_file(data, options["format"], filename=path.name)
        except OSError as error:
            raise CommandError(one_line(f"Cannot read {path}: {error.strerror or error}")) from None
        except ImportFileError as error:
            raise CommandError(one_line(f"Cannot import {path}: {error}")) from None

        category_path = bank.split_category_path(options["category"] or "")
        if options["category"] and not category_path:
            raise CommandError(f"Not a category path: {options['category']!r}")
        if len(category_path) > bank.MAX_CATEGORY_DEPTH:
            raise CommandError(f"The category path has {len(category_path)} levels; at most {bank.MAX_CATEGORY_DEPTH}.")
        try:
            with transaction.atomic():
                category = bank.category_for_path(category_path) if category_path else None
                report = bank.import_questions(result, default_category=category)
        except ImportFileError as error:
            raise CommandError(one_line(f"Cannot import {path}: {error}")) from None

        counts = ", ".join(f"{count} {qtype}" for qtype, count in sorted(report.imported.items()))
        summary = f"Imported {report.total} question{'s' if report.total != 1 else ''}"
        self.stdout.write(f"{summary}: {counts}" if counts else summary)
        for qtype, count in sorted(report.imported.items()):
            self.stdout.write(f"  {qtype}: {count}")
        for category in report.categories:
            self.stdout.write(f"Created category {category.path_label}")
        if report.duplicates:
            count = len(report.duplicates)
            self.stdout.write(f"Left out {count} duplicate question{'s' if count != 1 else ''}:")
            for duplicate in report.duplicates:
                where = f"line {duplicate.line}" if duplicate.line else "(no line)"
                self.stdout.write(f"  {where}: {one_line(duplicate.name)}: {one_line(duplicate.reason)}")
        if report.skipped:
            self.stdout.write(f"Skipped {len(report.skipped)} question{'s' if len(report.skipped) != 1 else ''}:")
            for skipped in report.skipped:
                where = f"line {skipped.line}" if skipped.line else "(no line)"
                excerpt = f" [{one_line(skipped.excerpt)[:60]}]" if skipped.excerpt else ""
                self.stdout.write(f"  {where}: {one_line(bank.skipped_reason(skipped))}{excerpt}")
