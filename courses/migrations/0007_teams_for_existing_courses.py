"""
Existing courses get their team, holding their current owners, and the
trainers' group loses its permissions on the whole course tree (what every
trainer had before per-course teams).
"""

from django.db import migrations

TEAM_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
# lms.accounts.roles.TRAINERS, written out: a migration must not depend on code that may change.
TRAINERS = "Giảng viên"


def create_teams(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseTeam = apps.get_model("courses", "CourseTeam")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Owner = CoursePage._meta.get_field("owners").remote_field.through

    GroupPagePermission.objects.filter(group__name=TRAINERS).delete()
    permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=TEAM_PAGE_PERMISSIONS))
    for course in CoursePage.objects.all():
        group, _created = Group.objects.get_or_create(name=f"Giảng viên khoá học #{course.pk}")
        CourseTeam.objects.get_or_create(course=course, defaults={"group": group})
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page_id=course.pk, permission=permission)
        group.user_set.set(list(Owner.objects.filter(coursepage_id=course.pk).values_list("user_id", flat=True)))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_course_teams"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_teams, migrations.RunPython.noop)]
