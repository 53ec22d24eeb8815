"""A province with two communes, one with a hamlet office below it, and people confirmed in each."""

from types import SimpleNamespace

import pytest

from lms.accounts.models import OrgUnit, User


@pytest.fixture
def units(db):
    province = OrgUnit.add_root(name="Tỉnh Lâm Đồng", code="LD", kind=OrgUnit.Kind.PROVINCE)
    commune = province.add_child(name="Xã Hoà Bắc", code="HB", kind=OrgUnit.Kind.COMMUNE)
    office = OrgUnit.objects.get(pk=commune.pk).add_child(
        name="Văn phòng xã Hoà Bắc", code="HB-VP", kind=OrgUnit.Kind.UNIT
    )
    other = OrgUnit.objects.get(pk=province.pk).add_child(name="Xã Đạ Tông", code="DT", kind=OrgUnit.Kind.COMMUNE)
    return SimpleNamespace(
        province=OrgUnit.objects.get(pk=province.pk), commune=OrgUnit.objects.get(pk=commune.pk),
        office=office, other=other,
    )


@pytest.fixture
def member(make_user):
    """A confirmed member of `unit`."""
    counter = iter(range(1, 10_000))

    def build(unit, **fields):
        number = next(counter)
        fields.setdefault("learner_type", User.LearnerType.OFFICIAL)
        fields.setdefault("full_name", f"Cán Bộ Số {number}")
        return make_user(email=f"can.bo{number}@example.vn", org_unit=unit, **fields)

    return build
