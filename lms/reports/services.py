"""
The numbers of the coverage reports: how far each unit's officials are
through the courses made mandatory for them.

Who counts
    A unit's **members** are the active people HR confirmed in it or in a unit
    below it (`User.org_unit`; a request a learner made is not counted),
    narrowed to a learner type when one is chosen. **Headcount** is the sum
    of the units' own headcounts over the same subtree (each unit gives the
    number of its own staff).

What is counted: people, not enrollments
    A person's **mandatory courses** are their enrollments made by an
    assignment (`Enrollment.source = assigned`) in a course that is still
    assigned somewhere; choosing one course narrows them to that course. Every
    column but headcount counts *people*, so an HR manager reports upward
    "N officials trained" and the columns add up unit by unit:

    - **assigned**: people with at least one mandatory course;
    - **not started**: assigned, and no progress in any of them;
    - **in progress**: assigned, some progress, not every course completed;
    - **completed** ("trained"): every mandatory course assigned to them
      completed (`status = completed`). With one course chosen it is simply
      that course. A withdrawn enrollment is never completed: the course
      stays mandatory, so the person counts by their progress in it;
    - **overdue**: at least one mandatory course past its due date
      (`deadline` before today) and not completed;
    - **certificates**: people holding a valid certificate (neither revoked
      nor replaced) for every mandatory course assigned to them.

    Without a completion date range, not started + in progress + completed =
    assigned. With one, **completed** counts only people whose last mandatory
    course was completed inside it (one course: completed inside it); the
    other columns still describe today.

% trained
    completed / expected, where each unit in the subtree expects its
    headcount, or its number of members when no headcount is set (0): a
    department that has not given its headcount yet is measured against the
    people confirmed in it rather than left out.

How it is computed
    Units are rows of a materialised-path tree (treebeard): a unit's subtree
    is every unit whose `path` starts with its own, and the ancestor of a unit
    at depth d is the first d × steplen characters of its path. Two queries
    per depth shown group by that prefix, so a page costs the same few
    queries for 3 units or 500: one sums headcounts and counts members; in
    the other an inner query reduces each assigned person's mandatory
    enrollments to a few counts and the outer one counts people per unit.
    Nothing here loops over units with a query each.
"""

import dataclasses
import datetime
import functools
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage
from lms.accounts.models import OrgUnit, User
from lms.enrollment.models import Enrollment
from lms.programmes.models import Assignment

from .search import SearchKey, search_key

STEP = OrgUnit.steplen
ASSIGNED = Enrollment.Source.ASSIGNED
COMPLETED = Enrollment.Status.COMPLETED
NOT_COMPLETED = [Enrollment.Status.ACTIVE, Enrollment.Status.WITHDRAWN]


class Status:
    """The states the people list filters on."""

    OVERDUE = "overdue"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ALL = (OVERDUE, NOT_STARTED, IN_PROGRESS, COMPLETED)


@dataclasses.dataclass(frozen=True)
class Filters:
    """What a report is narrowed to. `today` decides what is overdue."""

    course: CoursePage | None = None
    learner_type: str = ""
    completed_from: datetime.date | None = None
    completed_to: datetime.date | None = None
    today: datetime.date = dataclasses.field(default_factory=timezone.localdate)

    @property
    def has_range(self):
        return self.completed_from is not None or self.completed_to is not None

    @functools.cached_property
    def course_ids(self):
        """
        The ids of the courses counted: the chosen one, or every course some
        assignment makes mandatory, read once per report. Given as values,
        PostgreSQL knows from its statistics how many enrollments each holds;
        given as a subquery it guessed a quarter of the true number and built
        every hash and sort of the province's totals for that (1.2 s against
        0.73 s on the benchmark province).
        """
        if self.course is not None:
            return [self.course.pk]
        return sorted(set(Assignment.objects.values_list("course_id", flat=True)))

    def range_start(self):
        return _midnight(self.completed_from) if self.completed_from else None

    def range_end(self):
        """The first instant after the range."""
        return _midnight(self.completed_to + datetime.timedelta(days=1)) if self.completed_to else None


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclasses.dataclass
class Totals:
    """One unit's numbers (its subtree's), as the module docstring defines them."""

    headcount: int = 0
    members: int = 0
    # Members of units with no headcount: they stand in for it in the expected number.
    uncounted: int = 0
    assigned: int = 0
    not_started: int = 0
    in_progress: int = 0
    completed: int = 0
    overdue: int = 0
    certified: int = 0

    @property
    def expected(self):
        return self.headcount + self.uncounted

    @property
    def percent_trained(self):
        """Completed per expected, in % with one decimal; None when the unit expects nobody."""
        return round(100 * self.completed / self.expected, 1) if self.expected else None

    def __add__(self, other):
        return Totals(*(mine + theirs for mine, theirs in zip(dataclasses.astuple(self), dataclasses.astuple(other))))

    def numbers(self):
        """The numbers in the order the reports show them."""
        return [self.headcount, self.members, self.assigned, self.not_started, self.in_progress, self.completed,
                self.overdue, self.certified, self.percent_trained]


# The courses ---------------------------------------------------------------------------------------


def mandatory_courses():
    """The courses some assignment makes mandatory, by title."""
    return CoursePage.objects.filter(pk__in=Assignment.objects.values("course_id")).order_by("title")


def mandatory(prefix, filters):
    """The condition on an enrollment (reached through `prefix`) of being one of the person's mandatory courses."""
    return Q(**{f"{prefix}source": ASSIGNED, f"{prefix}course_id__in": filters.course_ids})


def members(filters):
    """The active confirmed members of any unit, narrowed to the learner type."""
    people = User.objects.filter(is_active=True, org_unit__isnull=False)
    if filters.learner_type:
        people = people.filter(learner_type=filters.learner_type)
    return people


def _in_subtrees(paths, field="org_unit__path"):
    within = Q()
    for path in paths:
        within |= Q(**{f"{field}__startswith": path})
    return within


# Totals per unit -----------------------------------------------------------------------------------


# Each assigned person's mandatory enrollments reduced to counts (one row per
# person), then people counted per unit prefix. The certificate join takes the
# current one only (the database allows one per enrollment), so no row is
# doubled and no count needs DISTINCT. The inner query is narrowed to the
# subtrees' people only when they are not the whole tree: for a province's
# root that filter would join 1,000,000 enrollments to their people twice
# for nothing. Members and headcounts come from a second, cheap query over
# the units. Table names come from the models; conditions are parameters.
ASSIGNED_PEOPLE_PER_UNIT = """
SELECT SUBSTR(unit.path, 1, %s) AS bucket,
       COUNT(*),
       COUNT(*) FILTER (WHERE mine.started = 0),
       COUNT(*) FILTER (WHERE mine.started > 0 AND mine.done < mine.n),
       COUNT(*) FILTER (WHERE mine.done = mine.n AND mine.done_after = 0 AND mine.done_in_range > 0),
       COUNT(*) FILTER (WHERE mine.late > 0),
       COUNT(*) FILTER (WHERE mine.certified = mine.n)
FROM (
    SELECT enrollment.user_id,
           COUNT(*) AS n,
           COUNT(*) FILTER (WHERE enrollment.status = %s) AS done,
           COUNT(*) FILTER (WHERE enrollment.progress > 0 OR enrollment.status = %s) AS started,
           COUNT(*) FILTER (WHERE enrollment.deadline < %s AND enrollment.status <> %s) AS late,
           COUNT(certificate.id) AS certified,
           COUNT(*) FILTER (WHERE enrollment.status = %s {in_range}) AS done_in_range,
           COUNT(*) FILTER (WHERE enrollment.status = %s {after}) AS done_after
    FROM {enrollment} enrollment
    {inner_joins}
    LEFT JOIN {certificate} certificate ON certificate.enrollment_id = enrollment.id
         AND certificate.replaced_at IS NULL AND certificate.revoked_at IS NULL
    WHERE enrollment.source = %s AND enrollment.course_id IN ({courses}) {inner_subtrees}
    GROUP BY enrollment.user_id
) mine
JOIN {user} person ON person.id = mine.user_id
JOIN {unit} unit ON unit.id = person.org_unit_id
WHERE person.is_active AND ({subtrees}) {learner_type}
GROUP BY 1
"""

SUBTREE_PEOPLE_JOINS = """JOIN {user} person ON person.id = enrollment.user_id
    JOIN {unit} unit ON unit.id = person.org_unit_id"""

MEMBERS_PER_UNIT = """
SELECT SUBSTR(unit.path, 1, %s) AS bucket,
       SUM(unit.headcount),
       COALESCE(SUM(staff.n), 0),
       COALESCE(SUM(staff.n) FILTER (WHERE unit.headcount = 0), 0)
FROM {unit} unit
LEFT JOIN (
    SELECT person.org_unit_id, COUNT(*) AS n
    FROM {user} person
    WHERE person.is_active AND person.org_unit_id IN (SELECT unit.id FROM {unit} unit WHERE {subtrees}) {learner_type}
    GROUP BY person.org_unit_id
) staff ON staff.org_unit_id = unit.id
WHERE {subtrees}
GROUP BY 1
"""


def _statements(paths, length, filters):
    """The statements and parameters of ASSIGNED_PEOPLE_PER_UNIT and MEMBERS_PER_UNIT for `paths` cut to `length`."""
    subtrees = " OR ".join(["unit.path LIKE %s"] * len(paths))
    subtree_params = [path + "%" for path in paths]
    tables = {"user": User._meta.db_table, "unit": OrgUnit._meta.db_table}
    whole_tree = not OrgUnit.objects.filter(depth=1).exclude(path__in=paths).exists()
    if whole_tree:
        inner_joins, inner_subtrees, inner_params = "", "", []
    else:
        inner_joins, inner_subtrees, inner_params = SUBTREE_PEOPLE_JOINS.format(**tables), f"AND ({subtrees})", subtree_params
    # An empty IN () is not SQL; no course matches no enrollment.
    course_params = filters.course_ids or [None]
    courses = ", ".join(["%s"] * len(course_params))
    start, end = filters.range_start(), filters.range_end()
    in_range, range_params = "", []
    if start:
        in_range += " AND enrollment.completed_at >= %s"
        range_params.append(start)
    if end:
        in_range += " AND enrollment.completed_at < %s"
        range_params.append(end)
    # Nobody's courses are completed "after" an open-ended range.
    after, after_params = (" AND enrollment.completed_at >= %s", [end]) if end else (" AND 1 = 0", [])
    learner_type, type_params = ("AND person.learner_type = %s", [filters.learner_type]) if filters.learner_type \
        else ("", [])
    assigned = ASSIGNED_PEOPLE_PER_UNIT.format(
        enrollment=Enrollment._meta.db_table, certificate=Certificate._meta.db_table, courses=courses,
        inner_joins=inner_joins, inner_subtrees=inner_subtrees, subtrees=subtrees, in_range=in_range, after=after,
        learner_type=learner_type, **tables,
    )
    assigned_params = [
        length, COMPLETED, COMPLETED, filters.today, COMPLETED, COMPLETED, *range_params, COMPLETED, *after_params,
        ASSIGNED, *course_params, *inner_params, *subtree_params, *type_params,
    ]
    staff = MEMBERS_PER_UNIT.format(subtrees=subtrees, learner_type=learner_type, **tables)
    staff_params = [length, *subtree_params, *type_params, *subtree_params]
    return (assigned, assigned_params), (staff, staff_params)


def totals_by_prefix(paths, length, filters):
    """
    Totals of the subtrees `paths`, grouped by unit path cut to `length`
    characters: with `length` the paths' own, each subtree's total; one level
    deeper, its children's, and under its own path the people directly in it.
    A few queries, whatever the number of units.
    """
    totals = defaultdict(Totals)
    if not paths:
        return totals
    assigned, staff = _statements(paths, length, filters)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(*staff)
        for bucket, headcount, members_, uncounted in cursor.fetchall():
            totals[bucket] = Totals(headcount=int(headcount or 0), members=int(members_), uncounted=int(uncounted))
        if connection.vendor == "postgresql":
            # PostgreSQL's parallel plan for this statement has every worker build
            # the same hash of the enrollments and certificates, the bulk of the
            # work, so it is done three times over to share a small remainder:
            # 0.73 s for the benchmark province against 0.48 s in one process.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(*assigned)
        rows = cursor.fetchall()
        if connection.vendor == "postgresql":
            # SET LOCAL lasts to the end of the outermost transaction, which may be the caller's.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather TO DEFAULT")
    for bucket, *numbers in rows:
        bucket_totals = totals[bucket]
        (bucket_totals.assigned, bucket_totals.not_started, bucket_totals.in_progress, bucket_totals.completed,
         bucket_totals.overdue, bucket_totals.certified) = (int(number) for number in numbers)
    return totals


def unit_totals(units, filters):
    """The totals of each of `units` (subtrees not inside one another), by unit pk: two queries per depth."""
    by_depth = defaultdict(list)
    for unit in units:
        by_depth[unit.depth].append(unit)
    result = {}
    for depth, same_depth in by_depth.items():
        totals = totals_by_prefix([unit.path for unit in same_depth], depth * STEP, filters)
        result.update({unit.pk: totals[unit.path] for unit in same_depth})
    return result


# The coverage page ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Row:
    unit: OrgUnit | None
    totals: Totals
    label: str = ""
    has_children: bool = False


@dataclasses.dataclass
class Coverage:
    """What the coverage page shows: the unit's total, a row per child (and its own members), the timeline."""

    unit: OrgUnit | None
    total: Row | None
    rows: list
    completions: list


def scope_roots(user):
    """The topmost units of `user`'s scope: the units they answer for, without those inside another."""
    if not user.is_active:
        return []
    if user.is_superuser:
        return list(OrgUnit.get_root_nodes())
    roots = []
    for unit in user.responsible_units.order_by("path"):
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    return roots


def coverage(user, unit, filters):
    """
    The coverage of `unit` (one of `user`'s units, or None for the top of their scope).
    A unit shows its total, then its children and the people directly in it.
    """
    if unit is None:
        roots = scope_roots(user)
        if len(roots) == 1:
            unit = roots[0]
        else:
            totals = unit_totals(roots, filters)
            rows = _with_children_flags([Row(root, totals[root.pk]) for root in roots])
            return Coverage(None, None, rows, completions_over_time([root.path for root in roots], filters))
    below = totals_by_prefix([unit.path], len(unit.path) + STEP, filters)
    # Every person of the subtree is in exactly one child's bucket or the unit's own: the total is their sum.
    total = Row(unit, sum(below.values(), Totals()))
    children = list(unit.get_children())
    rows = _with_children_flags([Row(child, below[child.path]) for child in children])
    direct = below.get(unit.path)
    if direct is not None and (direct.members or direct.headcount):
        rows.append(Row(None, direct, label=unit.name))
    return Coverage(unit, total, rows, completions_over_time([unit.path], filters))


def _with_children_flags(rows):
    paths = [row.unit.path for row in rows]
    parents = set(
        OrgUnit.objects.filter(path__in=paths, numchild__gt=0).values_list("pk", flat=True)
    )
    for row in rows:
        row.has_children = row.unit.pk in parents
    return rows


def subtree_rows(unit, filters):
    """Every unit of `unit`'s subtree, in tree order, with its totals: the export. Two queries per level."""
    units = list(OrgUnit.objects.filter(path__startswith=unit.path).order_by("path"))
    by_depth = {}
    for depth in sorted({each.depth for each in units}):
        # A shorter bucket holds the people directly in a unit above: that unit's total comes from its own depth.
        totals = totals_by_prefix([unit.path], depth * STEP, filters)
        by_depth.update({path: each for path, each in totals.items() if len(path) == depth * STEP})
    return [Row(each, by_depth[each.path]) for each in units]


# Completions over time -----------------------------------------------------------------------------

# Completions are drawn per week when the range is this short, else per month.
WEEKLY_UP_TO_DAYS = 92
DEFAULT_MONTHS = 12


def completion_periods(filters):
    """The first and last day shown, and whether by week."""
    last = filters.completed_to or filters.today
    first = filters.completed_from or _months_before(last.replace(day=1), DEFAULT_MONTHS - 1)
    first = min(first, last)
    weekly = (last - first).days <= WEEKLY_UP_TO_DAYS
    if weekly:
        first -= datetime.timedelta(days=first.weekday())
    else:
        first = first.replace(day=1)
    return first, last, weekly


def completions_over_time(paths, filters):
    """
    (first day of the period, completions) for each week or month of the
    range: mandatory courses completed by the subtrees' members, one per
    person and course. Empty periods are zeros.
    """
    first, last, weekly = completion_periods(filters)
    trunc = TruncWeek if weekly else TruncMonth
    counted = (
        Enrollment.objects.filter(
            mandatory("", filters),
            status=COMPLETED,
            user__in=members(filters).filter(_in_subtrees(paths)),
            completed_at__gte=_midnight(first),
            completed_at__lt=_midnight(last + datetime.timedelta(days=1)),
        )
        .annotate(period=trunc("completed_at"))
        .values("period")
        .annotate(count=Count("pk"))
        .values_list("period", "count")
    )
    per_period = {_as_date(period): count for period, count in counted}
    periods = []
    day = first
    while day <= last:
        periods.append((day, per_period.get(day, 0)))
        day = day + datetime.timedelta(days=7) if weekly else _next_month(day)
    return periods


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _months_before(day, months):
    month = day.year * 12 + day.month - 1 - months
    return day.replace(year=month // 12, month=month % 12 + 1)


def _next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


# People ---------------------------------------------------------------------------------------------


def _mandatory_of_person(filters):
    return Enrollment.objects.filter(mandatory("", filters), user=OuterRef("pk"))


def people(unit, filters, status="", query=""):
    """
    The members of `unit`'s subtree, by name, narrowed to `status` (one of
    `Status.ALL`) and to names (or staff ids) containing `query`, accents or not.
    """
    found = members(filters).filter(org_unit__path__startswith=unit.path).select_related("org_unit")
    key = search_key(query)
    if key:
        found = found.annotate(name_key=SearchKey("full_name")).filter(
            Q(name_key__contains=key) | Q(staff_id__iexact=query.strip())
        )
    mine = _mandatory_of_person(filters)
    not_completed = mine.filter(status__in=NOT_COMPLETED)
    if status == Status.OVERDUE:
        found = found.filter(Exists(not_completed.filter(deadline__lt=filters.today)))
    elif status == Status.NOT_STARTED:
        found = found.filter(Exists(mine)).exclude(Exists(mine.filter(Q(progress__gt=0) | Q(status=COMPLETED))))
    elif status == Status.IN_PROGRESS:
        found = found.filter(Exists(not_completed), Exists(mine.filter(Q(progress__gt=0) | Q(status=COMPLETED))))
    elif status == Status.COMPLETED:
        found = found.filter(Exists(mine)).exclude(Exists(not_completed))
        start, end = filters.range_start(), filters.range_end()
        if start:
            found = found.filter(Exists(mine.filter(completed_at__gte=start)))
        if end:
            found = found.exclude(Exists(mine.filter(completed_at__gte=end)))
    return found.order_by("full_name", "pk")


@dataclasses.dataclass
class CourseLine:
    """One person's state in one of their mandatory courses."""

    enrollment: Enrollment
    course_title: str
    certificate_code: str
    today: datetime.date

    @property
    def is_completed(self):
        return self.enrollment.status == COMPLETED

    @property
    def is_overdue(self):
        deadline = self.enrollment.deadline
        return not self.is_completed and deadline is not None and deadline < self.today

    @property
    def state(self):
        """"completed", "in_progress" or "not_started"."""
        if self.is_completed:
            return Status.COMPLETED
        return Status.IN_PROGRESS if self.enrollment.progress > 0 else Status.NOT_STARTED

    @property
    def completed_on(self):
        completed_at = self.enrollment.completed_at
        return timezone.localdate(completed_at) if self.is_completed and completed_at else None


def course_lines(user_ids, filters):
    """
    Each person's mandatory courses, by person pk, in course title order:
    three queries. Course titles are read once, not as a page object per row
    (a Wagtail page is slow to build, and an export has tens of thousands).
    """
    enrollments = list(Enrollment.objects.filter(mandatory("", filters), user_id__in=user_ids).order_by("pk"))
    titles = dict(
        CoursePage.objects.filter(pk__in={enrollment.course_id for enrollment in enrollments})
        .values_list("pk", "title")
    )
    codes = dict(
        Certificate.objects.filter(
            enrollment__in=[enrollment.pk for enrollment in enrollments],
            revoked_at__isnull=True, replaced_at__isnull=True,
        ).values_list("enrollment_id", "code")
    )
    enrollments.sort(key=lambda enrollment: (titles.get(enrollment.course_id, ""), enrollment.pk))
    lines = defaultdict(list)
    for enrollment in enrollments:
        lines[enrollment.user_id].append(CourseLine(
            enrollment, titles.get(enrollment.course_id, ""), codes.get(enrollment.pk, ""), filters.today
        ))
    return lines


def people_rows(unit, filters, status="", query="", chunk=2000):
    """
    (person, course line or None) for everyone `people` finds, streamed in
    chunks of people, for the exports: a person with no mandatory course is
    one line with None.
    """
    found = people(unit, filters, status, query)
    last = None
    while True:
        page = found
        if last is not None:
            page = page.filter(Q(full_name__gt=last.full_name) | Q(full_name=last.full_name, pk__gt=last.pk))
        batch = list(page[:chunk])
        if not batch:
            return
        lines = course_lines([person.pk for person in batch], filters)
        for person in batch:
            for line in lines.get(person.pk) or [None]:
                yield person, line
        last = batch[-1]

