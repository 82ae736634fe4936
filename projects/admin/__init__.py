"""The secretariat's admin, split by concern. Importing the modules registers their admins."""

from . import application, case_records, funding_call, mail, municipality, users

__all__ = ["application", "case_records", "funding_call", "mail", "municipality", "users"]
