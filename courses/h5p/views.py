"""The player's HTTP side: library and content files, xAPI statements, resume state."""

import json
import mimetypes
import posixpath

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import player
from .models import LIBRARIES_PREFIX, H5PLibrary
from .validation import LIBRARY_FOLDER

MAX_STATEMENT_BYTES = 64 * 1024


def stored_file(name):
    """
    A file from storage with its type, or 404. Callers pass a name under an H5P
    prefix (h5p/libraries/, a package's h5p/content/<hex>/); a name normpath
    would change (a "..", ".", empty segment or trailing slash) could lead out
    of it and is refused. A folder is no file: 404 too.
    """
    if posixpath.normpath(name) != name or not default_storage.exists(name):
        raise Http404
    try:
        stored = default_storage.open(name, "rb")
    except (IsADirectoryError, FileNotFoundError, NotADirectoryError, PermissionError):
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(stored, content_type=content_type)


@login_required
def library_file(request, path):
    """
    Library code and styles: H5P's open-source libraries, the same for everyone
    signed in. h5p-standalone asks for <Name>-<major>.<minor>/<file>; the file
    is served from the folder that library's stored patch lives in (one
    indexed query). An unknown or malformed folder is not found.
    """
    folder, _slash, rest = path.partition("/")
    match = LIBRARY_FOLDER.match(folder)
    if match is None or not rest:
        raise Http404
    library = (
        H5PLibrary.objects.filter(
            machine_name=match["machine_name"], major_version=int(match["major"]), minor_version=int(match["minor"])
        )
        .only("machine_name", "major_version", "minor_version", "storage_folder")
        .first()
    )
    # The exact folder name only: no "H5P.Hello-01.0" for H5P.Hello-1.0.
    if library is None or library.folder_name != folder or not library.storage_folder:
        raise Http404
    response = stored_file(f"{LIBRARIES_PREFIX}{library.storage_folder}/{rest}")
    # A stored library changes only with a patch upgrade; a day's caching spares weak connections.
    response["Cache-Control"] = "private, max-age=86400"
    return response


def playable(request, lesson_id, package_id):
    try:
        place = player.activity(lesson_id, package_id)
    except player.PlayerError:
        raise Http404 from None
    if not player.may_play(request.user, place.course, player.current_enrollment(request.user, place.course)):
        raise Http404
    return place


@login_required
def content_file(request, lesson_id, package_id, path):
    """A package's h5p.json and content files, for its learners and staff only."""
    place = playable(request, lesson_id, package_id)
    if path == "h5p.json":
        return stored_file(place.package.h5p_json_path)
    if not path.startswith("content/"):
        raise Http404
    return stored_file(place.package.content_path(path.removeprefix("content/")))


def reject_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def json_body(request, limit):
    """The request's JSON; PlayerError(400) if it is not strict JSON (no NaN or Infinity) or nests too deep."""
    if len(request.body) > limit:
        raise player.PlayerError(_("The request is too large."), status=413)
    try:
        return json.loads(request.body, parse_constant=reject_constant)
    except (ValueError, RecursionError):
        raise player.PlayerError(_("The result could not be read.")) from None


def answer(call):
    try:
        return call()
    except player.PlayerError as problem:
        return JsonResponse({"error": str(problem.message)}, status=problem.status)


@require_POST
@login_required
def statement(request, lesson_id, package_id):
    """An xAPI statement from the learner's player (CSRF-protected like every POST)."""

    def record():
        place = player.activity(lesson_id, package_id)
        result = player.record_statement(request.user, place, json_body(request, MAX_STATEMENT_BYTES))
        if result is None:
            return JsonResponse({"recorded": False})
        return JsonResponse({
            "recorded": True,
            "score": float(result.last_score),
            "best_score": float(result.best_score),
            "lesson_completed": result.lesson_completed,
            "course_completed": result.course_completed,
        })

    return answer(record)


@require_POST
@login_required
def state(request, lesson_id, package_id):
    def save():
        place = player.activity(lesson_id, package_id)
        body = json_body(request, player.MAX_STATE_BYTES + 1024)
        player.save_state(request.user, place, body.get("state") if isinstance(body, dict) else None)
        return JsonResponse({"saved": True})

    return answer(save)
