"""
The site's roles as Django groups, with the Wagtail permissions each needs.
`ensure_roles` is idempotent: the demo loader and deployments call it freely.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from courses.models import CourseApprovalTask

TRAINERS = "Giảng viên"
TRAINING_MANAGERS = "Quản lý đào tạo"
HR_MANAGERS = "Cán bộ nhân sự"

# Training managers hold the whole course tree; trainers hold only the courses
# they teach, through each course's own group (courses.models.CourseTeam).
MANAGER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "delete_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", ["add_document", "change_document", "choose_document"]),
]
# The question bank (lms.quizzes): Django model permissions, which Wagtail's
# model permission policy checks for the snippet and category views.
QUESTION_BANK_PERMISSIONS = [
    f"{action}_{model}" for model in ("question", "questioncategory") for action in ("add", "change", "delete", "view")
]
# H5P packages carry JavaScript that runs in learners' browsers: only trainers and managers may upload them.
TRAINER_H5P_PERMISSIONS = ["add_h5ppackage", "change_h5ppackage", "view_h5ppackage"]
MANAGER_H5P_PERMISSIONS = [*TRAINER_H5P_PERMISSIONS, "delete_h5ppackage", "install_shared_library"]
# Training managers build the organisational unit tree and choose who teaches each course.
MANAGER_ORG_UNIT_PERMISSIONS = [f"{action}_orgunit" for action in ("add", "change", "delete", "view")]
MANAGER_COURSE_PERMISSIONS = ["choose_course_trainers"]
MANAGER_CERTIFICATE_PERMISSIONS = ["change_certificate", "view_certificate"] + [
    f"{action}_certificatetemplate" for action in ("add", "change", "delete", "view")
]
# Mandatory courses (lms.programmes): training managers and HR officers assign
# courses to the units they are responsible for (the scope is checked in
# lms.programmes.services); HR officers get into the admin for it.
PROGRAMME_ASSIGNMENT_PERMISSIONS = [f"{action}_assignment" for action in ("add", "change", "delete", "view")]
# People and units (lms.accounts.admin_views): training managers and HR officers
# import people and units and confirm membership requests, each inside the units
# they are responsible for, and see the reports of those units (lms.reports).
# HR officers reach the admin for these screens only.
PROGRAMME_PEOPLE_PERMISSIONS = ["import_people", "confirm_membership", "view_reports"]
WORKFLOW_NAME = _("Course approval")


def ensure_roles(course_root):
    """
    Create the groups: training managers get the course tree under
    `course_root`; trainers get the admin, the media library, the question
    bank and H5P uploads, but no course until a manager names them on one.
    """
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    trainers, _created = Group.objects.get_or_create(name=TRAINERS)
    managers, _created = Group.objects.get_or_create(name=TRAINING_MANAGERS)
    hr, _created = Group.objects.get_or_create(name=HR_MANAGERS)

    # Installations from before per-course teams gave every trainer the whole tree.
    GroupPagePermission.objects.filter(group=trainers).delete()
    for codename in MANAGER_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=managers, page=course_root, permission=permission)

    root_collection = Collection.get_first_root_node()
    for group in (trainers, managers):
        group.permissions.add(admin_access)
        for app_label, codenames in MEDIA_PERMISSIONS:
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="quizzes", codename__in=QUESTION_BANK_PERMISSIONS)
        )

    for group, codenames in ((trainers, TRAINER_H5P_PERMISSIONS), (managers, MANAGER_H5P_PERMISSIONS)):
        group.permissions.add(*Permission.objects.filter(content_type__app_label="h5p", codename__in=codenames))

    # Training managers revoke and re-issue certificates (an audited act) and
    # design their templates; HR may open any certificate's PDF.
    managers.permissions.add(
        *Permission.objects.filter(content_type__app_label="certificates", codename__in=MANAGER_CERTIFICATE_PERMISSIONS)
    )
    hr.permissions.add(Permission.objects.get(content_type__app_label="certificates", codename="view_certificate"))
    managers.permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename__in=MANAGER_ORG_UNIT_PERMISSIONS),
        *Permission.objects.filter(content_type__app_label="courses", codename__in=MANAGER_COURSE_PERMISSIONS),
    )

    # HR officers reach the admin for the programme screens only: they hold no page, media or bank permission.
    hr.permissions.add(admin_access)
    for group in (managers, hr):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=PROGRAMME_PEOPLE_PERMISSIONS),
            *Permission.objects.filter(
                content_type__app_label="programmes", codename__in=PROGRAMME_ASSIGNMENT_PERMISSIONS
            ),
        )

    ensure_course_workflow(course_root, managers)
    return trainers, managers


def ensure_course_workflow(course_root, approvers):
    """
    A trainer's "submit for moderation" goes to the training managers for
    approval; a course under review is approved or sent back whole.
    """
    task = CourseApprovalTask.objects.filter(name=str(WORKFLOW_NAME)).first()
    if task is None:
        task = CourseApprovalTask.objects.create(name=str(WORKFLOW_NAME))
        task.groups.set([approvers])
    workflow, _created = Workflow.objects.get_or_create(name=str(WORKFLOW_NAME))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=course_root, defaults={"workflow": workflow})
    return workflow
