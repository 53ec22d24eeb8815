"""
Wagtail's first migrations create an "Editors" and a "Moderators" group, with
page, image and document permissions over the whole site, and a "Moderators
approval" workflow on the root page. The site's roles are its own
(lms.accounts.roles): on an installation where nobody is in those groups they
only clutter the group list and the workflow reports, so they go, and the
workflow with them. A group someone belongs to, or a workflow already used,
stays as it is.
"""

from django.db import migrations

WAGTAIL_GROUPS = ["Editors", "Moderators"]
WAGTAIL_WORKFLOW = "Moderators approval"


def remove_unused_wagtail_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    for group in Group.objects.filter(name__in=WAGTAIL_GROUPS):
        if group.user_set.exists():
            continue
        tasks = GroupApprovalTask.objects.filter(groups=group)
        if any(set(task.groups.all()) != {group} or TaskState.objects.filter(task_id=task.pk).exists() for task in tasks):
            continue
        workflows = Workflow.objects.filter(workflow_tasks__task__in=tasks).distinct()
        if any(
            workflow.name != WAGTAIL_WORKFLOW
            or workflow.workflow_tasks.exclude(task__in=tasks).exists()
            or WorkflowState.objects.filter(workflow=workflow).exists()
            for workflow in workflows
        ):
            continue
        workflows.delete()
        for task in tasks:
            task.delete()
        group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_sign_in_codes"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(remove_unused_wagtail_groups, migrations.RunPython.noop)]
