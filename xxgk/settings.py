"""Django settings for xxgk, read from environment variables only (docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

from xxgk.annual_reports.scorecard import parse_threshold, parse_weights
from xxgk.config import Env, ensure_data_keys, ensure_secret_key
from xxgk.lib.deadlines import ClockRules
from xxgk.lib.fees import FeeScales

env = Env()
BASE_DIR = Path(__file__).resolve().parent

# The data folder holds the SQLite database, uploads, generated documents and the demo's
# secret key. Relative to the working directory so every command run from the project
# folder shares the demo database.
DATA_DIR = Path(env.str("XXGK_DATA_DIR", "data")).resolve()
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

DEBUG = env.bool("XXGK_DEBUG", False)
SECRET_KEY = env.secret("XXGK_SECRET_KEY") or ensure_secret_key(DATA_DIR)
ALLOWED_HOSTS = env.list("XXGK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("XXGK_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.str("XXGK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

_db_url = env.str("XXGK_DATABASE_URL", f"sqlite:///{DATA_DIR / 'xxgk.sqlite3'}")
try:
    # Persistent connections (XXGK_DB_CONN_MAX_AGE seconds), checked before reuse so a
    # connection the server dropped is replaced instead of failing a request (issue 16).
    DATABASES = {
        "default": dj_database_url.parse(
            _db_url,
            conn_max_age=env.int("XXGK_DB_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    }
except Exception as exc:  # noqa: BLE001 - dj_database_url raises several types
    raise ImproperlyConfigured(f"配置项 XXGK_DATABASE_URL 的值无效：{exc}") from None
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured("配置项 XXGK_DATABASE_URL 无效：只支持 sqlite:// 与 postgres:// 。")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server and a CLI command use the database at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

INSTALLED_APPS = [
    "xxgk.backoffice.admin_site.XxgkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "xxgk.accounts",
    "xxgk.agencies",
    "xxgk.workcalendar",
    "xxgk.approvals",
    "xxgk.publications",
    "xxgk.applications",
    "xxgk.appeals",
    "xxgk.annual_reports",
    "xxgk.jobs",
    "xxgk.region",
    "xxgk.portal",
    "xxgk.api",
    "xxgk.backoffice",
    "xxgk.audit",
    "xxgk.privacy",
    "xxgk.backup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xxgk.backoffice.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xxgk.urls"
WSGI_APPLICATION = "xxgk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xxgk.backoffice.navigation.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# django-axes: lock an account+IP pair after repeated failures; no external service needed.
AXES_FAILURE_LIMIT = env.int("XXGK_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Number of reverse proxies in front of xxgk (1 = the documented nginx). The client address
# (rate limits, API throttles, lockout) is read from X-Forwarded-For behind that many.
TRUSTED_PROXIES = env.int("XXGK_TRUSTED_PROXIES", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "xxgk.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "backoffice/locked_out.html"
AXES_VERBOSE = False  # no start-up banner on every CLI command

LANGUAGE_CODE = env.str("XXGK_LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = env.str("XXGK_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Project-level static files (xxgk/static/xxgk/site.css, portal.js) are not inside an app.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env.str("XXGK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("XXGK_EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("XXGK_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.str("XXGK_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.secret("XXGK_EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env.bool("XXGK_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str("XXGK_DEFAULT_FROM_EMAIL", "xxgk@localhost")

# Upload limits (attachments of publications and applications).
MAX_UPLOAD_MB = env.int("XXGK_MAX_UPLOAD_MB", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Published reports larger than this are refused by the reader (see docs/annual-report-rules.md).
REPORT_MAX_MB = env.int("XXGK_REPORT_MAX_MB", 50, minimum=1)

# Production hardening: XXGK_SECURE=true behind an HTTPS-terminating nginx.
SECURE = env.bool("XXGK_SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env.bool("XXGK_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.int("XXGK_HSTS_SECONDS", 31536000 if SECURE else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): scripts, styles and images from our own origin only,
# on the portal, the back office and the API. Published bodies cannot load outside images
# (publications/richtext.py drops them), and no template has inline scripts or styles. The
# Django admin (installation configuration) keeps Django's own inline styles: excluded.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Staff sessions: end at browser close and after XXGK_SESSION_IDLE_MINUTES without a request
# (xxgk/backoffice/sessions.py slides the server-side expiry while the person works).
SESSION_IDLE_MINUTES = env.int("XXGK_SESSION_IDLE_MINUTES", 120, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Chinese messages, a nesting limit (no RecursionError 500) and an empty body refused.
    "DEFAULT_PARSER_CLASSES": ["xxgk.api.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_RATES": {
        "applications": env.str("XXGK_API_APPLICATION_RATE", "10/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "xxgk 政府信息公开开放接口",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}


def _page_cache(value: str, entries: int, seconds: int) -> dict[str, object]:
    """XXGK_PAGE_CACHE: where public pages are kept (xxgk/portal/pagecache.py).

    Any backend is correct (page versions live in the database); they differ in speed and
    in whether the workers share their copies.
    """
    options = {"TIMEOUT": seconds, "OPTIONS": {"MAX_ENTRIES": entries}}
    if value == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", **options}
    if value == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "xxgk_page_cache",
            **options,
        }
    if value == "none":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if value.startswith("file:") and len(value) > 5:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": value.removeprefix("file:"),
            **options,
        }
    if value.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": value,
            "TIMEOUT": seconds,
        }
    raise ImproperlyConfigured(
        f"配置项 XXGK_PAGE_CACHE 的值“{value}”无效：可选 locmem、db、file:目录、redis://…、none。"
    )


CACHES = {
    # Rate limits and throttles: shared by every worker, so in the database.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "xxgk_cache",
    },
    "pages": _page_cache(
        env.str("XXGK_PAGE_CACHE", "locmem"),
        env.int("XXGK_PAGE_CACHE_ENTRIES", 2000, minimum=10),
        env.int("XXGK_PAGE_CACHE_SECONDS", 86400, minimum=1),
    ),
}

# Portal anti-abuse limits (xxgk/portal/ratelimit.py DEFAULTS apply to names not given here).
XXGK_PORTAL_RATE_LIMITS = env.rate_limits("XXGK_PORTAL_RATE_LIMITS")
# Links of the national rules listed in each 政府信息公开制度 page: {"title": "url"}.
XXGK_NATIONAL_RULE_LINKS = env.json_object("XXGK_NATIONAL_RULE_LINKS")

# Background jobs (ADR 0007): django-tasks with its database backend, i.e. a queue table in
# the database we already have (SQLite or PostgreSQL); `xxgk db_worker` processes run the jobs,
# as many as wanted on as many machines as share the database. "immediate" runs a job inside
# the request that starts it (tests; a one-process installation without a worker).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[
            env.choice("XXGK_TASKS_BACKEND", "database", tuple(_TASK_BACKENDS))
        ],
    }
}

# The 本级政府 report aggregates its departments always, and its towns (乡镇、街道) and lower-level
# governments when this is on (issue 14 item 4; xxgk/annual_reports/regional.py).
XXGK_AGGREGATE_LOWER_LEVELS = env.bool("XXGK_AGGREGATE_LOWER_LEVELS", True)

# Evaluation score card (xxgk/annual_reports/scorecard.py): indicator weights "code=weight,…"
# over the defaults, and the per-cent similarity to last year's text that counts as copied.
# Validated here so a typo stops start-up instead of silently changing every agency's score.
try:
    XXGK_SCORECARD_WEIGHTS = parse_weights(env.str("XXGK_SCORECARD_WEIGHTS", ""))
    XXGK_SCORECARD_COPY_THRESHOLD = parse_threshold(env.str("XXGK_SCORECARD_COPY_THRESHOLD", "90"))
except ValueError as exc:
    raise ImproperlyConfigured(f"配置项 XXGK_SCORECARD_* 无效：{exc}") from None
# The statutory clock and the 109号 fee scales ([R] items are configurable; docs/deadlines.md).
# Validated here, at start-up: a bad value stops the process with a Chinese message.
XXGK_CLOCK_RULES = env.parsed("XXGK_CLOCK_RULES", ClockRules.from_mapping, ClockRules())
XXGK_FEE_SCALES = env.parsed("XXGK_FEE_SCALES", FeeScales.from_mapping, FeeScales())

# Operators may silence a check they have acknowledged, e.g. workcalendar.W001.
SILENCED_SYSTEM_CHECKS = env.list("XXGK_SILENCED_CHECKS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("XXGK_LOG_LEVEL", "INFO")},
    # fontTools logs every subsetting step at INFO when PDFs are written.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

# Audit chain anchors (issue 11, guarantee 13): every N appended rows the chain head is also
# written to this file outside the database (0 = only when `xxgk audit anchor` runs).
XXGK_AUDIT_ANCHOR_FILE = Path(
    env.str("XXGK_AUDIT_ANCHOR_FILE", str(DATA_DIR / "audit-anchors.jsonl"))
).resolve()
XXGK_AUDIT_ANCHOR_EVERY = env.int("XXGK_AUDIT_ANCHOR_EVERY", 100, minimum=0)

# Encryption of applicants' ID numbers, phones, e-mails and addresses (issue 11, guarantee 14):
# comma-separated Fernet keys, the first encrypts, all decrypt (docs/security.md §14).
# Production (XXGK_SECURE=true) refuses to start without them; the demo generates one into
# $XXGK_DATA_DIR/data_keys on first use.
_data_keys = env.secret("XXGK_DATA_KEYS")
if not _data_keys and SECURE:
    raise ImproperlyConfigured(
        "未配置申请人个人信息加密密钥 XXGK_DATA_KEYS（或 XXGK_DATA_KEYS_FILE）："
        "生产环境（XXGK_SECURE=true）必须提供，可用 xxgk keys generate 生成。"
    )
from xxgk.privacy.keys import parse_keys  # noqa: E402 - needs only `cryptography`

XXGK_DATA_KEYS = parse_keys(_data_keys or ensure_data_keys(DATA_DIR))
# Applicant personal data of cases closed more than this many years ago may be purged
# (`xxgk purge`); the anonymous statistics of the annual reports are kept.
XXGK_PERSONAL_DATA_RETENTION_YEARS = env.int("XXGK_PERSONAL_DATA_RETENTION_YEARS", 5, minimum=1)
# Directory of pg_dump/pg_restore for `xxgk backup`/`restore` on PostgreSQL (default: PATH,
# then /usr/lib/postgresql/15/bin).
XXGK_PG_BIN = env.str("XXGK_PG_BIN", "")
