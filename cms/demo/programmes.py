"""
The programme side of the demo: the HR officer answers for the Department of
Justice and the training manager for the province; "Dịch vụ công trực tuyến"
is mandatory there and in the demo learner's ward, due 30 days after
assignment. Of the department's officials, some have finished, some are on
their way and some are past their due date, so /my/ and the HR screens show
every state, and their notifications have been sent.
"""

import datetime

from django.utils import timezone

from courses.models import CoursePage
from lms.accounts.models import User
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import Enrollment
from lms.programmes.models import AssignedUnit, Assignment
from lms.programmes.notifications import send_reminders
from lms.programmes.services import apply_assignment

MANDATORY_COURSE = "dich-vu-cong"
DUE_DAYS = 30
RESPONSIBLE = {"manager@hocso.local": "TN", "hr@hocso.local": "TN-STP"}
# Officials of the department with no demo login (no usable password): (e-mail, name, position, state).
OFFICIALS = [
    ("pham.van.an@stp.hocso.local", "Phạm Văn An", "Chuyên viên pháp chế", "completed"),
    ("vu.thi.binh@stp.hocso.local", "Vũ Thị Bình", "Chuyên viên hành chính tư pháp", "completed"),
    ("ngo.quang.cuong@stp.hocso.local", "Ngô Quang Cường", "Chuyên viên bổ trợ tư pháp", "started"),
    ("dang.thu.dung@stp.hocso.local", "Đặng Thu Dung", "Chuyên viên văn phòng", "overdue"),
    ("bui.minh.giang@stp.hocso.local", "Bùi Minh Giang", "Chuyên viên thanh tra", "overdue"),
]


def ensure_programme(units, people, created):
    """The responsibilities, the department's officials and the assignment, each made once."""
    for email, code in RESPONSIBLE.items():
        people[email].responsible_units.add(units[code])
    officials = {}
    for email, full_name, position, state in OFFICIALS:
        official = User.objects.filter(email=email).first()
        if official is None:
            official = User.objects.create_user(
                email=email, full_name=full_name, position=position, org_unit=units["TN-STP"],
                learner_type=User.LearnerType.OFFICIAL,
            )
            created["users"] += 1
        officials[email] = (official, state)

    course = CoursePage.objects.live().get(slug=MANDATORY_COURSE)
    if Assignment.objects.filter(course=course).exists():
        return
    assignment = Assignment.objects.create(course=course, due_days=DUE_DAYS, created_by=people["hr@hocso.local"])
    AssignedUnit.objects.bulk_create(
        AssignedUnit(assignment=assignment, unit=units[code], include_subunits=True) for code in ("TN-STP", "TN-PDP")
    )
    apply_assignment(assignment)
    for official, state in officials.values():
        show_progress(Enrollment.objects.get(user=official, course=course), course, state)
    # Today's run of the daily reminders: the late officials are told, the HR officer gets the week's digest.
    send_reminders()


def show_progress(enrollment, course, state):
    """Bring a demo official's enrollment to `state`, as if they had been assigned earlier."""
    activities = course.required_activities
    if state == "completed":
        for activity in activities:
            enrollment_services.complete_activity(enrollment, activity, course, score=100)
    elif state == "started":
        enrollment_services.complete_activity(enrollment, activities[0], course)
    elif state == "overdue":
        # Assigned 40 days ago with 30 days to finish: ten days late, two lessons in.
        enrollment.deadline = timezone.localdate() - datetime.timedelta(days=40 - DUE_DAYS)
        enrollment.save(update_fields=["deadline"])
        for activity in activities[:2]:
            enrollment_services.complete_activity(enrollment, activity, course)
