"""The mandatory-course screens in the admin, over HTTP, as training managers and HR officers use them."""

from datetime import date

import pytest

from lms.enrollment.models import Enrollment
from lms.programmes.models import AssignedUnit, Assignment
from tests.conftest import unlinked_descriptions

ADD = "/admin/programmes/add/"


@pytest.fixture
def commune_officer(hr_officer, units):
    """An HR officer responsible for the commune of Hoà Bắc (and its office), not for Đạ Tông."""
    hr_officer.responsible_units.add(units.commune)
    return hr_officer


class CommittingClient:
    """A test client whose requests' on-commit work (the queued apply) runs, as it does after a real request."""

    def __init__(self, client, capture):
        self.client, self.capture = client, capture

    def get(self, *args, **kwargs):
        return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.post(*args, **kwargs)


@pytest.fixture
def officer_client(client, commune_officer, django_capture_on_commit_callbacks):
    client.force_login(commune_officer)
    return CommittingClient(client, django_capture_on_commit_callbacks)


def form_data(course, **fields):
    data = {"course": course.pk, "learner_type": "", "position": "", "due_on": "2026-06-30", "due_days": ""}
    data.update(fields)
    return data


def test_the_officer_assigns_a_course_to_their_commune_and_its_members_are_enrolled(
    officer_client, units, member, course
):
    in_commune, in_office = member(units.commune), member(units.office)
    member(units.other)

    response = officer_client.post(ADD, form_data(course, units_with_subunits=[units.commune.pk]))

    assert response.status_code == 302
    assert set(Enrollment.objects.values_list("user", "deadline")) == {
        (in_commune.pk, date(2026, 6, 30)), (in_office.pk, date(2026, 6, 30))
    }
    assignment = Assignment.objects.get()
    assert assignment.created_by.email == "nhan.su@example.vn"
    assert "Xã Hoà Bắc" in officer_client.get("/admin/programmes/").content.decode()


def test_an_officer_of_one_commune_cannot_assign_to_another(officer_client, units, member, course):
    member(units.other)
    response = officer_client.post(ADD, form_data(course, units_with_subunits=[units.other.pk]))

    assert response.status_code == 400
    assert "ngoài phạm vi" in response.content.decode()
    assert not Assignment.objects.exists() and not Enrollment.objects.exists()


def test_an_officer_sees_and_changes_nothing_of_another_communes_assignments(officer_client, units, course):
    theirs = Assignment.objects.create(course=course, due_days=10)
    AssignedUnit.objects.create(assignment=theirs, unit=units.other)

    assert "Đạ Tông" not in officer_client.get("/admin/programmes/").content.decode()
    assert officer_client.get(f"/admin/programmes/{theirs.pk}/edit/").status_code == 404
    assert officer_client.post(f"/admin/programmes/{theirs.pk}/delete/").status_code == 404
    assert Assignment.objects.filter(pk=theirs.pk).exists()


def test_view_matching_users_counts_the_people_and_saves_nothing(officer_client, units, member, course):
    member(units.commune, full_name="Đỗ Văn Một")
    member(units.office, full_name="Đỗ Văn Hai")
    member(units.other, full_name="Đỗ Văn Ba")

    response = officer_client.post(ADD, form_data(course, units_with_subunits=[units.commune.pk], preview="1"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "sẽ ghi danh 2 người" in page and "Đỗ Văn Hai" in page and "Đỗ Văn Ba" not in page
    assert not Assignment.objects.exists() and not Enrollment.objects.exists()


@pytest.mark.parametrize("due", [{"due_on": "", "due_days": ""}, {"due_on": "2026-06-30", "due_days": "10"}])
def test_a_due_date_is_needed_once(officer_client, units, course, due):
    response = officer_client.post(ADD, form_data(course, units_only=[units.commune.pk], **due))
    assert response.status_code == 400
    assert "hạn hoàn thành" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_unit_is_needed(officer_client, course):
    response = officer_client.post(ADD, form_data(course))
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một đơn vị" in response.content.decode()


def test_an_unknown_course_is_refused_with_its_error_linked_to_the_field(officer_client, units, course):
    response = officer_client.post(ADD, {**form_data(course, units_only=[units.commune.pk]), "course": "999999"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="id_course_error"' in page and 'id="id_course_error"' in page
    # Wagtail's own field template leaves the error without the id the field's aria-describedby names.
    assert unlinked_descriptions(page) == set()
    assert not Assignment.objects.exists()


def test_removing_in_the_admin_keeps_the_enrollments(officer_client, units, member, course):
    learner = member(units.commune)
    officer_client.post(ADD, form_data(course, units_only=[units.commune.pk]))
    assignment = Assignment.objects.get()

    response = officer_client.post(f"/admin/programmes/{assignment.pk}/delete/")

    assert response.status_code == 302 and not Assignment.objects.exists()
    assert Enrollment.objects.get(user=learner).deadline == date(2026, 6, 30)


def test_editing_brings_in_the_new_units_members(officer_client, units, member, course):
    officer_client.post(ADD, form_data(course, units_only=[units.commune.pk]))
    assignment = Assignment.objects.get()
    in_office = member(units.office)

    response = officer_client.post(
        f"/admin/programmes/{assignment.pk}/edit/", form_data(course, units_with_subunits=[units.commune.pk])
    )

    assert response.status_code == 302
    assert Enrollment.objects.filter(user=in_office, course=course).exists()


def test_learners_cannot_open_the_screens(learner_client):
    assert learner_client.get("/admin/programmes/").status_code in (302, 403)
