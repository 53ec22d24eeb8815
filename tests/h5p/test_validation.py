"""Hostile and broken packages: each refused with its reason, before anything is written."""

import io
import json
import stat
import warnings
import zipfile

import pytest
from django.utils import translation

from courses.h5p import services, validation
from courses.h5p.models import H5PLibrary, H5PPackage
from courses.h5p.validation import PackageRefused, validate_package

from .conftest import build_zip, files_under, library_json, package_files


def symlink(name, target):
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target


def zeros_bomb():
    """20 MB of zeros, deflated to about 20 KB: written in chunks, so the test stays light."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_files().items():
            archive.writestr(name, data or b"")
        with archive.open("content/zeros.txt", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    buffer.seek(0)
    return buffer


def declared_two_gigabytes():
    """A small member whose central-directory entry claims 2 GB (the local header tells the truth)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_files().items():
            archive.writestr(name, data or b"")
        archive.writestr("content/video.mp4", b"not really a video")
        archive.getinfo("content/video.mp4").file_size = 2 * 1024**3
    buffer.seek(0)
    return buffer


def not_json(name):
    return build_zip(package_files(extra={name: "{ this is not json"}))


CASES = {
    "not a zip": (lambda: io.BytesIO(b"<?php echo 'hello'; ?>" * 50), "it is not a ZIP archive"),
    "empty file": (lambda: io.BytesIO(b""), "it is not a ZIP archive"),
    "truncated zip": (lambda: io.BytesIO(build_zip(package_files()).getvalue()[:-30]), "it is not a ZIP archive"),
    "zip slip": (
        lambda: build_zip(package_files(extra={"../evil.js": "alert(1)"})),
        "a path that leads outside it: ../evil.js",
    ),
    "zip slip inside a library": (
        lambda: build_zip(package_files(extra={"H5P.Hello-1.0/../../evil.js": "alert(1)"})),
        "a path that leads outside it: H5P.Hello-1.0/../../evil.js",
    ),
    "absolute path": (
        lambda: build_zip(package_files(extra={"/etc/x.json": "{}"})),
        "a file with an absolute path: /etc/x.json",
    ),
    "windows drive": (
        lambda: build_zip(package_files(extra={"C:/Windows/x.json": "{}"})),
        "a file with an absolute path: C:/Windows/x.json",
    ),
    "backslash": (
        lambda: build_zip(package_files(extra={"content\\..\\..\\x.json": "{}"})),
        "a file with an absolute path",
    ),
    "symlink": (
        lambda: build_zip(package_files(extra={"content/passwd.json": symlink("content/passwd.json", "/etc/passwd")})),
        "a symbolic link: content/passwd.json",
    ),
    "php": (
        lambda: build_zip(package_files(extra={"content/shell.php": "<?php system($_GET['c']);"})),
        "not allowed: content/shell.php",
    ),
    "exe in a library": (
        lambda: build_zip(package_files(extra={"H5P.Hello-1.0/setup.exe": b"MZ"})),
        "not allowed: H5P.Hello-1.0/setup.exe",
    ),
    "script in the content": (
        lambda: build_zip(package_files(extra={"content/evil.js": "alert(1)"})),
        "not allowed: content/evil.js",
    ),
    "script at the top": (lambda: build_zip(package_files(extra={"evil.js": "alert(1)"})), "not allowed: evil.js"),
    "no extension": (lambda: build_zip(package_files(extra={"content/README": "x"})), "not allowed: content/README"),
    "zip bomb": (zeros_bomb, "content/zeros.txt is compressed more than 100 to 1"),
    "two gigabytes declared": (declared_two_gigabytes, "too large once unpacked (more than 500 MB)"),
    "missing h5p.json": (lambda: build_zip(package_files(drop=["h5p.json"])), "has no h5p.json"),
    "invalid h5p.json": (lambda: not_json("h5p.json"), "h5p.json is not valid JSON"),
    "h5p.json without title": (
        lambda: build_zip(package_files(extra={"h5p.json": json.dumps({"mainLibrary": "H5P.Hello"})})),
        "h5p.json lacks a valid “title”",
    ),
    "h5p.json without dependencies": (
        lambda: build_zip(package_files(extra={"h5p.json": json.dumps({"title": "x", "mainLibrary": "H5P.Hello"})})),
        "h5p.json lacks a valid “preloadedDependencies”",
    ),
    "missing content.json": (
        lambda: build_zip(package_files(drop=["content/content.json"])),
        "has no content/content.json",
    ),
    "invalid content.json": (lambda: not_json("content/content.json"), "content/content.json is not valid JSON"),
    "main library not preloaded": (
        lambda: build_zip(
            package_files(
                extra={
                    "h5p.json": json.dumps(
                        {
                            "title": "x",
                            "mainLibrary": "H5P.Other",
                            "preloadedDependencies": [
                                {"machineName": "H5P.Hello", "majorVersion": "1", "minorVersion": "0"}
                            ],
                        }
                    )
                }
            )
        ),
        "main library H5P.Other is not among",
    ),
    "missing library": (
        lambda: build_zip(
            package_files(
                extra={
                    "h5p.json": json.dumps(
                        {
                            "title": "x",
                            "mainLibrary": "H5P.Hello",
                            "preloadedDependencies": [
                                {"machineName": "H5P.Hello", "majorVersion": "1", "minorVersion": "0"},
                                {"machineName": "H5P.Question", "majorVersion": "1", "minorVersion": "4"},
                            ],
                        }
                    )
                }
            )
        ),
        "The package needs the library H5P.Question-1.4, which it does not contain.",
    ),
    "missing dependency of a library": (
        lambda: build_zip(package_files(drop=["H5P.Base-1.2/library.json", "H5P.Base-1.2/hello.js"])),
        "The library H5P.Hello-1.0 needs the library H5P.Base-1.2, which the package does not contain.",
    ),
    "library folder without library.json": (
        lambda: build_zip(package_files(drop=["H5P.Base-1.2/library.json"])),
        "H5P.Base-1.2 is not a library: it has no library.json",
    ),
    "library.json of another library": (
        lambda: build_zip(
            package_files(extra={"H5P.Base-1.2/library.json": json.dumps(library_json("H5P.Base", 1, 3))})
        ),
        "H5P.Base-1.2 holds the library.json of H5P.Base-1.3",
    ),
    "library.json without patch version": (
        lambda: build_zip(
            package_files(
                extra={
                    "H5P.Base-1.2/library.json": json.dumps(
                        {k: v for k, v in library_json("H5P.Base", 1, 2).items() if k != "patchVersion"}
                    )
                }
            )
        ),
        "H5P.Base-1.2/library.json lacks a valid “patchVersion”",
    ),
    "invalid library.json": (lambda: not_json("H5P.Base-1.2/library.json"), "H5P.Base-1.2/library.json is not valid"),
    "badly named library folder": (
        lambda: build_zip(package_files(extra={"scripts/x.js": "1"})),
        "The folder scripts is not named like a library",
    ),
    "same name twice": (lambda: duplicate_member(), "content/images/anh.png twice"),
    # PostgreSQL stores neither a NUL character in text or jsonb nor a version beyond its integer columns.
    "NUL character in h5p.json": (
        lambda: build_zip(package_files(title="Xin\u0000chào")),
        "The file h5p.json is not valid: it contains a NUL character",
    ),
    "NUL character in a library.json": (
        lambda: build_zip(package_files(extra={"H5P.Base-1.2/library.json": json.dumps(
            {**library_json("H5P.Base", 1, 2), "title": "Ba\u0000se"}
        )})),
        "The file H5P.Base-1.2/library.json is not valid: it contains a NUL character",
    ),
    "NUL character in a library.json key": (
        lambda: build_zip(package_files(extra={"H5P.Base-1.2/library.json": json.dumps(
            {**library_json("H5P.Base", 1, 2), "x\u0000": 1}
        )})),
        "H5P.Base-1.2/library.json is not valid: it contains a NUL character",
    ),
    "patch version beyond a 32-bit integer": (
        lambda: build_zip(package_files(extra={"H5P.Base-1.2/library.json": json.dumps(
            {**library_json("H5P.Base", 1, 2), "patchVersion": 3_000_000_000}
        )})),
        "H5P.Base-1.2/library.json lacks a valid “patchVersion”",
    ),
    "patch version beyond a 64-bit integer": (
        lambda: build_zip(package_files(extra={"H5P.Base-1.2/library.json": json.dumps(
            {**library_json("H5P.Base", 1, 2), "patchVersion": 10**20}
        )})),
        "H5P.Base-1.2/library.json lacks a valid “patchVersion”",
    ),
    "dependency version beyond the limit": (
        lambda: build_zip(package_files(extra={"H5P.Base-1.2/library.json": json.dumps(
            {**library_json("H5P.Base", 1, 2), "preloadedDependencies": [
                {"machineName": "H5P.X", "majorVersion": 100000, "minorVersion": 0}
            ]}
        )})),
        "H5P.Base-1.2/library.json lacks a valid “preloadedDependencies”",
    ),
}


def duplicate_member():
    buffer = build_zip(package_files())
    with zipfile.ZipFile(buffer, "a") as archive:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            archive.writestr("content/images/anh.png", b"second")
    buffer.seek(0)
    return buffer


def refusal(file_obj):
    with translation.override("en"), pytest.raises(PackageRefused) as refused:
        validate_package(file_obj)
    with translation.override("en"):
        return str(refused.value)


@pytest.mark.parametrize("case", CASES)
def test_a_bad_package_is_refused_with_its_reason_and_leaves_nothing(db, media, case):
    build, expected = CASES[case]

    assert expected in refusal(build())

    with pytest.raises(PackageRefused):
        services.import_package(build())
    assert H5PLibrary.objects.count() == 0
    assert H5PPackage.objects.count() == 0
    assert files_under(media) == []


def test_a_bomb_is_refused_without_being_inflated(db, media, monkeypatch):
    opened = []
    real_open = zipfile.ZipFile.open

    def recording_open(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    bomb = zeros_bomb()
    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)

    with pytest.raises(PackageRefused):
        services.import_package(bomb)
    assert opened == []


def test_the_file_count_is_limited(db, media, monkeypatch):
    monkeypatch.setattr(validation, "MAX_FILES", 5)

    assert "more than 5 files" in refusal(build_zip(package_files()))


def test_json_is_read_with_a_cap_whatever_the_directory_says(db, media, monkeypatch):
    monkeypatch.setattr(validation, "MAX_JSON_BYTES", 1000)
    big = json.dumps({"text": "x" * 5000})

    assert "content/content.json is larger than" in refusal(build_zip(package_files(extra={"content/content.json": big})))


def test_a_member_damaged_after_the_directory_is_refused_and_what_was_written_is_deleted(db, media):
    """A CRC mismatch only shows when the member is read, after other files were already written."""
    files = package_files()
    buffer = build_zip({**files, "content/z-last.txt": "nội dung hỏng"}, compression=zipfile.ZIP_STORED)
    data = bytearray(buffer.getvalue())
    where = data.rfind("nội dung hỏng".encode())
    data[where] ^= 0xFF

    with translation.override("en"), pytest.raises(PackageRefused, match="damaged: content/z-last.txt"):
        services.import_package(io.BytesIO(bytes(data)))
    assert H5PLibrary.objects.count() == 0
    assert H5PPackage.objects.count() == 0
    assert files_under(media) == []


def test_a_valid_package_passes(db):
    package = validate_package(build_zip(package_files()))

    assert package.title == "Xin chào"
    assert package.main_library == ("H5P.Hello", 1, 0)
    assert set(package.bundled) == {("H5P.Hello", 1, 0), ("H5P.Base", 1, 2)}
    assert package.needed == {("H5P.Hello", 1, 0), ("H5P.Base", 1, 2)}
    assert [info.filename for info in package.content_members] == ["content/content.json", "content/images/anh.png"]


def test_a_dependency_may_come_from_the_store(db, media):
    services.import_package(build_zip(package_files()))

    package = validate_package(build_zip(package_files(drop=["H5P.Base-1.2/library.json", "H5P.Base-1.2/hello.js"])))

    assert ("H5P.Base", 1, 2) in package.stored


def corrupt_stream(buffer, name, junk=b"\x00" * 4 + b"\xff" * 40):
    """The archive with the start of one member's compressed data overwritten: the decompressor fails on it."""
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(name)
    offset = info.header_offset
    start = offset + 30 + int.from_bytes(data[offset + 26:offset + 28], "little") + int.from_bytes(
        data[offset + 28:offset + 30], "little"
    )
    data[start:start + len(junk)] = junk
    return io.BytesIO(bytes(data))


@pytest.mark.parametrize(
    "compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["deflate", "bzip2", "lzma"]
)
@pytest.mark.parametrize("name", ["content/big.json", "H5P.Hello-1.0/hello.js", "content/content.json"])
def test_corrupt_compressed_data_is_refused_as_damaged_and_leaves_nothing(db, media, compression, name):
    """zlib.error, bz2's OSError and lzma.LZMAError are a damaged package, not a crash."""
    big = json.dumps({"x": list(range(2000))})
    files = package_files(extra={"content/big.json": big, "H5P.Hello-1.0/hello.js": big.replace("x", "H5P")})
    damaged = corrupt_stream(build_zip(files, compression=compression), name)

    with translation.override("en"), pytest.raises(PackageRefused, match=f"damaged: {name}"):
        services.import_package(damaged)
    assert H5PLibrary.objects.count() == 0 and H5PPackage.objects.count() == 0
    assert files_under(media) == []


def test_writing_a_member_whose_stream_is_corrupt_is_a_refusal_not_a_crash(db, media):
    """save_member on its own (the import reads members through first): the decompressor's error is a refusal."""
    big = json.dumps({"x": list(range(2000))})
    damaged = corrupt_stream(build_zip(package_files(extra={"content/big.json": big})), "content/big.json")
    written = []

    with zipfile.ZipFile(damaged) as archive, pytest.raises(PackageRefused):
        services.save_member(archive, archive.getinfo("content/big.json"), "h5p/content/x/big.json", written)
    services.delete_files(written)
