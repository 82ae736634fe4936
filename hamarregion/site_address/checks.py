"""The deploy check that production names its public address."""

from django.conf import settings
from django.core import checks

from . import DEVELOPMENT_ADDRESS


@checks.register(checks.Tags.security, deploy=True)
def check_site_address(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    configured = settings.SITE_URL
    if not configured:
        return [
            checks.Warning(
                "DJANGO_SITE_URL is not set: e-mails written outside a request (the report "
                f"reminders) link to {DEVELOPMENT_ADDRESS}.",
                hint="Set DJANGO_SITE_URL to the portal's public address, "
                "e.g. https://portal.hamarregionen.no.",
                id="hamarregion.W001",
            )
        ]
    if not configured.startswith("https://"):
        return [
            checks.Warning(
                f"DJANGO_SITE_URL ({configured}) is not an https:// address: links in e-mails "
                "and open data would send visitors over plain HTTP.",
                hint="Give the public https:// address.",
                id="hamarregion.W002",
            )
        ]
    return []
