"""Login throttling on top of django-axes: counted per username and client address, with a
ceiling per client address across usernames.

axes' own parameters count each lockout parameter on its own and, on a successful login, reset
every attempt that matches any of them: with ``["username", "ip_address"]`` a municipality's
successful login cleared the failures of every other account tried from the same address, so
anyone with one account could guess the secretariat's password without limit. Here:

- the failures of one username from one client address lock that pair after
  ``AXES_FAILURE_LIMIT``; an attacker elsewhere cannot lock the real person out;
- the failures from one client address, whatever the usernames, lock that address after
  ``LOGIN_CLIENT_FAILURE_LIMIT`` (password spraying);
- a successful login resets only its own username's failures from that address.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_failures(request) -> int:
    """Failed logins from the request's client address within the cool-off, any username."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start", default=0))["total"]


class PairAndClientHandler(AxesDatabaseHandler):
    """Expects ``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]``, so that axes' own
    counting and its reset on success apply to the pair alone."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if client_failures(request) >= settings.LOGIN_CLIENT_FAILURE_LIMIT:
            # axes compares one number with one limit: the client's ceiling counts as a full lock.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        # A failure without a username is a single sign-on the portal refused after the
        # identity provider checked the person: no password was guessed here, so it does not
        # count towards locking the username or the client address.
        if not (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD):
            return
        super().user_login_failed(sender, credentials, request, **kwargs)
