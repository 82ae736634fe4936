"""The secretariat's admin, split by concern. Importing the modules registers their admins."""

from . import appeals, application, case_records, funding_call, mail, municipality

__all__ = [
    "appeals",
    "application",
    "case_records",
    "funding_call",
    "mail",
    "municipality",
]
