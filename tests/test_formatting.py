"""Amounts and dates the Norwegian way: 1 250 000 kr, 27.11.2026, in Oslo time."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from hamarregion.formatting import format_date, format_datetime, format_nok

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (1_250_000, f"1{NBSP}250{NBSP}000{NBSP}kr"),
        (500_000, f"500{NBSP}000{NBSP}kr"),
        (1000, f"1{NBSP}000{NBSP}kr"),
        (999, f"999{NBSP}kr"),
        (0, f"0{NBSP}kr"),
        ("2000000", f"2{NBSP}000{NBSP}000{NBSP}kr"),
        (None, ""),
        ("", ""),
    ],
)
def test_format_nok_groups_thousands_with_non_breaking_spaces(amount, shown):
    assert format_nok(amount) == shown


def test_format_date_is_day_month_year_with_dots():
    assert format_date(date(2026, 11, 27)) == "27.11.2026"
    assert format_date(date(2027, 1, 5)) == "05.01.2027"
    assert format_date(None) == ""


def test_a_utc_time_late_on_new_years_eve_is_the_next_day_in_oslo():
    late = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)

    assert format_date(late) == "01.01.2027"
    assert format_datetime(late) == "01.01.2027 kl. 00:30"


def test_format_datetime_follows_summer_time_in_oslo():
    assert format_datetime(datetime(2027, 7, 1, 10, 0, tzinfo=UTC)) == "01.07.2027 kl. 12:00"
    assert format_datetime(datetime(2027, 1, 1, 10, 0, tzinfo=UTC)) == "01.01.2027 kl. 11:00"
    oslo = datetime(2027, 3, 1, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    assert format_datetime(oslo) == "01.03.2027 kl. 12:00"
    assert format_datetime(None) == ""


def test_the_template_filters_use_the_same_formatting():
    template = Template(
        "{% load formatting %}{{ amount|nok }}|{{ day|no_date }}|{{ moment|no_datetime }}"
    )

    shown = template.render(
        Context(
            {
                "amount": 1_250_000,
                "day": date(2026, 11, 27),
                "moment": datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
            }
        )
    )

    assert shown == f"1{NBSP}250{NBSP}000{NBSP}kr|27.11.2026|01.01.2027 kl. 00:30"
