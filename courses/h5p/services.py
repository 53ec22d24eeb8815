"""
Importing and deleting H5P packages: what the admin's upload form, the
import_h5p command and the tests all call.

Files go through Django's default_storage and nothing else (no filesystem
paths), so media can live on S3-compatible storage. An import is all or
nothing: it validates first, writes, and records rows in one transaction; if
anything fails, every file it wrote is deleted again.
"""

import logging
import os
import uuid
import zipfile

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import validation
from .models import CONTENT_PREFIX, H5PLibrary, H5PPackage
from .validation import damaged, open_archive

logger = logging.getLogger(__name__)

# What a lesson made by add_lesson_to_course asks of the learner's score (percent).
DEFAULT_PASS_THRESHOLD = 60


def import_package(file_obj, title=None, user=None):
    """
    Validate an .h5p (a path or a binary file object) and store it: new or
    upgraded libraries in the shared store, the package's h5p.json and content/
    under a fresh prefix. Returns the H5PPackage; raises PackageRefused, leaving
    no file and no row behind.

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
                libraries = store_libraries(archive, package, written, folders)
                save(f"{prefix}h5p.json", ContentFile(package.h5p_json_bytes), written)
                for info in package.content_members:
                    save_member(archive, info, prefix + info.filename, written)
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


def store_libraries(archive, package, written, new_folders):
    """
    The H5PLibrary row of every library the package brings or needs, writing
    the files of those that are new or a newer patch than the stored one, and
    repairing a stored copy that lacks files this package carries.

    Rows are created or locked before their files are written: a concurrent
    import of the same new library waits on the row (or fails on the unique
    constraint) instead of writing into the same folder.
    """
    libraries = {key: row for key, row in package.stored.items()}
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
        if row is None:
            row = H5PLibrary.objects.create(machine_name=machine_name, major_version=major, minor_version=minor, **fields)
            new_folders.append(row.storage_prefix)
        elif bundled.patch_version > row.patch_version and (row.missing_files or not bundled.missing):
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
            logger.info("Upgrading H5P library %s to patch %s", row.folder_name, row.patch_version)
        else:
            if bundled.patch_version >= row.patch_version and row.missing_files:
                repair_library(archive, row, bundled, written)
            elif bundled.patch_version > row.patch_version:
                logger.warning(
                    "Kept H5P library %s at patch %s: patch %s in this package lacks %s",
                    row.folder_name, row.patch_version, bundled.patch_version, ", ".join(bundled.missing),
                )
            # Otherwise the same or an older patch: the stored files serve this package as they are.
            libraries[key] = row
            continue
        # A new library's folder is normally absent; leftovers and an older patch's files are replaced.
        # Read an upgrade's members through first: a damaged one is refused before the old files go.
        if row.storage_prefix not in new_folders:
            check_members(archive, bundled.members)
        delete_tree(row.storage_prefix)
        folder_length = len(bundled.folder) + 1
        for info in bundled.members:
            save_member(archive, info, row.storage_prefix + info.filename[folder_length:], written)
        libraries[key] = row
    return libraries


def repair_library(archive, row, bundled, written):
    """
    A stored library lacking preloaded files, and a package bringing the same
    version (the same patch) with some of them: add the files the store
    does not have from the package and record what is still missing. Files are
    only added, never deleted or overwritten, so a failed import (which deletes
    what it wrote) leaves the stored library exactly as it was.
    """
    folder_length = len(bundled.folder) + 1
    incoming = {info.filename[folder_length:]: info for info in bundled.members}
    if not any(path in incoming for path in row.missing_files):
        return
    present = stored_names(row.storage_prefix)
    added = []
    for path, info in sorted(incoming.items()):
        if path not in present:
            save_member(archive, info, row.storage_prefix + path, written)
            added.append(path)
    row.missing_files = [path for path in row.missing_files if path not in incoming]
    row.save(update_fields=["missing_files"])
    logger.info("Repaired H5P library %s: added %s files", row.folder_name, len(added))


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
    """Read members to their end, as writing would, so zipfile checks each CRC; PackageRefused if one is damaged."""
    for info in members:
        try:
            with archive.open(info) as member:
                while member.read(1024 * 1024):
                    pass
        except (zipfile.BadZipFile, EOFError, NotImplementedError) as error:
            raise damaged(info.filename) from error


def save_member(archive, info, name, written):
    """Stream one archive member into storage (never more than its declared size: zipfile stops there)."""
    try:
        with archive.open(info) as member:
            content = File(member, name=name)
            content.size = info.file_size
            save(name, content, written)
    except (zipfile.BadZipFile, EOFError, NotImplementedError) as error:
        # A CRC mismatch, or a local header that disagrees with the central
        # directory: only reading the member shows it.
        raise damaged(info.filename) from error


def save(name, content, written):
    # Recorded before writing: a write that fails halfway may still leave a
    # partial file. The name is ours alone (a fresh content prefix, or a library
    # folder cleared under its row's lock), so deleting it is safe.
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


def delete_package(package):
    """Delete a package's row, then (once that is committed) its h5p.json and content files; libraries stay."""
    package.delete()


def remove_files_of_deleted_package(sender, instance, **kwargs):
    """post_delete: the files go only if the deletion is committed."""
    prefix = instance.storage_prefix
    if prefix and prefix.startswith(CONTENT_PREFIX) and len(prefix) > len(CONTENT_PREFIX):
        transaction.on_commit(lambda: delete_tree(prefix))


# Lessons --------------------------------------------------------------------------------------


def add_lesson_to_course(package, course_slug, pass_threshold=DEFAULT_PASS_THRESHOLD):
    """
    A published lesson holding the package, at the end of the course with
    this slug (in its last section, if it has sections). It completes when the
    learner's score reaches pass_threshold percent.
    """
    from courses.models import CompletionRule, CoursePage, LessonPage, SectionPage, without_diacritics

    course = CoursePage.objects.filter(slug=course_slug).first()
    if course is None:
        raise LookupError(_("There is no course with the slug “%(slug)s”.") % {"slug": course_slug})

    parent = SectionPage.objects.child_of(course).order_by("-path").first() or course
    base_slug = slugify(without_diacritics(package.title))[:200] or "h5p"
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
    parent.add_child(instance=lesson)
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)
