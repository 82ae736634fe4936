"""The funded projects on the programme's focus-area page: the newest, how many and the total
granted, counted as the catalogue filtered by the focus area counts them; never a project the
public may not see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.workflow import PUBLIC_STATES, State
from tests.factories import (
    FundingCallFactory,
    MunicipalityFactory,
    complete_application,
    funded_project,
)
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db

NON_PUBLIC_STATES = [state for state in State if state not in PUBLIC_STATES]


# --- The focus-area page --------------------------------------------------------------------


def focus_area_page(client, focus_area):
    return client.get(
        reverse(
            "programme:focus-area-detail",
            kwargs={"programme_slug": focus_area.programme.slug, "slug": focus_area.slug},
        )
    )


def test_focus_area_page_lists_its_funded_projects_and_the_total_granted(client):
    call = FundingCallFactory()
    first, second = call.focus_areas.order_by("pk")
    projects = {
        title: funded_project(funding_call=call, title=title, granted_amount=amount, status=state)
        for title, amount, state in [
            ("Innvilget prosjekt", 250_000, State.APPROVED),
            ("Prosjekt i gang", 400_000, State.IN_PROGRESS),
            ("Avsluttet prosjekt", 1_000_000, State.COMPLETED),
        ]
    }
    under_second = funded_project(funding_call=call, title="Under det andre", granted_amount=7)
    under_second.focus_areas.set([second])
    for state in NON_PUBLIC_STATES:
        complete_application(funding_call=call, title=f"Ikke offentlig {state.value}", status=state)

    response = focus_area_page(client, first)

    assert response.status_code == 200
    section = element_text(response, "prosjekter-liste")
    for title in projects:
        assert title in section
    assert "Under det andre" not in section
    assert "Ikke offentlig" not in page_text(response)
    assert "Totalt innvilget: 1 650 000 kr" in page_text(response)
    hrefs = {attrs.get("href") for _tag, attrs in start_tags(response, "a")}
    assert {project.get_public_url() for project in projects.values()} <= hrefs
    assert "Totalt innvilget: 7 kr" in page_text(focus_area_page(client, second))


def test_a_project_under_two_focus_areas_counts_under_each(client):
    call = FundingCallFactory()
    first, second = call.focus_areas.order_by("pk")
    funded_project(funding_call=call, granted_amount=300_000).focus_areas.set([first, second])
    funded_project(funding_call=call, granted_amount=200_000).focus_areas.set([first])

    assert "Totalt innvilget: 500 000 kr" in page_text(focus_area_page(client, first))
    assert "Totalt innvilget: 300 000 kr" in page_text(focus_area_page(client, second))


def test_focus_area_page_without_funded_projects_says_so(client):
    call = FundingCallFactory()
    focus_area = call.focus_areas.order_by("pk").first()
    complete_application(funding_call=call, status=State.SUBMITTED, title="Til behandling")

    text = page_text(focus_area_page(client, focus_area))

    assert "Ingen prosjekter under dette satsingsområdet har fått utviklingsmidler ennå." in text
    assert "Totalt innvilget" not in text
    assert "Til behandling" not in text


def test_focus_area_page_links_to_the_catalogue_filtered_by_it(client):
    call = FundingCallFactory()
    focus_area = call.focus_areas.order_by("pk").first()
    funded_project(funding_call=call, title="Eneste")

    response = focus_area_page(client, focus_area)

    link = f"/prosjekter/?focus_area={focus_area.pk}"
    assert link in {attrs.get("href") for _tag, attrs in start_tags(response, "a")}
    assert [p.title for p in client.get(link).context["projects"]] == ["Eneste"]


def test_focus_area_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    call = FundingCallFactory()
    focus_area = call.focus_areas.order_by("pk").first()
    funded_project(funding_call=call)
    with CaptureQueriesContext(connection) as captured:
        focus_area_page(client, focus_area)
    for _ in range(15):
        funded_project(funding_call=call, lead_municipality=MunicipalityFactory())

    with django_assert_max_num_queries(len(captured)):
        response = focus_area_page(client, focus_area)

    assert response.status_code == 200
