"""Export a question bank category (and its subcategories) as a GIFT or Moodle XML file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.quizzes import bank
from lms.quizzes.models import QuestionCategory


class Command(BaseCommand):
    help = "Export a question bank category as GIFT or Moodle XML (to standard output by default)."

    def add_arguments(self, parser):
        parser.add_argument("--category", required=True, help='the category\'s path, e.g. "Kỹ năng số/An toàn"')
        parser.add_argument("--format", choices=bank.FORMATS, default="gift", help="gift (default) or xml")
        parser.add_argument("-o", "--output", help="the file to write (default: standard output)")
        parser.add_argument(
            "--no-subcategories", action="store_true", help="only the category's own questions, not its subcategories'"
        )

    def handle(self, *args, **options):
        names = bank.split_category_path(options["category"])
        try:
            if not names:
                raise QuestionCategory.DoesNotExist
            category = bank.category_for_path(names, create=False)
        except QuestionCategory.DoesNotExist:
            raise CommandError(f"Unknown category: {options['category']}") from None

        questions, categories = bank.export_questions(category, not options["no_subcategories"])
        text = bank.write_questions(questions, categories, options["format"])
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror or error}") from None
            self.stderr.write(f"Exported {len(questions)} questions from {category.path_label} to {options['output']}")
        else:
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
