"""A test that reaches the database only through the deploy tests' session fixtures runs on the
test database (tests/conftest.py marks it a database test), even when it is the only test
collected: the fixtures load the programme into the database they find."""

import dj_database_url
from django.conf import settings
from django.db import connection


def test_a_test_using_only_the_migrated_copy_runs_on_the_test_database(migrated_database, request):
    configured = dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{settings.BASE_DIR / 'db.sqlite3'}"
    )

    assert request.node.get_closest_marker("django_db") is not None
    assert connection.settings_dict["NAME"] != configured["NAME"]
    assert migrated_database.exists()
