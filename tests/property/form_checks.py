"""Checks shared by the property tests of the forms."""

from tests.property.conftest import changed_tables, stored_rows


def assert_stored(before, *, succeeded: bool, may_change: set) -> None:
    """A refused post stored nothing; an accepted one changed no table but `may_change`."""
    after = stored_rows()
    if succeeded:
        assert changed_tables(before, after) <= may_change
    else:
        assert changed_tables(before, after) == set()


def replaced(base: dict, changes: dict) -> dict:
    data = dict(base)
    data.update(changes)
    return data
