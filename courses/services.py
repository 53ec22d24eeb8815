"""
Who may work on a course. One rule, used by every view that shows or changes
a course's content, results, grading or gated activities:

    a course's staff are its trainers (`CoursePage.owners`, chosen by a
    training manager), the training managers and the superusers.

The rule is held by Wagtail's page permissions (a `CourseTeam` group per
course for its trainers, the whole course tree for the training managers),
so the admin's explorer, editor and previews, and HọcSố's own views, agree.
"""


def is_course_staff(user, course):
    """Whether `user` may edit `course`, see its results and grade its learners."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return course.permissions_for_user(user).can_edit()

