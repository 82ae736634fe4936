"""Counting requests in a fixed window, in Django's cache (Redis in production, so that every
app server counts together)."""

from datetime import timedelta

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def pseudonym(value: str, *, purpose: str) -> str:
    """A keyed hash of `value` for cache keys and log lines: the same value gives the same
    pseudonym, and no one without the secret key can tell which value it was."""
    return salted_hmac(f"hamarregion.throttle.{purpose}", value).hexdigest()[:20]


def count_request(key: str, window: timedelta) -> int:
    """Adds one to the count under `key` and returns the new count. The window starts with the
    first request and the count is forgotten when it ends."""
    seconds = int(window.total_seconds())
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1
    if count == 1:
        # Redis' INCR recreated a key that expired after Django's check, without an expiry.
        cache.touch(key, seconds)
    return count
