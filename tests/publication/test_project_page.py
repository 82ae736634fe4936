"""A funded project's public page: what the public may read, and nothing of the people, the
internal assessment or the comments. The projects on the focus-area page are in
test_focus_area_page.py."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Application, Recommendation, StatusChange
from projects.services import (
    application_decide,
    application_recommend,
    application_transition,
    final_report_save,
    grant_accept,
    payment_register,
)
from projects.workflow import PUBLIC_STATES, State
from tests.factories import (
    CommitmentFactory,
    DecisionFactory,
    MunicipalityFactory,
    SubThemeFactory,
    SustainableDevelopmentGoalFactory,
    complete_application,
    funded_project,
)
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db

NON_PUBLIC_STATES = [state for state in State if state not in PUBLIC_STATES]
PERSONAL = {
    "project_leader_name": "Lederen Lise Lundgren",
    "project_leader_email": "lise.lundgren@hamar.example.org",
    "project_leader_phone": "+47 911 22 333",
    "contact_name": "Kontakten Knut Kvamme",
    "contact_email": "knut.kvamme@hamar.example.org",
    "contact_phone": "+47 944 55 666",
}


def project_url(application) -> str:
    return f"/prosjekter/{application.pk}/"


def assert_nothing_personal(response):
    html = response.content.decode()
    for value in PERSONAL.values():
        assert value not in html


# --- The page -------------------------------------------------------------------------------


def test_public_url_of_an_application_is_its_project_page():
    project = funded_project()

    assert project.get_public_url() == project_url(project)
    assert reverse("publication:project-detail", kwargs={"pk": project.pk}) == project_url(project)


def test_project_page_shows_what_the_issue_lists(no_programme, client, hamar, loten):
    county = MunicipalityFactory(name="Innlandet fylkeskommune")
    goal = SustainableDevelopmentGoalFactory(number=11, name="Bærekraftige byer og samfunn")
    project = funded_project(
        title="Bolyst i Hamarregionen",
        summary="Et samarbeid om å gjøre regionen til et godt sted å bo.",
        lead_municipality=hamar,
        main_goal="Flere innbyggere i regionen.",
        sub_goals="Kartlegge behovene.\nPrøve ut tre tiltak.",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
        granted_amount=1_250_000,
        status=State.IN_PROGRESS,
        phase=Application.Phase.MAIN_PROJECT,
    )
    project.partner_municipalities.set([loten, county])
    project.sustainable_development_goals.set([goal])
    focus_area = project.focus_areas.get()
    sub_theme = project.sub_themes.get()

    response = client.get(project_url(project))

    assert response.status_code == 200
    assert element_text(response, "hovedinnhold").count("Bolyst i Hamarregionen") >= 1
    assert [tag for tag, _attrs in start_tags(response, "h1")] == ["h1"]
    text = page_text(response)
    for expected in [
        "Et samarbeid om å gjøre regionen til et godt sted å bo.",
        "Prosjekteier Hamar",
        "Løten",
        "Innlandet fylkeskommune",
        "Hovedprosjekt",
        "Flere innbyggere i regionen.",
        "Kartlegge behovene.",
        "Prøve ut tre tiltak.",
        "Periode 01.01.2027–31.12.2027",
        "Innvilget beløp 1 250 000 kr",
        "Status: Under gjennomføring",
        "11. Bærekraftige byer og samfunn",
        focus_area.name,
        sub_theme.name,
    ]:
        assert expected in text, expected
    hrefs = {attrs.get("href") for _tag, attrs in start_tags(response, "a")}
    assert focus_area.get_absolute_url() in hrefs
    assert sub_theme.get_absolute_url() in hrefs
    assert goal.get_absolute_url() in hrefs


def test_linked_programme_pages_exist(client):
    project = funded_project()
    response = client.get(project_url(project))

    programme_links = [
        attrs["href"]
        for _tag, attrs in start_tags(response, "a")
        if attrs.get("href", "").startswith("/handlingsprogram/")
    ]
    assert programme_links
    for href in programme_links:
        assert client.get(href.split("#")[0]).status_code == 200


def test_project_page_has_breadcrumbs_back_to_the_catalogue(client):
    project = funded_project(title="Bolyst")

    response = client.get(project_url(project))

    assert "Forside Prosjekter Bolyst" in page_text(response)
    crumbs = [attrs.get("href") for _tag, attrs in start_tags(response, "a")]
    assert "/prosjekter/" in crumbs


@pytest.mark.parametrize("state", sorted(PUBLIC_STATES), ids=str)
def test_project_page_never_shows_contact_data_recommendation_or_comments(
    client, secretariat_user, state
):
    secretariat_user.first_name, secretariat_user.last_name = "Sara", "Saksbehandlersen"
    secretariat_user.save()
    project = funded_project(status=state, **PERSONAL)
    Recommendation.objects.create(
        application=project,
        assessment="INTERN VURDERING: svak forankring",
        recommended_amount=400_000,
        written_by=secretariat_user,
    )
    StatusChange.objects.filter(application=project).update(
        actor=secretariat_user, comment="INTERN KOMMENTAR til saken"
    )

    response = client.get(project_url(project))

    assert response.status_code == 200
    assert_nothing_personal(response)
    html = response.content.decode()
    for secret in ["INTERN VURDERING", "INTERN KOMMENTAR", "Saksbehandlersen"]:
        assert secret not in html


# --- Timeline and results -------------------------------------------------------------------


# What the timeline says in each public state, after the decision (dated by the meeting).
STEPS_AFTER_DECISION = {
    State.APPROVED: [],
    State.IN_PROGRESS: ["Prosjektet startet"],
    State.REPORT_SUBMITTED: ["Prosjektet startet"],
    State.COMPLETED: ["Prosjektet startet", "Prosjektet avsluttet"],
}


@pytest.mark.parametrize("state", list(STEPS_AFTER_DECISION), ids=str)
def test_timeline_shows_the_decision_start_and_completion_so_far(client, state):
    project = funded_project(status=state, decided_on=date(2026, 3, 12))

    timeline = element_text(client.get(project_url(project)), "tidslinje-liste")

    today = timezone.localdate().strftime("%d.%m.%Y")
    expected = ["Innvilget av regionrådet: 12.03.2026"] + [
        f"{step}: {today}" for step in STEPS_AFTER_DECISION[state]
    ]
    assert timeline == " ".join(expected)
    assert "Sluttrapport levert" not in timeline


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        (State.APPROVED, False),
        (State.IN_PROGRESS, False),
        (State.REPORT_SUBMITTED, False),
        (State.COMPLETED, True),
    ],
    ids=str,
)
def test_reported_results_are_shown_once_the_project_is_completed(client, state, shown):
    project = funded_project(
        status=state, results="Tretti nye innbyggere.\n\nEn felles nettside for bolyst."
    )

    response = client.get(project_url(project))

    assert ("Tretti nye innbyggere." in page_text(response)) is shown
    if shown:
        assert "En felles nettside for bolyst." in element_text(response, "resultater-tekst")
        assert "<p>Tretti nye innbyggere.</p>" in response.content.decode()


# --- Who gets which page --------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(PUBLIC_STATES), ids=str)
def test_everyone_gets_the_same_public_page(visitors, hamar, state):
    project = funded_project(status=state, lead_municipality=hamar, **PERSONAL)

    contents = {}
    for who, client in visitors.items():
        response = client.get(project_url(project))
        assert response.status_code == 200, who
        assert_nothing_personal(response)
        contents[who] = element_text(response, "hovedinnhold")

    assert len(set(contents.values())) == 1, contents


@pytest.mark.parametrize("state", NON_PUBLIC_STATES, ids=str)
def test_a_non_public_application_is_not_found_for_anyone(visitors, hamar, state):
    application = complete_application(
        status=state, lead_municipality=hamar, title="Hemmelig søknad", **PERSONAL
    )
    if state == State.REJECTED:
        DecisionFactory(application=application, outcome="rejected")

    for who, client in visitors.items():
        response = client.get(project_url(application))
        assert response.status_code == 404, who
        assert "Hemmelig søknad" not in page_text(response)
        assert_nothing_personal(response)


@pytest.mark.parametrize("pk", ["999999", "0", "2147483648", "9" * 30])
def test_an_unknown_project_is_not_found(client, pk):
    assert client.get(f"/prosjekter/{pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/prosjekter/abc/", "/prosjekter/-1/", "/prosjekter/1.5/"])
def test_an_address_that_is_not_a_project_number_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_project_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    small = funded_project(status=State.COMPLETED)
    with CaptureQueriesContext(connection) as captured:
        client.get(project_url(small))
    big = funded_project(status=State.COMPLETED)
    big.partner_municipalities.set([MunicipalityFactory() for _ in range(5)])
    big.sustainable_development_goals.set(
        [SustainableDevelopmentGoalFactory(number=n) for n in range(1, 10)]
    )
    focus_area = big.focus_areas.get()
    big.sub_themes.add(*[SubThemeFactory(theme=focus_area.themes.get()) for _ in range(5)])
    big.commitments.set([CommitmentFactory(focus_area=focus_area) for _ in range(5)])

    with django_assert_max_num_queries(len(captured)):
        response = client.get(project_url(big))

    assert response.status_code == 200


# --- Through the real case handling ---------------------------------------------------------


def test_a_project_appears_when_approved_and_shows_its_results_when_completed(
    client, hamar, hamar_user, secretariat_user
):
    application = complete_application(
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Felles næringsarealer",
        applied=400_000,
        **PERSONAL,
    )
    focus_area = application.focus_areas.get()
    catalogue = "/prosjekter/"

    def public():
        listed = "Felles næringsarealer" in page_text(client.get(catalogue))
        on_focus_area = "Felles næringsarealer" in page_text(
            client.get(focus_area.get_absolute_url())
        )
        page = client.get(project_url(application)).status_code
        return listed, on_focus_area, page

    application_transition(application=application, action="submit", user=hamar_user)
    application_transition(application=application, action="start_review", user=secretariat_user)
    application_recommend(
        application=application,
        user=secretariat_user,
        assessment="INTERN VURDERING",
        recommended_amount=350_000,
    )
    assert public() == (False, False, 404)

    decided_on = timezone.localdate() - timedelta(days=3)
    application_decide(
        application=application,
        user=secretariat_user,
        outcome="approved",
        granted_amount=350_000,
        decided_on=decided_on,
        case_number="2026/123",
        decision_text="Innvilget.",
        report_due_on=decided_on + timedelta(days=365),
    )
    assert public() == (True, True, 200)
    assert "Status: Innvilget" in page_text(client.get(project_url(application)))

    grant_accept(application=application, user=hamar_user, confirmed=True)
    assert "Status: Tilsagn akseptert" in page_text(client.get(project_url(application)))
    payment_register(
        application=application, user=secretariat_user, amount=175_000, paid_on=decided_on
    )
    application_transition(application=application, action="start_project", user=hamar_user)
    assert "Status: Under gjennomføring" in page_text(client.get(project_url(application)))

    final_report_save(
        application=application,
        user=hamar_user,
        results="Fire nye bedrifter etablert.",
        actual_cost=1_000_000,
        submit=True,
    )
    assert "Fire nye bedrifter" not in page_text(client.get(project_url(application)))

    application_transition(application=application, action="approve_report", user=secretariat_user)
    response = client.get(project_url(application))
    text = page_text(response)
    assert "Status: Avsluttet" in text
    assert "Fire nye bedrifter etablert." in text
    assert "Innvilget beløp 350 000 kr" in text
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert element_text(response, "tidslinje-liste") == (
        f"Innvilget av regionrådet: {decided_on:%d.%m.%Y} Prosjektet startet: {today} "
        f"Prosjektet avsluttet: {today}"
    )
    assert_nothing_personal(response)
    assert "INTERN VURDERING" not in response.content.decode()


def test_a_rejected_application_never_appears(client, hamar, hamar_user, secretariat_user):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, title="Avslått idé"
    )
    application_transition(application=application, action="submit", user=hamar_user)
    application_transition(application=application, action="start_review", user=secretariat_user)
    application_recommend(
        application=application, user=secretariat_user, assessment="Nei.", recommended_amount=0
    )
    application_decide(
        application=application,
        user=secretariat_user,
        outcome="rejected",
        granted_amount=0,
        decided_on=timezone.localdate(),
        case_number="2026/124",
        decision_text="Avslag.",
    )

    assert "Avslått idé" not in page_text(client.get("/prosjekter/"))
    assert client.get(project_url(application)).status_code == 404
    focus_area = application.focus_areas.get()
    assert "Avslått idé" not in page_text(client.get(focus_area.get_absolute_url()))
