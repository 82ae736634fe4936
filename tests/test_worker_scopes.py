"""How the suite is shared between pytest-xdist's workers (tests/conftest.py): the modules kept
on one worker exist, and the scopes handed out first are those modules and groups."""

from pathlib import Path

from django.conf import settings

from tests.conftest import (
    DATABASE_FIXTURES,
    ONE_WORKER_GROUPS,
    ONE_WORKER_MODULES,
    SCOPES_FIRST,
    worker_scope,
)


def test_every_module_kept_on_one_worker_exists():
    for module in [*ONE_WORKER_MODULES, *ONE_WORKER_GROUPS]:
        assert (Path(settings.BASE_DIR) / module).is_file(), module


def test_the_scopes_handed_out_first_are_the_modules_and_groups_kept_together():
    kept = {*ONE_WORKER_MODULES, *ONE_WORKER_GROUPS.values()}

    assert set(SCOPES_FIRST) == kept
    assert len(SCOPES_FIRST) == len(kept)


def test_the_second_scope_needs_no_test_database(request):
    """The worker that gets it works while the first migrates."""
    second = [
        item for item in request.session.items if worker_scope(item.nodeid) == SCOPES_FIRST[1]
    ]

    for item in second:
        assert item.get_closest_marker("django_db") is None, item.nodeid
        assert not set(item.fixturenames) & {*DATABASE_FIXTURES, "django_db_setup"}, item.nodeid
