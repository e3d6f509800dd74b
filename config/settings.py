"""Golden Thread settings: one file, configured by environment variables.

No DATABASE_URL -> SQLite file in the project (for trying it out);
DATABASE_URL=postgres://... -> PostgreSQL with persistent connections (production, CI).
"""

import json
import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
TESTING = env_bool("TESTING") or "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_MIN_LENGTH = 50  # as Django's own deploy check (security.W009) asks
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (e.g. SECRET_KEY=$(openssl rand -hex 32))."
        )
    SECRET_KEY = "insecure-development-key-never-used-in-production"
elif not DEBUG and (len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH or len(set(SECRET_KEY)) < 5):
    # A short key can be guessed offline from one signed cookie or password-reset link.
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: {len(SECRET_KEY)} characters, when DEBUG is off it needs at"
        f" least {SECRET_KEY_MIN_LENGTH}, random (e.g. SECRET_KEY=$(openssl rand -hex 32))."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# The demo runs "as at" a date in its agreement's life (partnerships/clock.py): every "today"
# in the app is this date. For trying the demo only: refused when DEBUG is off.
GOLDEN_THREAD_TODAY = None
if os.environ.get("GOLDEN_THREAD_TODAY", "").strip():
    import datetime as _dt

    try:
        GOLDEN_THREAD_TODAY = _dt.date.fromisoformat(os.environ["GOLDEN_THREAD_TODAY"].strip())
    except ValueError as error:
        raise ImproperlyConfigured(
            f"GOLDEN_THREAD_TODAY must be a date written 2009-11-20, not "
            f"{os.environ['GOLDEN_THREAD_TODAY']!r}."
        ) from error
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "GOLDEN_THREAD_TODAY runs the app as at another date, for the demo only: "
            "unset it when DEBUG is off."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "django_tasks_db",
    "partnerships",
    "evidence",
    "indicators",
    "plans",
    "meetings",
    "funding",
    "work",
    "api",
    "demo",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "partnerships.middleware.DownloadNoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "partnerships.middleware.SessionSeenMiddleware",
    "partnerships.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.context_processors.agreement",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Connections are kept (CONN_MAX_AGE) on SQLite too: opening one per request cost about
    # 10 ms under gunicorn, more than a whole one-query page takes on a kept connection.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}
elif "postgresql" in DATABASES["default"]["ENGINE"] and os.environ.get(
    "PG_RANDOM_PAGE_COST", "1.1"
):
    # PostgreSQL's default random_page_cost (4) is a spinning disk's: with it the reports
    # hash-join every agreement's indicators, and cost grows with the number of agreements
    # (bench/SCALE.md). 1.1 suits SSDs and cached data. Set PG_RANDOM_PAGE_COST="" behind
    # PgBouncer (which refuses start-up options) and set it on the database instead.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c random_page_cost=" + os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "partnerships.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "partnerships.sso.ProviderBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "work:home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: 5 failures for one e-mail from one address locks that pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form field that holds the e-mail
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Sessions are kept in the database (Django's default engine, said here because
# partnerships/sessions.py lists and ends them there).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Two-factor authentication (docs/security.md): site administrators and the secretariat
# must set up an authenticator app before they can change anything. On by default in
# production; off under tests and DEBUG (the demo) unless set.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not (DEBUG or TESTING))
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Golden Thread")

# Single sign-on through OpenID Connect (docs/security.md): OIDC_PROVIDERS is a JSON object
# of providers by short name, each with its endpoints, client and allowed e-mail domains.
try:
    OIDC_PROVIDERS = json.loads(os.environ.get("OIDC_PROVIDERS", "") or "{}")
except ValueError as error:
    raise ImproperlyConfigured(f"OIDC_PROVIDERS is not valid JSON: {error}") from error
if not isinstance(OIDC_PROVIDERS, dict):
    raise ImproperlyConfigured("OIDC_PROVIDERS must be a JSON object of providers by name.")
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Documents built in the background (PDFs and Word files: partnerships/background.py) are
# kept in their own storage, beside evidence (tests keep them in a temporary directory).
STORAGES["documents"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": os.environ.get("DOCUMENTS_ROOT")
        or (
            str(Path(tempfile.gettempdir()) / f"golden-thread-test-documents-{os.getpid()}")
            if TESTING
            else str(Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))) / "documents")
        )
    },
}
# How long a build may run before it counts as lost (a worker stopped mid-way) and a new one
# may start; and how long a document waits for a worker before the page says none is running.
DOCUMENT_BUILD_TIMEOUT = int(os.environ.get("DOCUMENT_BUILD_TIMEOUT", "600"))
DOCUMENT_WAIT_WARNING = int(os.environ.get("DOCUMENT_WAIT_WARNING", "60"))

# Where uploaded workbooks wait between preview and confirmation ("" = the system temp
# directory). With several app hosts, point it at storage they share.
IMPORT_UPLOAD_DIR = os.environ.get("IMPORT_UPLOAD_DIR", "")
# Workbooks larger than this (bytes) are checked and imported by the background worker,
# with a progress page (docs/import.md); smaller ones in the request.
IMPORT_BACKGROUND_BYTES = int(os.environ.get("IMPORT_BACKGROUND_BYTES", str(256 * 1024)))

# Evidence files (evidence/): kept through Django's default storage, STORAGES["default"]:
# files under MEDIA_ROOT unless set otherwise (S3-compatible storage: docs/deploy.md). They
# are only ever sent by the app's own download view, after a permission check, so there is
# no MEDIA_URL to serve them from. An evidence file is refused above EVIDENCE_MAX_BYTES (and
# above MAX_UPLOAD_BYTES, the limit of every upload).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))
if os.environ.get("STORAGE_S3_BUCKET", "").strip():
    # S3-compatible storage for evidence (needs `pip install "django-storages[s3]"`;
    # credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY): docs/deploy.md.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["STORAGE_S3_BUCKET"].strip(),
            "endpoint_url": os.environ.get("STORAGE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("STORAGE_S3_REGION") or None,
            "location": os.environ.get("STORAGE_S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
    STORAGES["documents"] = {  # built documents beside the evidence, under documents/
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "/".join(
                filter(None, [os.environ.get("STORAGE_S3_PREFIX", "").strip("/"), "documents"])
            ),
        },
    }

# Uploaded workbooks are read in memory and refused above this size.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
# Every upload passes partnerships/uploads.py first; for zips (.xlsx) these bound what it
# may unzip to, so a "zip bomb" is refused before anything parses it.
MAX_UPLOAD_UNZIPPED_BYTES = int(os.environ.get("MAX_UPLOAD_UNZIPPED_BYTES", str(200 * 1024**2)))
MAX_UPLOAD_ZIP_ENTRIES = int(os.environ.get("MAX_UPLOAD_ZIP_ENTRIES", "2000"))
MAX_UPLOAD_PACKING = int(os.environ.get("MAX_UPLOAD_PACKING", "100"))
UPLOAD_CHECK_SECONDS = float(os.environ.get("UPLOAD_CHECK_SECONDS", "10"))

# E-mail (Django 6.1 MAILERS). Development prints e-mails to the console; production
# sends through SMTP configured by EMAIL_* environment variables.
if DEBUG and not os.environ.get("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER") or None,
                "password": os.environ.get("EMAIL_HOST_PASSWORD") or None,
                "use_tls": env_bool("EMAIL_USE_TLS"),
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Golden Thread <noreply@localhost>")

# Security headers. htmx is served from our own origin and configured without inline styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
if not (DEBUG or TESTING):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A proxy's health check may ask each server over plain HTTP (docs/deploy.md).
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if os.environ.get("SECURE_SSL_REDIRECT", "").strip().lower() in {"0", "false", "no", "off"}:
        # Turned off on purpose: the proxy redirects to HTTPS (docs/deploy.md), so the
        # deploy check's warning that the app does not (security.W008) is expected.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Report pages are kept until their agreement's data change (indicators/report_cache.py), for
# at most this many seconds (0: never kept), in a cache every server process shares: the
# database's (table golden_thread_report_cache, made by `manage.py createcachetable`; at most
# REPORT_CACHE_ENTRIES pages), or Redis when REDIS_URL is set (docs/deploy.md).
REPORT_CACHE_SECONDS = int(os.environ.get("REPORT_CACHE_SECONDS", "0" if TESTING else "900"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "reports": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "golden-thread-reports",
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "golden_thread_report_cache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("REPORT_CACHE_ENTRIES", "1000"))},
        }
    ),
}

# Background work (documents, large imports, reminders and e-mail: docs/background.md) runs
# through django.tasks: by default queued in the database and run by `manage.py db_worker`
# (started beside the server by `make run`); TASKS_BACKEND names another backend (e.g. a Redis
# one) where one database queue is not enough. Tests run tasks at once, in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default", "documents", "email"],
    }
}

# Days after a period ends before a missing return counts as late.
RETURNS_GRACE_DAYS = int(os.environ.get("RETURNS_GRACE_DAYS", "30"))
# Days overdue after which a return or action goes to the chair: the exception report and
# the matters arising of the partnership's next meeting (meetings/escalation.py).
ESCALATE_TO_CHAIR_DAYS = int(os.environ.get("ESCALATE_TO_CHAIR_DAYS", "28"))
# What is due, for whom (partnerships/due.py; docs/configuration.md says what each means).
# "My work" on the home page lists action points and plan actions due within these days.
DUE_SOON_DAYS = int(os.environ.get("DUE_SOON_DAYS", "14"))
# E-mail reminders (work/reminders.py): days ahead that "coming due" reminders start; days
# late after which a late return is copied to the target lead; days past due after which
# nothing is chased by e-mail (the exception report's job); days before a meeting that its
# workplan reminders start; days after a meeting that its minutes are announced.
# The daily reminders run on the task worker at this local time (work/tasks.py,
# docs/reminders-and-email.md).
REMINDERS_AT = os.environ.get("REMINDERS_AT", "07:00")
REMINDER_NOTICE_DAYS = int(os.environ.get("REMINDER_NOTICE_DAYS", "7"))
RETURN_ESCALATE_TO_LEAD_DAYS = int(os.environ.get("RETURN_ESCALATE_TO_LEAD_DAYS", "14"))
REMINDER_LOOKBACK_DAYS = int(os.environ.get("REMINDER_LOOKBACK_DAYS", "120"))
WORKPLAN_NOTICE_DAYS = int(os.environ.get("WORKPLAN_NOTICE_DAYS", "14"))
MINUTES_NOTICE_DAYS = int(os.environ.get("MINUTES_NOTICE_DAYS", "30"))
# Workplan updates (plans/schedule.py): due this many days before the meeting; with no
# earlier meeting known, an update counts if made this many days before it was due.
PLAN_UPDATE_DAYS_BEFORE_MEETING = int(os.environ.get("PLAN_UPDATE_DAYS_BEFORE_MEETING", "7"))
PLAN_UPDATE_CYCLE_DAYS = int(os.environ.get("PLAN_UPDATE_CYCLE_DAYS", "28"))
# Days an e-mailed invitation link works (partnerships/invitations.py).
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))

if TESTING:
    # Password hashing dominates test time; the real hasher is tested by Django itself.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    WHITENOISE_AUTOREFRESH = True

# The REST API (api/, docs/api.md): tokens only (`Authorization: Bearer …`), each token
# throttled to API_RATE requests ("600/hour"); pages of API_PAGE_SIZE rows.
API_RATE = os.environ.get("API_RATE", "600/hour")
API_PAGE_SIZE = int(os.environ.get("API_PAGE_SIZE", "100"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.ObserversOnlyRead",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": API_RATE},
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Golden Thread API",
    "DESCRIPTION": "Read an agreement's performance data and push figures (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
