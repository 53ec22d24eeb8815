"""The organisational unit tree: built in the Wagtail admin, offered as an indented list."""

from lms.accounts.forms import OrgUnitChoiceField
from lms.accounts.models import OrgUnit


def add_unit(client, name, code, kind, parent=None):
    return client.post(
        "/admin/org_units/new/",
        {
            "name": name,
            "code": code,
            "kind": kind,
            "headcount": 10,
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": parent.pk if parent else "",
        },
    )


def test_admins_build_the_tree_in_the_wagtail_admin(admin_client):
    assert add_unit(admin_client, "UBND tỉnh Thái Nguyên", "TN", "province").status_code == 302
    province = OrgUnit.objects.get(code="TN")
    assert add_unit(admin_client, "Xã Đồng Hỷ", "TN-DH", "commune", province).status_code == 302
    assert add_unit(admin_client, "Sở Nội vụ", "TN-SNV", "department", province).status_code == 302

    province.refresh_from_db()
    children = [unit.name for unit in province.get_children()]
    listing = admin_client.get("/admin/org_units/").content.decode()

    assert children == ["Sở Nội vụ", "Xã Đồng Hỷ"]
    assert "Xã Đồng Hỷ" in listing


def test_a_duplicate_code_is_refused_with_a_form_error(admin_client):
    OrgUnit.add_root(name="Tỉnh A", code="A", kind="province")

    response = add_unit(admin_client, "Tỉnh khác", "A", "province")

    assert response.status_code == 200
    assert OrgUnit.objects.count() == 1


def test_the_unit_choice_reads_as_a_tree(db):
    province = OrgUnit.add_root(name="Tỉnh Bắc Kạn", code="BK", kind="province")
    province.add_child(name="Xã Nông Thượng", code="BK-NT", kind="commune")

    labels = [label for _value, label in OrgUnitChoiceField().choices][1:]

    assert labels == ["Tỉnh Bắc Kạn", "\u2003Xã Nông Thượng"]
