"""Amounts and dates in the page's language, in Oslo time: 1 250 000 kr and 27.11.2026 in
bokmål, NOK 1,250,000 and 27 Nov 2026 in English."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from hamarregion.formatting import format_date, format_datetime, format_nok, format_percent
from tests.factories import funded_project
from tests.html import in_english, page_text

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


# --- The same figures in English ----------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(1_250_000, f"NOK{NBSP}1,250,000"), (999, f"NOK{NBSP}999"), (0, f"NOK{NBSP}0"), (None, "")],
)
def test_an_english_page_writes_amounts_as_nok_with_commas(amount, shown):
    with translation.override("en"):
        assert format_nok(amount) == shown


def test_percentages_follow_the_language_and_round_half_up():
    with translation.override("en"):
        assert (format_percent(12.5), format_percent(0), format_percent(None)) == ("13%", "0%", "")
    assert format_percent(12.4) == f"12{NBSP}%"


def test_an_english_page_writes_dates_day_first_with_the_month_named():
    late = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)

    with translation.override("en"):
        assert format_date(date(2026, 11, 27)) == "27 Nov 2026"
        assert format_date(late) == "1 Jan 2027"
        assert format_datetime(late) == format_datetime(late, language="en")
        assert format_datetime(datetime(2027, 7, 1, 12, 5, tzinfo=UTC)).endswith("14:05")
        # A caller that needs the Norwegian form (the CSV export for Excel) asks for it.
        assert format_date(date(2026, 11, 27), language="nb") == "27.11.2026"
    assert format_date(date(2026, 11, 27), language="en") == "27 Nov 2026"


def test_djangos_named_date_formats_are_day_first_in_english_too():
    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}')
    context = Context({"day": date(2026, 11, 27)})

    with translation.override("en"):
        assert template.render(context) == "27 November 2026|27 Nov 2026"
    with translation.override("nb"):
        assert template.render(context) == "27. november 2026|27.11.2026"


@pytest.mark.django_db
def test_the_project_page_shows_amount_and_dates_in_the_visitors_language(
    client, programme_fixture
):
    project = funded_project(granted_amount=1_250_000, decided_on=date(2026, 3, 12))

    norwegian = page_text(client.get(project.get_public_url()))
    english = page_text(client.get(in_english(project.get_public_url())))

    assert "1 250 000 kr" in norwegian
    assert "NOK 1,250,000" in english
    assert "NOK 1,250,000" not in norwegian
    assert "1 250 000 kr" not in english
    assert "12.03.2026" in norwegian
    assert "12 Mar 2026" in english
    assert "12.03.2026" not in english
