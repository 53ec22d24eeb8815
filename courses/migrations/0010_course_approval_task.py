"""
A course is approved as one piece (courses.models.CourseApprovalTask). The
group approval task of the workflow already on the course catalogue becomes
one in place: the same row, groups and task states, so reviews in progress go on.
"""

import django.db.models.deletion
from django.db import migrations, models


def course_workflows_approve_whole_courses(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    CourseApprovalTask = apps.get_model("courses", "CourseApprovalTask")
    catalogue_type = ContentType.objects.filter(app_label="courses", model="courseindexpage").first()
    if catalogue_type is None:
        return
    course_task_type, _created = ContentType.objects.get_or_create(app_label="courses", model="courseapprovaltask")
    workflow_ids = WorkflowPage.objects.filter(page__content_type=catalogue_type).values_list("workflow_id", flat=True)
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow_id__in=workflow_ids, courseapprovaltask=None)
    for task in tasks.distinct():
        # Only the child row is new: raw saving leaves the parents' rows as they are.
        CourseApprovalTask(groupapprovaltask_ptr_id=task.pk, task_ptr_id=task.pk, name=task.name,
                           active=task.active, content_type_id=course_task_type.pk).save_base(raw=True)
        Task.objects.filter(pk=task.pk).update(content_type=course_task_type)


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0009_topic_slugs_without_diacritics'),
        ('wagtailcore', '0098_apitoken'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='CourseApprovalTask',
            fields=[
                ('groupapprovaltask_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.groupapprovaltask')),
            ],
            options={
                'verbose_name': 'course approval task',
            },
            bases=('wagtailcore.groupapprovaltask',),
        ),
        migrations.RunPython(course_workflows_approve_whole_courses, migrations.RunPython.noop),
    ]
