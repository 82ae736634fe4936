"""The secretariat in admin: funding calls, partners, returning applications and the
application list's search."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from programme.models import Programme
from projects.models import FundingCall, Municipality, StatusChange
from projects.workflow import State
from tests.factories import FocusAreaFactory, UserFactory, complete_application
from tests.html import page_text, start_tags
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")

RETURN_COMMENT = "Finansieringsplanen mangler bekreftelse fra fylkeskommunen."


def transition_url(application, action):
    return reverse("admin:projects_application_transition", args=[application.pk, action])


@pytest.fixture
def submitted(hamar, hamar_user):
    return complete_application(
        lead_municipality=hamar,
        created_by=hamar_user,
        status=State.SUBMITTED,
        contact_email="kontakt@hamar.example.org",
    )


def test_the_secretariat_adds_a_funding_call_that_the_public_sees(client, secretariat_client):
    focus_areas = [
        FocusAreaFactory(programme__status=Programme.Status.ARCHIVED, name="Befolkningsvekst")
    ]
    focus_areas.append(
        FocusAreaFactory(programme=focus_areas[0].programme, name="Ikke med i utlysningen")
    )
    add_url = reverse("admin:projects_fundingcall_add")
    assert secretariat_client.get(add_url).status_code == 200

    response = secretariat_client.post(
        add_url,
        {
            "programme": focus_areas[0].programme.pk,
            "title": "Utviklingsmidler 2099",
            "slug": "utviklingsmidler-2099",
            "is_published": "on",
            "opens_at_0": "01.02.2099",
            "opens_at_1": "08:00",
            "closes_at_0": "27.11.2099",
            "closes_at_1": "12:00",
            "budget_frame": "2000000",
            "max_amount": "500000",
            "max_share_percent": "50",
            "description": "Søk om **midler**.",
            "focus_areas": [focus_areas[0].pk],
            "assessment_criteria-TOTAL_FORMS": "0",
            "assessment_criteria-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    call = FundingCall.objects.get(slug="utviklingsmidler-2099")
    assert call.closes_at == datetime(2099, 11, 27, 12, 0, tzinfo=OSLO)
    assert call.opens_at == datetime(2099, 2, 1, 8, 0, tzinfo=OSLO)
    assert (call.budget_frame, call.max_amount, call.max_share_percent) == (2_000_000, 500_000, 50)
    assert list(call.focus_areas.all()) == [focus_areas[0]]
    text = page_text(client.get(call.get_absolute_url()))
    assert "Søknadsfrist: 27.11.2099 kl. 12:00" in text
    assert "Befolkningsvekst" in text
    assert "Ikke med i utlysningen" not in text


def test_the_funding_call_admin_refuses_a_largest_amount_over_the_frame(secretariat_client):
    focus_area = FocusAreaFactory()

    response = secretariat_client.post(
        reverse("admin:projects_fundingcall_add"),
        {
            "programme": focus_area.programme.pk,
            "title": "For stor",
            "slug": "for-stor",
            "opens_at_0": "01.02.2099",
            "opens_at_1": "08:00",
            "closes_at_0": "01.01.2099",
            "closes_at_1": "12:00",
            "budget_frame": "100",
            "max_amount": "101",
            "max_share_percent": "50",
            "focus_areas": [focus_area.pk],
        },
    )

    assert response.status_code == 200
    text = page_text(response)
    assert "Største beløp per søknad kan ikke være over rammen." in text
    assert "Søknadsfristen må være etter at utlysningen åpner." in text
    assert not FundingCall.objects.exists()


def test_the_secretariat_adds_a_partner_such_as_the_county(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:projects_municipality_add"),
        {
            "name": "Innlandet fylkeskommune",
            "slug": "innlandet-fylkeskommune",
            "number": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    county = Municipality.objects.get(slug="innlandet-fylkeskommune")
    assert county.is_member is False
    assert set(Municipality.objects.members().values_list("slug", flat=True)) == {
        "hamar",
        "loten",
        "ringsaker",
        "stange",
    }


def test_the_change_page_of_a_submitted_application_has_a_return_button(
    secretariat_client, submitted
):
    response = secretariat_client.get(
        reverse("admin:projects_application_change", args=[submitted.pk])
    )

    assert response.status_code == 200
    links = {attrs.get("href"): attrs for _, attrs in start_tags(response, "a")}
    assert transition_url(submitted, "return") in links
    assert "Send tilbake for endring" in page_text(response)


def test_a_draft_has_no_return_button(secretariat_client, hamar, hamar_user):
    draft = complete_application(lead_municipality=hamar, created_by=hamar_user)

    response = secretariat_client.get(reverse("admin:projects_application_change", args=[draft.pk]))

    assert response.status_code == 200
    assert transition_url(draft, "return") not in response.content.decode()


def test_the_return_page_refuses_an_empty_comment_at_the_field(secretariat_client, submitted):
    page = secretariat_client.get(transition_url(submitted, "return"))

    response = secretariat_client.post(transition_url(submitted, "return"), {"comment": "  "})

    assert page.status_code == 200
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "comment": ["Skriv en begrunnelse som søkeren får se."]
    }
    assert "Skriv en begrunnelse som søkeren får se." in page_text(response)
    submitted.refresh_from_db()
    assert submitted.status == State.SUBMITTED
    assert not StatusChange.objects.filter(application=submitted).exists()


def test_the_secretariat_returns_an_application_with_a_comment(
    secretariat_client, secretariat_user, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            transition_url(submitted, "return"), {"comment": RETURN_COMMENT}, follow=True
        )

    change_url = reverse("admin:projects_application_change", args=[submitted.pk])
    assert response.redirect_chain == [(change_url, 302)]
    assert f"«Send tilbake for endring» er utført for «{submitted.title}»." in page_text(response)
    submitted.refresh_from_db()
    assert submitted.status == State.RETURNED
    change = StatusChange.objects.get(application=submitted)
    assert (change.action, change.actor, change.comment) == (
        "return",
        secretariat_user,
        RETURN_COMMENT,
    )
    assert [message.to for message in mail.outbox] == [
        ["kontakt@hamar.example.org", submitted.created_by.email],
        ["sekretariat@example.org"],
    ]
    assert RETURN_COMMENT in mail.outbox[0].body


def test_returning_a_draft_through_the_admin_url_changes_nothing(
    secretariat_client, hamar, hamar_user
):
    draft = complete_application(lead_municipality=hamar, created_by=hamar_user)

    response = secretariat_client.post(transition_url(draft, "return"), {"comment": "Hei"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == State.DRAFT
    assert not StatusChange.objects.filter(application=draft).exists()


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_the_admin_cannot_take_the_applicants_actions(secretariat_client, submitted, action):
    response = secretariat_client.post(transition_url(submitted, action), {"comment": "x"})

    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == State.SUBMITTED


def test_staff_outside_the_secretariat_cannot_return(client, submitted):
    log_in(client, UserFactory(is_staff=True))

    response = client.post(transition_url(submitted, "return"), {"comment": RETURN_COMMENT})

    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == State.SUBMITTED


def test_the_application_list_searches_as_the_catalogue_does(secretariat_client, hamar, loten):
    """Title, summary and the owner's and the partners' names, every word somewhere, each
    application once."""
    charging = complete_application(
        title="Ladestasjoner langs riksveien", status=State.SUBMITTED, lead_municipality=hamar
    )
    charging.partner_municipalities.add(loten)
    complete_application(
        title="Vinterturisme",
        summary="Flere gjester om vinteren.",
        status=State.SUBMITTED,
        lead_municipality=hamar,
    )

    def listed(q):
        response = secretariat_client.get(
            reverse("admin:projects_application_changelist"), {"q": q}
        )
        return sorted(application.title for application in response.context["cl"].result_list)

    assert listed("Løten") == ["Ladestasjoner langs riksveien"]  # a partner
    assert listed("Hamar") == ["Ladestasjoner langs riksveien", "Vinterturisme"]
    assert listed("gjester vinter") == ["Vinterturisme"]
    assert listed("gjester ladestasjoner") == []
