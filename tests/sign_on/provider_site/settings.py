"""Settings of the test provider. Its database and request log are files in the test run's
temporary folder, named by the environment (tests/sign_on/identity_provider.py sets them)."""

import os
from pathlib import Path

SECRET_KEY = "test-provider-only"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
    "tests.sign_on.provider_site",
]

MIDDLEWARE = [
    "tests.sign_on.provider_site.record.RequestRecordMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "tests.sign_on.provider_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["PROVIDER_DATABASE"],
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each request the provider receives, one JSON line (tests/sign_on/provider_site/record.py).
PROVIDER_REQUEST_LOG = os.environ["PROVIDER_REQUEST_LOG"]

LOGIN_URL = "/login/"
OIDC_USERINFO = "tests.sign_on.provider_site.hooks.userinfo"
OIDC_IDTOKEN_PROCESSING_HOOK = "tests.sign_on.provider_site.hooks.authentication_methods"
