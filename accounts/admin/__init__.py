"""Organisations, people, invitations and the audit log in admin. Importing the modules
registers them."""

from . import audit, invitations, organisations, people, second_factor

__all__ = ["audit", "invitations", "organisations", "people", "second_factor"]
