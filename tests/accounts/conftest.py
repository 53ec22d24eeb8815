import pytest

from lms.accounts.models import OrgUnit


@pytest.fixture
def units(db):
    """A province with a department (and an office below it) and a commune, by code."""
    root = OrgUnit.add_root(code="TN", name="Tỉnh Thái Nguyên", kind=OrgUnit.Kind.PROVINCE)
    department = root.add_child(code="TN-SNV", name="Sở Nội vụ", kind=OrgUnit.Kind.DEPARTMENT)
    root.add_child(code="TN-XA", name="Xã Tân Cương", kind=OrgUnit.Kind.COMMUNE)
    OrgUnit.objects.get(pk=department.pk).add_child(code="TN-SNV-VP", name="Văn phòng", kind=OrgUnit.Kind.UNIT)
    return {unit.code: unit for unit in OrgUnit.objects.all()}


@pytest.fixture
def department_officer(hr_officer, units):
    """An HR officer responsible for the department (and its office), not the commune."""
    hr_officer.responsible_units.add(units["TN-SNV"])
    return hr_officer


@pytest.fixture
def officer_client(client, department_officer):
    client.force_login(department_officer)
    return client
