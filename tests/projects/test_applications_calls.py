"""The call pages as an applicant meets them: closed, not yet open, their figures and order."""

from datetime import datetime

import pytest
from django.urls import reverse

from projects.models import Application
from tests.factories import FundingCallFactory
from tests.html import page_text
from tests.projects.application_pages import NBSP, OSLO, messages_of, start_url

pytestmark = pytest.mark.django_db


def test_a_closed_call_refuses_to_start_an_application(hamar_client, hamar):
    closed = FundingCallFactory(
        title="Vårens runde",
        opens_at=datetime(2025, 1, 1, 8, 0, tzinfo=OSLO),
        closes_at=datetime(2025, 3, 1, 12, 0, tzinfo=OSLO),
    )

    page = hamar_client.get(start_url(closed), follow=True)
    posted = hamar_client.post(
        start_url(closed),
        {"municipality": hamar.pk, "title": "For sent", "creation_token": "0" * 32},
    )

    assert page.redirect_chain == [(closed.get_absolute_url(), 302)]
    assert messages_of(page) == ["Utlysningen er ikke åpen for søknader."]
    text = page_text(page)
    assert "Søknadsfristen har gått ut (01.03.2025 kl. 12:00)." in text
    assert "Start ny søknad" not in text
    assert posted.status_code == 302
    assert not Application.objects.exists()


def test_a_call_not_yet_open_says_when_it_opens(client):
    future = FundingCallFactory(
        opens_at=datetime(2098, 1, 5, 9, 0, tzinfo=OSLO),
        closes_at=datetime(2098, 3, 1, 12, 0, tzinfo=OSLO),
    )

    text = page_text(client.get(future.get_absolute_url()))

    assert "Utlysningen er ikke åpnet ennå. Du kan søke fra 05.01.2098 kl. 09:00." in text


def test_the_call_page_shows_its_figures_the_norwegian_way(client):
    call = FundingCallFactory(
        budget_frame=2_500_000,
        max_amount=750_000,
        max_share_percent=40,
        closes_at=datetime(2099, 11, 27, 12, 0, tzinfo=OSLO),
    )

    response = client.get(call.get_absolute_url())

    text = page_text(response)
    assert "Søknadsfrist 27.11.2099 kl. 12:00" in text
    assert "Ramme for utlysningen 2 500 000 kr" in text
    assert "Største beløp per søknad 750 000 kr" in text
    assert "Største andel av prosjektets kostnad 40 %" in text
    assert f"2{NBSP}500{NBSP}000{NBSP}kr" in response.content.decode()
    assert "<strong>utviklingsmidler</strong>" in response.content.decode()
    assert "Logg inn for å søke" in text


def test_the_call_list_shows_open_calls_first_and_says_which_are_closed(client):
    closed = FundingCallFactory(
        title="Stengt runde",
        opens_at=datetime(2025, 1, 1, 8, 0, tzinfo=OSLO),
        closes_at=datetime(2025, 3, 1, 12, 0, tzinfo=OSLO),
    )
    open_call = FundingCallFactory(title="Åpen runde")

    response = client.get(reverse("projects:call-list"))

    assert [c.title for c in response.context["calls"]] == [open_call.title, closed.title]
    text = page_text(response)
    assert text.index("Åpen runde Status: Åpen") < text.index("Stengt runde Status: Stengt")
