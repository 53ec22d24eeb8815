"""
Settings shared by every environment. Values that differ between a laptop and
production come from the environment (see README, "Production configuration");
dev.py, test.py and production.py only change defaults and add safety checks.
"""

import base64
import hashlib
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file beside manage.py is optional; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address printed in e-mails and on certificates (no trailing slash).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = "HọcSố"

INSTALLED_APPS = [
    "lms.accounts",
    "lms.enrollment",
    "lms.programmes",
    "lms.reports",
    "lms.quizzes",
    "certificates",
    "cms",
    "courses",
    "courses.h5p",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.accounts.apps.HocSoUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "lms.middleware.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.accounts.context_processors.admin_link",
            ],
        },
    },
]

# SQLite is only the default for one laptop; production sets DATABASE_URL.
def database_settings(default_url):
    """The database named by DATABASE_URL, or `default_url` where there is none."""
    database = env.db("DATABASE_URL", default=default_url)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # The one-laptop database still sees concurrent writes (quiz autosaves):
        # take the write lock when a transaction starts and wait for it, instead
        # of failing with "database is locked" halfway through.
        database.setdefault("OPTIONS", {}).update(
            {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
        )
    return database


DATABASES = {"default": database_settings(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_learning"

# allauth: people sign in with their e-mail address; there are no usernames.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "lms.accounts.forms.SignupForm"
ACCOUNT_FORMS = {"login": "lms.accounts.login_forms.LoginForm"}
# "optional": a verification mail is sent, but a learner at a commune centre
# with no mailbox to hand can still start learning; production may tighten it.
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"
# A commune centre signs a whole class in from one address, some with a typo
# first: per address these are only flood guards. Guessing is stopped per
# account: 5 failures from one address in 5 minutes (the adapter's
# "login_failed_account_address"), 20 an hour from all addresses together.
# Every count keys on the client address of lms.client_address.
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "60/m/ip,20/h/key",
    "login_failed_account_address": "5/5m/key",
    "signup": "60/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

# Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR
# ranges, e.g. the load balancer's subnet): the client address the rate limits
# count is the nearest hop that is not one of them. None by default, so a
# client cannot choose its address by sending the header.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# django-ratelimit (certificate verification) counts the same client address.
RATELIMIT_IP_META_KEY = "lms.client_address.client_ip"

# Content-Security-Policy (django-csp), enforced in production; report-only in
# development (dev.py), so a breakage shows in the browser console first, and in
# the test suite (test.py), whose Chromium tests of the policy enforce it themselves. Every script and
# stylesheet comes from this site; the few inline scripts carry
# nonce="{{ request.csp_nonce }}". Inline style attributes (a progress bar's
# width) are allowed, <style> elements are not. lms.middleware adds
# H5P_CONTENT_ORIGIN where it is set and relaxes the policy under the Wagtail
# admin only, whose own templates hold inline scripts.
# h5p-standalone writes one fixed inline script into the player's iframe, which
# runs under this page's policy: it is allowed by its hash, and nothing else inline.
H5P_FRAME_SCRIPT = "H5PIntegration = window.parent.H5PIntegration; var H5P = H5P || {}; H5P.externalEmbed = false;"
H5P_FRAME_SCRIPT_HASH = "'sha256-%s'" % base64.b64encode(hashlib.sha256(H5P_FRAME_SCRIPT.encode()).digest()).decode()
VIDEO_FRAME_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, H5P_FRAME_SCRIPT_HASH],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_FRAME_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    },
}
CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Under /admin/ (staff only) these replace the site's directives: Wagtail's panels and date
# pickers are inline scripts, and its image uploader previews blob: images.
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}
# Powerful browser features no page here uses, refused for every frame.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()"
SECURE_REFERRER_POLICY = "same-origin"
# The admin shows initials, not Gravatar pictures: no e-mail hash leaves the site, no third-party image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin dashboard would ask wagtail.org for new releases from the staff member's browser.
WAGTAIL_ENABLE_UPDATE_CHECK = False

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="HọcSố <no-reply@hocso.local>")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as dd/mm/yyyy in both languages (templates use SHORT_DATE_FORMAT): see lms/formats.
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# The H5P player comes from npm (package.json; `npm ci --ignore-scripts`), served as it is.
STATICFILES_DIRS = [BASE_DIR / "static", ("h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist")]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Signed certificate PDFs are personal: they live outside MEDIA_URL and are
# handed out by a view that checks who asks (production may point this at a
# private S3 bucket).
CERTIFICATE_PDF_ROOT = env("CERTIFICATE_PDF_ROOT", default=str(BASE_DIR / "var" / "certificates"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "certificates": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": CERTIFICATE_PDF_ROOT, "base_url": None},
    },
}

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go through Django, which checks page privacy, even once media lives on S3.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# URLs are plain ASCII made from Vietnamese titles ("thanh-toan-khong-dung-tien-mat"):
# lms/slugs.py folds every slug, and the admin's slug script is told not to keep diacritics.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Background work (certificates, mail, imports, reminders) goes through the
# django.tasks API. On a laptop and in the tests the immediate backend runs it
# in the request; production queues it in the database for `db_worker`
# (django-tasks-db), so signing a certificate never holds a request.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}

# Printed on certificates and in their verification pages.
CERTIFICATE_ORGANISATION = env("CERTIFICATE_ORGANISATION", default="HọcSố — Bình dân học vụ số")

# Signing certificate PDFs (PAdES B-B). Production names a PKCS#12 file; in
# development `python manage.py init_signing_key` creates a key in the folder.
CERTIFICATE_SIGNING_DIR = Path(env("CERTIFICATE_SIGNING_DIR", default=str(BASE_DIR / "var" / "signing")))
CERTIFICATE_SIGNING_P12 = env("CERTIFICATE_SIGNING_P12", default="")
CERTIFICATE_SIGNING_P12_PASSWORD = env("CERTIFICATE_SIGNING_P12_PASSWORD", default="")
# Certificates (PEM files) of keys signed with before: their PDFs still verify as ours.
CERTIFICATE_SIGNING_RETIRED = env.list("CERTIFICATE_SIGNING_RETIRED", default=[])

# Catalogue pages list this many courses; a phone screen shows two or three.
COURSES_PER_PAGE = 12

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- H5P content origin ---------------------------------------------------------------------
# H5P packages are uploaded by trainers and hold files a browser could open as
# documents of their own (SVG, XML, PDF). They are checked at import and served
# with a sandboxing policy, but a separate origin (e.g. https://h5p.hocso.example,
# another host name for this same application) keeps even an unforeseen hole
# away from the site's cookies and pages. When set, the player fetches every H5P
# library and content file (h5p.json, content.json, media, libraries) from it,
# through URLs carrying a signed per-learner token, since the session cookie does
# not go there; those responses allow the site's own origin (SITE_URL) by CORS.
# The host must also be in ALLOWED_HOSTS. Empty: /h5p/ is served on the site's origin.
# The site's Content-Security-Policy reads this name to allow the origin.
H5P_CONTENT_ORIGIN = env("H5P_CONTENT_ORIGIN", default="").rstrip("/")
