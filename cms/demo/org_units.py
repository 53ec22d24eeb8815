"""A small province for the demo: the provincial People's Committee, three departments, three communes."""

from lms.accounts.models import OrgUnit

Kind = OrgUnit.Kind

# (code, name, kind, headcount, parent code), parents first.
ORG_UNITS = [
    ("TN", "UBND tỉnh Thái Nguyên", Kind.PROVINCE, 120, None),
    ("TN-SNV", "Sở Nội vụ", Kind.DEPARTMENT, 85, "TN"),
    ("TN-SKHCN", "Sở Khoa học và Công nghệ", Kind.DEPARTMENT, 110, "TN"),
    ("TN-STP", "Sở Tư pháp", Kind.DEPARTMENT, 64, "TN"),
    ("TN-PDP", "Phường Phan Đình Phùng", Kind.COMMUNE, 42, "TN"),
    ("TN-PGS", "Phường Gia Sàng", Kind.COMMUNE, 38, "TN"),
    ("TN-XDT", "Xã Đại Từ", Kind.COMMUNE, 35, "TN"),
]


def ensure_org_units(created):
    """The demo units by code, each created under its parent the first time."""
    units = {}
    for code, name, kind, headcount, parent_code in ORG_UNITS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            fields = {"code": code, "name": name, "kind": kind, "headcount": headcount}
            if parent_code is None:
                unit = OrgUnit.add_root(**fields)
            else:
                # Re-read the parent: treebeard works from the stored path and child count.
                unit = OrgUnit.objects.get(pk=units[parent_code].pk).add_child(**fields)
            created["org units"] += 1
        units[code] = unit
    return units
