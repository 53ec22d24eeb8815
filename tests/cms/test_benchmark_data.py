"""`load_benchmark_data`, run small: the counts asked for, a valid tree, and no mixing with real data."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from lms.accounts.models import OrgUnit, User
from lms.enrollment.models import ActivityProgress, Enrollment
from lms.programmes.models import Assignment

SMALL = ["--units", "20", "--users", "200", "--enrollments", "600", "--courses", "6"]


def load(*args):
    output = io.StringIO()
    call_command("load_benchmark_data", *args, stdout=output)
    return output.getvalue()


def test_a_small_run_makes_the_counts_asked_and_a_valid_tree(catalogue):
    output = load(*SMALL)

    assert OrgUnit.objects.count() == 20
    assert OrgUnit.find_problems() == ([], [], [], [], [])
    assert sorted(set(OrgUnit.objects.values_list("depth", flat=True))) == [1, 2, 3, 4]
    assert OrgUnit.get_root_nodes().get().get_descendant_count() == 19
    assert User.objects.count() == 200
    assert User.objects.filter(org_unit__isnull=True).count() == 0
    assert not User.objects.first().has_usable_password()
    courses = CoursePage.objects.live().child_of(catalogue)
    assert courses.count() == 6
    assert all(LessonPage.objects.live().child_of(course).count() == 1 for course in courses)
    assert Enrollment.objects.count() == 600
    assert Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, completed_at__isnull=False).exists()
    assert Enrollment.objects.filter(
        source=Enrollment.Source.ASSIGNED, deadline__lt=timezone.localdate(), completed_at__isnull=True
    ).exists()
    assert ActivityProgress.objects.filter(status=ActivityProgress.Status.COMPLETED).count() == (
        Enrollment.objects.filter(completed_at__isnull=False).count()
    )
    assert Certificate.objects.exists()
    certificate = Certificate.objects.select_related("enrollment__user").first()
    assert certificate.full_name == certificate.enrollment.user.full_name
    assert Assignment.objects.exists()
    assert sum(OrgUnit.objects.values_list("headcount", flat=True)) >= User.objects.filter(
        learner_type=User.LearnerType.OFFICIAL).count()
    assert "600 enrollments" in output and "peak memory" in output


def test_it_refuses_a_database_with_people_unless_forced(catalogue, make_user):
    make_user()

    with pytest.raises(CommandError, match="already has"):
        load(*SMALL)
    assert OrgUnit.objects.count() == 0 and User.objects.count() == 1

    load(*SMALL, "--force")
    assert User.objects.count() == 201


def test_running_it_twice_needs_force_and_adds_a_second_province(catalogue):
    load(*SMALL)
    with pytest.raises(CommandError):
        load(*SMALL)

    load(*SMALL, "--force")

    assert OrgUnit.get_root_nodes().count() == 2
    assert OrgUnit.find_problems() == ([], [], [], [], [])
    assert User.objects.count() == 400 and Enrollment.objects.count() == 1200


def test_more_enrollments_than_people_times_courses_is_refused(catalogue):
    with pytest.raises(CommandError, match="do not fit"):
        load("--units", "20", "--users", "10", "--enrollments", "100", "--courses", "2")
    assert User.objects.count() == 0


def test_a_fresh_database_gets_the_site_and_its_catalogue(db):
    load(*SMALL)

    assert CoursePage.objects.live().count() == 6
    assert CoursePage.objects.first().get_parent().specific_class.__name__ == "CourseIndexPage"
