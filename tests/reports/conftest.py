"""
A small province whose numbers are worked out by hand in test_numbers.py:

    Tỉnh Thử (TT, headcount 10)      p1
    ├── Xã An (TT-A, headcount 4)    a1 a2 a3
    │   └── Tổ An Một (TT-A1, 0)     o1 o2
    └── Xã Bình (TT-B, headcount 0)  b1 b2 (citizen), and an inactive and an unconfirmed person

Two mandatory courses (C1, C2, assigned to the province) and a voluntary one (C3).
"Today" is 1 April 2025.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from certificates.models import Certificate
from lms.accounts.models import OrgUnit, User
from lms.enrollment.models import Enrollment
from lms.programmes.models import AssignedUnit, Assignment
from lms.reports.services import Filters

TODAY = datetime.date(2025, 4, 1)
PAST = datetime.date(2025, 3, 1)
FUTURE = datetime.date(2099, 6, 1)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


@pytest.fixture
def today_filters():
    def build(**fields):
        return Filters(today=TODAY, **fields)

    return build


@pytest.fixture
def tree(db):
    province = OrgUnit.add_root(name="Tỉnh Thử", code="TT", kind=OrgUnit.Kind.PROVINCE, headcount=10)
    a = province.add_child(name="Xã An", code="TT-A", kind=OrgUnit.Kind.COMMUNE, headcount=4)
    a1 = OrgUnit.objects.get(pk=a.pk).add_child(name="Tổ An Một", code="TT-A1", kind=OrgUnit.Kind.UNIT, headcount=0)
    b = OrgUnit.objects.get(pk=province.pk).add_child(name="Xã Bình", code="TT-B", kind=OrgUnit.Kind.COMMUNE)
    return SimpleNamespace(
        province=OrgUnit.objects.get(pk=province.pk), a=OrgUnit.objects.get(pk=a.pk), a1=a1,
        b=OrgUnit.objects.get(pk=b.pk),
    )


class Builder:
    def __init__(self, make_user):
        self.make_user = make_user
        self.number = 0

    def person(self, unit, full_name, **fields):
        self.number += 1
        fields.setdefault("learner_type", User.LearnerType.OFFICIAL)
        return self.make_user(email=f"nguoi{self.number}@example.vn", full_name=full_name, org_unit=unit, **fields)

    def enroll(self, user, course, progress=0, completed_on=None, deadline=None, source=Enrollment.Source.ASSIGNED,
               status=None):
        if status is None:
            status = Enrollment.Status.COMPLETED if completed_on else Enrollment.Status.ACTIVE
        return Enrollment.objects.create(
            user=user, course=course, source=source, deadline=deadline, status=status,
            progress=100 if completed_on else progress, completed_at=at(completed_on) if completed_on else None,
        )

    def certificate(self, enrollment, code, revoked=False, replaced_by=None):
        return Certificate.objects.create(
            enrollment=enrollment, code=code, full_name=enrollment.user.full_name, course_title=enrollment.course.title,
            hours=Decimal("2"), issued_on=TODAY, organisation="HọcSố",
            revoked_at=at(TODAY) if revoked else None, revoke_reason="Sai tên" if revoked else "",
            replaced_at=at(TODAY) if replaced_by else None, replaced_by=replaced_by,
        )


@pytest.fixture
def province(tree, make_course, make_user):
    """The tree with its people and their courses, as the module docstring draws it."""
    c1 = make_course(slug="dich-vu-cong", lessons=1, title="Dịch vụ công trực tuyến")
    c2 = make_course(slug="chu-ky-so", lessons=1, title="Chữ ký số")
    c3 = make_course(slug="tu-chon", lessons=1, title="Khoá tự chọn")
    for course in (c1, c2):
        assignment = Assignment.objects.create(course=course, due_days=30)
        AssignedUnit.objects.create(assignment=assignment, unit=tree.province)
    build = Builder(make_user)
    people = SimpleNamespace()

    people.a1 = build.person(tree.a, "Nguyễn Văn An")
    build.certificate(build.enroll(people.a1, c1, completed_on=datetime.date(2025, 1, 10)), "A1C1VALID")
    build.certificate(build.enroll(people.a1, c2, completed_on=datetime.date(2025, 3, 5)), "A1C2REVOK", revoked=True)
    people.a2 = build.person(tree.a, "Trần Thị Bích")
    build.enroll(people.a2, c1, completed_on=datetime.date(2025, 2, 3))
    build.enroll(people.a2, c2, progress=50, deadline=PAST)
    # Left the course after finishing it: the course is still mandatory, so not completed.
    people.a3 = build.person(tree.a, "Lê Văn Đức")
    build.enroll(people.a3, c1, completed_on=datetime.date(2025, 2, 1), status=Enrollment.Status.WITHDRAWN)

    people.o1 = build.person(tree.a1, "Phạm Thị Đào", position="Văn thư")
    build.enroll(people.o1, c1, deadline=PAST)
    people.o2 = build.person(tree.a1, "Hoàng Văn Em")
    build.enroll(people.o2, c3, completed_on=datetime.date(2025, 2, 1), source=Enrollment.Source.SELF)

    people.b1 = build.person(tree.b, "Đỗ Minh Giang")
    old = build.enroll(people.b1, c1, completed_on=datetime.date(2025, 2, 1))
    new = build.certificate(old, "B1C1NEW00")
    build.certificate(old, "B1C1OLD00", replaced_by=new)
    build.certificate(build.enroll(people.b1, c2, completed_on=datetime.date(2025, 2, 1)), "B1C2VALID")
    people.b2 = build.person(tree.b, "Vũ Thị Hoa", learner_type=User.LearnerType.CITIZEN)
    build.enroll(people.b2, c1, deadline=FUTURE)
    gone = build.person(tree.b, "Người Đã Nghỉ", is_active=False)
    build.enroll(gone, c1)
    waiting = build.person(None, "Người Chờ Duyệt", requested_org_unit=tree.b)
    build.enroll(waiting, c1)

    people.p1 = build.person(tree.province, "Bùi Văn Khánh")
    build.certificate(build.enroll(people.p1, c1, completed_on=datetime.date(2025, 3, 20)), "P1C1VALID")
    return SimpleNamespace(tree=tree, people=people, c1=c1, c2=c2, c3=c3, build=build)
