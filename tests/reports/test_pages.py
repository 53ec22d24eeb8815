"""The report pages over HTTP: what each viewer sees, and that nobody sees a unit outside their scope."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from lms.accounts.models import User
from tests.conftest import unlinked_descriptions



@pytest.fixture
def officer_of_a(hr_officer, province):
    hr_officer.responsible_units.add(province.tree.a)
    client = Client()
    client.force_login(hr_officer)
    return client


@pytest.fixture
def admin_client_(make_user):
    client = Client()
    client.force_login(make_user(email="admin@example.vn", is_superuser=True, is_staff=True))
    return client


def test_the_coverage_page_shows_the_units_numbers(admin_client_, province):
    page = admin_client_.get("/admin/reports/coverage/?unit=TT").content.decode()
    assert "Xã An" in page and "Xã Bình" in page and "<svg" in page
    assert "?unit=TT-A&amp;" in page  # drill into a commune with sub-units


def test_an_officer_sees_their_commune_by_default(officer_of_a, province):
    response = officer_of_a.get("/admin/reports/coverage/")
    assert response.status_code == 200
    assert response.context["report"].unit == province.tree.a
    page = response.content.decode()
    assert "Tổ An Một" in page and "Xã Bình" not in page


@pytest.mark.parametrize("url", [
    "/admin/reports/coverage/?unit=TT-B", "/admin/reports/coverage/?unit=TT",
    "/admin/reports/coverage/?unit=TT-B&format=xlsx", "/admin/reports/coverage/?unit=TT-B&format=csv",
    "/admin/reports/people/?unit=TT-B", "/admin/reports/people/?unit=TT-B&format=csv",
    "/admin/reports/people/?unit=TT-B&format=xlsx", "/admin/reports/coverage/?unit=NO-SUCH",
])
def test_an_officer_is_refused_another_units_report_and_exports(officer_of_a, url):
    response = officer_of_a.get(url)
    assert response.status_code == 404
    assert "không nằm trong các đơn vị bạn phụ trách" in response.content.decode()
    assert "Xã Bình" not in response.content.decode() and "Giang" not in response.content.decode()


def test_an_officers_own_export_holds_only_their_subtree(officer_of_a, province):
    response = officer_of_a.get("/admin/reports/coverage/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["TT-A", "TT-A1"]
    people = officer_of_a.get("/admin/reports/people/?format=csv").content.decode("utf-8-sig")
    assert "Nguyễn Văn An" in people and "Đỗ Minh Giang" not in people


def test_people_without_the_permission_are_refused(make_user, province):
    client = Client()
    client.force_login(make_user(email="ai.do@example.vn", is_staff=True))
    assert client.get("/admin/reports/coverage/").status_code in (302, 403)


def test_the_people_list_filters_and_searches(admin_client_, province):
    page = admin_client_.get("/admin/reports/people/?unit=TT&status=overdue").content.decode()
    assert "Trần Thị Bích" in page and "Phạm Thị Đào" in page and "Nguyễn Văn An" not in page
    page = admin_client_.get("/admin/reports/people/?unit=TT&q=tran+thi+bich").content.decode()
    assert "Trần Thị Bích" in page and "Phạm Thị Đào" not in page
    page = admin_client_.get("/admin/reports/people/?unit=TT").content.decode()
    assert "A1C1VALID" in page and "A1C2REVOK" not in page


def test_the_people_list_is_paginated(admin_client_, province, monkeypatch):
    monkeypatch.setattr("lms.reports.admin_views.PEOPLE_PER_PAGE", 3)
    first = admin_client_.get("/admin/reports/people/?unit=TT")
    assert len(first.context["page"]) == 3 and first.context["page"].paginator.num_pages == 3
    assert "page=2" in first.content.decode()


def test_bad_filters_are_refused_with_a_message(admin_client_, province):
    response = admin_client_.get("/admin/reports/coverage/?unit=TT&completed_from=2025-05-01&completed_to=2025-01-01")
    assert response.status_code == 400
    assert "phải trước" in response.content.decode()
    unknown_course = admin_client_.get("/admin/reports/coverage/?course=khong-co")
    assert unknown_course.status_code == 400
    page = unknown_course.content.decode()
    assert 'aria-describedby="id_course_error"' in page and 'id="id_course_error"' in page
    assert unlinked_descriptions(page) == set()


def test_chart_labels_are_escaped(admin_client_, province):
    province.tree.b.name = "<script>alert(1)</script>"
    province.tree.b.save()
    page = admin_client_.get("/admin/reports/coverage/?unit=TT").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_page_costs_the_same_queries_for_three_units_or_forty(admin_client_, province,
                                                                   django_assert_max_num_queries):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert admin_client_.get("/admin/reports/coverage/?unit=TT").status_code == 200
        return len(captured)

    before = queries()
    root = province.tree.province
    for number in range(40):
        commune = type(root).objects.get(pk=root.pk).add_child(name=f"Xã {number}", code=f"TT-X{number}", kind="commune")
        province.build.person(commune, f"Cán Bộ {number}")
        commune.add_child(name=f"Tổ {number}", code=f"TT-X{number}-T", kind="unit")
    with django_assert_max_num_queries(before):
        assert admin_client_.get("/admin/reports/coverage/?unit=TT").status_code == 200


def test_each_person_in_the_people_list_opens_their_transcript(admin_client_, province):
    page = admin_client_.get("/admin/reports/people/?unit=TT&q=tran+thi+bich").content.decode()
    person = User.objects.get(full_name="Trần Thị Bích")
    assert f'<a href="/admin/reports/people/{person.pk}/transcript/">Trần Thị Bích</a>' in page
    assert "Trần Thị Bích" in admin_client_.get(f"/admin/reports/people/{person.pk}/transcript/").content.decode()


def test_every_level_expands_in_place_and_collapses_back(admin_client_, province):
    collapsed = admin_client_.get("/admin/reports/coverage/?unit=TT").content.decode()
    assert "Xã An" in collapsed and "Tổ An Một" not in collapsed and 'id="expand"' in collapsed

    expanded = admin_client_.get("/admin/reports/coverage/?unit=TT&tree=all")
    page = expanded.content.decode()
    rows = {row.unit.code: row for row in expanded.context["tree_rows"]}
    assert list(rows) == ["TT-A", "TT-A1", "TT-B"]
    assert (rows["TT-A1"].indent, rows["TT-A1"].totals.members) == (1, 2)
    assert '<th scope="row" style="padding-left: 1.5rem">' in page and "Tổ An Một" in page
    assert 'href="?unit=TT"' in page and 'id="collapse"' in page


def test_the_expanded_tree_costs_queries_per_level_not_per_unit(admin_client_, province,
                                                                 django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert admin_client_.get("/admin/reports/coverage/?unit=TT&tree=all").status_code == 200
    root = province.tree.province
    for number in range(30):
        commune = type(root).objects.get(pk=root.pk).add_child(name=f"Xã {number}", code=f"TT-X{number}", kind="commune")
        commune.add_child(name=f"Tổ {number}", code=f"TT-X{number}-T", kind="unit")
    with django_assert_max_num_queries(len(captured)):
        assert admin_client_.get("/admin/reports/coverage/?unit=TT&tree=all").status_code == 200
