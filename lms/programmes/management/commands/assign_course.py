"""
`python manage.py assign_course --course SLUG --unit CODE [--with-subunits] (--due YYYY-MM-DD | --due-days N)`:
make a course mandatory for a unit's confirmed members, as the admin's form does, and enroll them now.
"""

from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from courses.models import CoursePage
from lms.accounts.models import OrgUnit
from lms.programmes import services
from lms.programmes.models import AssignedUnit, Assignment


def iso_date(value):
    """A YYYY-MM-DD argument as a date (argparse names the option in its message)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Assign a course to an organisational unit (with or without its sub-units) with a due date."

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="the course's slug")
        parser.add_argument("--unit", required=True, help="the unit's code")
        parser.add_argument("--with-subunits", action="store_true", help="also the units below it")
        due = parser.add_mutually_exclusive_group(required=True)
        due.add_argument("--due", type=iso_date, help="a fixed due date, YYYY-MM-DD")
        due.add_argument("--due-days", type=int, help="days after each person is assigned")

    def handle(self, *args, course, unit, with_subunits, due, due_days, **options):
        courses = list(CoursePage.objects.live().filter(slug=course))
        if len(courses) != 1:
            raise CommandError(f"No published course has the slug {course!r}." if not courses
                               else f"Several published courses have the slug {course!r}.")
        org_unit = OrgUnit.objects.filter(code=unit).first()
        if org_unit is None:
            raise CommandError(f"No organisational unit has the code {unit!r}.")
        if due_days is not None and due_days < 0:
            raise CommandError("--due-days must be 0 or more.")
        with transaction.atomic():
            assignment = Assignment.objects.create(
                course=courses[0], due_on=due, due_days=due_days
            )
            AssignedUnit.objects.create(assignment=assignment, unit=org_unit, include_subunits=with_subunits)
            enrolled = services.apply_assignment(assignment)
        matching = services.matching_users(assignment).count()
        self.stdout.write(
            f"{courses[0].title} is mandatory for {matching} people of {org_unit.name}; {enrolled} newly enrolled."
        )
