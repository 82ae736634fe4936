"""The front page says in figures what the programme has funded so far: the funded projects,
the amount granted and the municipalities taking part over every public period, and per focus
area of the published period; never an application the public may not see, in a fixed number
of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from programme.models import Programme
from projects.models import Municipality
from projects.workflow import State
from tests.factories import (
    FundingCallFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    complete_application,
    funded_project,
)
from tests.html import element_text, in_english, page_text

pytestmark = pytest.mark.django_db

HOME = reverse("programme:home")


@pytest.fixture
def funded(programme_fixture):
    """In the published 2022–2023 period two funded projects under Befolkningsvekst (Hamar with
    Løten as partner; Stange with Hamar), one in an archived period (Ringsaker), and what must
    not count: applications not funded and a funded project of a draft period."""
    published = Programme.objects.published().get()
    area = published.focus_areas.get(slug="befolkningsvekst")
    call = FundingCallFactory(programme=published, focus_areas=[area])
    hamar, loten, stange, ringsaker = (
        Municipality.objects.get(slug=slug) for slug in ["hamar", "loten", "stange", "ringsaker"]
    )
    elverum, gjovik = MunicipalityFactory(), MunicipalityFactory()
    first = funded_project(funding_call=call, lead_municipality=hamar, granted_amount=200_000)
    first.partner_municipalities.set([loten])
    second = funded_project(
        funding_call=call, lead_municipality=stange, granted_amount=300_000, status=State.COMPLETED
    )
    second.partner_municipalities.set([hamar])
    archived_call = FundingCallFactory()
    funded_project(funding_call=archived_call, lead_municipality=ringsaker, granted_amount=50_000)
    for state in (State.SUBMITTED, State.REJECTED, State.DRAFT):
        complete_application(funding_call=call, lead_municipality=elverum, status=state)
    draft_call = FundingCallFactory(programme=ProgrammeFactory(status=Programme.Status.DRAFT))
    funded_project(funding_call=draft_call, lead_municipality=gjovik, granted_amount=9_999)


def test_front_page_says_how_many_projects_how_much_and_how_many_municipalities(client, funded):
    response = client.get(HOME)

    figures = element_text(response, "utviklingsmidler-tall")
    assert "3 prosjekter har fått utviklingsmidler" in figures
    assert "550 000 kr er innvilget til prosjektene" in figures
    assert "4 kommuner er med som prosjekteier eller partner" in figures
    assert 'href="/prosjekter/kart/"' in response.content.decode()


def test_front_page_shows_the_published_periods_figures_per_focus_area(client, funded):
    table = element_text(client.get(HOME), "utviklingsmidler-satsingsomrader")

    assert "Innvilget per satsingsområde i Handlingsprogram 2022 - 2023" in table
    assert "Befolkningsvekst 500 000 kr 2" in table
    assert "Diskusjonsarena 0 kr 0" in table


def test_front_page_without_funded_projects_says_so(client, programme_fixture):
    complete_application(status=State.SUBMITTED)

    text = page_text(client.get(HOME))

    assert "Ingen prosjekter har fått utviklingsmidler ennå." in text
    assert "utviklingsmidler-tall" not in client.get(HOME).content.decode()


def test_front_page_figures_in_english(client, funded):
    with translation.override("en"):
        response = client.get(in_english(HOME))

    assert response.status_code == 200
    figures = element_text(response, "utviklingsmidler-tall")
    assert "3 projects have received development funds" in figures
    assert "NOK 550,000 granted to the projects" in figures


def test_front_page_figures_read_a_fixed_number_of_queries(
    client, funded, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as captured:
        client.get(HOME)
    published = Programme.objects.published().get()
    call = FundingCallFactory(programme=published, focus_areas=list(published.focus_areas.all()))
    for _ in range(10):
        project = funded_project(funding_call=call, lead_municipality=MunicipalityFactory())
        project.partner_municipalities.set([MunicipalityFactory()])

    with django_assert_max_num_queries(len(captured)):
        response = client.get(HOME)

    assert "13 prosjekter har fått utviklingsmidler" in page_text(response)
    assert "24 kommuner er med" in page_text(response)
