"""The pytest-django suite: fast hashing, mail kept in memory, media in a temp folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import database_settings, env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="hocso-test-media-"))
CERTIFICATE_SIGNING_DIR = Path(tempfile.mkdtemp(prefix="hocso-test-signing-"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "certificates": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="hocso-test-certificates-"), "base_url": None},
    },
}
DATABASES = {"default": database_settings("sqlite:///:memory:")}
ALLOWED_HOSTS = ["*"]
# Rate limits are tested on purpose where they matter; elsewhere they would make
# the suite depend on how fast it runs.
ACCOUNT_RATE_LIMITS = False
# Serve static files from the source folders, as runserver does, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Reported, not enforced, as in development: Playwright's waiting helpers
# evaluate strings, which the policy forbids. tests/browser/test_csp_in_chromium.py
# enforces the production policy where it matters.
CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY  # noqa: F405
CONTENT_SECURITY_POLICY = None
