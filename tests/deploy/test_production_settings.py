"""What production gets without asking: persistent database connections and JSON logs; and
what development keeps: a connection per request and readable log lines."""

import os
import subprocess  # noqa: S404
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "k" * 40,
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
}


def read_settings(**environment) -> subprocess.CompletedProcess:
    """The settings module evaluated in a fresh process with only these DJANGO_* variables."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603 - the running interpreter on our own settings
        [
            sys.executable,
            "-c",
            "from hamarregion import settings as s; "
            "print(s.DATABASES['default']['CONN_MAX_AGE'], "
            "s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
            "s.LOGGING['handlers']['console']['formatter'])",
        ],
        cwd=settings.BASE_DIR,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_keeps_connections_for_a_minute_with_health_checks_and_logs_json():
    result = read_settings(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True", "json"]


def test_development_closes_connections_after_each_request_and_logs_plain_text():
    result = read_settings()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True", "plain"]


def test_both_can_be_chosen_explicitly():
    result = read_settings(**PRODUCTION, DJANGO_CONN_MAX_AGE="0", DJANGO_LOG_FORMAT="plain")

    assert result.stdout.split() == ["0", "True", "plain"]


@pytest.mark.parametrize("value", ["xml", "text"])
def test_an_unknown_log_format_refuses_to_start(value):
    result = read_settings(**PRODUCTION, DJANGO_LOG_FORMAT=value)

    assert result.returncode != 0
    assert f"DJANGO_LOG_FORMAT must be json or plain, not {value!r}." in result.stderr
