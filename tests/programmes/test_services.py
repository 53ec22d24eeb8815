"""Assigning a course to units: who is enrolled, with which due date, and what stays when things change."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.accounts.models import User
from lms.accounts.signals import members_confirmed
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import Enrollment
from lms.programmes import notifications, services
from lms.programmes.models import AssignedUnit, Assignment
from tests.conftest import lessons_of

TODAY = date(2026, 3, 2)


def assign(course, *unit_rows, **fields):
    assignment = Assignment.objects.create(course=course, **fields)
    for unit, include_subunits in unit_rows:
        AssignedUnit.objects.create(assignment=assignment, unit=unit, include_subunits=include_subunits)
    return assignment


def enrollment_of(user, course):
    return Enrollment.objects.get(user=user, course=course)


@pytest.fixture
def closed_course(make_course):
    """A course nobody may join by themselves: only an assignment brings learners in."""
    return make_course(slug="an-toan-thong-tin", lessons=2, self_enrollment=False)


def test_a_fixed_due_date_enrolls_every_confirmed_member_of_the_units_and_below(
    units, member, closed_course, make_user
):
    in_commune, in_office, elsewhere = member(units.commune), member(units.office), member(units.other)
    requested_only = make_user(email="cho.duyet@example.vn", requested_org_unit=units.commune)
    assignment = assign(closed_course, (units.commune, True), due_on=date(2026, 6, 30))

    assert services.apply_assignment(assignment, today=TODAY) == 2

    for person in (in_commune, in_office):
        enrollment = enrollment_of(person, closed_course)
        assert (enrollment.source, enrollment.deadline) == (Enrollment.Source.ASSIGNED, date(2026, 6, 30))
    assert not Enrollment.objects.filter(user__in=[elsewhere, requested_only]).exists()


def test_a_unit_without_its_sub_units_enrolls_its_own_members_only(units, member, course):
    in_commune = member(units.commune)
    member(units.office)
    services.apply_assignment(assign(course, (units.commune, False), due_days=30), today=TODAY)
    assert list(Enrollment.objects.values_list("user", flat=True)) == [in_commune.pk]


def test_learner_type_and_position_narrow_the_assignment(units, member, course):
    chief = member(units.commune, position="Chủ tịch UBND xã")
    member(units.commune, position="Văn thư")
    member(units.commune, position="Chủ tịch UBND xã", learner_type=User.LearnerType.CITIZEN)
    assignment = assign(
        course, (units.commune, True), due_days=30,
        learner_type=User.LearnerType.OFFICIAL, position="chủ tịch ubnd xã",
    )
    assert list(services.matching_users(assignment)) == [chief]


def test_a_relative_due_date_counts_from_the_day_each_person_is_assigned(units, member, course):
    first = member(units.commune)
    assignment = assign(course, (units.commune, True), due_days=30)
    services.apply_assignment(assignment, today=TODAY)

    later = member(units.commune)
    services.enroll_new_members([later.pk], today=date(2026, 6, 1))

    assert enrollment_of(first, course).deadline == TODAY + timedelta(days=30)
    assert enrollment_of(later, course).deadline == date(2026, 7, 1)


def test_a_due_date_is_either_fixed_or_relative_never_both_or_neither(course):
    from django.core.exceptions import ValidationError

    for fields in ({}, {"due_on": TODAY, "due_days": 10}):
        with pytest.raises(ValidationError):
            Assignment(course=course, **fields).full_clean()


def test_people_confirmed_in_a_unit_later_are_enrolled_when_hr_confirms_them(units, member, closed_course):
    assign(closed_course, (units.commune, True), due_on=date(2026, 6, 30))
    newcomer = member(units.office)
    assert not Enrollment.objects.exists()

    members_confirmed.send(sender=User, user_ids=[newcomer.pk])

    enrollment = enrollment_of(newcomer, closed_course)
    assert (enrollment.source, enrollment.deadline) == (Enrollment.Source.ASSIGNED, date(2026, 6, 30))


def test_people_confirmed_in_a_unit_no_assignment_covers_are_not_enrolled(units, member, course):
    assign(course, (units.commune, True), due_days=10)
    outsider = member(units.other)
    members_confirmed.send(sender=User, user_ids=[outsider.pk])
    assert not Enrollment.objects.exists()


def test_a_learner_already_enrolled_keeps_their_progress_and_gets_the_deadline(units, member, course):
    learner = member(units.commune)
    enrollment = enrollment_services.enroll(learner, course)
    first_lesson = lessons_of(course)[0]
    enrollment_services.complete_activity(enrollment, first_lesson, course)
    progress = enrollment_of(learner, course).progress

    services.apply_assignment(assign(course, (units.commune, True), due_on=date(2026, 6, 30)), today=TODAY)

    enrollment = enrollment_of(learner, course)
    assert (enrollment.progress, enrollment.deadline, enrollment.source) == (progress, date(2026, 6, 30), "assigned")
    assert enrollment.activities.filter(page=first_lesson, status="completed").exists()
    assert Enrollment.objects.count() == 1


def test_an_earlier_deadline_from_another_assignment_stands(units, member, course):
    learner = member(units.office)
    services.apply_assignment(assign(course, (units.office, False), due_on=date(2026, 4, 30)), today=TODAY)
    services.apply_assignment(assign(course, (units.province, True), due_on=date(2026, 12, 31)), today=TODAY)
    assert enrollment_of(learner, course).deadline == date(2026, 4, 30)


def test_a_learner_who_had_left_is_back_in_a_mandatory_course(units, member, course):
    learner = member(units.commune)
    enrollment_services.enroll(learner, course)
    enrollment_services.leave(learner, course)
    services.apply_assignment(assign(course, (units.commune, True), due_days=14), today=TODAY)
    assert enrollment_of(learner, course).status == Enrollment.Status.ACTIVE


def test_removing_an_assignment_keeps_everyones_enrollment_and_progress(units, member, course, manager):
    learner = member(units.commune)
    assignment = assign(course, (units.commune, True), due_on=date(2026, 6, 30))
    services.apply_assignment(assignment, today=TODAY)
    enrollment = enrollment_of(learner, course)
    enrollment_services.complete_activity(enrollment, lessons_of(course)[0], course)

    services.delete_assignment(manager_for(manager, units.province), assignment)

    enrollment = enrollment_of(learner, course)
    assert not Assignment.objects.exists()
    assert (enrollment.deadline, enrollment.progress > 0, enrollment.activities.count()) == (date(2026, 6, 30), True, 1)


def manager_for(user, unit):
    user.responsible_units.add(unit)
    return User.objects.get(pk=user.pk)


def test_applying_again_changes_nothing(units, member, course):
    member(units.commune)
    assignment = assign(course, (units.commune, True), due_days=30)
    services.apply_assignment(assignment, today=TODAY)
    assert services.apply_assignment(assignment, today=TODAY + timedelta(days=5)) == 0
    assert list(Enrollment.objects.values_list("deadline", flat=True)) == [TODAY + timedelta(days=30)]


def test_self_enrollment_still_works_beside_assignments(units, member, course):
    learner = member(units.other)
    assign(course, (units.commune, True), due_days=30)
    enrollment = enrollment_services.enroll(learner, course)
    assert (enrollment.source, enrollment.deadline) == (Enrollment.Source.SELF, None)


@pytest.mark.parametrize("people", [10, 120])
def test_the_apply_is_bulk_its_queries_do_not_grow_with_the_people(units, member, course, people, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 50)
    monkeypatch.setattr(notifications, "BATCH_SIZE", 50)
    for _number in range(people):
        member(units.office)
    already = member(units.commune)
    enrollment_services.enroll(already, course)
    assignment = assign(course, (units.commune, True), due_days=30)

    with CaptureQueriesContext(connection) as queries:
        services.apply_assignment(assignment, today=TODAY)

    # Enrolling, then telling everyone (finding what they are owed, storing it, e-mailing it) go by batches.
    batches = -(-people // 50)
    assert len(queries) <= 12 + 10 * batches, len(queries)
    assert Enrollment.objects.filter(course=course, source="assigned").count() == people + 1
