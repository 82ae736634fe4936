"""Whether this session has passed a second factor: a one-time code or passkey checked by
django-otp, or a single sign-on whose provider vouches for one (accounts/sign_on)."""

# Set by the single sign-on when the provider's amr/acr claim names a second factor and the
# provider's settings allow it to count.
SIGN_ON_SECOND_FACTOR_SESSION_KEY = "accounts_sign_on_second_factor"


def second_factor_verified(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return True
    return bool(request.session.get(SIGN_ON_SECOND_FACTOR_SESSION_KEY))
