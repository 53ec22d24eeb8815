"""H5P packages in the Wagtail admin: the upload form, its errors, editing and permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from courses.h5p.models import H5PLibrary, H5PPackage

from .conftest import TRUE_FALSE, build_zip, files_under, package_files, sample

INDEX_URL = "/admin/snippets/h5p/h5ppackage/"
ADD_URL = INDEX_URL + "add/"


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/zip")


def test_the_add_view_is_an_upload_form(admin_client):
    response = admin_client.get(ADD_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="title"' in html
    assert 'name="storage_prefix"' not in html


def test_uploading_a_package_creates_it(admin_client, admin_user, media):
    response = admin_client.post(
        ADD_URL, {"file": upload("hello.h5p", sample(TRUE_FALSE).read_bytes()), "title": ""}
    )

    assert response.status_code == 302
    package = H5PPackage.objects.get()
    assert package.title == "Hello World"
    assert package.uploaded_by == admin_user
    listing = admin_client.get(INDEX_URL).content.decode()
    assert "Hello World" in listing
    assert "H5P.TrueFalse-1.6" in listing


def test_a_bad_file_shows_the_reason_in_vietnamese_on_the_form(admin_client, media):
    response = admin_client.post(ADD_URL, {"file": upload("virus.h5p", b"MZ not a zip at all"), "title": "Thử"})

    assert response.status_code == 200
    assert escape("Tệp này không phải là gói H5P: nó không phải là tệp nén ZIP.") in response.content.decode()
    assert H5PPackage.objects.count() == H5PLibrary.objects.count() == 0
    assert files_under(media) == []


def test_a_missing_library_is_named_on_the_form(admin_client, media):
    bad = build_zip(package_files(drop=["H5P.Base-1.2/library.json", "H5P.Base-1.2/hello.js"])).getvalue()

    response = admin_client.post(ADD_URL, {"file": upload("thieu.h5p", bad)})

    assert response.status_code == 200
    assert "H5P.Base-1.2" in response.content.decode()
    assert H5PPackage.objects.count() == 0


def test_editing_only_changes_the_title(admin_client, media):
    admin_client.post(ADD_URL, {"file": upload("hello.h5p", build_zip(package_files()).getvalue())})
    package = H5PPackage.objects.get()
    edit_url = f"{INDEX_URL}edit/{package.pk}/"

    form = admin_client.get(edit_url).content.decode()
    assert 'name="title"' in form and 'type="file"' not in form

    response = admin_client.post(edit_url, {"title": "Chào bạn"})

    assert response.status_code == 302
    package.refresh_from_db()
    assert package.title == "Chào bạn"


def test_deleting_in_the_admin_removes_the_files(admin_client, media, django_capture_on_commit_callbacks):
    admin_client.post(ADD_URL, {"file": upload("hello.h5p", build_zip(package_files()).getvalue())})
    package = H5PPackage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"{INDEX_URL}delete/{package.pk}/")

    assert response.status_code == 302
    assert not any(name.startswith(package.storage_prefix) for name in files_under(media))
    hello = H5PLibrary.objects.get(machine_name="H5P.Hello")
    assert any(name.startswith(hello.storage_prefix) for name in files_under(media))


@pytest.fixture
def staff_client(client, make_user):
    """An admin user whose group can see packages and, when granted, upload them."""
    user = make_user(email="giang.vien@example.vn", full_name="Trần Văn Giảng")
    group = Group.objects.create(name="Thử H5P")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    group.permissions.add(Permission.objects.get(content_type__app_label="h5p", codename="view_h5ppackage"))
    user.groups.add(group)
    client.force_login(user)
    client.group = group
    return client


def test_only_users_allowed_to_add_packages_can_upload(staff_client, media):
    assert staff_client.get(INDEX_URL).status_code == 200
    assert staff_client.get(ADD_URL).status_code in (302, 403)

    staff_client.group.permissions.add(Permission.objects.get(content_type__app_label="h5p", codename="add_h5ppackage"))

    assert staff_client.get(ADD_URL).status_code == 200
