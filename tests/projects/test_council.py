"""Council members («Rådsmedlem») read the submitted applications and recommendations of open
cases in admin, and nothing else."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from projects.permissions import is_council_member, is_secretariat
from projects.workflow import OPEN_CASE_STATES, State
from tests.factories import AttachmentFactory, case_in
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db

CLOSED_STATES = [State.APPROVED, State.REJECTED, State.IN_PROGRESS, State.COMPLETED]


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    def make(state, **fields):
        return case_in(
            state,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
            **fields,
        )

    return make


def change_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def test_the_list_holds_only_the_open_cases(council_client, make_case):
    open_cases = {make_case(state, title=f"Åpen {state}") for state in sorted(OPEN_CASE_STATES)}
    for state in CLOSED_STATES:
        make_case(state, title=f"Avgjort {state}")

    response = council_client.get(reverse("admin:projects_application_changelist"))

    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == open_cases
    assert "Avgjort" not in page_text(response)
    assert "Last ned CSV" not in page_text(response)


def test_an_open_case_is_shown_read_only_with_the_recommendation(council_client, make_case):
    application = make_case(State.RECOMMENDED)
    attachment = AttachmentFactory(application=application)

    response = council_client.get(change_url(application))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert "Et samarbeid om å gjøre regionen til et godt sted å bo." in page_text(response)
    assert "Prosjektet passer godt med handlingsprogrammet." in element_text(
        response, "innstilling"
    )
    assert attachment.get_absolute_url() in {a.get("href") for _t, a in start_tags(response, "a")}
    assert response.context["adminform"].form.fields == {}
    assert start_tags(response, "textarea") == []


def test_an_open_case_shows_no_action_buttons_and_no_secretariat_links(council_client, make_case):
    application = make_case(State.RECOMMENDED)

    response = council_client.get(change_url(application))

    assert response.context["workflow_actions"] == []
    links = {attrs.get("href", "") for _tag, attrs in start_tags(response, "a")}
    case_pages = f"/admin/projects/application/{application.pk}/"
    assert [link for link in links if link.startswith(case_pages)] == []
    text = page_text(response)
    for label in ("Registrer vedtak: innvilget", "Registrer vedtak: avslag", "Vedtaksbrev"):
        assert label not in text
    assert 'id="budsjett"' not in response.content.decode()


@pytest.mark.parametrize("state", CLOSED_STATES, ids=str)
def test_a_decided_case_cannot_be_opened(council_client, make_case, state):
    application = make_case(state)

    response = council_client.get(change_url(application))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_council_member_may_download_an_attachment_of_an_open_case(council_client, make_case):
    open_case = make_case(State.IN_REVIEW)
    closed_case = make_case(State.APPROVED)
    readable = AttachmentFactory(application=open_case)
    hidden = AttachmentFactory(application=closed_case)

    assert council_client.get(readable.get_absolute_url()).status_code == 200
    assert council_client.get(hidden.get_absolute_url()).status_code == 404


def test_the_admin_index_lists_only_the_applications_and_the_meetings(council_client):
    response = council_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert [
        (app["app_label"], sorted(model["object_name"] for model in app["models"]))
        for app in response.context["app_list"]
    ] == [("meetings", ["Guest", "Meeting"]), ("projects", ["Application"])]


def test_the_council_member_reads_the_meetings_but_cannot_add_or_change_them(council_client):
    assert council_client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200
    assert council_client.get(reverse("admin:meetings_meeting_add")).status_code == 403


OTHER_PAGES = [
    ("admin:projects_fundingcall_changelist", []),
    ("admin:projects_municipality_changelist", []),
    ("admin:projects_recommendation_changelist", []),
    ("admin:projects_decision_changelist", []),
    ("admin:projects_payment_changelist", []),
    ("admin:projects_finalreport_changelist", []),
    ("admin:projects_reportreminder_changelist", []),
    ("admin:programme_programme_changelist", []),
    ("admin:programme_focusarea_changelist", []),
    ("admin:auth_user_changelist", []),
    ("admin:auth_group_changelist", []),
    ("admin:projects_application_add", []),
]


@pytest.mark.parametrize(("url_name", "args"), OTHER_PAGES, ids=[name for name, _ in OTHER_PAGES])
def test_every_other_admin_page_is_refused(council_client, url_name, args):
    response = council_client.get(reverse(url_name, args=args))

    assert response.status_code == 403


@pytest.mark.parametrize("page", ["history", "delete"])
def test_the_open_cases_history_and_delete_pages_are_refused(council_client, make_case, page):
    application = make_case(State.SUBMITTED)

    response = council_client.get(
        reverse(f"admin:projects_application_{page}", args=[application.pk])
    )

    assert response.status_code == 403


def test_a_post_to_the_change_page_changes_nothing(council_client, make_case):
    application = make_case(State.SUBMITTED)

    response = council_client.post(change_url(application), {"title": "Endret av rådet"})

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.title == "Bolyst i Hamarregionen"


def test_the_council_member_is_neither_secretariat_nor_applicant(council_user, make_case):
    make_case(State.SUBMITTED)

    assert is_council_member(council_user)
    assert not is_secretariat(council_user)
    assert not council_user.memberships.applying().exists()
    assert not council_user.memberships.filter(organisation__municipality__isnull=False).exists()


def test_the_demo_account_raad_is_a_council_member(settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("create_demo_accounts", stdout=out)

    user = authenticate(username="raad", password="demo-raad")
    assert user is not None
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.all()) == [Group.objects.get(name="Rådsmedlem")]
    assert is_council_member(user)
    assert not is_secretariat(user)
    assert (
        "Created raad (password demo-raad, TOTP secret UVDCI43C3FDOOEW67A3USIV7FWHU3XSY): "
        "Hamarregionen IPR – regionrådet, rådsmedlem."
    ) in out.getvalue()


def test_the_case_page_names_call_municipality_and_creator_without_links_the_council_cannot_open(
    council_client, secretariat_client, make_case, hamar_user
):
    application = make_case(State.SUBMITTED)
    related_pages = [
        reverse("admin:projects_fundingcall_change", args=[application.funding_call_id]),
        reverse("admin:projects_municipality_change", args=[application.lead_municipality_id]),
        reverse("admin:auth_user_change", args=[hamar_user.pk]),
    ]
    council_page = council_client.get(change_url(application))
    text = page_text(council_page)
    assert str(application.funding_call) in text
    assert application.lead_municipality.name in text
    assert (hamar_user.get_full_name() or hamar_user.username) in text
    council_html = council_page.content.decode()
    for path in related_pages:
        assert f'href="{path}"' not in council_html
        assert council_client.get(path).status_code == 403
    secretariat_html = secretariat_client.get(change_url(application)).content.decode()
    assert all(f'href="{path}"' in secretariat_html for path in related_pages)
