"""The coverage numbers of the small province in conftest.py, worked out by hand."""

import datetime

import pytest
from django.db import connection, transaction

from lms.accounts.models import User
from lms.programmes.models import Assignment
from lms.reports import services
from lms.reports.services import Totals

from .conftest import TODAY


def totals(unit, filters):
    return services.unit_totals([unit], filters)[unit.pk]


def test_a_unit_with_no_headcount_is_measured_against_its_members(province, today_filters):
    # o1 assigned, not started and late; o2 only took a voluntary course.
    assert totals(province.tree.a1, today_filters()) == Totals(
        headcount=0, members=2, uncounted=2, assigned=1, not_started=1, in_progress=0, completed=0, overdue=1,
        certified=0,
    )
    assert totals(province.tree.a1, today_filters()).percent_trained == 0


def test_a_commune_rolls_up_its_sub_unit(province, today_filters):
    # a1 trained (but C2's certificate is revoked), a2 half-way and late, a3 withdrew: not completed; plus A1.
    commune = totals(province.tree.a, today_filters())
    assert commune == Totals(
        headcount=4, members=5, uncounted=2, assigned=4, not_started=1, in_progress=2, completed=1, overdue=2,
        certified=0,
    )
    assert commune.expected == 6
    assert commune.percent_trained == 16.7


def test_inactive_and_unconfirmed_people_are_not_counted_and_replaced_certificates_count_once(province, today_filters):
    commune = totals(province.tree.b, today_filters())
    assert commune == Totals(
        headcount=0, members=2, uncounted=2, assigned=2, not_started=1, in_progress=0, completed=1, overdue=0,
        certified=1,
    )
    assert commune.percent_trained == 50.0


def test_the_province_totals_everything_below_it(province, today_filters):
    whole = totals(province.tree.province, today_filters())
    assert whole == Totals(
        headcount=14, members=8, uncounted=4, assigned=7, not_started=2, in_progress=2, completed=3, overdue=2,
        certified=2,
    )
    assert whole.not_started + whole.in_progress + whole.completed == whole.assigned
    assert whole.percent_trained == round(100 * 3 / 18, 1)


def test_once_no_course_is_assigned_any_more_nobody_is_counted_as_assigned(province, today_filters):
    Assignment.objects.all().delete()

    whole = totals(province.tree.province, today_filters())

    assert (whole.members, whole.assigned, whole.completed, whole.certified) == (8, 0, 0, 0)
    assert whole.percent_trained == 0


def test_the_totals_leave_the_database_settings_of_the_callers_transaction_as_they_were(province, today_filters):
    if connection.vendor != "postgresql":
        pytest.skip("the planner setting the totals change exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        before = cursor.fetchone()[0]
        with transaction.atomic():
            totals(province.tree.province, today_filters())
            cursor.execute("SHOW max_parallel_workers_per_gather")
            assert cursor.fetchone()[0] == before


def test_the_page_shows_the_children_and_the_people_directly_in_the_unit(province, today_filters):
    report = services.coverage(User(is_superuser=True, is_active=True), province.tree.province, today_filters())
    assert report.total.totals.completed == 3
    assert [(row.unit.code if row.unit else row.label, row.totals.completed, row.has_children) for row in report.rows] == [
        ("TT-A", 1, True), ("TT-B", 1, False), ("Tỉnh Thử", 1, False)
    ]
    direct = report.rows[-1].totals
    assert (direct.headcount, direct.members, direct.certified, direct.percent_trained) == (10, 1, 1, 10.0)


def test_one_course(province, today_filters):
    whole = totals(province.tree.province, today_filters(course=province.c2))
    # C2: a1 completed (revoked certificate), a2 late, b1 completed and certified.
    assert (whole.assigned, whole.not_started, whole.in_progress, whole.completed, whole.overdue, whole.certified) == (
        3, 0, 1, 2, 1, 1
    )


def test_learner_type(province, today_filters):
    commune = totals(province.tree.b, today_filters(learner_type=User.LearnerType.OFFICIAL))
    assert (commune.members, commune.assigned, commune.completed) == (1, 1, 1)


def test_completion_date_range_counts_people_whose_last_course_was_completed_in_it(province, today_filters):
    filters = today_filters(completed_from=datetime.date(2025, 1, 1), completed_to=datetime.date(2025, 2, 28))
    # a1 finished C2 in March and p1 in March: only b1.
    assert totals(province.tree.province, filters).completed == 1
    march = today_filters(completed_from=datetime.date(2025, 3, 1), completed_to=datetime.date(2025, 3, 31))
    assert totals(province.tree.province, march).completed == 2


def test_completions_over_time_by_month_and_by_week(province, today_filters):
    months = dict(services.completions_over_time([province.tree.province.path], today_filters()))
    # Completions of mandatory courses, one per person and course: not a3's withdrawn one, not o2's voluntary one.
    assert months[datetime.date(2025, 1, 1)] == 1
    assert months[datetime.date(2025, 2, 1)] == 3
    assert months[datetime.date(2025, 3, 1)] == 2
    assert months[datetime.date(2025, 4, 1)] == 0
    assert len(months) == 12 and max(months) == TODAY.replace(day=1)
    weeks = services.completions_over_time(
        [province.tree.province.path],
        today_filters(completed_from=datetime.date(2025, 3, 1), completed_to=datetime.date(2025, 3, 31)),
    )
    assert weeks[0][0] == datetime.date(2025, 2, 24)
    assert sum(count for _week, count in weeks) == 2


def test_people_by_status(province, today_filters):
    unit = province.tree.province
    names = lambda status: {person.full_name for person in services.people(unit, today_filters(), status)}  # noqa: E731
    assert names("overdue") == {"Trần Thị Bích", "Phạm Thị Đào"}
    assert names("not_started") == {"Phạm Thị Đào", "Vũ Thị Hoa"}
    assert names("in_progress") == {"Trần Thị Bích", "Lê Văn Đức"}
    assert names("completed") == {"Nguyễn Văn An", "Đỗ Minh Giang", "Bùi Văn Khánh"}
    assert len(names("")) == 8


def test_search_with_or_without_diacritics(province, today_filters):
    unit = province.tree.province
    found = lambda query: [person.full_name for person in services.people(unit, today_filters(), query=query)]  # noqa: E731
    assert found("nguyen van an") == ["Nguyễn Văn An"]
    assert found("NGUYỄN văn") == ["Nguyễn Văn An"]
    assert found("duc") == ["Lê Văn Đức"]
    assert found("dao") == ["Phạm Thị Đào"]
    assert found("đỗ minh") == ["Đỗ Minh Giang"]
    assert found("x") == []
