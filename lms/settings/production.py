"""
Production: everything from the environment, and a refusal to start when the
settings would be unsafe (a default or short secret, DEBUG on).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, SECRET_KEY, env

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

# Django's own advice: at least 50 characters, not a development placeholder.
if len(SECRET_KEY) < 50 or "insecure" in SECRET_KEY or SECRET_KEY.startswith("dev-"):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value (50+ characters).")

# Rate limits and sessions count in the cache: one in each process's memory
# gives every gunicorn worker and machine its own budget. A deployment that is
# truly one process on one machine may say so with REQUIRE_SHARED_CACHE=false.
PROCESS_LOCAL_CACHES = {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}
REQUIRE_SHARED_CACHE = env.bool("REQUIRE_SHARED_CACHE", default=True)
if REQUIRE_SHARED_CACHE and CACHES["default"]["BACKEND"] in PROCESS_LOCAL_CACHES:
    raise ImproperlyConfigured(
        "Set CACHE_URL to a shared cache (e.g. redis://cache:6379/0) so rate limits hold across processes, "
        "or REQUIRE_SHARED_CACHE=false for a single process on one machine."
    )

# Sessions are read on every signed-in request: from the shared cache, written
# through to the database so a restart of the cache signs nobody out.
if CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Opening a PostgreSQL connection costs about 6.5 ms, as much as a quiz page's
# own queries: each thread keeps its connection for a minute, and checks it
# before reuse so a restarted database costs one error-free reconnect.
# DATABASE_URL's own ?conn_max_age= wins.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Certificates, mail, imports and reminders run in `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Pages hand the token to scripts themselves; H5P packages run on this origin and need not read it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The language switcher's cookie is read by the server only, like the session's.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Messages live in a cookie first (Django's fallback storage), which takes the session cookie's flags above.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
# Sub-domains too (an H5P content origin among them); preload only once every sub-domain is on HTTPS for good.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
