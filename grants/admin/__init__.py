"""The secretariat's admin of the follow-up, split by concern. Importing the modules registers
their admins."""

from . import change_requests, payment_requests, progress_reports

__all__ = ["change_requests", "payment_requests", "progress_reports"]
