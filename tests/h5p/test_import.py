"""Importing real and built packages: shared libraries, patch upgrades, deletion."""

import io
import json
import time
import zipfile

import pytest
from django.core.files.storage import default_storage

from courses.h5p import services
from courses.h5p.models import H5PLibrary, H5PPackage
from courses.h5p.validation import PackageRefused

from .conftest import INTERACTIVE_BOOK, TRUE_FALSE, build_zip, files_under, library_json, package_files, sample


def library_files(media):
    return [name for name in files_under(media) if name.startswith("h5p/libraries/")]


def read(name):
    with default_storage.open(name) as stored:
        return stored.read().decode()


def stored(machine_name, path):
    """A file of the stored copy of a library, wherever its row says the stored patch lives."""
    return read(H5PLibrary.objects.get(machine_name=machine_name).storage_prefix + path)


@pytest.mark.parametrize(
    "path, title, main_library, libraries",
    [
        (TRUE_FALSE, "Hello World", "H5P.TrueFalse-1.6", 10),
        (INTERACTIVE_BOOK, "Interactive Book", "H5P.InteractiveBook-1.2", 37),
    ],
    ids=["true-false", "interactive-book"],
)
def test_the_samples_import(db, media, path, title, main_library, libraries):
    started = time.perf_counter()
    package = services.import_package(sample(path))
    elapsed = time.perf_counter() - started

    assert elapsed < 10, f"importing {path.name} took {elapsed:.1f} s"
    assert package.title == title
    assert package.main_library.folder_name == main_library
    assert package.main_library.runnable
    assert package.libraries.count() == libraries == H5PLibrary.objects.count()
    assert package.h5p_json["mainLibrary"] == main_library.rsplit("-", 1)[0]
    assert package.storage_prefix.startswith("h5p/content/") and package.storage_prefix.endswith("/")
    assert json.loads(read(package.content_path("content.json")))
    assert json.loads(read(f"{package.storage_prefix}h5p.json"))["title"] == title
    # Stored in the patch's own folder; h5p-standalone asks for <machineName>-<major>.<minor> (the library view maps it).
    library = json.loads(read(f"{package.main_library.storage_prefix}library.json"))
    assert f"{library['machineName']}-{library['majorVersion']}.{library['minorVersion']}" == main_library
    assert package.main_library.storage_folder == f"{main_library}.{library['patchVersion']}"


def test_importing_twice_shares_the_libraries(db, media):
    first = services.import_package(sample(TRUE_FALSE))
    libraries_before = library_files(media)
    rows_before = H5PLibrary.objects.count()

    second = services.import_package(sample(TRUE_FALSE), title="Đúng hay sai")

    assert second.title == "Đúng hay sai"
    assert H5PLibrary.objects.count() == rows_before
    assert library_files(media) == libraries_before
    assert set(second.libraries.all()) == set(first.libraries.all())
    assert first.storage_prefix != second.storage_prefix
    assert default_storage.exists(first.content_path("content.json"))
    assert default_storage.exists(second.content_path("content.json"))


def test_a_newer_patch_replaces_the_stored_library_and_an_older_one_does_not(
    db, media, django_capture_on_commit_callbacks
):
    old = services.import_package(
        build_zip(package_files(patch=1, script="H5P.Hello = 'v1';", extra={"H5P.Hello-1.0/old.css": "p {}"}))
    )
    assert stored("H5P.Hello", "hello.js") == "H5P.Hello = 'v1';"
    assert H5PLibrary.objects.get(machine_name="H5P.Hello").storage_prefix == "h5p/libraries/H5P.Hello-1.0.1/"

    with django_capture_on_commit_callbacks(execute=True):
        new = services.import_package(build_zip(package_files(patch=2, script="H5P.Hello = 'v2';")))

    hello = H5PLibrary.objects.get(machine_name="H5P.Hello")
    assert hello.patch_version == 2
    assert hello.storage_prefix == "h5p/libraries/H5P.Hello-1.0.2/"
    assert H5PLibrary.objects.count() == 2
    assert stored("H5P.Hello", "hello.js") == "H5P.Hello = 'v2';"
    assert not default_storage.exists(f"{hello.storage_prefix}old.css")
    assert not any(name.startswith("h5p/libraries/H5P.Hello-1.0.1/") for name in library_files(media))
    assert old.main_library == new.main_library == hello

    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';")))

    hello.refresh_from_db()
    assert hello.patch_version == 2
    assert stored("H5P.Hello", "hello.js") == "H5P.Hello = 'v2';"


def test_a_damaged_upgrade_is_refused_before_the_stored_library_is_touched(db, media):
    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';")))
    archive = build_zip(package_files(patch=2, script="H5P.Hello = 'v2';"), compression=zipfile.ZIP_STORED).getvalue()
    # Same length, other bytes: only the member's CRC, checked when it is read through, can tell.
    damaged = io.BytesIO(archive.replace(b"H5P.Hello = 'v2';", b"H5P.Hello = 'v3';"))

    with pytest.raises(PackageRefused, match="hello.js"):
        services.import_package(damaged)

    assert H5PLibrary.objects.get(machine_name="H5P.Hello").patch_version == 1
    assert stored("H5P.Hello", "hello.js") == "H5P.Hello = 'v1';"
    assert H5PPackage.objects.count() == 1


def test_deleting_a_package_removes_its_content_but_keeps_the_libraries(
    db, media, django_capture_on_commit_callbacks
):
    kept = services.import_package(build_zip(package_files(title="Giữ lại")))
    package = services.import_package(build_zip(package_files(title="Xoá")))
    libraries = library_files(media)

    with django_capture_on_commit_callbacks(execute=True):
        package.delete()

    assert not H5PPackage.objects.filter(pk=package.pk).exists()
    assert H5PLibrary.objects.count() == 2
    assert library_files(media) == libraries
    assert not any(name.startswith(package.storage_prefix) for name in files_under(media))
    assert not (media / package.storage_prefix).exists()
    assert default_storage.exists(kept.content_path("images/anh.png"))


def test_a_package_can_rely_on_libraries_already_stored(db, media):
    services.import_package(build_zip(package_files()))
    slim = build_zip(package_files(drop=["H5P.Base-1.2/library.json", "H5P.Base-1.2/hello.js"]))

    package = services.import_package(slim)

    assert {library.folder_name for library in package.libraries.all()} == {"H5P.Hello-1.0", "H5P.Base-1.2"}


def test_a_failed_import_leaves_nothing(db, media, monkeypatch):
    """Anything failing after files were written (here: the row) undoes the files too."""

    def broken_create(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(H5PPackage.objects, "create", broken_create)

    with pytest.raises(RuntimeError):
        services.import_package(build_zip(package_files()))
    assert H5PLibrary.objects.count() == 0
    assert files_under(media) == []
    assert not (media / "h5p" / "content").exists() or not any((media / "h5p" / "content").iterdir())


def test_a_library_created_by_a_concurrent_import_is_a_clear_refusal(db, media, monkeypatch):
    """Two uploads storing the same new library at once: the unique constraint holds, the loser is told to retry."""
    real_create = H5PLibrary.objects.create

    def created_elsewhere_first(**fields):
        real_create(**fields)
        return real_create(**fields)

    monkeypatch.setattr(H5PLibrary.objects, "create", created_elsewhere_first)
    with pytest.raises(PackageRefused, match="H5P"):
        services.import_package(build_zip(package_files()))
    assert not H5PLibrary.objects.exists() and not H5PPackage.objects.exists()
    assert files_under(media) == []


def upgrade_with(damage):
    """
    Patch 2 of H5P.Hello, stored uncompressed, plus a content file and a later
    library (H5P.Zed-1.0, new): `damage` names the member whose bytes are
    changed (same length, so only its CRC tells), or None.
    """
    files = package_files(patch=2, script="H5P.Hello = 'v2';")
    files["content/zz.json"] = '{"a": "AAAAAAAA"}'
    files["H5P.Zed-1.0/library.json"] = json.dumps(library_json("H5P.Zed", 1, 0, runnable=0))
    files["H5P.Zed-1.0/hello.js"] = "H5P.Zed = 'zzzz';"
    data = build_zip(files, compression=zipfile.ZIP_STORED).getvalue()
    original = {"content/zz.json": b'"AAAAAAAA"', "H5P.Zed-1.0/hello.js": b"'zzzz'"}.get(damage)
    if original:
        assert data.count(original) == 1
        data = data.replace(original, original.replace(original[1:2], b"B"))
    return io.BytesIO(data)


@pytest.mark.parametrize("damage", ["content/zz.json", "H5P.Zed-1.0/hello.js", "concurrent import"])
def test_a_failed_upgrade_leaves_the_stored_library_files_and_row_as_they_were(db, media, monkeypatch, damage):
    """
    Whatever refuses the package after H5P.Hello's newer patch was accepted (a
    damaged content file, a damaged later library, a row created by another
    import), the stored patch 1 keeps its files and its row.
    """
    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';")))
    before = library_files(media)
    if damage == "concurrent import":
        real_create = H5PLibrary.objects.create

        def created_elsewhere_first(**fields):
            real_create(**fields)
            return real_create(**fields)

        monkeypatch.setattr(H5PLibrary.objects, "create", created_elsewhere_first)

    with pytest.raises(PackageRefused):
        services.import_package(upgrade_with(None if damage == "concurrent import" else damage))

    assert H5PLibrary.objects.get(machine_name="H5P.Hello").patch_version == 1
    assert not H5PLibrary.objects.filter(machine_name="H5P.Zed").exists()
    assert library_files(media) == before
    assert stored("H5P.Hello", "hello.js") == "H5P.Hello = 'v1';"
    assert H5PPackage.objects.count() == 1


def test_an_undamaged_upgrade_with_a_later_library_imports(db, media):
    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';")))

    services.import_package(upgrade_with(None))

    assert H5PLibrary.objects.get(machine_name="H5P.Hello").patch_version == 2
    assert stored("H5P.Hello", "hello.js") == "H5P.Hello = 'v2';"
    assert stored("H5P.Zed", "hello.js") == "H5P.Zed = 'zzzz';"


def test_nothing_stored_is_deleted_before_every_member_was_read_through(db, media, monkeypatch):
    """The order itself: every member to be written (content and libraries) is checked before a folder is cleared."""
    services.import_package(build_zip(package_files(patch=1)))
    checked, checked_at_first_delete = [], []
    real_check, real_delete_tree = services.check_members, services.delete_tree

    def recording_check(archive, members):
        checked.extend((member[0] if isinstance(member, tuple) else member).filename for member in members)
        return real_check(archive, members)

    def recording_delete_tree(prefix):
        if not checked_at_first_delete:
            checked_at_first_delete.append(set(checked))
        return real_delete_tree(prefix)

    monkeypatch.setattr(services, "check_members", recording_check)
    monkeypatch.setattr(services, "delete_tree", recording_delete_tree)

    services.import_package(upgrade_with(None))

    assert checked_at_first_delete[0] >= {
        "content/content.json", "content/zz.json", "content/images/anh.png",
        "H5P.Hello-1.0/hello.js", "H5P.Hello-1.0/library.json", "H5P.Zed-1.0/hello.js", "H5P.Zed-1.0/library.json",
    }


def test_a_storage_error_while_writing_is_not_reported_as_a_damaged_package(db, media, monkeypatch):
    """Only reading the archive makes a package damaged; the storage's own errors are raised as they are."""

    def failing_save(name, content, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(default_storage, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        services.import_package(build_zip(package_files()))
    assert not H5PLibrary.objects.exists() and not H5PPackage.objects.exists()
