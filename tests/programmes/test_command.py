import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lms.enrollment.models import Enrollment
from lms.programmes.models import Assignment


def run(*args):
    out = io.StringIO()
    call_command("assign_course", *args, stdout=out)
    return out.getvalue()


def test_assign_course_with_sub_units_and_a_fixed_due_date(units, member, course):
    member(units.commune), member(units.office), member(units.other)
    output = run("--course", course.slug, "--unit", "HB", "--with-subunits", "--due", "2026-06-30")
    assert "2 newly enrolled" in output
    assert set(Enrollment.objects.values_list("deadline", "source")) == {(date(2026, 6, 30), "assigned")}


def test_assign_course_without_sub_units_and_a_relative_due_date(units, member, course):
    own = member(units.commune)
    member(units.office)
    run("--course", course.slug, "--unit", "HB", "--due-days", "15")
    enrollment = Enrollment.objects.get()
    assert (enrollment.user, enrollment.deadline) == (own, timezone.localdate() + timedelta(days=15))


@pytest.mark.parametrize("args, message", [
    (("--course", "khong-co", "--unit", "HB", "--due-days", "5"), "No published course"),
    (("--course", "ky-nang-so", "--unit", "XX", "--due-days", "5"), "No organisational unit"),
    (("--course", "ky-nang-so", "--unit", "HB", "--due", "30/06/2026"), "is not a date"),
])
def test_assign_course_refuses_bad_input_and_writes_nothing(units, course, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not Assignment.objects.exists()


def test_assign_course_needs_exactly_one_due_date(units, course):
    with pytest.raises(CommandError):
        run("--course", course.slug, "--unit", "HB", "--due", "2026-06-30", "--due-days", "5")
    with pytest.raises(CommandError):
        run("--course", course.slug, "--unit", "HB")


def test_the_benchmark_runs_and_leaves_the_database_as_it_found_it(catalogue):
    out = io.StringIO()
    call_command("benchmark_assignments", "--people", "30", stdout=out)
    assert "apply: 27 enrolled, 3 given the deadline" in out.getvalue()
    assert not Assignment.objects.exists() and not Enrollment.objects.exists()
