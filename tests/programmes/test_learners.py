"""
What a learner sees of their mandatory courses: on /my/ first, with the due
date and days left; on the course page, who assigned it and by when.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from lms.enrollment import services as enrollment_services
from lms.programmes import services
from lms.programmes.models import AssignedUnit, Assignment


def assign(course, unit, created_by=None, **due):
    assignment = Assignment.objects.create(course=course, created_by=created_by, **due)
    AssignedUnit.objects.create(assignment=assignment, unit=unit)
    services.apply_assignment(assignment)
    return assignment


@pytest.fixture
def official(member, units, client):
    person = member(units.commune)
    client.force_login(person)
    return person


def test_my_learning_shows_mandatory_courses_first_soonest_due_at_the_top(official, client, units, make_course):
    chosen = make_course(slug="tu-chon", lessons=1, title="Khoá tự chọn")
    enrollment_services.enroll(official, chosen)
    today = timezone.localdate()
    assign(make_course(slug="sau", lessons=1, title="Khoá hạn xa"), units.commune, due_on=today + timedelta(days=20))
    assign(make_course(slug="truoc", lessons=1, title="Khoá hạn gần"), units.commune, due_days=5)

    page = client.get("/my/").content.decode()

    order = [page.index(text) for text in ("Bắt buộc", "Khoá hạn gần", "Khoá hạn xa", "Khoá tự chọn")]
    assert order == sorted(order)
    assert "Còn 5 ngày" in page and "Còn 20 ngày" in page
    assert "Quá hạn" not in page


def test_an_overdue_mandatory_course_is_marked(official, client, units, course):
    assign(course, units.commune, due_on=timezone.localdate() - timedelta(days=3))
    page = client.get("/my/").content.decode()
    assert "Bắt buộc" in page and "⚠ Quá hạn 3 ngày" in page


def test_a_course_due_today_says_so(official, client, units, course):
    assign(course, units.commune, due_days=0)
    assert "Hạn hoàn thành là hôm nay" in client.get("/my/").content.decode()


def test_without_assignments_my_learning_has_no_mandatory_section(learner_client, course, learner):
    enrollment_services.enroll(learner, course)
    assert "Bắt buộc" not in learner_client.get("/my/").content.decode()


def test_the_course_page_says_who_assigned_it_and_by_when(official, client, units, course, hr_officer):
    due = timezone.localdate() + timedelta(days=30)
    assign(course, units.commune, created_by=hr_officer, due_on=due)

    page = client.get(course.url).content.decode()

    due_text = date_format(due, "SHORT_DATE_FORMAT")
    assert f"Bắt buộc: do Phạm Thu Hà giao, cần hoàn thành trước {due_text}." in page


def test_a_course_assigned_from_the_command_line_names_the_unit(official, client, units, course):
    assign(course, units.commune, due_days=10)
    assert "Bắt buộc: do Xã Hoà Bắc giao" in client.get(course.url).content.decode()
