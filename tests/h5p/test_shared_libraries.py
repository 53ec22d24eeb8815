"""
Shared H5P libraries run in every lesson that uses them: only a training
manager (or a superuser, or the operator's import_h5p command) installs,
upgrades or changes one. A trainer's upload that would do so is refused on
the form, with who can do it, and nothing is written; packages that run on
the libraries already installed, unchanged, upload as before.
"""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape

from courses.h5p import services
from courses.h5p.models import H5PLibrary, H5PPackage
from courses.h5p.validation import PackageRefused
from courses.models import CompletionRule, LessonPage
from lms.accounts import roles
from lms.enrollment import services as enrollment_services

from .conftest import TRUE_FALSE, build_zip, files_under, incomplete_package_files, package_files, sample

ADD_URL = "/admin/snippets/h5p/h5ppackage/add/"
SCRIPT = "H5P.TrueFalse-1.6/scripts/h5p-true-false.js"
ATTACK = b"\nwindow.stolen = document.cookie; // one changed line\n"
# What the form says to a trainer, in Vietnamese: who may install the library.
WHO = "chỉ cán bộ quản lý đào tạo mới được"


def repacked(path, patch_offset=1, changed_line=ATTACK, member=SCRIPT):
    """The sample with H5P.TrueFalse-1.6's patchVersion raised by patch_offset and one line added to `member`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "H5P.TrueFalse-1.6/library.json":
                library = json.loads(data)
                library["patchVersion"] += patch_offset
                data = json.dumps(library).encode()
            elif info.filename == member:
                data += changed_line
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def upload(data, name="dung-sai.h5p"):
    return SimpleUploadedFile(name, data, content_type="application/zip")


@pytest.fixture
def staff(catalogue, make_user, client):
    """Logged-in clients for a trainer and a training manager, in the site's real groups."""
    trainers, managers = roles.ensure_roles(catalogue)

    def login(email, group):
        user = make_user(email=email, full_name=email.split("@")[0])
        user.groups.add(group)
        logged_in = client.__class__()
        logged_in.force_login(user)
        logged_in.user = user
        return logged_in

    return {"trainer": login("giang.vien@example.vn", trainers), "manager": login("quan.ly@example.vn", managers)}


@pytest.fixture
def installed(db, media):
    """The True/False sample, installed by the operator (import_h5p runs with no user)."""
    return services.import_package(sample(TRUE_FALSE))


@pytest.fixture
def learner_in_lesson(course, installed, learner, learner_client):
    lesson = course.add_child(instance=LessonPage(
        title="Đúng hay sai", slug="dung-hay-sai", completion_rule=CompletionRule.H5P_SCORE,
        body=[("h5p", {"package": installed, "pass_threshold": 80})],
    ))
    lesson.save_revision().publish()
    enrollment_services.enroll(learner, course)
    return learner_client


def served_script(client):
    response = client.get("/h5p/libraries/" + SCRIPT)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def original_script():
    with zipfile.ZipFile(TRUE_FALSE) as archive:
        return archive.read(SCRIPT)


def test_managers_may_install_shared_libraries_and_trainers_may_not(staff):
    assert staff["manager"].user.has_perm("h5p.install_shared_library")
    assert not staff["trainer"].user.has_perm("h5p.install_shared_library")


def test_a_trainers_repacked_patch_is_refused_and_learners_keep_the_old_script(staff, installed, learner_in_lesson,
                                                                                media):
    before = files_under(media)
    patch = H5PLibrary.objects.get(machine_name="H5P.TrueFalse").patch_version

    response = staff["trainer"].post(ADD_URL, {"file": upload(repacked(TRUE_FALSE)), "title": "Bài mới"})

    assert response.status_code == 200
    page = response.content.decode()
    assert escape(f"H5P.TrueFalse-1.6 bản vá {patch + 1}") in page
    assert WHO in page
    assert list(H5PPackage.objects.all()) == [installed]
    assert H5PLibrary.objects.get(machine_name="H5P.TrueFalse").patch_version == patch
    assert files_under(media) == before
    assert served_script(learner_in_lesson) == original_script()


def test_a_managers_repacked_patch_upgrades_the_library_for_every_learner(staff, installed, learner_in_lesson, media,
                                                                           django_capture_on_commit_callbacks):
    patch = H5PLibrary.objects.get(machine_name="H5P.TrueFalse").patch_version

    with django_capture_on_commit_callbacks(execute=True):
        response = staff["manager"].post(ADD_URL, {"file": upload(repacked(TRUE_FALSE)), "title": "Bản vá"})

    assert response.status_code == 302
    assert H5PLibrary.objects.get(machine_name="H5P.TrueFalse").patch_version == patch + 1
    assert served_script(learner_in_lesson) == original_script() + ATTACK


def test_a_superuser_may_upgrade_too(admin_client, installed, media):
    response = admin_client.post(ADD_URL, {"file": upload(repacked(TRUE_FALSE))})

    assert response.status_code == 302
    assert H5PPackage.objects.count() == 2


def test_a_trainer_uploads_a_package_that_runs_on_the_installed_libraries(staff, installed, media):
    response = staff["trainer"].post(ADD_URL, {"file": upload(sample(TRUE_FALSE).read_bytes()), "title": "Lần hai"})

    assert response.status_code == 302
    assert H5PPackage.objects.filter(title="Lần hai", uploaded_by=staff["trainer"].user).exists()
    assert H5PLibrary.objects.count() == 10


def test_a_trainer_may_bring_an_older_patch_the_installed_one_replaces(staff, installed, media):
    older = repacked(TRUE_FALSE, patch_offset=-1, changed_line=b"// older\n")

    response = staff["trainer"].post(ADD_URL, {"file": upload(older)})

    assert response.status_code == 302
    assert served_script(staff["trainer"]) == original_script()


def test_a_trainer_cannot_change_a_library_without_raising_its_patch(staff, installed, learner_in_lesson, media):
    before = files_under(media)

    response = staff["trainer"].post(ADD_URL, {"file": upload(repacked(TRUE_FALSE, patch_offset=0))})

    assert response.status_code == 200
    page = response.content.decode()
    assert escape("Bản thư viện H5P H5P.TrueFalse-1.6") in page and WHO in page
    assert H5PPackage.objects.count() == 1 and files_under(media) == before
    assert served_script(learner_in_lesson) == original_script()


@pytest.mark.parametrize("member", ["H5P.TrueFalse-1.6/library.json", "H5P.TrueFalse-1.6/styles/h5p-true-false.css"])
def test_any_changed_file_of_an_installed_version_counts(staff, installed, media, member):
    changed = repacked(TRUE_FALSE, patch_offset=0, changed_line=b" ", member=member)

    response = staff["trainer"].post(ADD_URL, {"file": upload(changed)})

    assert response.status_code == 200 and WHO in response.content.decode()


def test_a_trainer_cannot_install_a_new_library(staff, media):
    response = staff["trainer"].post(ADD_URL, {"file": upload(build_zip(package_files()).getvalue())})

    assert response.status_code == 200
    page = response.content.decode()
    assert escape("thư viện H5P H5P.Base-1.2, thư viện này chưa được cài đặt") in page and WHO in page
    assert H5PPackage.objects.count() == H5PLibrary.objects.count() == 0
    assert files_under(media) == []


def test_a_manager_installs_a_new_library(staff, media):
    response = staff["manager"].post(ADD_URL, {"file": upload(build_zip(package_files()).getvalue())})

    assert response.status_code == 302
    assert H5PLibrary.objects.count() == 2


def test_a_trainer_cannot_repair_a_library_either(staff, media):
    """Adding the files an incomplete library lacks writes JavaScript into it: a manager's act too."""
    services.import_package(build_zip(incomplete_package_files()))
    before = files_under(media)

    complete = build_zip(incomplete_package_files(complete=True)).getvalue()
    response = staff["trainer"].post(ADD_URL, {"file": upload(complete)})

    assert response.status_code == 200 and WHO in response.content.decode()
    assert files_under(media) == before
    assert H5PLibrary.objects.get(machine_name="H5P.Hello").missing_files == ["dist/hello-book.js"]


def test_the_service_refuses_for_a_user_without_the_permission(staff, installed, media):
    with translation.override("en"), pytest.raises(PackageRefused, match="only a training manager may upgrade"):
        services.import_package(io.BytesIO(repacked(TRUE_FALSE)), user=staff["trainer"].user)
    assert H5PPackage.objects.count() == 1


def test_the_stored_files_are_recorded_so_a_later_upload_is_compared_without_reading_storage(installed):
    library = H5PLibrary.objects.get(machine_name="H5P.TrueFalse")

    assert "scripts/h5p-true-false.js" in library.file_hashes
    assert "library.json" in library.file_hashes
    assert all(len(value) == 64 for value in library.file_hashes.values())


def test_the_migration_records_the_files_of_libraries_stored_before_it(installed):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("courses.h5p.migrations.0005_shared_library_permission_and_file_hashes")
    recorded = dict(H5PLibrary.objects.values_list("machine_name", "file_hashes"))
    H5PLibrary.objects.update(file_hashes={})

    migration.record_stored_files(apps, None)

    assert dict(H5PLibrary.objects.values_list("machine_name", "file_hashes")) == recorded
