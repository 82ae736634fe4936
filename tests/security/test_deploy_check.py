"""With the documented production settings, Django's deploy check finds nothing to warn of."""

import os
import secrets
import subprocess  # noqa: S404
import sys
from pathlib import Path

from django.conf import settings

from tests import shared_redis

PROJECT = Path(settings.BASE_DIR)


def run_deploy_check(**extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") or key == "DJANGO_SETTINGS_MODULE"
    }
    environment.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "example.org",
            "DJANGO_SITE_URL": "https://example.org",
            # Production shares one cache between its processes; the check does not connect,
            # and were it to, it would meet the tests' own Redis database, never database 0.
            "REDIS_URL": shared_redis.REDIS_URL,
            **extra,
        }
    )
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_reports_no_issues_with_the_production_settings():
    result = run_deploy_check()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_deploy_check_fails_when_https_redirect_is_switched_off():
    """The check really runs with our settings: switching a protection off is reported."""
    result = run_deploy_check(DJANGO_SECURE_SSL_REDIRECT="0")

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_deploy_check_warns_when_the_page_cache_is_each_process_s_own():
    result = run_deploy_check(REDIS_URL=None)

    assert result.returncode != 0
    assert "page_cache.W001" in result.stdout + result.stderr
    assert "REDIS_URL" in result.stdout + result.stderr


def test_deploy_check_warns_when_production_does_not_name_its_address():
    result = run_deploy_check(DJANGO_SITE_URL=None)

    assert result.returncode != 0
    assert "hamarregion.W001" in result.stdout + result.stderr


def test_deploy_check_passes_with_hsts_preload_switched_on():
    result = run_deploy_check(DJANGO_SECURE_HSTS_PRELOAD="1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout
