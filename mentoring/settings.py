"""Settings, read from the environment.

With no DATABASE_URL the application runs on an embedded SQLite file so that it can be
tried at once; PostgreSQL is the production and CI database.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default="False"):
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.getenv(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG")
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=true for development).")
    SECRET_KEY = "development-only-insecure-key"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The public address of the application, e.g. https://nastavnik.school43.ru: the QR code of a
# document opens its check page there. Empty: the address the signing request came to.
SITE_URL = os.getenv("SITE_URL", "").rstrip("/")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "mentoring",
    "participants",
    "surveys",
    "pairs",
    "reports",
    "mentoring.apps.MentoringAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "csp",
    "django_filters",
    "simple_history",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mentoring.unavailable.DatabaseUnavailableMiddleware",
    # Refuses a request body larger than any upload before it is read (mentoring/body_limit.py).
    "mentoring.body_limit.BodySizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "mentoring.closing.ClosedYearMiddleware",
    # Last, as django-axes requires: it turns a lockout into the page below.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentoring.urls"
WSGI_APPLICATION = "mentoring.wsgi.application"

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
                "mentoring.context_processors.programme",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "mentoring.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "mentoring.passwords.VarietyValidator"},
    {"NAME": "mentoring.passwords.KeyboardPatternValidator"},
]
# A session lasts a working day at most, and ends when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): five failed attempts for one login from one address lock that
# login from that address for 15 minutes. By the pair, not by the address alone: a whole school
# reaches the server from one address, and one teacher's typos must not lock out the others.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "mentoring.logins.locked_out"
AXES_USERNAME_CALLABLE = "mentoring.logins.attempted_username"
AXES_CLIENT_IP_CALLABLE = "mentoring.logins.client_address"
AXES_VERBOSE = False

LANGUAGE_CODE = os.getenv("LANGUAGE_CODE", "ru")
TIME_ZONE = os.getenv("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# Uploaded files (scans of consents, materials) are personal data: never served as static
# files, only through views that check who asks.
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))
# Where `manage.py backup` (make backup) writes its archives; keep a copy off this machine too.
BACKUP_DIR = Path(os.getenv("BACKUP_DIR", BASE_DIR / "backups"))
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", 10) * 1024 * 1024
IMPORT_MAX_BYTES = envint("IMPORT_MAX_MB", 10) * 1024 * 1024
# Methodological materials (presentations, scanned brochures) run larger than scans of consents.
MATERIAL_UPLOAD_MAX_BYTES = envint("MATERIAL_MAX_MB", 20) * 1024 * 1024
# Uploaded files are personal data: readable and writable by the application's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Where uploads are kept: the local MEDIA_ROOT by default (a shared mount when several application
# servers run), or any Django storage backend, e.g. FILE_STORAGE=storages.backends.s3.S3Storage
# with FILE_STORAGE_OPTIONS='{"bucket_name": "…"}'. Files are only ever read through the storage.
STORAGES = {
    "default": {
        "BACKEND": os.getenv("FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.getenv("FILE_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development static files come straight from the apps and static/; in production from
# STATIC_ROOT, filled by collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

# How long browsers and proxies may keep a page of the public «Наставничество» section.
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 300)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Strict policy: every script and style comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy (nginx) that terminates TLS and appends the client's address to
# X-Forwarded-For; never trusted otherwise.
BEHIND_HTTPS_PROXY = envbool("BEHIND_HTTPS_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
# Production speaks HTTPS only: secure cookies, a redirect from HTTP, HSTS for a year. An intranet
# served over plain HTTP turns all of it off with SECURE_COOKIES=false.
HTTPS_ONLY = envbool("SECURE_COOKIES", str(not DEBUG))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS_ONLY
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(HTTPS_ONLY))
# A load balancer's health probe may speak plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if HTTPS_ONLY else 0)
# Covers the application's own host and its subdomains only, never the school's other sites.
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SILENCED_SYSTEM_CHECKS = [
    # Entering the browsers' preload list binds the whole domain, which belongs to the school or
    # the district: SECURE_HSTS_PRELOAD=true is their decision, not a default.
    *(["security.W021"] if not SECURE_HSTS_PRELOAD else []),
]

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "nastavnichestvo@localhost")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every step of every PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Each failed login is one warning; its every step is not worth a line.
        "axes": {"level": "WARNING"},
    },
}
