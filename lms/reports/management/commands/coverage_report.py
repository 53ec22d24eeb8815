import sys

from django.core.management.base import BaseCommand, CommandError

from lms.accounts.models import OrgUnit
from lms.reports import exports, services


class Command(BaseCommand):
    help = (
        "Write the coverage report (every unit of the subtree, with its totals) as XLSX or CSV: the file the "
        "admin's coverage page downloads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="the unit's code (default: every top-level unit)")
        parser.add_argument("--course", help="a mandatory course's slug (default: all mandatory courses)")
        parser.add_argument("--format", choices=exports.FORMATS, default="xlsx")
        parser.add_argument("-o", "--output", help="the file to write (default: coverage-<unit>.<format>; - for stdout)")

    def handle(self, *args, unit=None, course=None, format="xlsx", output=None, **options):
        if unit:
            found = OrgUnit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"No organisational unit has the code {unit!r}.")
            units = [found]
        else:
            units = list(OrgUnit.get_root_nodes())
        chosen = None
        if course:
            chosen = services.mandatory_courses().filter(slug=course).first()
            if chosen is None:
                raise CommandError(f"No mandatory course has the slug {course!r}.")
        table = exports.coverage_table(units, services.Filters(course=chosen))
        data = exports.render(table, format)
        if output == "-":
            sys.stdout.buffer.write(data)
            return
        path = output or exports.filename(table, format)
        with open(path, "wb") as file:
            file.write(data)
        self.stderr.write(f"Wrote {path}")
