"""
The demo accounts, one per role. DEMO_ACCOUNTS is the single place their
development passwords live; `seed_demo` prints them after loading.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from lms.accounts import roles
from lms.accounts.models import User

LearnerType = User.LearnerType
SHARED_PASSWORD = "hocso-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    password: str
    role: str
    full_name: str
    learner_type: str = LearnerType.OFFICIAL
    org_unit: str | None = None
    position: str = ""
    group: str | None = None
    is_superuser: bool = False


DEMO_ACCOUNTS = {
    "admin@hocso.local": DemoAccount(
        password="admin-demo-2026",
        role="Quản trị hệ thống (superuser)",
        full_name="Trần Quốc Bảo",
        org_unit="TN",
        position="Quản trị hệ thống HọcSố",
        is_superuser=True,
    ),
    "trainer@hocso.local": DemoAccount(
        password=SHARED_PASSWORD,
        role="Giảng viên: soạn các khoá học demo",
        full_name="Nguyễn Thị Minh Thu",
        org_unit="TN-SKHCN",
        position="Giảng viên chuyển đổi số",
        group=roles.TRAINERS,
    ),
    "manager@hocso.local": DemoAccount(
        password=SHARED_PASSWORD,
        role="Quản lý đào tạo toàn tỉnh: duyệt, xuất bản, giao khoá học",
        full_name="Lê Văn Hùng",
        org_unit="TN-SNV",
        position="Phó Trưởng phòng Công chức, viên chức",
        group=roles.TRAINING_MANAGERS,
    ),
    "hr@hocso.local": DemoAccount(
        password=SHARED_PASSWORD,
        role="Cán bộ nhân sự Sở Tư pháp: người học, khoá học bắt buộc",
        full_name="Phạm Thu Hà",
        org_unit="TN-STP",
        position="Chuyên viên tổ chức cán bộ",
        group=roles.HR_MANAGERS,
    ),
    "learner@hocso.local": DemoAccount(
        password=SHARED_PASSWORD,
        role="Học viên: công chức phường",
        full_name="Hoàng Minh Đức",
        org_unit="TN-PDP",
        position="Công chức bộ phận một cửa",
    ),
    "citizen@hocso.local": DemoAccount(
        password=SHARED_PASSWORD,
        role="Học viên: người dân",
        full_name="Đỗ Thị Lan",
        learner_type=LearnerType.CITIZEN,
    ),
}


def ensure_users(org_units, created):
    """The demo users by e-mail. Passwords are set only on creation, so a changed one is kept."""
    users = {}
    for email, account in DEMO_ACCOUNTS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            make = User.objects.create_superuser if account.is_superuser else User.objects.create_user
            user = make(
                email=email,
                password=account.password,
                full_name=account.full_name,
                learner_type=account.learner_type,
                org_unit=org_units.get(account.org_unit),
                position=account.position,
            )
            created["users"] += 1
        if account.group:
            user.groups.add(Group.objects.get(name=account.group))
        # Verified, so allauth never holds a demo login back for a confirmation mail.
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        users[email] = user
    return users
