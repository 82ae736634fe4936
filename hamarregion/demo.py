"""What every demo command checks first: known passwords and made-up data only while DEBUG."""

from django.conf import settings
from django.core.management.base import CommandError


def require_debug(what: str) -> None:
    if not settings.DEBUG:
        raise CommandError(
            f"{what} have known passwords and are only made while DEBUG is on "
            "(DJANGO_DEBUG=1). Refused."
        )
