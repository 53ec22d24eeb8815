"""
Wagtail's user list shows each person's unit and filters by unit, sub-units
included; anyone but a superuser sees and edits only the people of their units.
Wagtail's unused "Editors" and "Moderators" groups are gone from a fresh install.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow

remove_unused_wagtail_groups = importlib.import_module(
    "lms.accounts.migrations.0008_remove_unused_wagtail_groups"
).remove_unused_wagtail_groups


@pytest.fixture
def people(make_user, units):
    return {
        "office": make_user(email="vp@example.vn", full_name="Đỗ Văn Phòng", org_unit=units["TN-SNV-VP"]),
        "commune": make_user(email="xa@example.vn", full_name="Lò Thị Xã", org_unit=units["TN-XA"]),
    }


def listed_emails(response):
    return {user.email for user in response.context["object_list"]}


def test_the_list_shows_each_persons_unit_and_filters_by_unit_with_its_sub_units(client, make_user, people, units):
    client.force_login(make_user(email="admin@example.vn", is_superuser=True))

    everyone = client.get(reverse("wagtailusers_users:index"))
    department = client.get(reverse("wagtailusers_users:index"), {"org_unit": units["TN-SNV"].pk})

    assert "Đơn vị" in everyone.content.decode()
    assert "Văn phòng" in everyone.content.decode() and "Xã Tân Cương" in everyone.content.decode()
    assert listed_emails(department) == {"vp@example.vn"}


def test_an_officer_with_user_rights_sees_and_edits_only_the_people_of_their_units(
    officer_client, department_officer, people, units
):
    department_officer.user_permissions.add(Permission.objects.get(codename="change_user", content_type__app_label="accounts"))

    listing = officer_client.get(reverse("wagtailusers_users:index"))
    unit_choices = {unit.pk for unit in listing.context["filters"].form.fields["org_unit"].queryset}

    assert listed_emails(listing) == {"vp@example.vn"}
    assert unit_choices == {units["TN-SNV"].pk, units["TN-SNV-VP"].pk}
    assert officer_client.get(reverse("wagtailusers_users:edit", args=[people["office"].pk])).status_code == 200
    assert officer_client.get(reverse("wagtailusers_users:edit", args=[people["commune"].pk])).status_code == 404


def test_a_fresh_install_has_no_editors_or_moderators_and_no_moderators_workflow(db):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_a_wagtail_group_somebody_is_in_stays_with_its_workflow(make_user):
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    workflow.workflow_tasks.create(task=task, sort_order=0)
    make_user(email="bien.tap@example.vn").groups.add(moderators)

    remove_unused_wagtail_groups(apps, None)

    assert list(Group.objects.filter(name__in=["Editors", "Moderators"]).values_list("name", flat=True)) == ["Moderators"]
    assert Workflow.objects.filter(pk=workflow.pk).exists() and GroupApprovalTask.objects.filter(pk=task.pk).exists()
