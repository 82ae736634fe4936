"""Organisations, people and the audit log in admin. Importing the modules registers them."""

from . import audit, people, second_factor

__all__ = ["audit", "people", "second_factor"]
