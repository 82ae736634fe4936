"""The case handler (saksbehandler): the secretariat assigns, reassigns and takes a case off
anyone on the case page; the change is in the timeline; the list shows and filters by it; a
council member sees the handler and cannot change it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import Application, StatusChange
from projects.services import case_handler_assign
from projects.workflow import Action, State
from tests.conftest import logged_in_client
from tests.factories.users import staff_in_group
from tests.html import page_text, start_tags

pytestmark = pytest.mark.django_db


def handler_url(application):
    return reverse("admin:projects_application_case_handler", args=[application.pk])


def change_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


@pytest.fixture
def colleague(db):
    return staff_in_group("Sekretariat", username="kollega", first_name="Kari", last_name="Berg")


def test_the_secretariat_assigns_a_case_from_the_case_page(
    secretariat_client, secretariat_user, make_case, colleague
):
    application = make_case(State.SUBMITTED)
    links = {
        attrs.get("href")
        for _tag, attrs in start_tags(secretariat_client.get(change_url(application)), "a")
    }
    assert handler_url(application) in links

    response = secretariat_client.post(handler_url(application), {"handler": colleague.pk})

    assert response.status_code == 302
    assert response["Location"] == change_url(application)
    application.refresh_from_db()
    assert application.case_handler == colleague
    entry = application.status_changes.get(action=Action.ASSIGN_CASE_HANDLER)
    assert entry.actor == secretariat_user
    assert entry.comment == "Kari Berg"
    assert entry.from_status == entry.to_status == State.SUBMITTED
    assert "Kari Berg" in page_text(secretariat_client.get(change_url(application)))


def test_a_reassignment_and_an_unassignment_are_recorded_with_the_previous_handler(
    secretariat_client, secretariat_user, make_case, colleague
):
    application = make_case(State.IN_REVIEW)
    secretariat_client.post(handler_url(application), {"handler": colleague.pk})

    secretariat_client.post(handler_url(application), {"handler": secretariat_user.pk})
    secretariat_client.post(handler_url(application), {"handler": ""})

    application.refresh_from_db()
    assert application.case_handler is None
    entries = list(
        application.status_changes.filter(
            action__in=[Action.ASSIGN_CASE_HANDLER, Action.UNASSIGN_CASE_HANDLER]
        ).values_list("action", "comment")
    )
    name = secretariat_user.get_full_name() or secretariat_user.username
    assert entries == [
        (Action.ASSIGN_CASE_HANDLER, "Kari Berg"),
        (Action.ASSIGN_CASE_HANDLER, f"{name} (var: Kari Berg)."),
        (Action.UNASSIGN_CASE_HANDLER, f"Var: {name}."),
    ]


def test_assigning_the_same_handler_again_records_nothing(secretariat_user, make_case, colleague):
    application = make_case(State.SUBMITTED)
    case_handler_assign(application=application, handler=colleague, by=secretariat_user)
    case_handler_assign(application=application, handler=colleague, by=secretariat_user)

    assert application.status_changes.filter(action=Action.ASSIGN_CASE_HANDLER).count() == 1


def test_only_an_active_secretariat_person_can_be_handler(
    secretariat_client, secretariat_user, make_case, council_user, hamar_user, colleague
):
    application = make_case(State.SUBMITTED)
    colleague.is_active = False
    colleague.save()

    for person in (council_user, hamar_user, colleague):
        response = secretariat_client.post(handler_url(application), {"handler": person.pk})
        assert response.status_code == 200
        assert "Velg et gyldig valg" in page_text(response)
        with pytest.raises(ValidationError):
            case_handler_assign(application=application, handler=person, by=secretariat_user)

    assert Application.objects.get(pk=application.pk).case_handler is None
    assert not StatusChange.objects.filter(action=Action.ASSIGN_CASE_HANDLER).exists()


def test_a_council_member_sees_the_handler_but_cannot_change_it(
    council_client, secretariat_user, make_case, colleague
):
    application = make_case(State.IN_REVIEW)
    case_handler_assign(application=application, handler=colleague, by=secretariat_user)

    page = council_client.get(change_url(application))

    assert page.status_code == 200
    assert "Kari Berg" in page_text(page)
    assert handler_url(application) not in {
        attrs.get("href") for _t, attrs in start_tags(page, "a")
    }
    assert council_client.get(handler_url(application)).status_code == 403
    assert council_client.post(handler_url(application), {"handler": ""}).status_code == 403
    application.refresh_from_db()
    assert application.case_handler == colleague
    with pytest.raises(ValidationError):
        case_handler_assign(application=application, handler=None, by=page.context["user"])


def test_the_list_shows_the_handler_and_filters_mine_and_unassigned(
    secretariat_client, secretariat_user, make_case, colleague
):
    mine = make_case(State.SUBMITTED, title="Min sak")
    theirs = make_case(State.SUBMITTED, title="Kollegaens sak")
    nobodys = make_case(State.SUBMITTED, title="Ingens sak")
    case_handler_assign(application=mine, handler=secretariat_user, by=secretariat_user)
    case_handler_assign(application=theirs, handler=colleague, by=secretariat_user)
    changelist = reverse("admin:projects_application_changelist")

    def titles(query):
        response = secretariat_client.get(changelist, query)
        assert response.status_code == 200
        return {application.title for application in response.context["cl"].result_list}

    everything = secretariat_client.get(changelist)
    assert "Kari Berg" in page_text(everything)
    assert "Saksbehandler" in page_text(everything)
    assert titles({"saksbehandler": "mine"}) == {"Min sak"}
    assert titles({"saksbehandler": "ingen"}) == {"Ingens sak"}
    assert titles({"saksbehandler": str(colleague.pk)}) == {"Kollegaens sak"}
    assert titles({"saksbehandler": "x"}) == set()
    assert titles({"saksbehandler": "9" * 30}) == set()
    assert nobodys.case_handler is None


def test_an_applicant_cannot_reach_the_handler_page(hamar_user, make_case):
    application = make_case(State.SUBMITTED)
    response = logged_in_client(hamar_user).get(handler_url(application))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_applicant_reads_who_handles_the_case_in_its_timeline(
    secretariat_user, hamar_user, make_case, colleague
):
    """The name of the case handler is no secret from the applicant (forvaltningsloven § 11 a:
    the preliminary answer names whom to contact)."""
    application = make_case(State.SUBMITTED)
    case_handler_assign(application=application, handler=colleague, by=secretariat_user)

    page = logged_in_client(hamar_user).get(application.get_absolute_url())

    assert page.status_code == 200
    assert "Saksbehandler tildelt" in page_text(page)
    assert "Kari Berg" in page_text(page)
