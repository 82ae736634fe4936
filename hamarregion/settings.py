"""Settings for the Hamarregionen portal.

One module, driven by environment variables. The defaults suit development on a
laptop (DEBUG on, SQLite in the project folder); production sets DJANGO_DEBUG=0
and must then name its secret key and hosts, or start-up stops.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hamarregion.logging import logging_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    normalised = value.strip().lower()
    if normalised in {"1", "true", "yes", "on"}:
        return True
    if normalised in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (true/false), not {value!r}.")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-never-use-in-production"  # noqa: S105
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    missing = [
        name
        for name, value in (
            ("DJANGO_SECRET_KEY", SECRET_KEY),
            ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is off, so the portal runs as in production and needs "
            + " and ".join(missing)
            + ". Set them in the environment (see .env.example), or set DJANGO_DEBUG=1 "
            "for development."
        )

INSTALLED_APPS = [
    "hamarregion.admin.apps.PortalAdminConfig",  # the admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "accounts.sign_in_attempts.SignInAttemptsConfig",  # django-axes, named in bokmål
    "django_otp",  # the second factor: accounts/two_factor/
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # Outgoing mail queued in the database and sent by `manage.py send_queued_mail`.
    "post_office",
    # Organisations, people, memberships and the audit log of sign-ins.
    "accounts",
    "programme",
    "projects",
    "meetings",
    "grants",
    "archive",
    "workbench",  # the secretariat's work queue, its landing page after login
    # What the council publishes about its funds: catalogue, feed, statistics, open data.
    "publication",
    # The public page cache's deploy check (hamarregion/page_cache/).
    "hamarregion.page_cache",
    # manage.py backup_portal and restore_portal (hamarregion/backup/).
    "hamarregion.backup",
    # The deploy check that production names its public address.
    "hamarregion.site_address",
]

MIDDLEWARE = [
    # First: every response, redirects and cached pages included, carries the request's id.
    "hamarregion.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # After SecurityMiddleware: links made while answering start with the request's address.
    "hamarregion.site_address.SiteAddressMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body; after CSP, so that the 413 page has its policy too.
    "hamarregion.request_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its address (hamarregion/languages.py).
    "hamarregion.languages.PathLocaleMiddleware",
    # After the language is set: a cached page is kept per language.
    "hamarregion.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): a second factor passed
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.two_factor.middleware.SecondFactorMiddleware",  # holds back who must pass one
    # Inside PathLocaleMiddleware and CsrfViewMiddleware: the page is in the address's language.
    "hamarregion.error_pages.ErrorPageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login (the portal's and the admin's) before Django's own backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # A person signs in with their e-mail address (or the demo accounts' usernames).
    "accounts.backends.EmailOrUsernameBackend",
    "accounts.sign_on.backends.OIDCSignOnBackend",
]

ROOT_URLCONF = "hamarregion.urls"

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
                "hamarregion.languages.languages",
            ],
            "libraries": {
                "content_language": "hamarregion.templatetags.content_language",
                "council": "hamarregion.templatetags.council",
                "formatting": "hamarregion.templatetags.formatting",
                "markdown": "hamarregion.templatetags.markdown",
            },
        },
    },
]

WSGI_APPLICATION = "hamarregion.wsgi.application"

# Production keeps each connection open for 60 s (DJANGO_CONN_MAX_AGE), saving a PostgreSQL
# connection set-up per request; the health check before a kept connection is reused replaces
# one the database dropped (a restart), so the next request does not fail on it. Development
# closes the connection after each request (0), as Django does by default.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portal's queries are short; PostgreSQL's JIT compiler spent 0.5 s compiling the
    # admin list sorted by an amount, which runs in 70 ms without it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves requests in threads. A transaction that reads and then writes while
    # another writes fails at once with «database is locked» (SQLite cannot wait there without
    # risking a deadlock): every transaction takes the write lock when it begins instead, a
    # writer waits up to 20 s for another, and readers never wait for writers (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The public pages are cached whole for anonymous visitors (hamarregion/page_cache/): in this
# process's memory by default, in Redis, shared by every process and app server, with REDIS_URL.
# The short timeouts let a page be served uncached at once when Redis does not answer.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, with one Redis client per process instead of one per call.
            "BACKEND": "hamarregion.shared_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            # Another portal (a staging copy, a test run) on the same Redis sets its own.
            "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", "hamarregion"),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hamarregion",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# How long a public page is kept at most; an edit invalidates it at once. 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# How long a browser or proxy may reuse a public page without asking, and then serve it once
# more while it asks again: an edit shows within their sum.
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("DJANGO_PUBLIC_MAX_AGE", "60"))
PUBLIC_PAGE_STALE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_STALE_SECONDS", "30"))
# The code's release (a commit or version) in cached pages' keys and validators; unset, a
# digest of the code's files (hamarregion/page_cache/release.py).
RELEASE = os.environ.get("DJANGO_RELEASE", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
# Bokmål is the default; English is the second language of the interface (locale/en).
# The council's own text in the database stays Norwegian in both.
LANGUAGES = [("nb", _("Norsk bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day first with a 24-hour clock (hamarregion/formats/en); bokmål is Django's own.
FORMAT_MODULE_PATH = ["hamarregion.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Single sign-on, invitations and the audit log's retention (accounts/), from the environment.
from hamarregion.settings_accounts import *  # noqa: E402, F403

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:landing"  # each role's start page: workbench.views.landing
LOGOUT_REDIRECT_URL = "programme:home"

# Attachments of applications: outside STATIC_ROOT and any URL the web server serves;
# projects.views.attachments hands them out after checking permission.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body read at all: the largest attachment (10 MB, projects/file_types.py)
# and room for the rest of the form. A larger one is answered 413 before it is read
# (hamarregion/request_limits.py).
MAX_REQUEST_BODY_BYTES = int(os.environ.get("DJANGO_MAX_REQUEST_BODY_BYTES") or 11 * 1024 * 1024)

# The portal's public address, which absolute links (e-mails, open data) start with. Required in
# production (`check --deploy` warns without it); unset, links take the address a request came
# to (hamarregion/site_address/).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "")

# E-mail goes through a queue in the database (django-post-office): send_mail stores the mail
# and `manage.py send_queued_mail` (every minute, deploy/systemd/hamarregion-send-mail.timer)
# delivers it through the backend below, SMTP in production. A mail the server refuses is tried
# again every 30 minutes, 5 times, then marked failed; the secretariat sees sent and failed mail
# in admin (never the text of a password reset mail, whose link opens the account). In
# development the mail is printed to the console at once, queue or not.
EMAIL_BACKEND = "post_office.EmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_DELIVERY_BACKEND},
    "DEFAULT_PRIORITY": "now" if DEBUG else "medium",
    "MAX_RETRIES": 5,
    "RETRY_INTERVAL": timedelta(minutes=30),
    # A log row for every attempt, sent or failed, shown with the mail in admin.
    "LOG_LEVEL": 2,
}
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Hamarregionen IPR <post@hamarregionen.no>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The secretariat's shared inbox, told of every submitted, returned or withdrawn application.
SECRETARIAT_EMAIL = os.environ.get("DJANGO_SECRETARIAT_EMAIL", "sekretariat@hamarregionen.no")

# The password reset form sends mail to whatever address a visitor types: at most
# PASSWORD_RESET_ADDRESS_LIMIT requests for one address (3: a person who mistypes or misses the
# mail tries again once or twice) and PASSWORD_RESET_CLIENT_LIMIT requests from one client
# address (10: a municipality's staff share one address behind its firewall) per window
# (hamarregion/accounts.py). Counted in the cache: Redis, shared by every app server.
PASSWORD_RESET_ADDRESS_LIMIT = int(os.environ.get("DJANGO_PASSWORD_RESET_ADDRESS_LIMIT", "3"))
PASSWORD_RESET_CLIENT_LIMIT = int(os.environ.get("DJANGO_PASSWORD_RESET_CLIENT_LIMIT", "10"))
PASSWORD_RESET_WINDOW = timedelta(hours=1)

# The second factor (accounts/two_factor/): passkeys are checked against the site's address.
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL if SITE_URL.startswith("https") else "http://localhost"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# The load balancer probes the health endpoints over plain HTTP (hamarregion/health.py).
SECURE_REDIRECT_EXEMPT = [r"^helse/(live|klar)$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading puts the whole registrable domain (hamarregionen.no and every subdomain the
    # council runs, not only this portal) into the browsers' built-in lists, and leaving them
    # takes months. That is the domain owner's decision, so it is off unless asked for; the
    # deploy check's reminder about it (security.W021) is silenced only while it is off.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Content-Security-Policy (django-csp): the portal and the admin load scripts, styles, fonts
# and images from this host only, with no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Login throttling (django-axes, hamarregion/login_throttle.py): five failed logins for one
# username from one client address lock that username from that address for 15 minutes, and
# twenty failed logins from one address, whatever the usernames, lock the address. Someone
# elsewhere cannot lock a person out, and a successful login resets only its own username's
# count from that address. The secretariat unlocks in admin by deleting the «Access attempt».
AXES_HANDLER = "hamarregion.login_throttle.PairAndClientHandler"
AXES_FAILURE_LIMIT = 5
LOGIN_CLIENT_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_CLIENT_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# The client's address: the entry DJANGO_TRUSTED_PROXY_COUNT places from the right of
# X-Forwarded-For behind that many proxies, else REMOTE_ADDR (hamarregion/client_address.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0") or 0)
AXES_CLIENT_IP_CALLABLE = "hamarregion.client_address.client_ip_address"

# Logs go to stdout: one JSON object per line in production (hamarregion/logging.py) for the
# log collector, readable lines in development. gunicorn.conf.py uses the same handler for the
# access log. Both formats redact the password reset link and never write query strings.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "").strip().lower() or (
    "plain" if DEBUG else "json"
)
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")

LOGGING = logging_settings(LOG_FORMAT, os.environ.get("DJANGO_LOG_LEVEL", "INFO"))
