"""Import an .h5p package from the command line, optionally as a new lesson at the end of a course."""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from courses.h5p import services
from courses.h5p.validation import PackageRefused


def one_line(text):
    return " ".join(str(text).split())


class Command(BaseCommand):
    help = "Validate and import an H5P package (.h5p)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .h5p file")
        parser.add_argument("--title", help="the package's title (by default: the title in its h5p.json)")
        parser.add_argument(
            "--add-to-course",
            metavar="SLUG",
            help="also publish a lesson holding the activity at the end of this course (in its last section)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Cannot read {path}: no such file.")
        started = time.perf_counter()
        try:
            with path.open("rb") as upload:
                package = services.import_package(upload, title=options["title"])
        except PackageRefused as refused:
            raise CommandError(one_line(f"Refused {path.name}: {refused}")) from None
        except OSError as error:
            raise CommandError(one_line(f"Cannot read {path}: {error.strerror or error}")) from None
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Imported “{package.title}” (package {package.pk}, {package.main_library.folder_name}, "
            f"{package.libraries.count()} libraries) in {elapsed:.2f} s"
        )
        # Imported all the same (the file is not refused), but the player would fail: say so, one line per library.
        for warning in services.incomplete_warnings(package):
            self.stdout.write(self.style.WARNING(one_line(warning)))

        if options["add_to_course"]:
            try:
                lesson = services.add_lesson_to_course(package, options["add_to_course"])
            except (LookupError, ValidationError) as error:
                # An unknown course, or a lesson the course may not take (its certificate would rest on H5P alone).
                reason = " ".join(error.messages) if isinstance(error, ValidationError) else error
                raise CommandError(
                    one_line(f"The package was imported, but not added to a course: {reason}")
                ) from None
            self.stdout.write(f"Published the lesson “{lesson.title}” at {lesson.url_path}")
