"""
Who may work on a course, and what trainers and managers do with it as a whole.

One rule, used by every view that shows or changes a course's content, results,
grading or gated activities:

    a course's staff are its trainers (`CoursePage.owners`, chosen by a
    training manager), the training managers and the superusers.

The rule is held by Wagtail's page permissions (a `CourseTeam` group per
course for its trainers, the whole course tree for the training managers),
so the admin's explorer, editor and previews, and HọcSố's own views, agree.

A course goes to approval as one piece: `submit_course` puts the course and
every page of it with unpublished changes into Wagtail's workflow at once;
a training manager then approves or sends back the whole `CourseReview`.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from .models import CourseReview
from .review_mail import one_mail_for


class CourseNotSubmitted(Exception):
    """The course cannot go to approval now; the message says why, in the user's language."""


def is_course_staff(user, course):
    """Whether `user` may edit `course`, see its results and grade its learners."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return course.permissions_for_user(user).can_edit()


def pages_to_submit(course):
    """The course and each page of it with changes not yet published, in reading order."""
    descendants = Page.objects.descendant_of(course).filter(has_unpublished_changes=True).order_by("path")
    return [course, *descendants.specific()]


def submit_course(course, user):
    """
    Submit `course` for approval with every section, lesson and quiz of it that
    has unpublished changes, in one go. A page sent back earlier goes back
    into its review; one already awaiting approval stays there, now as part of
    the course. Returns the pages submitted.
    """
    if not is_course_staff(user, course):
        raise PermissionDenied
    if CourseReview(course).is_open:
        raise CourseNotSubmitted(_("This course is already awaiting approval."))
    workflow = course.get_workflow()
    if workflow is None:
        raise CourseNotSubmitted(_("No approval workflow covers this course: ask an administrator."))
    pages = pages_to_submit(course)
    if not course.has_unpublished_changes and len(pages) == 1:
        raise CourseNotSubmitted(_("Nothing in this course has changed since it was published."))
    with transaction.atomic(), one_mail_for(course, pages):
        for page in pages:
            state = page.current_workflow_state
            if state is None:
                workflow.start(page, user)
            elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(user)
    return pages


def approve_course(course, user, comment=""):
    """A training manager approves the course under review: all its submitted pages are published together."""
    review = CourseReview(course)
    if not review.can_decide(user):
        raise PermissionDenied
    return review.approve(user, comment)


def request_changes(course, user, comment=""):
    """A training manager sends the course under review back, every page of it, with one comment."""
    review = CourseReview(course)
    if not review.can_decide(user):
        raise PermissionDenied
    return review.request_changes(user, comment)
