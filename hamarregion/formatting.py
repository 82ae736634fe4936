"""Amounts, percentages and dates in the language of the page, from one place:
bokmål 1 250 000 kr, 12 %, 27.11.2026 kl. 14:30; English NOK 1,250,000, 12%, 27 Nov 2026 at 14:30.
Dates use Django's localized formats (SHORT_DATE_FORMAT, TIME_FORMAT) for the language, with
hamarregion/formats/en for English."""

from contextlib import nullcontext
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import formats, numberformat, timezone, translation
from django.utils.translation import gettext as _

NBSP = "\u00a0"

# Where the currency goes and what it is called, per interface language.
CURRENCY_PATTERNS = {"nb": "{amount}" + NBSP + "kr", "en": "NOK" + NBSP + "{amount}"}
PERCENT_PATTERNS = {"nb": "{number}" + NBSP + "%", "en": "{number}%"}


def _language(language: str | None = None) -> str:
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in CURRENCY_PATTERNS else settings.LANGUAGE_CODE


def format_number(number, *, language: str | None = None) -> str:
    """A whole number with the language's thousands separator."""
    language = _language(language)
    return numberformat.format(
        int(number),
        decimal_sep=formats.get_format("DECIMAL_SEPARATOR", language),
        grouping=formats.get_format("NUMBER_GROUPING", language),
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR", language),
        force_grouping=True,
    )


def format_nok(amount, *, language: str | None = None) -> str:
    if amount is None or amount == "":
        return ""
    language = _language(language)
    grouped = format_number(amount, language=language)
    return CURRENCY_PATTERNS[language].format(amount=grouped)


def format_percent(number, *, language: str | None = None) -> str:
    """A whole per cent, half up as the floatformat filter rounds: `number` is in per cent
    (12.5 for 13 %). None (nothing to measure) gives an empty string."""
    if number is None or number == "":
        return ""
    whole = Decimal(str(number)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return PERCENT_PATTERNS[_language(language)].format(
        number=format_number(whole, language=language)
    )


def _local(value):
    if hasattr(value, "hour") and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _in_language(language: str | None):
    """The language's formats and month names. A page's dates are in its own language, already
    active: switching to it and back again took about a third of a date and time's formatting."""
    language = _language(language)
    if language == translation.get_language():
        return nullcontext()
    return translation.override(language)


def format_date(value, *, language: str | None = None) -> str:
    if not value:
        return ""
    with _in_language(language):
        return formats.date_format(_local(value), "SHORT_DATE_FORMAT")


def format_datetime(value, *, language: str | None = None) -> str:
    if not value:
        return ""
    local = _local(value)
    with _in_language(language):
        return _("%(date)s kl. %(time)s") % {
            "date": formats.date_format(local, "SHORT_DATE_FORMAT"),
            "time": formats.time_format(local, "TIME_FORMAT"),
        }
