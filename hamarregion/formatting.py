"""Amounts and dates the Norwegian way: 1 250 000 kr, 27.11.2026."""

from django.utils import timezone
from django.utils.translation import gettext as _

NBSP = "\u00a0"


def format_nok(amount) -> str:
    if amount is None or amount == "":
        return ""
    grouped = f"{int(amount):,}".replace(",", NBSP)
    return f"{grouped}{NBSP}kr"


def format_date(value) -> str:
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d.%m.%Y")


def format_datetime(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _("%(date)s kl. %(time)s") % {"date": f"{local:%d.%m.%Y}", "time": f"{local:%H:%M}"}
