"""
Packages whose libraries lack files their library.json preloads (the interactive
book sample lacks its built scripts): they import, everyone is told, the player is
not started, and uploading a complete package of the same library version repairs them.
"""

import io
import json

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from courses.h5p import services
from courses.h5p.models import H5PLibrary, H5PPackage
from courses.h5p.validation import PackageRefused, validate_package
from courses.models import CompletionRule, LessonPage
from lms.enrollment import services as enrollment_services

from .conftest import (
    INTERACTIVE_BOOK,
    TRUE_FALSE,
    build_zip,
    files_under,
    incomplete_package_files,
    library_json,
    move_to_legacy_folder,
    package_files,
    sample,
)

WARNING = (
    "Warning: the library H5P.Hello-1.0 lacks dist/hello-book.js; "
    "the activity will not play until a complete package is uploaded."
)
WARNING_VI = (
    "Cảnh báo: thư viện H5P.Hello-1.0 thiếu dist/hello-book.js; "
    "hoạt động sẽ không chạy được cho đến khi tải lên một gói đầy đủ."
)
LEARNER_MESSAGE_VI = (
    "Hoạt động này chưa thể hiển thị: gói của nó chưa đầy đủ. "
    "Vui lòng báo cho giảng viên của bạn."
)
ADD_URL = "/admin/snippets/h5p/h5ppackage/add/"
INDEX_URL = "/admin/snippets/h5p/h5ppackage/"


def hello():
    return H5PLibrary.objects.get(machine_name="H5P.Hello")


# Validation and import --------------------------------------------------------------------------


def test_missing_preloaded_files_are_reported_not_refused(db):
    package = validate_package(build_zip(incomplete_package_files()))

    assert {library.label: library.missing for library in package.bundled.values() if library.missing} == {
        "H5P.Hello-1.0": ["dist/hello-book.js"]
    }
    assert not any(library.missing for library in validate_package(build_zip(package_files())).bundled.values())


def test_an_incomplete_package_imports_and_records_the_missing_file(db, media):
    package = services.import_package(build_zip(incomplete_package_files()))

    assert hello().missing_files == ["dist/hello-book.js"]
    assert H5PLibrary.objects.get(machine_name="H5P.Base").missing_files == []
    assert package.incomplete_libraries() == {"H5P.Hello-1.0": ["dist/hello-book.js"]}
    assert default_storage.exists(f"{hello().storage_prefix}hello.js")
    # A complete package of the same patch that does not carry the missing file shares the incomplete library.
    assert services.import_package(build_zip(package_files(title="Đủ"))).incomplete_libraries()


def test_a_complete_package_is_playable(db, media):
    package = services.import_package(build_zip(package_files()))

    assert package.incomplete_libraries() == {}


def test_incomplete_libraries_is_one_query(db, media, django_assert_num_queries):
    package = H5PPackage.objects.get(pk=services.import_package(build_zip(incomplete_package_files())).pk)

    with django_assert_num_queries(1):
        assert package.incomplete_libraries() == {"H5P.Hello-1.0": ["dist/hello-book.js"]}


@pytest.mark.parametrize(
    "path", ["../x.js", "dist/../../x.js", "/etc/passwd.js", "C:/x.js", "dist\\x.js", "./x.js", "dist//x.js", ""]
)
def test_an_unsafe_preloaded_path_is_refused_with_nothing_written(db, media, path):
    data = library_json(dependencies=[("H5P.Base", 1, 2)])
    data.setdefault("preloadedCss" if path.endswith("passwd.js") else "preloadedJs", []).append({"path": path})

    with translation.override("en"):
        with pytest.raises(PackageRefused) as refused:
            services.import_package(build_zip(package_files(extra={"H5P.Hello-1.0/library.json": json.dumps(data)})))
        message = str(refused.value)
    assert "H5P.Hello-1.0/library.json" in message
    if path:
        assert message.startswith("The file H5P.Hello-1.0/library.json lists an unsafe path in") and path in message
    assert H5PLibrary.objects.count() == H5PPackage.objects.count() == 0
    assert files_under(media) == []


def test_an_unsafe_path_is_refused_in_vietnamese(db, media):
    data = library_json(dependencies=[("H5P.Base", 1, 2)])
    data["preloadedJs"].append({"path": "../x.js"})

    with pytest.raises(PackageRefused) as refused:
        validate_package(build_zip(package_files(extra={"H5P.Hello-1.0/library.json": json.dumps(data)})))

    assert str(refused.value) == (
        "Tệp H5P.Hello-1.0/library.json có một đường dẫn không an toàn trong “preloadedJs”: ../x.js."
    )


# Repairing ------------------------------------------------------------------------------------


def test_a_complete_package_of_the_same_version_repairs_the_library(db, media):
    first = services.import_package(build_zip(incomplete_package_files()))
    assert not default_storage.exists(f"{hello().storage_prefix}dist/hello-book.js")

    second = services.import_package(build_zip(incomplete_package_files(title="Sách đủ", complete=True)))

    library = hello()
    assert library.missing_files == []
    assert library.patch_version == 1
    assert default_storage.exists(f"{hello().storage_prefix}dist/hello-book.js")
    assert second.incomplete_libraries() == {}
    assert H5PPackage.objects.get(pk=first.pk).incomplete_libraries() == {}
    assert first.main_library == second.main_library == library


def test_a_repair_that_fails_leaves_the_stored_library_as_it_was(db, media, monkeypatch):
    services.import_package(build_zip(incomplete_package_files()))
    before = files_under(media)

    def broken_create(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(H5PPackage.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        services.import_package(build_zip(incomplete_package_files(complete=True)))

    assert hello().missing_files == ["dist/hello-book.js"]
    assert files_under(media) == before


def test_a_package_still_lacking_the_files_repairs_nothing(db, media):
    services.import_package(build_zip(incomplete_package_files()))
    before = files_under(media)

    services.import_package(build_zip(incomplete_package_files(title="Lại thiếu")))

    assert hello().missing_files == ["dist/hello-book.js"]
    assert [name for name in files_under(media) if name.startswith("h5p/libraries/")] == [
        name for name in before if name.startswith("h5p/libraries/")
    ]


def test_a_newer_complete_patch_repairs_and_a_newer_incomplete_one_does_not_break_a_complete_library(db, media):
    services.import_package(build_zip(incomplete_package_files(patch=1)))
    services.import_package(build_zip(incomplete_package_files(patch=2, complete=True)))
    assert (hello().patch_version, hello().missing_files) == (2, [])

    package = services.import_package(build_zip(incomplete_package_files(patch=3)))

    assert (hello().patch_version, hello().missing_files) == (2, [])
    assert default_storage.exists(f"{hello().storage_prefix}dist/hello-book.js")
    assert package.incomplete_libraries() == {}


# Telling people -------------------------------------------------------------------------------


def test_the_command_warns_and_exits_zero(db, media, tmp_path):
    path = tmp_path / "sach-thieu.h5p"
    path.write_bytes(build_zip(incomplete_package_files()).getvalue())
    out = io.StringIO()

    with translation.override("en"):
        call_command("import_h5p", str(path), stdout=out)  # no CommandError: exit status 0

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Imported “Sách thiếu tệp”")
    assert lines[1:] == [WARNING]
    assert H5PPackage.objects.count() == 1


def test_the_command_warns_in_the_sites_language(db, media, tmp_path):
    path = tmp_path / "sach-thieu.h5p"
    path.write_bytes(build_zip(incomplete_package_files()).getvalue())
    out = io.StringIO()

    call_command("import_h5p", str(path), stdout=out)

    assert out.getvalue().splitlines()[1:] == [WARNING_VI]


def test_the_command_prints_no_warning_for_a_complete_package(db, media, tmp_path):
    path = tmp_path / "du.h5p"
    path.write_bytes(build_zip(package_files()).getvalue())
    out = io.StringIO()

    call_command("import_h5p", str(path), stdout=out)

    assert len(out.getvalue().splitlines()) == 1


def test_the_admin_warns_after_uploading_an_incomplete_package(admin_client, media):
    data = build_zip(incomplete_package_files()).getvalue()

    response = admin_client.post(ADD_URL, {"file": SimpleUploadedFile("sach.h5p", data, "application/zip")})

    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [WARNING_VI]
    listing = admin_client.get(INDEX_URL).content.decode()
    assert "Sẵn sàng chạy" in listing
    assert escape("Thiếu tệp: H5P.Hello-1.0: dist/hello-book.js") in listing


def test_the_admin_does_not_warn_for_a_complete_package(admin_client, media):
    data = build_zip(package_files()).getvalue()

    response = admin_client.post(ADD_URL, {"file": SimpleUploadedFile("du.h5p", data, "application/zip")})

    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    listing = admin_client.get(INDEX_URL).content.decode()
    assert "Thiếu tệp" not in listing and "Có" in listing


def test_the_admin_refuses_an_unsafe_path_on_the_form(admin_client, media):
    data = library_json(dependencies=[("H5P.Base", 1, 2)])
    data["preloadedJs"].append({"path": "../x.js"})
    bad = build_zip(package_files(extra={"H5P.Hello-1.0/library.json": json.dumps(data)})).getvalue()

    response = admin_client.post(ADD_URL, {"file": SimpleUploadedFile("xau.h5p", bad, "application/zip")})

    assert response.status_code == 200
    assert "../x.js" in response.content.decode()
    assert H5PPackage.objects.count() == H5PLibrary.objects.count() == 0
    assert files_under(media) == []


@pytest.fixture
def incomplete_lesson(course, media):
    package = services.import_package(build_zip(incomplete_package_files()))
    lesson = course.add_child(instance=LessonPage(
        title="Sách tương tác", slug="sach-tuong-tac", completion_rule=CompletionRule.H5P_SCORE,
        body=[("h5p", {"package": package, "pass_threshold": 60})],
    ))
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk), package


def test_learners_see_a_message_instead_of_a_broken_player(learner_client, learner, course, incomplete_lesson):
    lesson, package = incomplete_lesson
    enrollment_services.enroll(learner, course)

    page = learner_client.get(lesson.url).content.decode()

    assert escape(LEARNER_MESSAGE_VI) in page
    assert 'class="h5p-player"' not in page
    assert f"h5p-options-{lesson.pk}-{package.pk}" not in page
    assert "h5p-standalone/main.bundle.js" not in page
    assert "dist/hello-book.js" not in page  # the details are for staff


def test_staff_see_what_is_missing_and_how_to_repair_it(admin_client, incomplete_lesson):
    lesson, package = incomplete_lesson

    page = admin_client.get(lesson.url).content.decode()

    assert escape(LEARNER_MESSAGE_VI) in page
    assert "H5P.Hello-1.0" in page and "dist/hello-book.js" in page
    assert escape("Tải lên một gói đầy đủ có cùng phiên bản thư viện") in page
    assert 'class="h5p-player"' not in page


def test_after_the_repair_the_lesson_plays(learner_client, learner, course, incomplete_lesson, media):
    lesson, package = incomplete_lesson
    enrollment_services.enroll(learner, course)

    services.import_package(build_zip(incomplete_package_files(complete=True)))

    page = learner_client.get(lesson.url).content.decode()
    assert 'class="h5p-player"' in page
    assert escape(LEARNER_MESSAGE_VI) not in page


# The real samples -----------------------------------------------------------------------------


def test_the_interactive_book_sample_imports_and_reports_its_missing_files(db, media):
    package = services.import_package(sample(INTERACTIVE_BOOK))

    assert package.incomplete_libraries() == {
        "H5P.DragText-1.8": ["dist/h5p-drag-text.js", "dist/h5p-drag-text.css"],
        "H5P.InteractiveBook-1.2": ["dist/h5p-interactive-book.js"],
    }


def test_the_interactive_book_sample_warns_on_the_command_line(db, media):
    out = io.StringIO()

    with translation.override("en"):
        call_command("import_h5p", str(sample(INTERACTIVE_BOOK)), stdout=out)

    assert out.getvalue().splitlines()[1:] == [
        "Warning: the library H5P.DragText-1.8 lacks dist/h5p-drag-text.js, dist/h5p-drag-text.css; "
        "the activity will not play until a complete package is uploaded.",
        "Warning: the library H5P.InteractiveBook-1.2 lacks dist/h5p-interactive-book.js; "
        "the activity will not play until a complete package is uploaded.",
    ]


def test_the_true_false_sample_lacks_nothing(db, media):
    package = services.import_package(sample(TRUE_FALSE))

    assert package.incomplete_libraries() == {}
    assert not H5PLibrary.objects.exclude(missing_files=[]).exists()


def test_the_migration_finds_the_missing_files_of_libraries_imported_before_it(db, media):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("courses.h5p.migrations.0003_library_missing_files")
    services.import_package(build_zip(incomplete_package_files()))
    H5PLibrary.objects.update(missing_files=[])
    # Libraries imported before 0003 were stored in <Name>-<major>.<minor>/, as 0004 records.
    for library in H5PLibrary.objects.all():
        move_to_legacy_folder(library)

    migration.record_missing_files(apps, None)

    assert hello().missing_files == ["dist/hello-book.js"]
    assert H5PLibrary.objects.get(machine_name="H5P.Base").missing_files == []
