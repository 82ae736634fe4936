"""The secretariat picks the year an application was sent in, in Norwegian time, from the
filter beside the application list in admin."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from projects.workflow import State
from tests.factories import ApplicationFactory
from tests.html import page_text

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
UTC = ZoneInfo("UTC")
LIST_URL = reverse("admin:projects_application_changelist")


def years_offered(response) -> list[str]:
    return re.findall(r'href="\?aar=(\d{4})"', response.content.decode())


@pytest.fixture
def applications():
    """Sent in on New Year's Eve 2022 by UTC, which is already 2023 in Norway; in 2025; and a
    draft never sent in."""
    return {
        "2023": ApplicationFactory(
            title="Nyttårssøknaden",
            status=State.SUBMITTED,
            submitted_at=datetime(2022, 12, 31, 23, 30, tzinfo=UTC),
        ),
        "2025": ApplicationFactory(
            title="Sommersøknaden",
            status=State.REJECTED,
            submitted_at=datetime(2025, 6, 15, 12, 0, tzinfo=OSLO),
        ),
        "draft": ApplicationFactory(title="Utkastet"),
    }


def test_the_filter_offers_every_year_from_the_first_application_sent_in_to_the_last(
    secretariat_client, applications
):
    response = secretariat_client.get(LIST_URL)

    assert response.status_code == 200
    assert "år sendt inn" in page_text(response)
    assert years_offered(response) == ["2025", "2024", "2023"]


def test_a_year_lists_the_applications_sent_in_that_year_in_norwegian_time(
    secretariat_client, applications
):
    response = secretariat_client.get(LIST_URL, {"aar": "2023"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [applications["2023"]]
    assert "Nyttårssøknaden" in page_text(response)
    assert "Sommersøknaden" not in page_text(response)


@pytest.mark.parametrize("value", ["0000", "abcd", "20251", "-202", "0001", "9999"])
def test_a_year_without_applications_or_no_year_at_all_lists_nothing_and_fails_nothing(
    secretariat_client, applications, value
):
    response = secretariat_client.get(LIST_URL, {"aar": value})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_a_council_member_is_offered_only_the_years_of_the_open_cases(council_client, applications):
    response = council_client.get(LIST_URL)

    assert response.status_code == 200
    assert years_offered(response) == ["2023"]


def test_without_any_application_sent_in_there_is_no_year_to_pick(secretariat_client):
    ApplicationFactory(title="Utkastet")

    response = secretariat_client.get(LIST_URL)

    assert response.status_code == 200
    assert "Utkastet" in page_text(response)
    assert "år sendt inn" not in page_text(response)
