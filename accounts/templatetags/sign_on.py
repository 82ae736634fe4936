import logging

from django import template
from django.core.exceptions import ImproperlyConfigured

from ..sign_on.providers import configured_providers

logger = logging.getLogger(__name__)
register = template.Library()


@register.simple_tag
def sign_on_providers():
    """The identity providers for the login page's buttons, in the order configured. A mistake
    in their settings hides the buttons (and is logged) rather than the password form."""
    try:
        return configured_providers()
    except ImproperlyConfigured:
        logger.exception("DJANGO_OIDC_PROVIDERS cannot be read; no sign-on buttons are shown.")
        return []
