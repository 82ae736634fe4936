"""The secretariat's admin of the follow-up, split by concern. Importing the modules registers
their admins."""

from . import payment_requests

__all__ = ["payment_requests"]
