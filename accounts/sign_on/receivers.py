"""The sign-on's part in every login: a provider's second factor belongs to one sign-on."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from ..second_factor import SIGN_ON_SECOND_FACTOR_SESSION_KEY


@receiver(user_logged_in, dispatch_uid="accounts_sign_on_second_factor_per_login")
def _second_factor_belongs_to_one_sign_on(sender, request, user, **kwargs):
    """A login keeps the session of a person already logged in as the same person (Django
    only cycles its key): a provider's second factor from an earlier sign-on must not carry
    over to a password login. The sign-on that vouches for one sets it after logging in."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SIGN_ON_SECOND_FACTOR_SESSION_KEY, None)
