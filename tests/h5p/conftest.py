"""
Building .h5p archives in memory, and a fresh, empty media folder per test so
"nothing was left behind" can be checked by listing it.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest

# The real packages from h5p.org, shared by the team outside the repository.
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "h5p"
TRUE_FALSE = SAMPLES / "true-false-hello-world.h5p"
INTERACTIVE_BOOK = SAMPLES / "interactive-book.h5p"


def sample(path):
    if not path.is_file():
        pytest.skip(f"The H5P sample {path} is not there (the team's shared samples folder is missing).")
    return path


def library_json(machine_name="H5P.Hello", major=1, minor=0, patch=1, dependencies=(), runnable=1):
    return {
        "title": machine_name.split(".")[-1],
        "machineName": machine_name,
        "majorVersion": major,
        "minorVersion": minor,
        "patchVersion": patch,
        "runnable": runnable,
        "preloadedJs": [{"path": "hello.js"}],
        "preloadedDependencies": [
            {"machineName": name, "majorVersion": dep_major, "minorVersion": dep_minor}
            for name, dep_major, dep_minor in dependencies
        ],
    }


def package_files(title="Xin chào", patch=1, script="H5P.Hello = 1;", extra=None, drop=()):
    """A small valid package: H5P.Hello-1.0 (main) needing H5P.Base-1.2, both bundled."""
    h5p_json = {
        "title": title,
        "mainLibrary": "H5P.Hello",
        "language": "vi",
        "embedTypes": ["div"],
        # Versions as strings, as real exports write them.
        "preloadedDependencies": [{"machineName": "H5P.Hello", "majorVersion": "1", "minorVersion": "0"}],
    }
    files = {
        "h5p.json": json.dumps(h5p_json),
        "content/": None,
        "content/content.json": json.dumps({"question": "<p>Đúng hay sai?</p>", "correct": "true"}),
        "content/images/anh.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
        "H5P.Hello-1.0/": None,
        "H5P.Hello-1.0/library.json": json.dumps(library_json(patch=patch, dependencies=[("H5P.Base", 1, 2)])),
        "H5P.Hello-1.0/hello.js": script,
        "H5P.Hello-1.0/styles/hello.css": ".h5p-hello { color: #0b5cad; }",
        "H5P.Base-1.2/library.json": json.dumps(library_json("H5P.Base", 1, 2, runnable=0)),
        "H5P.Base-1.2/hello.js": "H5P.Base = 1;",
    }
    for name in drop:
        files.pop(name)
    files.update(extra or {})
    return files


def build_zip(files, compression=zipfile.ZIP_DEFLATED):
    """An archive from {name: text, bytes, None for a folder, or a ZipInfo-ready (ZipInfo, bytes) pair}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            if isinstance(data, tuple):
                info, payload = data
                archive.writestr(info, payload)
            elif data is None:
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, data)
    buffer.seek(0)
    return buffer


@pytest.fixture
def media(settings, tmp_path):
    """An empty MEDIA_ROOT for this test alone (default_storage follows the setting)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def files_under(folder):
    folder = Path(folder)
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def incomplete_package_files(title="Sách thiếu tệp", complete=False, patch=1, script_path="dist/hello-book.js"):
    """
    package_files() whose H5P.Hello-1.0 library.json also preloads script_path,
    which the archive lacks unless complete: as in exports that leave built files out.
    """
    data = library_json(patch=patch, dependencies=[("H5P.Base", 1, 2)])
    data["preloadedJs"].append({"path": script_path})
    extra = {"H5P.Hello-1.0/library.json": json.dumps(data)}
    if complete:
        extra[f"H5P.Hello-1.0/{script_path}"] = "H5P.HelloBook = 1;"
    return package_files(title=title, patch=patch, extra=extra)


def move_to_legacy_folder(library):
    """
    A library as stored before patch folders: its files moved to
    h5p/libraries/<Name>-<major>.<minor>/ and its row pointing there, as
    migration 0004 leaves the libraries it finds.
    """
    from django.core.files.storage import default_storage

    from courses.h5p.services import delete_tree, stored_names

    old_prefix = library.storage_prefix
    library.storage_folder = library.folder_name
    for name in sorted(stored_names(old_prefix)):
        with default_storage.open(old_prefix + name, "rb") as stored:
            default_storage.save(library.storage_prefix + name, stored)
    delete_tree(old_prefix)
    library.save(update_fields=["storage_folder"])
    return library
