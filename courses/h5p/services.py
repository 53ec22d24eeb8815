"""
Importing and deleting H5P packages: what the admin's upload form, the
import_h5p command and the tests all call.

Files go through Django's default_storage and nothing else (no filesystem
paths), so media can live on S3-compatible storage. An import is all or
nothing as far as rows and its own files go: it validates, records rows in one
transaction, reads every member it will write through, and only then writes;
if anything fails, every file it wrote is deleted again. A newer patch of a
stored library is written into a folder of its own and the old patch's folder
is deleted only once the import has committed, so a failure at any point,
a storage I/O error while writing included, leaves the stored library as it was.

Libraries are shared: a library's scripts run in every lesson that uses it,
in every learner's browser. Installing a new one, upgrading one to a newer
patch, repairing or otherwise changing one is therefore for those with
h5p.install_shared_library (training managers, superusers) and for the
operator's own imports (no user); anyone else's package must run on the
installed libraries as they are, or it is refused before anything is written.
"""

import hashlib
import logging
import os
import uuid

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lms.slugs import slugify

from . import validation
from .models import CONTENT_PREFIX, LIBRARIES_PREFIX, H5PLibrary, H5PPackage
from .validation import DAMAGED_MEMBER_ERRORS, damaged, open_archive

logger = logging.getLogger(__name__)

# What a lesson made by add_lesson_to_course asks of the learner's score (percent).
DEFAULT_PASS_THRESHOLD = 60
INSTALL_PERMISSION = "h5p.install_shared_library"


def may_install_libraries(user):
    """
    Whether an import by `user` may install, upgrade or change shared
    libraries. No user is the operator (the import_h5p command, the demo
    loader): they already hold the server.
    """
    return user is None or user.has_perm(INSTALL_PERMISSION)


def import_package(file_obj, title=None, user=None):
    """
    Validate an .h5p (a path or a binary file object) and store it: new or
    upgraded libraries in the shared store, the package's h5p.json and content/
    under a fresh prefix. Returns the H5PPackage; raises PackageRefused.

    `user` is who uploads it (None: the operator). Without
    h5p.install_shared_library, a package that would add a library to the
    store, upgrade one, or bring a copy of an installed version that differs
    from it is refused, saying who may install it, and nothing is written.

    In three steps, so that nothing already stored is deleted while anything
    that can refuse the package is still to come: (1) every row is created,
    locked or updated (a concurrent import's unique-constraint violation shows
    here); (2) every archive member that will be written, content and
    libraries alike, is read through so zipfile checks its CRC; (3) only then
    is everything written. A new library, or a newer patch of a stored one,
    goes into a folder of its own (h5p/libraries/<Name>-<major>.<minor>.<patch>/);
    an upgraded library's old folder is deleted after the transaction commits.

    A refusal, or any failure at any step (a storage I/O error while writing
    included), rolls the rows back, deletes every file and folder this import
    wrote, and leaves the stored libraries, upgraded ones included, with the
    rows and files they had.

    Call it outside any transaction of your own: files cannot be rolled back,
    so a caller's later rollback would leave this import's files orphaned.
    """
    written = []
    # The folders only this import created: removed whole on failure, empty subfolders included.
    folders = [f"{CONTENT_PREFIX}{uuid.uuid4().hex}/"]
    prefix = folders[0]
    try:
        with open_archive(file_obj) as archive:
            package = validation.validate_archive(archive)
            with transaction.atomic():
                # 1. Rows.
                libraries, writes = prepare_libraries(package, folders, archive, may_install_libraries(user))
                h5p_package = H5PPackage.objects.create(
                    title=((title or "").strip() or package.title.strip())[:255],
                    uploaded_by=user,
                    main_library=libraries[package.main_library],
                    h5p_json=package.h5p_json,
                    storage_prefix=prefix,
                )
                h5p_package.libraries.set(
                    libraries[key] for key in sorted(package.needed | package.bundled.keys())
                )
                # 2. Every member to be written, read through before anything stored is deleted.
                check_members(archive, package.content_members)
                for write in writes:
                    write.record_hashes(check_members(archive, write.members))
                # 3. Files.
                for write in writes:
                    write.store(archive, written)
                save(f"{prefix}h5p.json", ContentFile(package.h5p_json_bytes), written)
                for info in package.content_members:
                    save_member(archive, info, prefix + info.filename, written)
    except IntegrityError:
        delete_files(written)
        for folder in folders:
            delete_tree(folder)
        # Another import created one of the same new libraries first (the unique constraint held).
        raise validation.PackageRefused(
            _("Another upload was storing the same H5P library at that moment. Upload the package again.")
        ) from None
    except BaseException:
        delete_files(written)
        for folder in folders:
            delete_tree(folder)
        raise
    return h5p_package


class LibraryWrite:
    """
    The files one library of the package adds to the store: all of them for a
    new library or a newer patch (replace=True: its folder, new to this import,
    is cleared first of any leftover of an aborted attempt), or only those the
    stored copy lacks, for a repair.
    """

    def __init__(self, row, replace, members):
        self.row = row
        self.replace = replace
        self.members = members  # (archive member, path under the library's folder)

    def record_hashes(self, hashes):
        """The row's manifest after the write: these files' hashes, beside the stored ones a repair keeps."""
        self.row.file_hashes = hashes if self.replace else {**self.row.file_hashes, **hashes}
        self.row.save(update_fields=["file_hashes"])

    def store(self, archive, written):
        if self.replace:
            # The patch's folder is normally absent; an aborted earlier attempt may have left files in it.
            delete_tree(self.row.storage_prefix)
        for info, path in self.members:
            save_member(archive, info, self.row.storage_prefix + path, written)


def prepare_libraries(package, new_folders, archive, may_install):
    """
    The H5PLibrary row of every library the package brings or needs, with the
    rows of new, upgraded and repaired libraries created or updated (and
    locked), and the LibraryWrite of each library whose files must be written.
    Nothing is written or deleted here.

    Unless may_install, a library the package would add, upgrade or repair,
    or a bundled copy of an installed version whose files differ from the
    stored ones, is refused (PackageRefused) instead: the decision is taken
    under the row's lock, so a concurrent import cannot slip a change past it.

    A new patch replaces the stored one, unless it lacks preloaded files the
    stored copy has: the row points to the new patch's folder (listed in
    new_folders, so a failure removes it) and the old folder is deleted once
    the transaction commits. A package bringing the same (or a newer, kept-out) patch
    repairs a stored copy that lacks files this package carries: files are
    only added, never deleted or overwritten.

    Rows are created or locked before any file is written: a concurrent
    import of the same new library waits on the row (or fails on the unique
    constraint) instead of writing into the same folder.
    """
    libraries = {key: row for key, row in package.stored.items()}
    writes = []
    for key, bundled in sorted(package.bundled.items()):
        machine_name, major, minor = key
        row = (
            H5PLibrary.objects.select_for_update()
            .filter(machine_name=machine_name, major_version=major, minor_version=minor)
            .first()
        )
        fields = {
            "patch_version": bundled.patch_version,
            "title": str(bundled.data.get("title") or machine_name)[:255],
            "runnable": bool(bundled.data.get("runnable")),
            "library_json": bundled.data,
            "missing_files": list(bundled.missing),
        }
        folder_length = len(bundled.folder) + 1
        incoming = {info.filename[folder_length:]: info for info in bundled.members}
        if not may_install:
            refuse_library_change(archive, bundled, row, incoming)
        if row is None:
            # Its storage_folder is its patch's folder (H5PLibrary.save).
            row = H5PLibrary.objects.create(machine_name=machine_name, major_version=major, minor_version=minor, **fields)
            new_folders.append(row.storage_prefix)
            writes.append(LibraryWrite(row, True, [(info, path) for path, info in incoming.items()]))
        elif bundled.patch_version > row.patch_version and (row.missing_files or not bundled.missing):
            old_prefix = row.storage_prefix
            for name, value in fields.items():
                setattr(row, name, value)
            row.storage_folder = row.patch_folder_name
            row.save()
            logger.info("Upgrading H5P library %s to patch %s", row.folder_name, row.patch_version)
            if row.storage_prefix != old_prefix:
                # The new folder is this import's: removed on failure. The old one goes only once committed.
                new_folders.append(row.storage_prefix)
                transaction.on_commit(lambda prefix=old_prefix: delete_replaced_folder(prefix))
            # Otherwise (a row pointing at its own patch's folder already) the folder is replaced in place.
            writes.append(LibraryWrite(row, True, [(info, path) for path, info in incoming.items()]))
        elif bundled.patch_version >= row.patch_version and any(path in incoming for path in row.missing_files):
            present = stored_names(row.storage_prefix)
            added = [(info, path) for path, info in sorted(incoming.items()) if path not in present]
            row.missing_files = [path for path in row.missing_files if path not in incoming]
            row.save(update_fields=["missing_files"])
            logger.info("Repairing H5P library %s: adding %s files", row.folder_name, len(added))
            writes.append(LibraryWrite(row, False, added))
        elif bundled.patch_version > row.patch_version:
            logger.warning(
                "Kept H5P library %s at patch %s: patch %s in this package lacks %s",
                row.folder_name, row.patch_version, bundled.patch_version, ", ".join(bundled.missing),
            )
        # Otherwise the same or an older patch: the stored files serve this package as they are.
        libraries[key] = row
    return libraries, writes


def refuse_library_change(archive, bundled, row, incoming):
    """
    PackageRefused if the package's copy of a library would change the
    shared store: a library not installed, a newer patch, a file the stored
    copy lacks and would be repaired with, or a file whose bytes differ from
    the stored file of the same version. An older patch, or the installed one
    unchanged, is left alone: the stored files serve the package.
    """
    if row is None:
        raise validation.PackageRefused(
            _(
                "The package brings the H5P library %(library)s, which is not installed yet. A library's scripts "
                "run in learners' browsers, so only a training manager may install one: ask a training manager "
                "to upload this package."
            ),
            params={"library": bundled.label},
        )
    if bundled.patch_version > row.patch_version:
        raise validation.PackageRefused(
            _(
                "The package brings the H5P library %(library)s at patch %(patch)s, newer than the installed "
                "patch %(installed)s. A shared library runs in every lesson that uses it, so only a training "
                "manager may upgrade one: ask a training manager to upload this package."
            ),
            params={"library": bundled.label, "patch": bundled.patch_version, "installed": row.patch_version},
        )
    if bundled.patch_version < row.patch_version:
        return
    repairs = any(path in incoming for path in row.missing_files)
    stored = row.file_hashes
    compared = [(info, path) for path, info in sorted(incoming.items()) if path in stored]
    if repairs or any(stored[path] != digest for path, digest in check_members(archive, compared).items()):
        raise validation.PackageRefused(
            _(
                "The package's copy of the H5P library %(library)s (patch %(patch)s) differs from the installed "
                "one. A shared library runs in every lesson that uses it, so only a training manager may change "
                "one: ask a training manager to upload this package, or export it again with the installed library."
            ),
            params={"library": bundled.label, "patch": bundled.patch_version},
        )


def delete_replaced_folder(prefix):
    """
    After an upgrade committed: the older patch's folder. A failure is logged,
    never raised: the import has succeeded, and the folder is only left over.
    """
    folder = prefix.removeprefix(LIBRARIES_PREFIX).rstrip("/")
    if not prefix.startswith(LIBRARIES_PREFIX) or not folder or "/" in folder or folder in (".", ".."):
        logger.error("Not deleting %r: not a library folder", prefix)
        return
    try:
        delete_tree(prefix)
    except Exception:  # noqa: BLE001
        logger.exception("Could not delete the replaced H5P library folder %s", prefix)


def stored_names(prefix):
    """The names (relative to prefix) of every file stored under it, at any depth."""
    try:
        directories, files = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return set()
    names = set(files)
    for directory in directories:
        names.update(f"{directory}/{name}" for name in stored_names(f"{prefix}{directory}/"))
    return names


def incomplete_warnings(package):
    """One sentence per library of the package that lacks files: for the admin and the import_h5p command."""
    return [
        _(
            "Warning: the library %(library)s lacks %(files)s; "
            "the activity will not play until a complete package is uploaded."
        )
        % {"library": library, "files": ", ".join(paths)}
        for library, paths in package.incomplete_libraries().items()
    ]


def check_members(archive, members):
    """
    Read members (archive members, or (member, path) pairs) to their end, as
    writing would, so zipfile checks each CRC and the decompressor each stream;
    PackageRefused if one is damaged. Returns {path (or member name): SHA-256 hex}.
    """
    hashes = {}
    for entry in members:
        info, path = entry if isinstance(entry, tuple) else (entry, entry.filename)
        digest = hashlib.sha256()
        try:
            with archive.open(info) as member:
                while chunk := member.read(1024 * 1024):
                    digest.update(chunk)
        except DAMAGED_MEMBER_ERRORS as error:
            raise damaged(info.filename) from error
        hashes[path] = digest.hexdigest()
    return hashes


class MemberDamaged(Exception):
    """Reading an archive member failed: told apart from a storage error while writing it."""


class CheckedMember:
    """An open archive member whose read errors become MemberDamaged, whatever storage does with them."""

    def __init__(self, member):
        self.member = member

    def read(self, *args):
        try:
            return self.member.read(*args)
        except DAMAGED_MEMBER_ERRORS as error:
            raise MemberDamaged from error

    def __getattr__(self, name):
        return getattr(self.member, name)


def save_member(archive, info, name, written):
    """Stream one archive member into storage (never more than its declared size: zipfile stops there)."""
    try:
        member = archive.open(info)
    except DAMAGED_MEMBER_ERRORS as error:
        raise damaged(info.filename) from error
    try:
        with member:
            content = File(CheckedMember(member), name=name)
            content.size = info.file_size
            save(name, content, written)
    except MemberDamaged as error:
        # A CRC mismatch or a corrupt compressed stream: only reading the member shows it.
        # Any other error is the storage's own, and is raised as it is.
        raise damaged(info.filename) from error.__cause__


def save(name, content, written):
    # Recorded before writing: a write that fails halfway may still leave a
    # partial file. The name is ours alone (a fresh content prefix, a new
    # library's or patch's folder cleared under its row's lock, or a file a
    # repaired library lacked),
    # so deleting it is safe.
    written.append(name)
    saved = default_storage.save(name, content)
    if saved != name:
        written.append(saved)
        # The storage renamed the file to avoid another one: the player would not find it.
        raise RuntimeError(f"Storage saved {name} as {saved}")
    return saved


def delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - cleaning up after a failure must not hide it
            logger.exception("Could not delete %s after a failed H5P import", name)


def delete_tree(prefix):
    """Delete every file under a storage prefix ("h5p/content/<hex>/"), at any depth."""
    try:
        directories, files = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for directory in directories:
        delete_tree(f"{prefix}{directory}/")
    for name in files:
        default_storage.delete(f"{prefix}{name}")
    # FileSystemStorage leaves empty folders behind; remove them where the storage has folders.
    if hasattr(default_storage, "path"):
        try:
            os.rmdir(default_storage.path(prefix))
        except OSError:
            pass


def remove_files_of_deleted_package(sender, instance, **kwargs):
    """
    post_delete of H5PPackage (package.delete(), the admin's delete view): the
    package's h5p.json and content files go once the deletion is committed;
    its libraries stay in the shared store.
    """
    prefix = instance.storage_prefix
    if prefix and prefix.startswith(CONTENT_PREFIX) and len(prefix) > len(CONTENT_PREFIX):
        transaction.on_commit(lambda: delete_tree(prefix))


# Lessons --------------------------------------------------------------------------------------


def add_lesson_to_course(package, course_slug, pass_threshold=DEFAULT_PASS_THRESHOLD):
    """
    A published lesson holding the package, at the end of the course with
    this slug (in its last section, if it has sections). It completes when the
    learner's score reaches pass_threshold percent. LookupError for an unknown
    course; ValidationError (nothing added) when the course may not take the
    lesson, e.g. its certificate would then rest on H5P scores alone.
    """
    from courses.models import CompletionRule, CoursePage, LessonPage, SectionPage

    course = CoursePage.objects.filter(slug=course_slug).first()
    if course is None:
        raise LookupError(_("There is no course with the slug “%(slug)s”.") % {"slug": course_slug})

    parent = SectionPage.objects.child_of(course).order_by("-path").first() or course
    base_slug = slugify(package.title, max_length=200) or "h5p"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base_slug, 2
    while slug in taken:
        slug, number = f"{base_slug}-{number}", number + 1

    lesson = LessonPage(
        title=package.title,
        slug=slug,
        completion_rule=CompletionRule.H5P_SCORE,
        body=[("h5p", {"package": package, "pass_threshold": pass_threshold})],
    )
    with transaction.atomic():
        parent.add_child(instance=lesson)
        lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)
