from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .providers import configured_providers


@checks.register(checks.Tags.security)
def sign_on_providers_check(app_configs, **kwargs):
    """DJANGO_OIDC_PROVIDERS as the portal reads it: a mistake stops `manage.py check` and the
    development server, rather than the first person who presses the button."""
    try:
        configured_providers()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="accounts.E001")]
    return []
