"""Organisations, people and the audit log in admin. Importing the modules registers them."""

from . import audit, people

__all__ = ["audit", "people"]
