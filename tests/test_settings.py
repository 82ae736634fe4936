"""Settings: safe for development by default, and loud in production when something is missing."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_VARIABLES = ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")


def manage_check(**environment):
    """Run `manage.py check` in a fresh process with the given DJANGO_* variables only."""
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_VARIABLES}
    env.update(environment)
    return subprocess.run(  # noqa: S603 - our own manage.py with the running interpreter
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = manage_check(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="hamarregionen.no")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS" not in result.stderr.splitlines()[-1]


def test_production_without_allowed_hosts_refuses_to_start():
    result = manage_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr
    assert "DJANGO_SECRET_KEY" not in result.stderr.splitlines()[-1]


def test_production_without_either_names_both():
    result = manage_check(DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_with_secret_key_and_allowed_hosts_passes_the_checks():
    result = manage_check(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-key-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="hamarregionen.no,www.hamarregionen.no",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_needs_no_variables():
    result = manage_check()

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "ja"])
def test_an_unclear_debug_value_refuses_to_start(value):
    result = manage_check(
        DJANGO_DEBUG=value,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="hamarregionen.no",
    )

    assert result.returncode != 0
    assert f"DJANGO_DEBUG must be 1 or 0 (true/false), not {value!r}." in result.stderr


def test_language_and_time_zone_are_norwegian():
    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert settings.USE_TZ is True


@pytest.mark.django_db
def test_postgresql_connections_run_without_the_jit_compiler():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_make_run_on_another_port_gives_links_to_that_port():
    """The address `make run` serves on is the one e-mails and open data link to."""
    dry_run = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "-n", "run", "PORT=8123"],  # noqa: S607
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    (serve,) = [line for line in dry_run.stdout.splitlines() if " runserver " in line]
    assert serve.endswith(" runserver 127.0.0.1:8123")
    # The same command, asking the settings instead of serving.
    ask = serve.replace(
        " runserver 127.0.0.1:8123",
        ' shell --no-imports -c "from django.conf import settings; print(settings.SITE_URL)"',
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SITE_URL"}

    result = subprocess.run(  # noqa: S603
        ["sh", "-c", ask],  # noqa: S607
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.strip() == "http://127.0.0.1:8123"


def test_make_prod_starts_the_stack_script_on_the_port_asked_for():
    recipe = subprocess.run(
        ["make", "-n", "prod", "PORT=8123"],  # noqa: S607
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "PORT=8123 .venv/bin/python scripts/prod.py" in recipe
