"""
What training managers and HR officers do with mandatory courses, and what
happens to learners because of it. An assignment enrolls through the
enrollment app's own model (source "assigned", with a deadline) in bulk: one
query finds who is not enrolled yet, `bulk_create` adds them in batches, and
one UPDATE gives those already enrolled the deadline. Progress is never
touched, so nobody loses work, and deleting an assignment keeps every
enrollment it made.
"""

from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import OrgUnit, User
from lms.accounts.scope import units_in_scope
from lms.enrollment.models import Enrollment

from . import notifications
from .models import AssignedUnit, Assignment

# Rows per INSERT: well under SQLite's limit on variables per statement, few round trips for 20,000 people.
BATCH_SIZE = 1000


class AssignmentError(Exception):
    """A refused action; `message` is shown to the person who tried it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def members_of(unit_rows, learner_type="", position=""):
    """
    The confirmed, active members of the units in `unit_rows`, pairs of
    (unit, include_subunits), narrowed by learner type and position. A unit
    with its sub-units matches by the tree's path, in SQL.
    """
    units = Q()
    for unit, include_subunits in unit_rows:
        units |= Q(org_unit__path__startswith=unit.path) if include_subunits else Q(org_unit=unit)
    if not units:
        return User.objects.none()
    members = User.objects.filter(units, is_active=True)
    if learner_type:
        members = members.filter(learner_type=learner_type)
    if position:
        members = members.filter(position__iexact=position.strip())
    return members


def matching_users(assignment):
    """The people `assignment` makes the course mandatory for, now."""
    rows = [(row.unit, row.include_subunits) for row in assignment.assigned_units.select_related("unit")]
    return members_of(rows, assignment.learner_type, assignment.position)


def assignments_in_scope(user):
    """The assignments `user` may see and change: those whose every unit is in their scope."""
    outside = OrgUnit.objects.exclude(pk__in=units_in_scope(user))
    return Assignment.objects.exclude(assigned_units__unit__in=outside).filter(assigned_units__isnull=False).distinct()


def check_scope(user, units):
    """Refuse units outside `user`'s scope, naming them."""
    outside = [unit for unit in units if not units_in_scope(user).filter(pk=unit.pk).exists()]
    if outside:
        raise AssignmentError(
            _("You may assign courses only to the units you are responsible for: %(units)s is outside them.")
            % {"units": ", ".join(unit.name for unit in outside)}
        )


@transaction.atomic
def save_assignment(user, assignment, unit_rows):
    """
    Create or change `assignment` with its units, as `user`; `unit_rows` are
    pairs of (unit, include_subunits). Enrolling the people is a separate step
    (`apply_assignment`), which views and commands run as a background task.
    """
    check_scope(user, [unit for unit, _subunits in unit_rows])
    if not unit_rows:
        raise AssignmentError(_("Choose at least one unit."))
    if assignment.pk is None:
        assignment.created_by = user
    assignment.full_clean()
    assignment.save()
    assignment.assigned_units.all().delete()
    AssignedUnit.objects.bulk_create(
        AssignedUnit(assignment=assignment, unit=unit, include_subunits=subunits) for unit, subunits in unit_rows
    )
    return assignment


def delete_assignment(user, assignment):
    """Remove an assignment. The enrollments it made stay, with their progress and deadline."""
    check_scope(user, list(assignment.units.all()))
    assignment.delete()


def enroll_members(assignment, members, today=None):
    """
    Enroll `members` (a User queryset) in the assignment's course and give
    each their due date; the number of people newly enrolled. Courses closed
    to self-enrollment take them too: they are assigned, not self-enrolled.
    """
    today = today or timezone.localdate()
    deadline = assignment.due_date(today)
    course_id = assignment.course_id
    member_ids = members.values("pk")
    with transaction.atomic():
        enrolled = Enrollment.objects.filter(course_id=course_id, user_id__in=member_ids)
        # A withdrawn learner is back in the course: it is mandatory for them now.
        enrolled.filter(status=Enrollment.Status.WITHDRAWN).update(
            status=Case(
                When(completed_at__isnull=False, then=Value(Enrollment.Status.COMPLETED)),
                default=Value(Enrollment.Status.ACTIVE),
            )
        )
        # An earlier deadline (another assignment) stands; none or a later one gets this one.
        enrolled.filter(Q(deadline__isnull=True) | Q(deadline__gt=deadline)).update(
            source=Enrollment.Source.ASSIGNED, deadline=deadline
        )
        new_ids = members.exclude(enrollments__course_id=course_id).values_list("pk", flat=True).order_by("pk")
        created = 0
        batch = []
        for user_id in new_ids.iterator(chunk_size=BATCH_SIZE):
            batch.append(
                Enrollment(user_id=user_id, course_id=course_id, source=Enrollment.Source.ASSIGNED, deadline=deadline)
            )
            if len(batch) == BATCH_SIZE:
                created += _insert(batch)
                batch = []
        created += _insert(batch)
    return created


def _insert(batch):
    # A learner who enrolled themselves a moment ago keeps that row: the conflict is skipped.
    if batch:
        Enrollment.objects.bulk_create(batch, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(batch)


def apply_assignment(assignment, today=None):
    """
    Enroll everyone the assignment covers now and tell them (once) that the
    course is mandatory and by when; the number newly enrolled.
    """
    members = matching_users(assignment)
    created = enroll_members(assignment, members, today)
    notify_assigned(assignment, members, today)
    return created


def notify_assigned(assignment, members, today=None):
    enrollments = Enrollment.objects.filter(course_id=assignment.course_id, user__in=members)
    notifications.remind(enrollments, today, assigned_by=assignment.assigned_by)


def enroll_new_members(user_ids, today=None):
    """
    People who joined a unit (or changed unit) get the courses assigned to it:
    every assignment covering one of their units is applied to them alone.
    """
    units = OrgUnit.objects.filter(members__pk__in=user_ids).values_list("path", flat=True).distinct()
    step = OrgUnit.steplen
    ancestor_paths = {path[:end] for path in units for end in range(step, len(path) + 1, step)}
    candidates = Assignment.objects.filter(assigned_units__unit__path__in=ancestor_paths).distinct()
    created = 0
    for assignment in candidates.select_related("course", "created_by"):
        members = matching_users(assignment).filter(pk__in=user_ids)
        created += enroll_members(assignment, members, today)
        notify_assigned(assignment, members, today)
    return created


def assignment_of(user, course):
    """
    The assignment that makes `course` mandatory for `user` (the oldest, if
    several do), or None: what the course page shows.
    """
    if not Enrollment.objects.filter(user=user, course=course, source=Enrollment.Source.ASSIGNED).exists():
        return None
    for assignment in Assignment.objects.filter(course=course).select_related("created_by").order_by("created_at"):
        if matching_users(assignment).filter(pk=user.pk).exists():
            return assignment
    return None
