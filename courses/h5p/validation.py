"""
Checking an uploaded .h5p before anything of it is written anywhere.

An .h5p is a ZIP archive: h5p.json (what the activity is and which libraries
it preloads), content/ (content.json and its media) and one folder per library
(`H5P.TrueFalse-1.6/library.json`, its scripts and styles). Everything here is
decided from the archive's central directory, plus the few JSON files and the
SVG and XML files (markup a browser could run script in), which are read with
a cap; no member is extracted, so a refused package costs little more than a
directory listing. The first problem found is reported, in words a trainer
can act on.
"""

import json
import lzma
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import H5PLibrary

# Settings, each overridable in the project's settings -----------------------------------------

# H5P's own default limits are per file; an archive has to be bounded as a whole
# too. 500 MB fits a course's worth of video in one activity, and a bit more than
# the largest packages trainers upload from h5p.org or Lumi.
MAX_UNCOMPRESSED_BYTES = getattr(settings, "H5P_MAX_UNCOMPRESSED_BYTES", 500 * 1024 * 1024)
# The interactive book sample has 931 members; 5000 leaves room for big books while
# keeping a directory-bomb (millions of empty entries) out.
MAX_FILES = getattr(settings, "H5P_MAX_FILES", 5000)
# Text, scripts and media compress at most about 10:1; 100:1 on a member large
# enough to matter is a bomb (a run of zeros deflates at about 1000:1).
MAX_COMPRESSION_RATIO = getattr(settings, "H5P_MAX_COMPRESSION_RATIO", 100)
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
# content.json of a large interactive book is a few hundred KB; a JSON file beyond
# this is parsed into far more memory than it takes on disk.
MAX_JSON_BYTES = getattr(settings, "H5P_MAX_JSON_BYTES", 16 * 1024 * 1024)

# H5P's default list of allowed extensions (H5PCore's "content whitelist"), lower case.
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf "
    "doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile vtt webvtt".split()
)
# Libraries bring code too: allowed in library folders only, never under content/.
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}
# Markup a browser renders as a document, where it could run script: each such
# member is parsed and refused if it carries active content (check_markup).
# HTML and XHTML are not allowed at all (not in the lists above).
MARKUP_EXTENSIONS = frozenset({"svg", "xml"})
# The sample's largest SVG (an icon font) is 360 KB.
MAX_MARKUP_BYTES = getattr(settings, "H5P_MAX_MARKUP_BYTES", 16 * 1024 * 1024)
# Elements that run script or embed a document, in any namespace.
ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# URL schemes that run script or load a document able to, once spaces and control characters
# (which browsers drop from a URL's scheme) are removed.
ACTIVE_URL = re.compile(r"(javascript|vbscript|livescript):|data:(text/html|application/xhtml|image/svg)", re.I)
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")

# "H5P.TrueFalse-1.6": the folder name of a library, as H5P and h5p-standalone spell it.
LIBRARY_FOLDER = re.compile(r"^(?P<machine_name>[\w.\-]{1,255})-(?P<major>\d{1,5})\.(?P<minor>\d{1,5})$")
MACHINE_NAME = re.compile(r"^[\w.\-]{1,255}$")
DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
# What reading a damaged archive member raises: a CRC mismatch or a bad local header
# (BadZipFile), a truncated stream (EOFError), corrupt deflate (zlib.error), bzip2
# (OSError) or lzma (LZMAError) data, an unsupported compression (NotImplementedError).
DAMAGED_MEMBER_ERRORS = (
    zipfile.BadZipFile, EOFError, NotImplementedError, zlib.error, OSError, lzma.LZMAError, RuntimeError, ValueError,
)
# The largest major, minor or patch version accepted: real libraries stay far below it,
# and it keeps the numbers inside every database's integer columns.
MAX_VERSION = 99999
# The library.json lists of files h5p-standalone loads from the library's folder.
PRELOADED_FIELDS = ("preloadedJs", "preloadedCss")


class PackageRefused(ValidationError):
    """Why a package cannot be imported: one problem, translated when it is shown."""

    def __init__(self, message, code="invalid_h5p", params=None):
        super().__init__(message, code=code, params=params)

    def __str__(self):
        return self.messages[0]


@dataclass
class BundledLibrary:
    """A library folder inside the package, with its parsed library.json and its members."""

    folder: str
    data: dict
    members: list = field(default_factory=list)
    # The files library.json preloads (preloadedJs, preloadedCss) that the archive lacks.
    missing: list = field(default_factory=list)

    @property
    def label(self):
        return library_label(self.key)

    @property
    def key(self):
        return (self.data["machineName"], int(self.data["majorVersion"]), int(self.data["minorVersion"]))

    @property
    def patch_version(self):
        return int(self.data["patchVersion"])


@dataclass
class ValidatedPackage:
    """What validate_package found: enough for the import to write files without looking again."""

    h5p_json: dict
    h5p_json_bytes: bytes
    main_library: tuple
    bundled: dict  # (machine name, major, minor) → BundledLibrary
    stored: dict  # (machine name, major, minor) → H5PLibrary, for dependencies the package relies on the store for
    needed: set  # every library the activity loads, transitively
    content_members: list

    @property
    def title(self):
        return self.h5p_json["title"]


def library_label(key):
    machine_name, major, minor = key
    return f"{machine_name}-{major}.{minor}"


def validate_package(file_obj):
    """
    Check an .h5p (a path or a binary file object, e.g. an upload) and return
    what it holds; raise PackageRefused naming the first problem.
    """
    with open_archive(file_obj) as archive:
        return validate_archive(archive)


class open_archive:
    """zipfile.ZipFile, with "not a ZIP" reported as a refusal rather than a crash."""

    def __init__(self, file_obj):
        self.file_obj = file_obj
        self.archive = None

    def __enter__(self):
        if hasattr(self.file_obj, "seek"):
            self.file_obj.seek(0)
        try:
            if not zipfile.is_zipfile(self.file_obj):
                raise zipfile.BadZipFile
            if hasattr(self.file_obj, "seek"):
                self.file_obj.seek(0)
            self.archive = zipfile.ZipFile(self.file_obj)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
            raise PackageRefused(_("The file is not an H5P package: it is not a ZIP archive.")) from None
        return self.archive

    def __exit__(self, *exc_info):
        self.archive.close()
        return False


def validate_archive(archive):
    entries = archive.infolist()
    content_members, library_members = check_entries(entries)

    h5p_json_bytes = read_capped(archive, "h5p.json", missing=PackageRefused(_("The package has no h5p.json file.")))
    h5p_json = parse_json("h5p.json", h5p_json_bytes)
    check_no_nul("h5p.json", h5p_json)
    if not isinstance(h5p_json, dict):
        raise lacks("h5p.json", "title")
    title = h5p_json.get("title")
    if not isinstance(title, str) or not title.strip():
        raise lacks("h5p.json", "title")
    main_name = h5p_json.get("mainLibrary")
    if not isinstance(main_name, str) or not MACHINE_NAME.match(main_name):
        raise lacks("h5p.json", "mainLibrary")
    preloaded = dependency_keys("h5p.json", h5p_json)

    parse_json(
        "content/content.json",
        read_capped(
            archive,
            "content/content.json",
            missing=PackageRefused(_("The package has no content/content.json file.")),
        ),
    )

    main_library = next((key for key in preloaded if key[0] == main_name), None)
    if main_library is None:
        raise PackageRefused(
            _("The main library %(library)s is not among the package's preloaded dependencies."),
            params={"library": main_name},
        )

    bundled = {}
    for folder, members in library_members.items():
        library = read_library(archive, folder, members)
        bundled[library.key] = library
    for info in [*content_members, *(info for members in library_members.values() for info in members)]:
        if info.filename.rpartition(".")[2].lower() in MARKUP_EXTENSIONS:
            check_markup(info.filename, read_capped(archive, info.filename, missing=damaged(info.filename),
                                                    limit=MAX_MARKUP_BYTES))

    stored = {
        row.key: row
        for row in H5PLibrary.objects.filter(
            machine_name__in={key[0] for key in preloaded}
            | {dependency[0] for library in bundled.values() for dependency in library_dependencies(library)}
        )
    }
    # The activity's own libraries first (a missing one is the package's fault),
    # then every bundled library's, editor widgets included.
    needed = resolve([(key, None) for key in preloaded], bundled, stored, set())
    checked = set(needed)
    for key in bundled:
        resolve([(key, None)], bundled, stored, checked)
    return ValidatedPackage(
        h5p_json=h5p_json,
        h5p_json_bytes=h5p_json_bytes,
        main_library=main_library,
        bundled=bundled,
        stored={key: row for key, row in stored.items() if key not in bundled},
        needed=needed,
        content_members=content_members,
    )


def resolve(pending, bundled, stored, seen):
    """Follow preloadedDependencies from `pending`, in the package or the store; add what is found to `seen`."""
    while pending:
        key, needed_by = pending.pop(0)
        if key in seen:
            continue
        if key in bundled:
            dependencies = library_dependencies(bundled[key])
        else:
            if key not in stored:
                # A dependency of a stored library, which the first query did not fetch.
                row = H5PLibrary.objects.filter(machine_name=key[0], major_version=key[1], minor_version=key[2]).first()
                if row is not None:
                    stored[key] = row
            if key not in stored:
                if needed_by is None:
                    raise PackageRefused(
                        _("The package needs the library %(library)s, which it does not contain."),
                        params={"library": library_label(key)},
                    )
                raise PackageRefused(
                    _("The library %(library)s needs the library %(dependency)s, which the package does not contain."),
                    params={"library": library_label(needed_by), "dependency": library_label(key)},
                )
            dependencies = dependency_keys(library_label(key), stored[key].library_json, strict=False)
        seen.add(key)
        pending.extend((dependency, key) for dependency in dependencies)
    return seen


def check_entries(entries):
    """Every member's name, type and size, from the central directory only."""
    if len(entries) > MAX_FILES:
        raise PackageRefused(_("The package holds more than %(limit)s files."), params={"limit": MAX_FILES})
    seen = set()
    total = 0
    content_members = []
    library_members = {}
    for info in entries:
        name = info.filename
        check_name(info)
        if name in seen:
            raise PackageRefused(_("The package contains the file %(name)s twice."), params={"name": name})
        seen.add(name)
        if info.flag_bits & 0x1:
            raise PackageRefused(_("The package contains an encrypted file: %(name)s."), params={"name": name})

        total += info.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise PackageRefused(
                _("The package is too large once unpacked (more than %(limit)s MB)."),
                params={"limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)},
            )
        if info.file_size > RATIO_CHECKED_ABOVE_BYTES and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise PackageRefused(
                _("The file %(name)s is compressed more than %(ratio)s to 1, as a ZIP bomb is."),
                params={"name": name, "ratio": MAX_COMPRESSION_RATIO},
            )

        if info.is_dir():
            continue
        parts = name.split("/")
        top = parts[0]
        in_library = len(parts) > 1 and top != "content"
        extension = parts[-1].rpartition(".")[2].lower() if "." in parts[-1] else ""
        allowed = LIBRARY_EXTENSIONS if in_library else CONTENT_EXTENSIONS
        if extension not in allowed:
            raise PackageRefused(
                _("The package contains a file of a type that is not allowed: %(name)s."), params={"name": name}
            )
        # Hidden files and macOS's resource forks are left out, as H5P does.
        if any(part.startswith(".") for part in parts) or top == "__MACOSX":
            continue
        if top == "content" and len(parts) > 1:
            content_members.append(info)
        elif in_library:
            library_members.setdefault(top, []).append(info)
        # Other top-level files (h5p.json, H5P_CONTENT_HERE.txt) are not library or content files.
    return content_members, library_members


def check_name(info):
    name = info.filename
    if name.startswith(("/", "\\")) or "\\" in name or DRIVE_LETTER.match(name):
        raise PackageRefused(_("The package contains a file with an absolute path: %(name)s."), params={"name": name})
    if ".." in name.split("/"):
        raise PackageRefused(
            _("The package contains a path that leads outside it: %(name)s."), params={"name": name}
        )
    # Zips made on Unix keep the file mode in the top 16 bits of external_attr.
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageRefused(_("The package contains a symbolic link: %(name)s."), params={"name": name})


def read_capped(archive, name, missing, limit=None):
    """A member's bytes, reading at most limit + 1 of them: the declared size is not trusted. `missing` is raised if absent."""
    limit = MAX_JSON_BYTES if limit is None else limit
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise missing from None
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except DAMAGED_MEMBER_ERRORS:
        raise damaged(name) from None
    if len(data) > limit:
        raise PackageRefused(
            _("The file %(name)s is larger than %(limit)s MB."), params={"name": name, "limit": limit // (1024 * 1024)}
        )
    return data


def damaged(name):
    return PackageRefused(_("The package is damaged: %(name)s cannot be read."), params={"name": name})


def parse_json(name, data):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageRefused(_("The file %(name)s is not valid JSON."), params={"name": name}) from None


def check_no_nul(name, data):
    """
    Refuse a NUL character in any string or key of a parsed JSON file that is
    kept in the database: PostgreSQL cannot store one in text or jsonb.
    """
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise PackageRefused(
                    _("The file %(name)s is not valid: it contains a NUL character."), params={"name": name}
                )
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)


def lacks(name, field_name):
    return PackageRefused(
        _("The file %(name)s lacks a valid “%(field)s”."), params={"name": name, "field": field_name}
    )


def version_number(value):
    """
    H5P writes versions as numbers in library.json and as strings in h5p.json;
    None unless it is a whole number from 0 to MAX_VERSION.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value <= MAX_VERSION:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 5:
        return int(value)
    return None


def dependency_keys(name, data, strict=True):
    """The (machine name, major, minor) of each preloaded dependency in an h5p.json or library.json."""
    dependencies = data.get("preloadedDependencies", [] if not strict or name != "h5p.json" else None)
    if not isinstance(dependencies, list) or (name == "h5p.json" and not dependencies):
        raise lacks(name, "preloadedDependencies")
    keys = []
    for dependency in dependencies:
        if not isinstance(dependency, dict):
            raise lacks(name, "preloadedDependencies")
        machine_name = dependency.get("machineName")
        major = version_number(dependency.get("majorVersion"))
        minor = version_number(dependency.get("minorVersion"))
        if not isinstance(machine_name, str) or not MACHINE_NAME.match(machine_name) or major is None or minor is None:
            raise lacks(name, "preloadedDependencies")
        keys.append((machine_name, major, minor))
    return keys


def library_dependencies(library):
    return dependency_keys(f"{library.folder}/library.json", library.data, strict=False)


def read_library(archive, folder, members):
    """A library folder's library.json, which must name the library the folder is named after."""
    json_name = f"{folder}/library.json"
    match = LIBRARY_FOLDER.match(folder)
    if not match:
        raise PackageRefused(
            _("The folder %(name)s is not named like a library (Name-major.minor)."), params={"name": folder}
        )
    data = parse_json(
        json_name,
        read_capped(
            archive,
            json_name,
            missing=PackageRefused(
                _("The folder %(name)s is not a library: it has no library.json."), params={"name": folder}
            ),
        ),
    )
    if not isinstance(data, dict):
        raise lacks(json_name, "machineName")
    check_no_nul(json_name, data)
    if not isinstance(data.get("machineName"), str) or not MACHINE_NAME.match(data["machineName"]):
        raise lacks(json_name, "machineName")
    for version in ("majorVersion", "minorVersion", "patchVersion"):
        number = version_number(data.get(version))
        if number is None:
            raise lacks(json_name, version)
        data[version] = number
    found = (data["machineName"], data["majorVersion"], data["minorVersion"])
    expected = (match["machine_name"], int(match["major"]), int(match["minor"]))
    if found != expected:
        raise PackageRefused(
            _("The library folder %(name)s holds the library.json of %(library)s."),
            params={"name": folder, "library": library_label(found)},
        )
    dependency_keys(json_name, data, strict=False)  # refuses a malformed list now, with the file's name
    present = {info.filename[len(folder) + 1:] for info in members}
    missing = [path for path in preloaded_files(json_name, data) if path not in present]
    return BundledLibrary(folder=folder, data=data, members=members, missing=missing)


def preloaded_files(name, data):
    """
    The paths a library.json lists in preloadedJs and preloadedCss, relative to
    its folder; refuses a path that could lead the player outside the folder.
    """
    paths = []
    for field_name in PRELOADED_FIELDS:
        entries = data.get(field_name, [])
        if not isinstance(entries, list):
            raise lacks(name, field_name)
        for entry in entries:
            path = entry.get("path") if isinstance(entry, dict) else None
            if not isinstance(path, str) or not path:
                raise lacks(name, field_name)
            if not safe_relative_path(path):
                raise PackageRefused(
                    _("The file %(name)s lists an unsafe path in “%(field)s”: %(path)s."),
                    params={"name": name, "field": field_name, "path": path},
                )
            if path not in paths:
                paths.append(path)
    return paths


def safe_relative_path(path):
    """A relative path with forward slashes, no "..", "." or empty segment and no control characters."""
    if path.startswith("/") or "\\" in path or DRIVE_LETTER.match(path):
        return False
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


class MarkupScanner:
    """A parser target that stops at the first thing in an SVG or XML file that could run script."""

    def __init__(self, name):
        self.name = name

    def active(self):
        return PackageRefused(
            _(
                "The file %(name)s contains active content (a script, an event handler, a javascript: link "
                "or embedded HTML), which H5P files may not carry."
            ),
            params={"name": self.name},
        )

    def start(self, tag, attributes):
        namespace, _brace, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
        if local.lower() in ACTIVE_ELEMENTS or namespace == XHTML_NAMESPACE:
            raise self.active()
        for attribute, value in attributes.items():
            attribute = attribute.rpartition("}")[2].lower()
            # An event handler, or an animation that would set one (<set attributeName="onclick" to="…">).
            if attribute.startswith("on") or (attribute == "attributename" and value.strip().lower().startswith("on")):
                raise self.active()
            if ACTIVE_URL.search(URL_NOISE.sub("", value)):
                raise self.active()

    def pi(self, target, data):
        # <?xml-stylesheet?> can apply XSLT, which writes HTML, scripts included.
        if target.lower() == "xml-stylesheet":
            raise self.active()

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        return None


def check_markup(name, data):
    """
    Refuse an SVG or XML file that could run script when opened: script,
    foreignObject and XHTML elements, event-handler attributes, javascript:
    and document data: URLs, XSLT stylesheets. Entity declarations (bombs) and
    markup that is not well-formed (a browser runs what precedes the error)
    are refused too.
    """
    parser = DefusedXMLParser(target=MarkupScanner(name), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        parser.close()
    except DefusedXmlException:
        raise PackageRefused(
            _("The file %(name)s declares XML entities, which H5P files never need."), params={"name": name}
        ) from None
    except (ParseError, ValueError):
        raise PackageRefused(
            _("The file %(name)s is not a well-formed SVG or XML file."), params={"name": name}
        ) from None
