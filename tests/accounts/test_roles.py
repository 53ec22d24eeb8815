"""Who may do what in the Wagtail admin: trainers write and submit, training managers approve."""

import pytest
from django.contrib.auth.models import Group

from courses.models import CoursePage
from lms.accounts import roles


@pytest.fixture
def staff(catalogue, make_user):
    trainers, managers = roles.ensure_roles(catalogue)
    trainer = make_user(email="giang.vien@example.vn", full_name="Trần Văn Giảng")
    trainer.groups.add(trainers)
    manager = make_user(email="quan.ly@example.vn", full_name="Lê Thị Quản")
    manager.groups.add(managers)
    return trainer, manager


def test_ensure_roles_is_idempotent(catalogue, staff):
    groups_before = Group.objects.count()
    permissions_before = [group.page_permissions.count() for group in Group.objects.order_by("pk")]

    roles.ensure_roles(catalogue)

    assert Group.objects.count() == groups_before
    assert [group.page_permissions.count() for group in Group.objects.order_by("pk")] == permissions_before


def test_trainers_edit_the_course_they_teach_in_the_admin(client, staff, course):
    trainer, _manager = staff
    course.owners.add(trainer)
    course.save()
    client.force_login(trainer)

    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{course.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/courses/lessonpage/{course.pk}/").status_code == 200


def test_trainers_cannot_publish_or_manage_users(client, staff, course):
    trainer, _manager = staff
    client.force_login(trainer)

    assert not course.permissions_for_user(trainer).can_publish()
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/groups/").status_code in (302, 403)


def test_trainers_cannot_edit_pages_outside_the_course_tree(client, staff, home):
    trainer, _manager = staff
    assert not home.permissions_for_user(trainer).can_edit()


def test_a_trainers_submission_waits_for_a_training_manager(staff, course):
    trainer, manager = staff
    course.owners.add(trainer)
    course.save()
    course.title = "Khoá học đã sửa"
    course.save_revision(user=trainer)

    workflow = course.get_workflow()
    assert workflow is not None
    state = workflow.start(course, trainer)
    task_state = state.current_task_state
    approval = task_state.task.specific

    assert approval.get_actions(course, trainer) == []
    assert "approve" in [action[0] for action in approval.get_actions(course, manager)]

    approval.on_action(task_state, manager, "approve")

    assert CoursePage.objects.get(pk=course.pk).title == "Khoá học đã sửa"


def test_trainers_upload_h5p_packages_and_learners_cannot(client, staff, learner):
    trainer, manager = staff
    client.force_login(trainer)
    assert client.get("/admin/snippets/h5p/h5ppackage/add/").status_code == 200
    assert not trainer.has_perm("h5p.delete_h5ppackage")
    assert manager.has_perm("h5p.delete_h5ppackage")

    client.force_login(learner)
    assert client.get("/admin/snippets/h5p/h5ppackage/add/").status_code in (302, 403)


def test_training_managers_design_certificate_templates_and_hr_reads_certificates(catalogue, staff, make_user):
    _trainer, manager = staff
    hr = make_user(email="nhan.su@example.vn")
    hr.groups.add(Group.objects.get(name=roles.HR_MANAGERS))
    assert manager.has_perm("certificates.add_certificatetemplate")
    assert manager.has_perm("certificates.change_certificate")
    assert hr.has_perm("certificates.view_certificate")
    assert not hr.has_perm("certificates.change_certificate")
