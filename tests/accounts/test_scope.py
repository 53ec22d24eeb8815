"""A manager or HR officer acts in the units they are responsible for and below them, nowhere else."""

import pytest

from lms.accounts.models import OrgUnit
from lms.accounts.scope import may_act_in, members_in_scope, units_in_scope


@pytest.fixture
def province(db):
    root = OrgUnit.add_root(code="TN", name="Tỉnh Thái Nguyên", kind=OrgUnit.Kind.PROVINCE)
    department = root.add_child(code="TN-SNV", name="Sở Nội vụ", kind=OrgUnit.Kind.DEPARTMENT)
    commune = root.add_child(code="TN-XA", name="Xã Tân Cương", kind=OrgUnit.Kind.COMMUNE)
    office = OrgUnit.objects.get(pk=department.pk).add_child(code="TN-SNV-VP", name="Văn phòng", kind=OrgUnit.Kind.UNIT)
    return {unit.code: OrgUnit.objects.get(pk=unit.pk) for unit in (root, department, commune, office)}


def test_an_officer_acts_in_their_unit_and_below_only(province, make_user):
    officer = make_user(email="nhan.su@example.vn")
    officer.responsible_units.add(province["TN-SNV"])
    learner = make_user(email="hv@example.vn", org_unit=province["TN-SNV-VP"])
    make_user(email="xa@example.vn", org_unit=province["TN-XA"])

    assert set(units_in_scope(officer).values_list("code", flat=True)) == {"TN-SNV", "TN-SNV-VP"}
    assert may_act_in(officer, province["TN-SNV-VP"]) and not may_act_in(officer, province["TN-XA"])
    assert list(members_in_scope(officer)) == [learner]


def test_the_province_level_and_superusers_see_everything_and_others_nothing(province, make_user):
    manager = make_user(email="ql@example.vn")
    manager.responsible_units.add(province["TN"])
    superuser = make_user(email="admin@example.vn", is_superuser=True)
    nobody = make_user(email="gv@example.vn")

    assert units_in_scope(manager).count() == units_in_scope(superuser).count() == 4
    assert not units_in_scope(nobody).exists()
