"""
Upgrading a stored library to a newer patch: the patch goes into a folder of its
own, the old one is deleted only after the import committed, and the library
URL h5p-standalone asks for (<Name>-<major>.<minor>/...) follows the row.
"""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.h5p import services
from courses.h5p.models import H5PLibrary, H5PPackage

from .conftest import build_zip, files_under, move_to_legacy_folder, package_files

OLD = "h5p/libraries/H5P.Hello-1.0.1/"
NEW = "h5p/libraries/H5P.Hello-1.0.2/"
# Patch 1 has a file patch 2 lacks: every old file must survive a failed upgrade.
PATCH_1 = {"H5P.Hello-1.0/old.css": "p { color: red; }"}


def hello():
    return H5PLibrary.objects.get(machine_name="H5P.Hello")


def library_files(media):
    return [name for name in files_under(media) if name.startswith("h5p/libraries/")]


def served(client, path):
    response = client.get(f"/h5p/libraries/{path}")
    assert response.status_code == 200, path
    return b"".join(response.streaming_content).decode()


def read(name):
    with default_storage.open(name) as stored:
        return stored.read().decode()


@pytest.mark.parametrize("failing_file", [1, 2, 3])
def test_a_storage_error_during_an_upgrade_leaves_the_old_patch_intact(
    learner_client, media, monkeypatch, django_capture_on_commit_callbacks, failing_file
):
    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';", extra=PATCH_1)))
    before = {name: read(name) for name in library_files(media)}
    old_files = sorted(name.removeprefix(OLD) for name in before if name.startswith(OLD))
    assert old_files == ["hello.js", "library.json", "old.css", "styles/hello.css"]
    real_save, saved = default_storage.save, []

    def failing_save(name, content, **kwargs):
        if name.startswith(NEW):
            saved.append(name)
            if len(saved) == failing_file:
                raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(OSError, match="disk full"):
            services.import_package(build_zip(package_files(patch=2, script="H5P.Hello = 'v2';")))
    monkeypatch.undo()

    assert callbacks == []
    library = hello()
    assert (library.patch_version, library.storage_prefix) == (1, OLD)
    assert {name: read(name) for name in library_files(media)} == before
    assert not (media / NEW).exists()
    assert H5PPackage.objects.count() == 1
    for name in old_files:
        assert served(learner_client, f"H5P.Hello-1.0/{name}") == before[OLD + name]
    assert served(learner_client, "H5P.Hello-1.0/hello.js") == "H5P.Hello = 'v1';"


def test_after_an_upgrade_the_url_serves_the_new_patch_and_the_old_folder_is_gone(
    learner_client, media, django_capture_on_commit_callbacks
):
    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';", extra=PATCH_1)))
    assert served(learner_client, "H5P.Hello-1.0/hello.js") == "H5P.Hello = 'v1';"

    with django_capture_on_commit_callbacks(execute=True):
        services.import_package(build_zip(package_files(patch=2, script="H5P.Hello = 'v2';")))

    assert (hello().patch_version, hello().storage_prefix) == (2, NEW)
    assert served(learner_client, "H5P.Hello-1.0/hello.js") == "H5P.Hello = 'v2';"
    assert learner_client.get("/h5p/libraries/H5P.Hello-1.0/old.css").status_code == 404
    assert not any(name.startswith(OLD) for name in files_under(media))
    assert not (media / OLD).exists()
    # H5P.Base was not upgraded: its folder stays.
    assert served(learner_client, "H5P.Base-1.2/hello.js") == "H5P.Base = 1;"


def test_the_old_folder_stays_until_the_import_commits(db, media, django_capture_on_commit_callbacks):
    services.import_package(build_zip(package_files(patch=1)))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.import_package(build_zip(package_files(patch=2)))
        assert default_storage.exists(f"{OLD}hello.js") and default_storage.exists(f"{NEW}hello.js")

    assert len(callbacks) == 1
    callbacks[0]()
    assert not default_storage.exists(f"{OLD}hello.js") and default_storage.exists(f"{NEW}hello.js")


def test_a_library_stored_before_patch_folders_is_served_and_upgraded_into_a_new_folder(
    learner_client, media, django_capture_on_commit_callbacks
):
    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';", extra=PATCH_1)))
    for library in H5PLibrary.objects.all():
        move_to_legacy_folder(library)
    assert hello().storage_prefix == "h5p/libraries/H5P.Hello-1.0/"
    assert default_storage.exists("h5p/libraries/H5P.Hello-1.0/old.css") and not (media / OLD).exists()
    assert served(learner_client, "H5P.Hello-1.0/hello.js") == "H5P.Hello = 'v1';"
    assert served(learner_client, "H5P.Hello-1.0/old.css") == "p { color: red; }"

    with django_capture_on_commit_callbacks(execute=True):
        services.import_package(build_zip(package_files(patch=2, script="H5P.Hello = 'v2';")))

    assert (hello().patch_version, hello().storage_folder) == (2, "H5P.Hello-1.0.2")
    assert served(learner_client, "H5P.Hello-1.0/hello.js") == "H5P.Hello = 'v2';"
    assert not (media / "h5p/libraries/H5P.Hello-1.0").exists()
    # The library that was not upgraded keeps its old folder, and is still served from it.
    assert H5PLibrary.objects.get(machine_name="H5P.Base").storage_folder == "H5P.Base-1.2"
    assert served(learner_client, "H5P.Base-1.2/hello.js") == "H5P.Base = 1;"


def test_the_migration_points_existing_libraries_at_their_old_folders(db, media):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("courses.h5p.migrations.0004_library_storage_folder")
    services.import_package(build_zip(package_files()))
    H5PLibrary.objects.update(storage_folder="")

    migration.legacy_folders(apps, None)

    assert dict(H5PLibrary.objects.values_list("machine_name", "storage_folder")) == {
        "H5P.Hello": "H5P.Hello-1.0", "H5P.Base": "H5P.Base-1.2",
    }


def test_a_folder_already_named_for_the_new_patch_is_replaced_in_place_never_deleted(
    db, media, django_capture_on_commit_callbacks
):
    """Should a row already point at the folder the new patch goes to, that folder is written, not deleted after."""
    services.import_package(build_zip(package_files(patch=1, script="H5P.Hello = 'v1';")))
    library = hello()
    move_to_legacy_folder(library)
    library.storage_folder = "H5P.Hello-1.0.2"
    default_storage.save(f"{NEW}hello.js", default_storage.open("h5p/libraries/H5P.Hello-1.0/hello.js"))
    library.save(update_fields=["storage_folder"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.import_package(build_zip(package_files(patch=2, script="H5P.Hello = 'v2';")))

    assert callbacks == []
    assert (hello().patch_version, hello().storage_prefix) == (2, NEW)
    assert read(f"{NEW}hello.js") == "H5P.Hello = 'v2';"


def test_a_leftover_of_an_aborted_attempt_is_cleared_before_the_patch_is_written(
    db, media, django_capture_on_commit_callbacks
):
    services.import_package(build_zip(package_files(patch=1)))
    default_storage.save(f"{NEW}stale.js", default_storage.open(f"{OLD}hello.js"))

    with django_capture_on_commit_callbacks(execute=True):
        services.import_package(build_zip(package_files(patch=2, script="H5P.Hello = 'v2';")))

    assert read(f"{NEW}hello.js") == "H5P.Hello = 'v2';"
    assert not default_storage.exists(f"{NEW}stale.js")


def test_failing_to_delete_the_old_folder_does_not_undo_the_committed_upgrade(
    db, media, monkeypatch, django_capture_on_commit_callbacks
):
    services.import_package(build_zip(package_files(patch=1)))
    real_delete_tree = services.delete_tree

    def failing_delete_tree(prefix):
        if prefix == OLD:
            raise OSError("storage unavailable")
        return real_delete_tree(prefix)

    monkeypatch.setattr(services, "delete_tree", failing_delete_tree)
    with django_capture_on_commit_callbacks(execute=True):
        package = services.import_package(build_zip(package_files(patch=2, script="H5P.Hello = 'v2';")))

    assert H5PPackage.objects.filter(pk=package.pk).exists()
    assert read(f"{NEW}hello.js") == "H5P.Hello = 'v2';"
    assert default_storage.exists(package.content_path("content.json"))
    assert default_storage.exists(f"{OLD}hello.js")  # only left over


# The library URL ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "H5P.Nope-1.0/hello.js",  # unknown library
        "H5P.Hello-2.0/hello.js",  # unknown version
        "H5P.Hello-01.0/hello.js",  # not the folder's exact name
        "H5P.Hello-1.0.1/hello.js",  # the storage folder is not a URL
        "H5P.Hello/hello.js",
        "hello.js",
        "H5P.Hello-1.0/",
        "H5P.Hello-1.0/../H5P.Base-1.2/hello.js",
        "H5P.Hello-1.0//hello.js",
        "H5P.Hello-1.0/missing.js",
        "H5P.Hello-99999999999999999999.0/hello.js",
    ],
)
def test_unknown_or_malformed_library_paths_are_not_found(learner_client, media, path):
    services.import_package(build_zip(package_files()))
    learner_client.raise_request_exception = False

    assert learner_client.get(f"/h5p/libraries/{path}").status_code == 404


def test_a_library_file_costs_one_library_query(learner_client, media):
    services.import_package(build_zip(package_files()))

    with CaptureQueriesContext(connection) as queries:
        assert served(learner_client, "H5P.Hello-1.0/styles/hello.css") == ".h5p-hello { color: #0b5cad; }"

    assert len([query for query in queries if "h5p_h5plibrary" in query["sql"]]) == 1
