"""projects.services.application_save_draft takes plain values, checks them, and stores all of
them or none in its own transaction; the edit page only parses and shows its refusals."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import Application, CostLine, FundingLine, StatusChange
from projects.services import application_save_draft
from projects.workflow import State
from tests.factories import COMPLETE_FIELDS, CostLineFactory, complete_application
from tests.html import element_text, page_text
from tests.projects.edit_page import cost_rows, edit_page_data, edit_url, post_edit_page


@pytest.fixture
def draft(hamar, hamar_user):
    return complete_application(lead_municipality=hamar, created_by=hamar_user)


def stored(application):
    """What the draft service may write: the fields, the choices, both tables, the timeline."""
    application = Application.objects.get(pk=application.pk)
    return {
        "fields": {name: getattr(application, name) for name in COMPLETE_FIELDS},
        "status": application.status,
        "focus_areas": list(application.focus_areas.values_list("pk", flat=True)),
        "sub_themes": list(application.sub_themes.values_list("pk", flat=True)),
        "cost": list(application.cost_lines.order_by("pk").values_list("pk", "item", "amount")),
        "funding": list(
            application.funding_lines.order_by("pk").values_list("pk", "source", "amount")
        ),
        "steps": StatusChange.objects.filter(application=application).count(),
    }


def test_plain_values_change_the_fields_given_and_leave_the_rest(draft, hamar_user):
    cost = draft.cost_lines.get()
    own = draft.funding_lines.get(source=FundingLine.Source.OWN)

    saved = application_save_draft(
        application=draft,
        user=hamar_user,
        values={"title": "Nytt navn", "end_date": date(2028, 6, 30), "focus_areas": []},
        cost_lines=[
            {"id": cost.pk, "item": "Prosjektleder", "amount": 900_000},
            {"item": "Reiser", "amount": 100_000},
        ],
        funding_lines=[{"id": own.pk, "delete": True}],
    )

    application = Application.objects.get(pk=draft.pk)
    assert saved.pk == draft.pk
    assert (application.title, application.end_date) == ("Nytt navn", date(2028, 6, 30))
    assert application.summary == COMPLETE_FIELDS["summary"]
    assert not application.focus_areas.exists()
    assert application.sub_themes.count() == 1
    assert sorted(application.cost_lines.values_list("item", "amount")) == [
        ("Prosjektleder", 900_000),
        ("Reiser", 100_000),
    ]
    assert list(application.funding_lines.values_list("source", flat=True)) == ["council"]
    assert application.status == State.DRAFT


def test_submit_sends_the_draft_in_with_the_edits(draft, hamar_user):
    application_save_draft(
        application=draft, user=hamar_user, values={"title": "Sendt inn"}, submit=True
    )

    application = Application.objects.get(pk=draft.pk)
    assert (application.title, application.status) == ("Sendt inn", State.SUBMITTED)


def test_an_end_date_before_the_start_is_refused_at_the_end_date_and_nothing_is_stored(
    draft, hamar_user
):
    before = stored(draft)

    with pytest.raises(ValidationError) as refused:
        application_save_draft(
            application=draft,
            user=hamar_user,
            values={"title": "Ikke lagret", "end_date": date(2026, 12, 31)},
            cost_lines=[{"item": "Ikke lagret", "amount": 5}],
        )

    assert refused.value.message_dict == {"end_date": ["Sluttdatoen må være etter startdatoen."]}
    assert stored(draft) == before


def test_a_failed_submission_stores_none_of_the_edits(draft, hamar_user):
    before = stored(draft)

    with pytest.raises(ValidationError) as refused:
        application_save_draft(
            application=draft,
            user=hamar_user,
            values={"title": "Ikke lagret"},
            cost_lines=[{"item": "Ubalanse", "amount": 1}],
            submit=True,
        )

    assert "funding_lines" in refused.value.message_dict
    assert stored(draft) == before


def test_a_line_of_another_application_is_refused_and_left_alone(draft, hamar_user):
    foreign = CostLineFactory(item="Løtens kostnad", amount=123)
    before = stored(draft)

    with pytest.raises(ValidationError) as refused:
        application_save_draft(
            application=draft,
            user=hamar_user,
            values={"title": "Ikke lagret"},
            cost_lines=[{"id": foreign.pk, "delete": True}],
        )

    assert list(refused.value.message_dict) == ["cost_lines"]
    assert stored(draft) == before
    assert CostLine.objects.filter(pk=foreign.pk, amount=123).exists()


def test_a_negative_amount_is_refused_in_its_table(draft, hamar_user):
    before = stored(draft)

    with pytest.raises(ValidationError) as refused:
        application_save_draft(
            application=draft,
            user=hamar_user,
            funding_lines=[{"source": "own", "description": "", "amount": -1}],
        )

    assert list(refused.value.message_dict) == ["funding_lines"]
    assert stored(draft) == before


def test_a_field_the_applicant_does_not_fill_in_is_a_programming_error(draft, hamar_user):
    with pytest.raises(TypeError):
        application_save_draft(application=draft, user=hamar_user, values={"status": "approved"})
    assert Application.objects.get(pk=draft.pk).status == State.DRAFT


def test_only_the_owning_municipality_may_save_while_it_is_a_draft(draft, hamar_user, loten_user):
    with pytest.raises(PermissionDenied):
        application_save_draft(application=draft, user=loten_user, values={"title": "Løten"})
    Application.objects.filter(pk=draft.pk).update(status=State.SUBMITTED)
    with pytest.raises(PermissionDenied):
        application_save_draft(application=draft, user=hamar_user, values={"title": "Sent"})
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]


# --- Through the edit page, as the applicant ---------------------------------------------------


def test_saving_a_draft_with_the_end_before_the_start_shows_it_at_the_field_and_stores_nothing(
    hamar_client, draft
):
    before = stored(draft)

    response = post_edit_page(
        hamar_client,
        draft,
        title="Ikke lagret",
        start_date="2027-05-01",
        end_date="2027-04-30",
        cost=cost_rows(7),
    )

    assert response.status_code == 200
    assert "Sluttdatoen må være etter startdatoen." in element_text(response, "div_id_end_date")
    assert response.context["form"]["title"].value() == "Ikke lagret"
    assert "Utkastet er lagret." not in page_text(response)
    assert stored(draft) == before


def test_a_summary_too_long_is_refused_at_the_field_and_stores_nothing(hamar_client, draft):
    before = stored(draft)

    response = post_edit_page(hamar_client, draft, summary="x" * 501, cost=cost_rows(7))

    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert stored(draft) == before


def test_the_edit_page_saves_through_the_service_and_deletes_a_marked_row(hamar_client, draft):
    page = hamar_client.get(edit_url(draft))
    data = edit_page_data(page, title="Lagret", cost=cost_rows(250))
    data["cost-0-DELETE"] = "on"

    response = hamar_client.post(edit_url(draft), data)

    assert response.status_code == 302
    application = Application.objects.get(pk=draft.pk)
    assert application.title == "Lagret"
    assert list(application.cost_lines.values_list("item", "amount")) == [("Kostnad 1", 250)]
