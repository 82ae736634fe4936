"""The admin's filters by focus area name each focus area with its programme's period, so the
same name in two periods can be told apart, in one query however many there are."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.models import Programme
from tests.factories import FocusAreaFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

APPLICATIONS = reverse("admin:projects_application_changelist")


def filter_choices(response, parameter) -> list[str]:
    links = re.findall(rf'<a href="\?{parameter}=\d+"[^>]*>([^<]*)</a>', response.content.decode())
    return [html.unescape(text).strip() for text in links]


@pytest.fixture
def two_periods():
    older = ProgrammeFactory(start_year=2022, end_year=2023, status=Programme.Status.ARCHIVED)
    newer = ProgrammeFactory(start_year=2024, end_year=2027)
    return [
        FocusAreaFactory(programme=older, name="Næringsutvikling", order=1),
        FocusAreaFactory(programme=newer, name="Næringsutvikling", order=1),
        FocusAreaFactory(programme=newer, name="Samferdsel", order=2),
    ]


def test_the_application_list_filters_focus_areas_named_with_their_period(
    secretariat_client, two_periods
):
    response = secretariat_client.get(APPLICATIONS)

    assert response.status_code == 200
    # The installation's own 2022–2023 programme is there too: only the test's areas, in order.
    choices = [
        choice
        for choice in filter_choices(response, "focus_areas__id__exact")
        if choice.startswith(("Næringsutvikling", "Samferdsel"))
    ]
    assert choices == [
        "Næringsutvikling (2024–2027)",
        "Samferdsel (2024–2027)",
        "Næringsutvikling (2022–2023)",
    ]


def test_a_council_member_sees_the_same_periods_in_the_filter(council_client, two_periods):
    response = council_client.get(APPLICATIONS)

    assert response.status_code == 200
    assert "Næringsutvikling (2022–2023)" in filter_choices(response, "focus_areas__id__exact")


@pytest.mark.parametrize(
    ("url_name", "parameter"),
    [
        ("admin:programme_theme_changelist", "focus_area__id__exact"),
        ("admin:programme_commitment_changelist", "focus_area__id__exact"),
    ],
)
def test_the_theme_and_commitment_lists_name_the_period_too(
    secretariat_client, two_periods, url_name, parameter
):
    response = secretariat_client.get(reverse(url_name))

    assert response.status_code == 200
    assert "Næringsutvikling (2022–2023)" in filter_choices(response, parameter)
    assert "Næringsutvikling (2024–2027)" in filter_choices(response, parameter)


def test_the_filter_reads_the_focus_areas_with_their_periods_in_constant_queries(
    secretariat_client, two_periods
):
    secretariat_client.get(APPLICATIONS)  # the session and second factor, once
    with CaptureQueriesContext(connection) as few:
        secretariat_client.get(APPLICATIONS)
    for number in range(6):
        FocusAreaFactory(programme=ProgrammeFactory(), name=f"Område {number}")
    with CaptureQueriesContext(connection) as many:
        response = secretariat_client.get(APPLICATIONS)

    assert len(filter_choices(response, "focus_areas__id__exact")) >= 9
    assert len(many) == len(few)
