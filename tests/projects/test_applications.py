"""An application from the call page to submission: the start form, the timeline, and
my applications."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Application, CostLine, StatusChange
from projects.workflow import State
from tests.factories import COMPLETE_FIELDS, ApplicationFactory
from tests.html import element_text, page_text, start_tags
from tests.projects.application_pages import NBSP, RETURN_COMMENT, messages_of, start_url, timeline
from tests.projects.edit_page import cost_rows, edit_page_data, edit_url, funding_rows

pytestmark = pytest.mark.django_db


def creation_token(page) -> str:
    (token,) = [
        attrs["value"]
        for _, attrs in start_tags(page, "input")
        if attrs["name"] == "creation_token"
    ]
    return token


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
