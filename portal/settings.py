"""Settings for the participation and integrity portal.

Everything that differs between a laptop and a server comes from the
environment (see .env.example). With DJANGO_DEBUG unset the portal runs with
development defaults; with DJANGO_DEBUG=0 the secrets and hosts must be given,
otherwise start-up fails loudly rather than running insecurely.
"""

import datetime as dt
import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from portal.lib.env import (
    caches_from_env,
    data_paths_from_env,
    database_from_env,
    env_bool,
    env_int,
    env_list,
    env_required,
)
from portal.lib.error_reports import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
# Templates, static files and catalogues: the copy an installed wheel carries
# inside the package (setup.py), else the checkout's own folders.
PACKAGED_SITE_FILES = Path(__file__).resolve().parent / "site_files"
SITE_FILES = PACKAGED_SITE_FILES if PACKAGED_SITE_FILES.is_dir() else BASE_DIR
# Where it writes: PORTAL_DATA_DIR, the checkout's var/ or /var/lib/portal (lib/env.py).
DATA = data_paths_from_env(checkout=BASE_DIR if SITE_FILES == BASE_DIR else None)


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-insecure-key-change-me"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or env_required("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the portal, used in links that leave the site: e-mails,
# QR codes and the PDF report, which assessors open months later.
SITE_URL = os.environ.get("PORTAL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # django.contrib.admin, whose site keeps each kind of staff member's app
    # list instead of building it on every page (portal/admin_site.py).
    "portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram lookups for the site search on PostgreSQL (portal/search.py);
    # on SQLite it registers nothing.
    "django.contrib.postgres",
    "django.contrib.sitemaps",  # sitemap.xml (portal/sitemaps.py)
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "portal.lib.queue.BackgroundTasksConfig",  # django-tasks-db, Thai label
    "measures",
    "feedback",
    "surveys",
    "portal",
]

# The demo agency (`manage.py seed_demo`, `make run`) is a development tool: a
# production host neither installs it nor ships it (the wheel leaves it out).
# DJANGO_DEMO=1 adds it to a staging host run from its checkout, where
# seed_demo still refuses without --force while DJANGO_DEBUG=0. By default it
# follows DJANGO_DEBUG where it can be imported (not from an installed wheel).
if env_bool("DJANGO_DEMO", DEBUG and importlib.util.find_spec("demo") is not None):
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: a load balancer probes each host by address, before host checks (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ThaiFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.lib.replica.ReplicaReadsMiddleware",  # only when a replica is configured
    # A second factor for staff (portal/second_factor): django-otp marks the
    # verified session, then only a verified session acts as staff.
    "django_otp.middleware.OTPMiddleware",
    "portal.second_factor.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_FILES / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_shell",
            ],
            "builtins": ["portal.templatetags.thai"],
            # The steps to the next page of a list counted up to a cap.
            "libraries": {"admin_count": "portal.lib.admin_count"},
        },
    },
]

# SQLite (DATA.sqlite: db.sqlite3 in the checkout) is only the embedded default for `make run`;
# production and the test suite use PostgreSQL through DATABASE_URL. A server
# that silently ran on a file of its own would lose every citizen's complaint
# to the next host or the next deployment, so production refuses to start without it.
if not DEBUG:
    env_required("DATABASE_URL")
DATABASES = {
    "default": database_from_env(os.environ.get("DATABASE_URL") or f"sqlite:///{DATA.sqlite}")
}

# A streaming replica takes the public pages' reads; whoever has just written,
# staff and background work read the primary (portal/lib/replica.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.lib.replica.PrimaryReplicaRouter"]
# Seconds a browser reads the primary after it wrote: longer than replication lags.
PORTAL_REPLICA_PIN_SECONDS = env_int("PORTAL_REPLICA_PIN_SECONDS", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared caches (default, rate limits, public pages): the database's tables
# on one server, Redis when REDIS_URL is set (portal.lib.env.caches_from_env).
CACHES = caches_from_env()
# Rate-limit counters must be exact and survive a busy day: in Redis when
# REDIS_URL is set (atomic INCR, an alias of their own), otherwise in their own
# table, never in the database cache (portal.lib.clients.client_rate_allow).
PORTAL_RATE_LIMIT_MODEL = "portal.RateLimitCount"
# Whole public pages are kept for anonymous visitors (portal/lib/page_cache.py)
# at most this many seconds, and dropped at once when a record changes.
PORTAL_PAGE_CACHE_SECONDS = env_int("PORTAL_PAGE_CACHE_SECONDS", 300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
# The project's catalogue, then Thai for the Django strings Django's own
# Thai catalogue lacks (the admin's filters and messages, form validators).
LOCALE_PATHS = [SITE_FILES / "locale", SITE_FILES / "locale" / "django"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA.static
STATICFILES_DIRS = [SITE_FILES / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Citizens' attachments (feedback/storage.py): never served directly.
    "private": {"BACKEND": "feedback.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Several hosts share their files through S3-compatible object storage
# (django-storages): what staff publish under public/, citizens' attachments
# under private/, fetched only by the app (short-lived signed requests).
# Credentials come from boto3's own variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
S3_BUCKET = os.environ.get("PORTAL_S3_BUCKET", "")
if S3_BUCKET:
    s3_options = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": os.environ.get("PORTAL_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("PORTAL_S3_REGION") or None,
        "custom_domain": os.environ.get("PORTAL_S3_PUBLIC_DOMAIN") or None,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_options | {"location": "public", "querystring_auth": False},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_options
        | {"location": "private", "custom_domain": None, "querystring_expire": 300},
    }
# Public media: what staff publish (logos, activity photos). Private uploads
# (complaint attachments) live apart under PRIVATE_MEDIA_ROOT and are served
# only through permission-checked views.
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA.media
PRIVATE_MEDIA_ROOT = DATA.private
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail leaves through the durable task queue (django-tasks-db), so a mail
# server that is down delays a message and loses none.
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is mailed the details of a server error (the 500 page says someone is told).
ADMINS = env_list("DJANGO_ADMINS")
if os.environ.get("DJANGO_EMAIL_HOST") or not DEBUG:
    # Production without DJANGO_EMAIL_HOST hands mail to the server's own MTA.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
                "port": env_int("DJANGO_EMAIL_PORT", 25),
                "username": os.environ.get("DJANGO_EMAIL_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# "sealed" carries a corruption report's tasks apart (portal.lib.queue.SEALED_QUEUE).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sealed"]}}

LOGIN_URL = "admin:login"

# --- Staff accounts and client addresses (security) ---------------------------
# How many reverse proxies stand in front of the application (nginx on the same
# host: 1). Only then is X-Forwarded-For believed, and only the entry the
# outermost trusted proxy wrote (portal.lib.clients.client_address). 0 = none.
PORTAL_TRUSTED_PROXY_COUNT = max(0, env_int("PORTAL_TRUSTED_PROXY_COUNT", 0))

# Public rate limits, each (count, seconds) per client network (an IPv4
# address, an IPv6 /64): portal.lib.clients.client_rate_allow counts them.
# Survey answers per hour: a service counter's shared Wi-Fi may need more
# than the default on a busy day.
SURVEY_RATE_LIMIT = (env_int("PORTAL_SURVEY_ANSWERS_PER_HOUR", 30), 60 * 60)
# Cases stored per hour.
FEEDBACK_SUBMIT_LIMIT = (env_int("PORTAL_CASES_PER_HOUR", 5), 60 * 60)
# Sendings of the case form, stored or not, per hour: a citizen correcting
# mistakes is not held back by the limit above, but checking uploads has a cost.
FEEDBACK_ATTEMPT_LIMIT = (env_int("PORTAL_CASE_ATTEMPTS_PER_HOUR", 30), 60 * 60)
# Tracking-code look-ups per quarter hour.
FEEDBACK_TRACK_LIMIT = (env_int("PORTAL_TRACK_LOOKUPS_PER_QUARTER_HOUR", 10), 15 * 60)
# Sendings on an open case's page (more information and files, the answer, the
# rating) per hour: each may carry files, so a script cannot fill the disk.
FEEDBACK_FOLLOW_UP_LIMIT = (env_int("PORTAL_FOLLOW_UPS_PER_HOUR", 10), 60 * 60)
# Personal data requests (see, correct, erase) per hour.
FEEDBACK_DATA_REQUEST_LIMIT = (env_int("PORTAL_DATA_REQUESTS_PER_HOUR", 5), 60 * 60)
# Asking by contact address: link mails per address a day (whoever asks), link life.
FEEDBACK_DATA_REQUEST_ADDRESS_LIMIT = (env_int("PORTAL_DATA_REQUEST_LINKS_PER_DAY", 3), 86400)
FEEDBACK_DATA_REQUEST_LINK_HOURS = env_int("PORTAL_DATA_REQUEST_LINK_HOURS", 24)

# Survey breakdowns (by stakeholder type...) show no figures for a group of
# fewer respondents than this, so no one's answers can be read off the page
# (surveys.services.results.breakdown_hidden).
SURVEY_MIN_GROUP_SIZE = max(1, env_int("PORTAL_SURVEY_MIN_GROUP_SIZE", 5))

# Seed 004 §5: projects of more than this budget (เกินกว่า, baht) need citizens
# or the private sector to take part; each agency's announcement names its own.
PORTAL_PARTICIPATION_BUDGET_BAHT = os.environ.get("PORTAL_PARTICIPATION_BUDGET_BAHT", "10000000")

# django-axes: five wrong passwords for one username from one address lock that
# pair for 30 minutes (another failure during the lock restarts it); a success
# resets the count. Axes' backend must come first and its middleware last.
INSTALLED_APPS += ["portal.lib.lockout.StaffSignInConfig"]  # django-axes, Thai label
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
# Two locks (portal/lib/lockout_handler.py): one account from one address after
# AXES_FAILURE_LIMIT failures, as before; and one address whatever the account
# after PORTAL_ADDRESS_FAILURE_LIMIT, against credential spraying (a few guesses
# at each of many usernames locks no single account). Not the address alone at
# 5: a district office signs in from one NAT address, and one officer's typos
# would lock all the others out. Not the username alone: anyone could lock an
# officer out from anywhere by failing on purpose.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "portal.lib.lockout_handler.StaffLockoutHandler"
PORTAL_ADDRESS_FAILURE_LIMIT = env_int("PORTAL_ADDRESS_FAILURE_LIMIT", 20)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.lib.clients.client_lockout_address"
AXES_LOCKOUT_CALLABLE = "portal.lib.lockout.lockout_response"
AXES_VERBOSE = False  # no start-up banner in every management command

# Second factor (django-otp): TOTP apps and single-use backup codes. The admin
# never shows a device's secret or backup codes once they are made.
INSTALLED_APPS += [
    "django_otp",
    # django-otp's otp_totp and otp_static, with Thai names in the admin
    "portal.second_factor.apps.AuthenticatorAppsConfig",
    "portal.second_factor.apps.BackupCodesConfig",
]
OTP_TOTP_ISSUER = os.environ.get("PORTAL_OTP_ISSUER", "") or SITE_URL.split("//", 1)[-1]
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Staff sessions end when the browser closes and, at the latest, after a working
# day (SESSION_COOKIE_AGE): officers share counters and computers.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Database sessions that read as empty while the database is away, so a citizen
# holding a session cookie still gets the form back, not an error page.
SESSION_ENGINE = "portal.lib.sessions"
# --- end security ------------------------------------------------------------

# Security. Development keeps plain HTTP working; production turns on HTTPS-only
# cookies, HSTS and the redirect (behind a proxy that sets X-Forwarded-Proto).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A load balancer's health probe may ask over plain HTTP on the private side.
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Django's built-in Content-Security-Policy: nothing from other hosts, no
# inline script; the admin and crispy forms work under it.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Staff may read any earlier version but not save it back (portal/lib/admin_history.py).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Everything to the console once, server errors also mailed (portal/lib/error_reports.py).
LOGGING = logging_config(level=os.environ.get("DJANGO_LOG_LEVEL", "INFO"))

# Error reports mailed to ADMINS name the fields of a request, never their values:
# a citizen's name or a corruption allegation has no place in a mailbox.
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.lib.error_reports.PersonalDataFilter"
DEFAULT_EXCEPTION_REPORTER = "portal.lib.error_reports.PersonalDataFreeReporter"

# pythainlp must never reach the network at run time (docs/domain.md, "pythainlp offline").
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
