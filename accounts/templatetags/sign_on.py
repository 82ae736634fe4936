from django import template

from ..sign_on.providers import configured_providers

register = template.Library()


@register.simple_tag
def sign_on_providers():
    """The identity providers for the login page's buttons, in the order configured."""
    return configured_providers()
