"""The player's HTTP side: library and content files, xAPI statements, resume state."""

import json
import posixpath
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import player
from .models import LIBRARIES_PREFIX, H5PLibrary
from .validation import LIBRARY_FOLDER, PRELOADED_FIELDS

MAX_STATEMENT_BYTES = 64 * 1024

# Every H5P file is served inert: opened on its own (a link, a new tab) it is a
# sandboxed document that runs no script and loads nothing, and nosniff keeps a
# browser from taking it for another type than the one below. The player's
# scripts and styles are subresources of its frame, which a response's own
# policy does not restrict; inline styles stay allowed for SVG images.
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
# The types of the extensions validation allows (H5P's list), fixed here rather
# than taken from the server's mime.types, which differ between machines.
CONTENT_TYPES = {
    "json": "application/json", "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8", "vtt": "text/vtt; charset=utf-8", "webvtt": "text/vtt; charset=utf-8",
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp",
    "tif": "image/tiff", "tiff": "image/tiff", "svg": "image/svg+xml",
    "eot": "application/vnd.ms-fontobject", "ttf": "font/ttf", "otf": "font/otf", "woff": "font/woff",
    "woff2": "font/woff2",
    "webm": "video/webm", "mp4": "video/mp4", "ogg": "audio/ogg", "mp3": "audio/mpeg", "m4a": "audio/mp4",
    "wav": "audio/wav",
    "pdf": "application/pdf", "xml": "application/xml",
}
# Code the player runs: only what a library.json preloads, and only from a library's folder.
CODE_TYPES = {"js": "text/javascript", "css": "text/css"}
# Types a browser opens as documents of their own (PDF and XML viewers) are downloaded
# instead, as is anything of no known type (office files, Flash, diffs).
DISPLAYED = {
    *(content_type for extension, content_type in CONTENT_TYPES.items() if extension not in ("pdf", "xml")),
    *CODE_TYPES.values(),
}


def stored_file(name, code=()):
    """
    A file from storage, served inert (FILE_POLICY, nosniff) with the type of
    its extension, or 404. A .js or .css file is served as code only if its
    path is in `code` (a library's preloaded files, relative to the name's
    folder); otherwise as plain text, which a browser will not run.

    Callers pass a name under an H5P prefix (h5p/libraries/, a package's
    h5p/content/<hex>/); a name normpath would change (a "..", ".", empty
    segment or trailing slash) could lead out of it and is refused. A folder
    is no file: 404 too.
    """
    if posixpath.normpath(name) != name or not default_storage.exists(name):
        raise Http404
    try:
        stored = default_storage.open(name, "rb")
    except (IsADirectoryError, FileNotFoundError, NotADirectoryError, PermissionError):
        raise Http404 from None
    extension = name.rpartition("/")[2].rpartition(".")[2].lower()
    if extension in CODE_TYPES:
        content_type = CODE_TYPES[extension] if name in code else "text/plain; charset=utf-8"
    else:
        content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    response = FileResponse(
        stored, content_type=content_type, as_attachment=content_type not in DISPLAYED,
        filename=posixpath.basename(name),
    )
    response["Content-Security-Policy"] = FILE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def served_here(request, by_token):
    """
    Whether this request may get an H5P file: without settings.H5P_CONTENT_ORIGIN,
    on the site by the session; with it, only on that origin's host and by a
    file token, so no H5P file is ever served on the site's own origin.
    """
    origin = settings.H5P_CONTENT_ORIGIN
    if not origin:
        return not by_token
    return by_token and request.get_host().lower() == urlsplit(origin).netloc.lower()


def allow_the_site(request, response):
    """On the content origin: the player's fetches (JSON, fonts) come from the site's pages, SITE_URL's origin."""
    if settings.H5P_CONTENT_ORIGIN:
        site = urlsplit(settings.SITE_URL)
        if request.headers.get("Origin") == f"{site.scheme}://{site.netloc}":
            response["Access-Control-Allow-Origin"] = request.headers["Origin"]
        patch_vary_headers(response, ["Origin"])
    return response


def library_response(request, path):
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
        .only("machine_name", "major_version", "minor_version", "storage_folder", "library_json")
        .first()
    )
    # The exact folder name only: no "H5P.Hello-01.0" for H5P.Hello-1.0.
    if library is None or library.folder_name != folder or not library.storage_folder:
        raise Http404
    prefix = f"{LIBRARIES_PREFIX}{library.storage_folder}/"
    response = stored_file(prefix + rest, code=preloaded_names(prefix, library.library_json))
    # A stored library changes only with a patch upgrade; a day's caching spares weak connections.
    response["Cache-Control"] = "private, max-age=86400"
    return allow_the_site(request, response)


def preloaded_names(prefix, library_json):
    """The storage names of the scripts and styles a library.json preloads: what h5p-standalone loads as code."""
    names = set()
    for field_name in PRELOADED_FIELDS:
        entries = library_json.get(field_name)
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                names.add(prefix + entry["path"])
    return names


def content_response(request, user, lesson_id, package_id, path):
    """
    A package's h5p.json and content files, for the activity's learners and
    staff only (player.may_play); staff also get those of a draft they preview.
    """
    try:
        place = player.previewed_activity(user, lesson_id, package_id)
    except player.PlayerError:
        raise Http404 from None
    if not player.may_play(user, place.course, player.current_enrollment(user, place.course)):
        raise Http404
    if path == "h5p.json":
        name = place.package.h5p_json_path
    elif path.startswith("content/"):
        name = place.package.content_path(path.removeprefix("content/"))
    else:
        raise Http404
    return allow_the_site(request, stored_file(name))


@login_required
def library_file(request, path):
    """A library file for the signed-in user, on the site's origin (no content origin set)."""
    if not served_here(request, by_token=False):
        raise Http404
    return library_response(request, path)


@login_required
def content_file(request, lesson_id, package_id, path):
    """A content file for the signed-in user, on the site's origin (no content origin set)."""
    if not served_here(request, by_token=False):
        raise Http404
    return content_response(request, request.user, lesson_id, package_id, path)


def token_library_file(request, token, path):
    """A library file on the content origin, for the holder of a genuine file token."""
    if not served_here(request, by_token=True) or player.token_user(token) is None:
        raise Http404
    return library_response(request, path)


def token_content_file(request, token, lesson_id, package_id, path):
    """A content file on the content origin, for the user the file token stands for, by the same access rule."""
    user = player.token_user(token) if served_here(request, by_token=True) else None
    if user is None:
        raise Http404
    return content_response(request, user, lesson_id, package_id, path)


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
