"""The import_h5p management command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from courses.h5p.models import H5PLibrary, H5PPackage
from courses.models import LessonPage
from tests.conftest import manage_in_a_new_process

from .conftest import TRUE_FALSE, build_zip, files_under, package_files, sample


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_prints_what_it_imported(db, media):
    out = run("import_h5p", str(sample(TRUE_FALSE)), "--title", "Xin chào thế giới")

    package = H5PPackage.objects.get()
    assert package.title == "Xin chào thế giới"
    assert out.startswith("Imported “Xin chào thế giới”")
    assert "H5P.TrueFalse-1.6" in out


def test_a_refused_package_is_a_command_error_naming_the_problem(db, media, tmp_path):
    path = tmp_path / "thieu-thu-vien.h5p"
    path.write_bytes(build_zip(package_files(drop=["H5P.Base-1.2/library.json", "H5P.Base-1.2/hello.js"])).getvalue())

    with translation.override("en"), pytest.raises(CommandError) as refused:
        run("import_h5p", str(path))

    assert str(refused.value) == (
        "Refused thieu-thu-vien.h5p: The library H5P.Hello-1.0 needs the library H5P.Base-1.2, "
        "which the package does not contain."
    )
    assert H5PLibrary.objects.count() == H5PPackage.objects.count() == 0
    assert files_under(media) == []


def test_the_command_exits_non_zero_with_a_one_line_reason(tmp_path):
    """The real process: status 1 and one line on stderr, in the site's language (Vietnamese)."""
    path = tmp_path / "khong-phai-zip.h5p"
    path.write_bytes(b"MZ\x90\x00 this is a Windows program, not an H5P package")
    # The file is refused before anything touches the (empty) database.
    finished = manage_in_a_new_process(tmp_path, "import_h5p", str(path))

    assert finished.returncode == 1
    assert finished.stderr.strip().count("\n") == 0
    assert finished.stderr.startswith("CommandError: Refused khong-phai-zip.h5p: ")
    assert "ZIP" in finished.stderr
    assert files_under(tmp_path / "media") == []


def test_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_h5p", str(tmp_path / "khong-co.h5p"))


def test_an_unknown_course_keeps_the_package_and_says_so(db, media, home):
    with pytest.raises(CommandError, match="not added to a course"):
        run("import_h5p", str(sample(TRUE_FALSE)), "--add-to-course", "khong-co")
    assert H5PPackage.objects.count() == 1


@pytest.mark.parametrize("sections", [0, 2])
def test_add_to_course_publishes_a_lesson_at_the_end(db, media, make_course, sections):
    course = make_course(slug="an-toan-so", lessons=2, sections=sections)

    out = run("import_h5p", str(sample(TRUE_FALSE)), "--add-to-course", "an-toan-so")

    package = H5PPackage.objects.get()
    lesson = LessonPage.objects.get(title="Hello World")
    parent = lesson.get_parent()
    if sections:
        assert parent.title == f"Phần {sections}"
    else:
        assert parent.pk == course.pk
    assert lesson.live
    assert lesson.get_prev_siblings().count() == 2 and not lesson.get_next_siblings().exists()
    assert lesson.completion_rule == "h5p"
    block = lesson.body[0]
    assert block.block_type == "h5p"
    assert block.value["pass_threshold"] == 60
    assert block.value["package"] == package
    assert "Published the lesson" in out


def test_a_course_that_may_not_take_the_lesson_keeps_the_package_and_says_so(db, media, make_course, tmp_path):
    """An empty course with a certificate: the H5P lesson alone would make it rest on H5P scores."""
    make_course(slug="trong", lessons=0)
    path = tmp_path / "goi.h5p"
    path.write_bytes(build_zip(package_files()).getvalue())

    with translation.override("en"), pytest.raises(CommandError) as refused:
        run("import_h5p", str(path), "--add-to-course", "trong")

    message = str(refused.value)
    assert message.startswith("The package was imported, but not added to a course: ")
    assert "H5P" in message and "\n" not in message and "[" not in message
    assert refused.value.returncode == 1
    assert H5PPackage.objects.count() == 1
    assert not LessonPage.objects.filter(completion_rule="h5p").exists()
