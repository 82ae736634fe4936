"""The secretariat's admin of the follow-up. Importing the modules registers their admins."""

from . import change_requests, progress_reports

__all__ = ["change_requests", "progress_reports"]
