"""The password reset form, limited: it sends mail to whatever address a visitor types; and
the login and logout views' wrapper that clears the browser's copies of public pages."""

import logging
from functools import wraps

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from .client_address import client_ip_address
from .throttle import count_request, pseudonym

logger = logging.getLogger(__name__)

# Marks a mail whose text is a key to an account: admin never shows it (projects/admin/mail.py).
SECRET_BODY_HEADER = "X-Hamarregion-Secret-Body"  # noqa: S105 - a header name


def password_reset_throttled(request, email: str) -> bool:
    """Counts this request for the client and for the address; True when either is over its
    limit within the window. A cache that cannot be reached lets the request through."""
    window = settings.PASSWORD_RESET_WINDOW
    client = pseudonym(client_ip_address(request) or "unknown", purpose="client")
    address = pseudonym(email.strip().casefold(), purpose="password-reset-address")
    try:
        if count_request(f"password-reset:client:{client}", window) > (
            settings.PASSWORD_RESET_CLIENT_LIMIT
        ):
            logger.warning("Password reset not sent: too many requests from one client.")
            return True
        if count_request(f"password-reset:address:{address}", window) > (
            settings.PASSWORD_RESET_ADDRESS_LIMIT
        ):
            logger.warning(
                "Password reset not sent: too many requests for one address (%s).", address
            )
            return True
    except Exception:  # noqa: BLE001 - the limit is a guard, not a reason to refuse a reset
        logger.exception("Password reset requests could not be counted; the request went ahead.")
    return False


class ThrottledPasswordResetForm(PasswordResetForm):
    """The visitor sees the same page whatever happened: mail sent, no such account, or the
    limit reached (then nothing is sent, and a warning is logged with a pseudonym of the
    address)."""

    def save(self, *args, request=None, **kwargs):
        if request is not None and password_reset_throttled(request, self.cleaned_data["email"]):
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Django's, with the header that keeps the mail's text out of admin: it is queued like
        any other mail (a mail server that is down loses nothing, and the answer takes as long
        whether the address has an account or not), but its link opens the account."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(
            subject, body, from_email, [to_email], headers={SECRET_BODY_HEADER: "1"}
        )
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        message.send()


def clears_browser_cache(view):
    """Public pages are the same for every anonymous visitor and say so without `Vary: Cookie`
    (hamarregion/page_cache/middleware.py), so a browser may show one it kept to a visitor who
    has just logged in or out. Whenever the view changes who the session belongs to, the
    response asks the browser to drop what it kept of this site."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        session_before = request.session.session_key
        response = view(request, *args, **kwargs)
        if request.session.session_key != session_before:
            response["Clear-Site-Data"] = '"cache"'
        return response

    return wrapped
