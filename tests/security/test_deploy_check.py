"""With the documented production settings, Django's deploy check finds nothing to warn of.

The first test runs `manage.py check --deploy` in a process of its own, as production does. The
variants run the same command in this process (a process costs a second, mostly imports): the
settings module is run again under the variant's environment and its values replace the test
settings while the check runs. Every check reads the settings when it runs, and INSTALLED_APPS
is the same in both, so the check sees what a process started with that environment would."""

import importlib.util
import os
import secrets
import subprocess  # noqa: S404
import sys
from io import StringIO
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from tests import shared_redis

PROJECT = Path(settings.BASE_DIR)
# The module settings.py takes the accounts' settings from (a star import), run again with it.
ACCOUNTS_SETTINGS = "hamarregion.settings_accounts"


def deploy_environment(**extra):
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
    return {key: value for key, value in environment.items() if value is not None}


def run_deploy_check(**extra):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=deploy_environment(**extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_read_from(environment) -> dict:
    """Every setting as the settings module gives it when run with `environment` only."""
    spec = importlib.util.spec_from_file_location(
        "deploy_check_settings", sys.modules[os.environ["DJANGO_SETTINGS_MODULE"]].__file__
    )
    module = importlib.util.module_from_spec(spec)
    package = sys.modules["hamarregion"]
    kept = sys.modules.pop(ACCOUNTS_SETTINGS)
    try:
        with mock.patch.dict(os.environ, environment, clear=True):
            spec.loader.exec_module(module)
    finally:
        sys.modules[ACCOUNTS_SETTINGS] = kept
        package.settings_accounts = kept
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def deploy_check_in_process(**extra):
    """(passed, what the check wrote) of `check --deploy --fail-level WARNING` with the
    settings a process started with deploy_environment(**extra) would have."""
    values = settings_read_from(deploy_environment(**extra))
    # The apps cannot change in a running process; they are the same in every environment.
    assert values.pop("INSTALLED_APPS") == settings.INSTALLED_APPS
    # The check reads no database without --database, and the tests' connection stays.
    values.pop("DATABASES")
    output = StringIO()
    with override_settings(**values):
        try:
            call_command("check", deploy=True, fail_level="WARNING", stdout=output, stderr=output)
        except SystemCheckError as error:
            return False, output.getvalue() + str(error)
    return True, output.getvalue()


def test_deploy_check_reports_no_issues_with_the_production_settings():
    result = run_deploy_check()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_deploy_check_in_this_process_also_reports_no_issues_with_the_production_settings():
    """The variants below run in this process: it reads the settings as a new process does."""
    passed, output = deploy_check_in_process()

    assert passed, output
    assert "System check identified no issues (1 silenced)" in output, output


def test_deploy_check_fails_when_https_redirect_is_switched_off():
    """The check really runs with our settings: switching a protection off is reported."""
    passed, output = deploy_check_in_process(DJANGO_SECURE_SSL_REDIRECT="0")

    assert not passed
    assert "security.W008" in output


def test_deploy_check_warns_when_the_page_cache_is_each_process_s_own():
    passed, output = deploy_check_in_process(REDIS_URL=None)

    assert not passed
    assert "page_cache.W001" in output
    assert "REDIS_URL" in output


def test_deploy_check_warns_when_production_does_not_name_its_address():
    passed, output = deploy_check_in_process(DJANGO_SITE_URL=None)

    assert not passed
    assert "hamarregion.W001" in output


def test_deploy_check_passes_with_hsts_preload_switched_on():
    passed, output = deploy_check_in_process(DJANGO_SECURE_HSTS_PRELOAD="1")

    assert passed, output
    assert "System check identified no issues (0 silenced)" in output
