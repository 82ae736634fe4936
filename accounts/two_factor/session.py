"""This session's second factor: passing one (django-otp marks the session with the device) and
when it was last passed, which removing a device asks to be recent."""

import time
from datetime import timedelta

import django_otp

from ..second_factor import second_factor_verified

# When this session last passed a second factor (seconds since the epoch).
VERIFIED_AT_SESSION_KEY = "accounts_second_factor_verified_at"
# How recently a person must have passed it to remove a device.
RECENT = timedelta(minutes=10)


def mark_verified(request, device) -> None:
    """The session has passed `device` now: django-otp holds it for the session (removing it
    ends the session's verification), and the time is kept. The session gets a new key, as at
    the password step: one known before it passed is worth nothing after."""
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session[VERIFIED_AT_SESSION_KEY] = time.time()


def verified_recently(request) -> bool:
    if not second_factor_verified(request):
        return False
    verified_at = request.session.get(VERIFIED_AT_SESSION_KEY)
    if not isinstance(verified_at, int | float):
        return False
    return time.time() - verified_at < RECENT.total_seconds()
