"""A municipality applies through the site: from the call page to a submitted application, and
what happens when it is returned, withdrawn or too late."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Application, CostLine, FundingLine, StatusChange
from projects.services import application_transition
from projects.workflow import State
from tests.factories import (
    COMPLETE_FIELDS,
    ApplicationFactory,
    FundingCallFactory,
    complete_application,
)
from tests.html import element_text, page_text, start_tags
from tests.projects.edit_page import (
    cost_rows,
    edit_page_data,
    edit_url,
    funding_rows,
    post_edit_page,
)

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
NBSP = "\u00a0"
RETURN_COMMENT = "Legg ved kostnadsoverslag fra leverandør."


def start_url(call):
    return reverse("projects:application-start", kwargs={"call_slug": call.slug})


def creation_token(page) -> str:
    (token,) = [
        attrs["value"]
        for _, attrs in start_tags(page, "input")
        if attrs["name"] == "creation_token"
    ]
    return token


def timeline(response) -> str:
    """The text of the detail page's last section, «Historikk»."""
    return page_text(response).rsplit("Historikk", 1)[1]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def call():
    return FundingCallFactory(
        title="Utviklingsmidler 2027",
        max_amount=700_000,
        max_share_percent=50,
        closes_at=datetime(2099, 3, 1, 12, 0, tzinfo=OSLO),
    )


def test_a_hamar_user_applies_from_the_call_page_to_submission(
    hamar_client, hamar, hamar_user, call, django_capture_on_commit_callbacks
):
    call_page = hamar_client.get(call.get_absolute_url())
    assert call_page.status_code == 200
    assert "Søknadsfrist: 01.03.2099 kl. 12:00" in page_text(call_page)
    assert ("a", {"class": "btn btn-primary", "href": start_url(call)}) in start_tags(
        call_page, "a"
    )

    start_page = hamar_client.get(start_url(call))
    assert start_page.status_code == 200
    created = hamar_client.post(
        start_url(call),
        {
            "municipality": hamar.pk,
            "title": "Bolyst i Hamarregionen",
            "creation_token": creation_token(start_page),
        },
        follow=True,
    )
    application = Application.objects.get()
    assert created.redirect_chain == [(edit_url(application), 302)]
    assert messages_of(created) == ["Søknaden er opprettet som utkast."]
    assert (application.lead_municipality, application.created_by) == (hamar, hamar_user)
    assert (application.status, application.funding_call) == (State.DRAFT, call)

    focus_area = call.focus_areas.order_by("pk").first()
    sub_theme = focus_area.themes.get().sub_themes.get()
    fields = {
        **{name: str(value) for name, value in COMPLETE_FIELDS.items()},
        "title": "Bolyst i Hamarregionen",
        "focus_areas": [str(focus_area.pk)],
        "sub_themes": [str(sub_theme.pk)],
    }
    saved = hamar_client.post(
        edit_url(application),
        edit_page_data(
            created,
            cost=cost_rows(750_000, 500_000),
            funding=funding_rows(own=625_000, council=625_000),
            **fields,
        ),
        follow=True,
    )
    assert saved.redirect_chain == [(edit_url(application), 302)]
    assert messages_of(saved) == ["Utkastet er lagret."]
    assert sorted(CostLine.objects.values_list("amount", flat=True)) == [500_000, 750_000]
    html = saved.content.decode()
    assert f"1{NBSP}250{NBSP}000{NBSP}kr" in html
    assert f"625{NBSP}000{NBSP}kr" in html
    assert "Sum (lagret) 1 250 000 kr" in element_text(saved, "kostnadsplan")

    with django_capture_on_commit_callbacks(execute=True):
        submitted = hamar_client.post(
            edit_url(application), edit_page_data(saved, submit=True), follow=True
        )
    assert submitted.redirect_chain == [(application.get_absolute_url(), 302)]
    assert messages_of(submitted) == ["Søknaden er sendt inn. Sekretariatet har fått beskjed."]
    application.refresh_from_db()
    assert application.status == State.SUBMITTED
    text = page_text(submitted)
    assert "Status: Sendt inn" in text
    assert "Sum 1 250 000 kr" in text
    assert "Herav søknadsbeløp fra regionrådet 625 000 kr" in text
    assert "Startdato 01.01.2027" in text
    assert "Sluttdato 31.12.2027" in text
    assert len(mail.outbox) == 2

    steps = timeline(submitted)
    assert steps.index("Opprettet som utkast") < steps.index("Sendt inn (Utkast → til Sendt inn)")
    assert steps.count("Av Hanne Hamar") == 2

    read_only = hamar_client.get(edit_url(application), follow=True)
    assert read_only.redirect_chain == [(application.get_absolute_url(), 302)]
    assert "Søknaden er sendt inn og kan ikke endres." in messages_of(read_only)
    late_edit = hamar_client.post(
        edit_url(application), edit_page_data(saved, title="Endret etter innsending")
    )
    assert late_edit.status_code == 302
    application.refresh_from_db()
    assert application.title == "Bolyst i Hamarregionen"
    assert application.status == State.SUBMITTED
    assert application.cost_lines.count() == 2


def test_the_timeline_lists_each_step_with_who_and_the_comment(
    hamar_client, hamar, hamar_user, secretariat_user, call
):
    application = ApplicationFactory(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    StatusChange.objects.create(
        application=application,
        action="create",
        from_status=State.DRAFT,
        to_status=State.DRAFT,
        actor=hamar_user,
    )
    for action, from_status, to_status, actor, comment in [
        ("submit", State.DRAFT, State.SUBMITTED, hamar_user, ""),
        ("return", State.SUBMITTED, State.RETURNED, secretariat_user, RETURN_COMMENT),
    ]:
        StatusChange.objects.create(
            application=application,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            comment=comment,
        )
    Application.objects.filter(pk=application.pk).update(status=State.RETURNED)

    steps_shown = timeline(hamar_client.get(application.get_absolute_url()))

    steps = [
        "Opprettet som utkast",
        "Sendt inn (Utkast → til Sendt inn) Av Hanne Hamar",
        f"Sendt tilbake for endring (Sendt inn → til Sendt tilbake for endring) Av "
        f"{secretariat_user.username} {RETURN_COMMENT}",
    ]
    positions = [steps_shown.index(step) for step in steps]
    assert positions == sorted(positions)


def test_dates_in_the_timeline_are_norwegian(hamar_client, hamar, hamar_user, call):
    application = ApplicationFactory(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    change = StatusChange.objects.create(
        application=application,
        action="create",
        from_status=State.DRAFT,
        to_status=State.DRAFT,
        actor=hamar_user,
    )
    StatusChange.objects.filter(pk=change.pk).update(
        created_at=datetime(2026, 11, 26, 23, 30, tzinfo=ZoneInfo("UTC"))
    )

    assert "27.11.2026 kl. 00:30" in timeline(hamar_client.get(application.get_absolute_url()))


def test_posting_the_start_form_twice_creates_one_application(hamar_client, hamar, call):
    page = hamar_client.get(start_url(call))
    data = {
        "municipality": hamar.pk,
        "title": "Ett prosjekt",
        "creation_token": creation_token(page),
    }

    first = hamar_client.post(start_url(call), data, follow=True)
    second = hamar_client.post(start_url(call), data, follow=True)

    application = Application.objects.get()
    assert first.redirect_chain == [(edit_url(application), 302)]
    assert second.redirect_chain == [(edit_url(application), 302)]
    assert "Søknaden er opprettet som utkast." not in messages_of(second)
    assert StatusChange.objects.filter(application=application).count() == 1


def test_each_opening_of_the_start_page_has_its_own_token(hamar_client, hamar, call):
    tokens = {creation_token(hamar_client.get(start_url(call))) for _ in range(2)}

    assert len(tokens) == 2


def test_another_users_token_does_not_reach_their_application(
    hamar_client, loten_client, hamar, loten, call
):
    page = hamar_client.get(start_url(call))
    token = creation_token(page)
    hamar_client.post(
        start_url(call), {"municipality": hamar.pk, "title": "Hamars", "creation_token": token}
    )

    response = loten_client.post(
        start_url(call), {"municipality": loten.pk, "title": "Løtens", "creation_token": token}
    )

    assert response.status_code == 403
    assert list(Application.objects.values_list("title", flat=True)) == ["Hamars"]


def test_the_start_form_offers_only_the_users_municipalities(hamar_client, hamar, loten, call):
    page = hamar_client.get(start_url(call))

    response = hamar_client.post(
        start_url(call),
        {"municipality": loten.pk, "title": "For Løten", "creation_token": creation_token(page)},
    )

    assert list(page.context["form"].fields["municipality"].queryset) == [hamar]
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Application.objects.exists()


def test_a_failed_submission_stores_none_of_the_edits_made_in_that_post(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    lines_before = list(application.cost_lines.values_list("item", "amount"))

    response = post_edit_page(
        hamar_client,
        application,
        submit=True,
        title="Ny tittel som ikke skal lagres",
        cost=cost_rows(1),
    )

    assert response.status_code == 200
    assert "Søknaden er ikke sendt inn. Rett feilene som er merket." in page_text(response)
    stored = Application.objects.get(pk=application.pk)
    assert stored.title == COMPLETE_FIELDS["title"]
    assert stored.status == State.DRAFT
    assert list(stored.cost_lines.values_list("item", "amount")) == lines_before
    assert not StatusChange.objects.filter(application=application).exists()
    # The page keeps what the user typed, so it can be put right and sent again.
    assert response.context["form"]["title"].value() == "Ny tittel som ikke skal lagres"


def test_after_a_failed_submission_the_user_puts_it_right_and_sends_again(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    failed = post_edit_page(
        hamar_client, application, submit=True, title="Rettet tittel", cost=cost_rows(1)
    )
    assert failed.status_code == 200

    again = hamar_client.post(
        edit_url(application),
        edit_page_data(failed, submit=True, funding=funding_rows(own=1)),
    )

    assert again.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.SUBMITTED
    assert stored.title == "Rettet tittel"
    assert stored.total_cost() == stored.total_funding() == 1_000_001
    assert stored.cost_lines.count() == 2


def test_a_row_marked_for_deletion_stays_marked_when_the_submission_fails(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    page = hamar_client.get(edit_url(application))
    data = edit_page_data(page, submit=True, cost=cost_rows(1))
    data["cost-0-DELETE"] = "on"

    failed = hamar_client.post(edit_url(application), data)

    assert failed.status_code == 200
    assert application.cost_lines.count() == 1
    inputs = {attrs.get("name"): attrs for _, attrs in start_tags(failed, "input")}
    assert inputs["cost-0-id"]["value"] == str(application.cost_lines.get().pk)
    assert "checked" in inputs.get("cost-0-DELETE", {}), "the row's «Slett» mark was lost"


def test_a_returned_application_is_editable_again_and_shows_the_secretariats_message(
    hamar_client, hamar, hamar_user, secretariat_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    application_transition(application=application, action="submit", user=hamar_user)
    application_transition(
        application=application, action="return", user=secretariat_user, comment=RETURN_COMMENT
    )

    detail = hamar_client.get(application.get_absolute_url())
    edit = hamar_client.get(edit_url(application))
    resubmitted = post_edit_page(hamar_client, application, submit=True, title="Oppdatert")

    assert "Status: Sendt tilbake for endring" in page_text(detail)
    assert f"Sekretariatet har sendt søknaden tilbake: {RETURN_COMMENT}" in page_text(detail)
    assert edit.status_code == 200
    assert RETURN_COMMENT in page_text(edit)
    assert resubmitted.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert (stored.status, stored.title) == (State.SUBMITTED, "Oppdatert")
    after = page_text(hamar_client.get(application.get_absolute_url()))
    assert "Sekretariatet har sendt søknaden tilbake" not in after
    assert RETURN_COMMENT in timeline(hamar_client.get(application.get_absolute_url()))


def test_the_applicant_withdraws_with_a_comment(
    hamar_client, hamar, hamar_user, call, django_capture_on_commit_callbacks
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user, status=State.SUBMITTED
    )
    url = reverse("projects:application-withdraw", args=[application.pk])

    page = hamar_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(url, {"comment": "Prosjektet er utsatt."}, follow=True)

    assert f"Trekk søknaden «{application.title}»" in page_text(page)
    assert response.redirect_chain == [(application.get_absolute_url(), 302)]
    assert messages_of(response) == ["Søknaden er trukket."]
    change = StatusChange.objects.get(application=application)
    assert (change.action, change.from_status, change.to_status, change.comment) == (
        "withdraw",
        State.SUBMITTED,
        State.WITHDRAWN,
        "Prosjektet er utsatt.",
    )
    assert "Status: Trukket" in page_text(response)
    assert len(mail.outbox) == 2


def test_a_withdrawn_application_cannot_be_withdrawn_again_or_edited(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user, status=State.WITHDRAWN
    )
    url = reverse("projects:application-withdraw", args=[application.pk])

    page = hamar_client.get(url)
    response = hamar_client.post(url, {"comment": "Igjen"}, follow=True)
    edit = hamar_client.get(edit_url(application))

    assert "Søknaden har status «Trukket» og kan ikke trekkes." in page_text(page)
    assert response.redirect_chain == [(application.get_absolute_url(), 302)]
    assert not StatusChange.objects.filter(application=application).exists()
    assert edit.status_code == 302


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


def test_my_applications_lists_the_municipalitys_applications_with_their_status(
    hamar_client, hamar, hamar_user, call
):
    ApplicationFactory(
        funding_call=call, lead_municipality=hamar, title="Utkastet", status=State.DRAFT
    )
    ApplicationFactory(
        funding_call=call, lead_municipality=hamar, title="Det innsendte", status=State.SUBMITTED
    )

    response = hamar_client.get(reverse("projects:my-applications"))

    text = page_text(response)
    assert "Du søker på vegne av: Hamar" in text
    assert "Utkastet Hamar Utviklingsmidler 2027 Utkast" in text
    assert "Det innsendte Hamar Utviklingsmidler 2027 Sendt inn" in text
    assert "Start ny søknad" in text


def test_amounts_in_the_edit_table_are_stored_as_whole_kroner(
    hamar_client, hamar, hamar_user, call
):
    application = ApplicationFactory(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )

    response = post_edit_page(
        hamar_client,
        application,
        cost=cost_rows(1_250_000),
        funding=funding_rows(own=1_250_000),
    )

    assert response.status_code == 302
    assert list(CostLine.objects.values_list("amount", flat=True)) == [1_250_000]
    assert list(FundingLine.objects.values_list("source", "amount")) == [("own", 1_250_000)]
