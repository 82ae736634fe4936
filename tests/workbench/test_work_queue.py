"""The secretariat's work queue («Arbeidsliste»): who may see it, what each section holds, the
«Mine» and «Ikke tildelt» filters, and the landing after login."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.services import (
    appeal_outcomes,
    appeal_settle,
    application_transition,
    case_handler_assign,
    grant_accept,
)
from projects.workflow import WAITING_FOR_SECRETARIAT, Action, State
from tests.conftest import logged_in_client
from tests.factories import report_deadline_moved
from tests.factories.cases import entered_state_at
from tests.factories.grants import (
    change_request,
    payment_request_for,
    progress_report,
    project_under_way,
)
from tests.factories.meetings import AgendaItemFactory
from tests.factories.users import staff_in_group
from tests.grants.follow_up_pages import decide_url
from tests.html import element_text, page_text, start_tags
from tests.projects.case_admin_pages import APPROVE, transition_url

pytestmark = pytest.mark.django_db

QUEUE = reverse("workbench:work-queue")


def case_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def links(response):
    return [attrs.get("href") for _tag, attrs in start_tags(response, "a")]


def section_text(response, section_id):
    return element_text(response, section_id)


def test_the_states_waiting_for_the_secretariat_come_from_the_workflow_table():
    assert {
        State.SUBMITTED,
        State.IN_REVIEW,
        State.RECOMMENDED,
        State.REPORT_SUBMITTED,
        State.APPEALED,
        State.APPEAL_FORWARDED,
    } == WAITING_FOR_SECRETARIAT


def test_only_the_secretariat_sees_the_queue(
    client, secretariat_client, council_client, hamar_user
):
    assert secretariat_client.get(QUEUE).status_code == 200
    assert council_client.get(QUEUE).status_code == 403
    assert logged_in_client(hamar_user).get(QUEUE).status_code == 403
    anonymous = client.get(QUEUE)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))


def test_the_secretariat_lands_on_the_queue_council_members_on_the_meetings_applicants_on_theirs(
    client, secretariat_client, council_client, hamar_user
):
    landing = reverse("workbench:landing")
    assert secretariat_client.get(landing)["Location"] == QUEUE
    assert council_client.get(landing)["Location"] == reverse("meetings:meeting-list")
    assert logged_in_client(hamar_user).get(landing)["Location"] == reverse(
        "projects:my-applications"
    )
    assert client.get(landing)["Location"].startswith(reverse("login"))


def test_the_waiting_cases_oldest_first_with_deadline_days_and_handler(
    secretariat_client, secretariat_user, make_case
):
    newer = make_case(State.SUBMITTED, title="Nyere søknad")
    older = make_case(State.IN_REVIEW, title="Eldre søknad")
    make_case(State.APPROVED, title="Innvilget søknad")
    entered_state_at(older, timezone.now() - timedelta(days=10))
    case_handler_assign(application=newer, handler=secretariat_user, by=secretariat_user)

    response = secretariat_client.get(QUEUE)

    waiting = response.context["queue"].waiting
    assert [row.title for row in waiting.rows] == ["Eldre søknad", "Nyere søknad"]
    assert waiting.total == 2
    assert [row.days_waiting for row in waiting.rows] == [10, 0]
    text = section_text(response, "venter-tittel")
    assert "Venter på sekretariatet (2)" in text
    page = page_text(response)
    assert "Innvilget søknad" not in page
    assert case_url(older) in links(response)
    assert case_url(newer) in links(response)
    assert "Ikke tildelt" in page
    # Counts per state, each linking to the admin's list of that state.
    counts = dict(response.context["queue"].state_counts)
    assert counts[State.SUBMITTED] == counts[State.IN_REVIEW] == counts[State.APPROVED] == 1
    assert counts[State.COMPLETED] == 0
    changelist = reverse("admin:projects_application_changelist")
    assert f"{changelist}?status__exact=submitted" in links(response)


def test_a_case_waits_from_when_it_came_into_its_state_not_from_when_it_was_sent_in(
    secretariat_client, secretariat_user, make_case
):
    """A case sent in long ago and taken up again after an appeal today has waited less than
    one whose review started five days ago: the queue orders by the step into the state."""
    long_ago = timezone.now() - timedelta(days=60)
    reassessed = make_case(State.APPEALED, title="Tatt opp igjen", submitted_at=long_ago)
    waiting = make_case(
        State.IN_REVIEW, title="Venter lenger", submitted_at=long_ago + timedelta(days=20)
    )
    entered_state_at(waiting, timezone.now() - timedelta(days=5))
    appeal_settle(
        application=reassessed,
        user=secretariat_user,
        action=Action.REASSESS_APPEAL,
        outcome=appeal_outcomes(application=reassessed, action=Action.REASSESS_APPEAL)[0],
        decided_on=timezone.localdate(),
    )

    rows = secretariat_client.get(QUEUE).context["queue"].waiting.rows

    assert [(row.title, row.status) for row in rows] == [
        ("Venter lenger", State.IN_REVIEW),
        ("Tatt opp igjen", State.IN_REVIEW),
    ]
    assert [row.days_waiting for row in rows] == [5, 0]
    assert rows[1].submitted_at == long_ago


def test_the_filters_mine_and_unassigned(secretariat_client, secretariat_user, make_case):
    colleague = staff_in_group("Sekretariat", username="kollega", first_name="Kari")
    mine = make_case(State.SUBMITTED, title="Min sak")
    theirs = make_case(State.SUBMITTED, title="Kollegaens sak")
    make_case(State.SUBMITTED, title="Ingens sak")
    case_handler_assign(application=mine, handler=secretariat_user, by=secretariat_user)
    case_handler_assign(application=theirs, handler=colleague, by=secretariat_user)

    def titles(query):
        response = secretariat_client.get(QUEUE, query)
        assert response.status_code == 200
        return [row.title for row in response.context["queue"].waiting.rows]

    assert sorted(titles({})) == ["Ingens sak", "Kollegaens sak", "Min sak"]
    assert titles({"saksbehandler": "mine"}) == ["Min sak"]
    assert titles({"saksbehandler": "ingen"}) == ["Ingens sak"]
    # Anything else is no filter, not an error.
    assert len(titles({"saksbehandler": "<script>"})) == 3
    marked = secretariat_client.get(QUEUE, {"saksbehandler": "mine"})
    current = [attrs for _t, attrs in start_tags(marked, "a") if attrs.get("aria-current")]
    assert [attrs["href"] for attrs in current] == ["?saksbehandler=mine"]


def test_overdue_final_reports_and_progress_reports(
    secretariat_client, secretariat_user, hamar, hamar_user
):
    today = timezone.localdate()
    late = project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Sen sluttrapport",
        start_date=today - timedelta(days=800),
        end_date=today - timedelta(days=40),
    )
    report_deadline_moved(late, today - timedelta(days=5))
    owing = project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Skylder framdriftsrapport",
        start_date=today - timedelta(days=400),
    )
    reported = project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Har rapportert",
        start_date=today - timedelta(days=400),
    )
    progress_report(reported, number=1, today=today)
    project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Ikke forfalt ennå",
    )

    response = secretariat_client.get(QUEUE)

    queue = response.context["queue"]
    assert [row.title for row in queue.final_reports_overdue.rows] == ["Sen sluttrapport"]
    assert queue.final_reports_overdue.rows[0].days_overdue == 5
    assert [row.title for row in queue.progress_reports_overdue.rows] == [
        "Skylder framdriftsrapport"
    ]
    assert queue.progress_reports_overdue.rows[0].report_number == 1
    assert case_url(late) in links(response)
    assert case_url(owing) in links(response)
    assert "Sluttrapporter på overtid (1)" in page_text(response)


def test_a_final_report_is_overdue_by_the_decided_deadline_and_no_longer_once_the_end_date_moves(
    secretariat_client, secretariat_user, make_case, hamar_user
):
    """The queue reads the deadline from the application's copy of it (its index): the copy is
    written with the decision in admin and moved with an approved new end date."""
    today = timezone.localdate()
    application = make_case(
        State.RECOMMENDED,
        start_date=today - timedelta(days=700),
        end_date=today - timedelta(days=100),
    )
    decision = {
        **APPROVE,
        "decided_on": f"{today - timedelta(days=300):%d.%m.%Y}",
        "report_due_on": f"{today - timedelta(days=10):%d.%m.%Y}",
        "acceptance_due_on": f"{today + timedelta(days=21):%d.%m.%Y}",
    }

    response = secretariat_client.post(transition_url(application, Action.APPROVE), decision)

    assert response.status_code == 302, response.context["form"].errors
    overdue = secretariat_client.get(QUEUE).context["queue"].final_reports_overdue
    assert [(row.pk, row.days_overdue) for row in overdue.rows] == [(application.pk, 10)]

    grant_accept(application=application, user=hamar_user, confirmed=True)
    application_transition(
        application=application, action=Action.START_PROJECT, user=secretariat_user
    )
    change = change_request(application, end_date=application.end_date + timedelta(days=30))
    response = secretariat_client.post(decide_url(change), {"decision": "approved"})

    assert response.status_code == 302
    overdue = secretariat_client.get(QUEUE).context["queue"].final_reports_overdue
    assert overdue.rows == []
    assert overdue.total == 0


def test_payments_due_and_recommended_cases_not_on_an_agenda(
    secretariat_client, secretariat_user, hamar, hamar_user, make_case
):
    project = project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Ber om utbetaling",
    )
    payment_request_for(project, amount=120_000)
    waiting = make_case(State.RECOMMENDED, title="Venter på møtet")
    on_agenda = make_case(State.RECOMMENDED, title="Står på sakslisten")
    AgendaItemFactory().applications.add(on_agenda)

    response = secretariat_client.get(QUEUE)

    queue = response.context["queue"]
    assert [row.application.title for row in queue.payments_due.rows] == ["Ber om utbetaling"]
    assert [row.title for row in queue.not_on_agenda.rows] == ["Venter på møtet"]
    assert case_url(project) in links(response)
    assert case_url(waiting) in links(response)
    assert "Utbetalinger til behandling (1)" in page_text(response)


def test_each_section_shows_the_first_rows_with_the_count_and_a_link_to_all(
    secretariat_client, make_case, settings, monkeypatch
):
    monkeypatch.setattr("workbench.selectors.SECTION_LIMIT", 2)
    for number in range(3):
        make_case(State.SUBMITTED, title=f"Søknad {number}")

    response = secretariat_client.get(QUEUE, {"saksbehandler": "ingen"})

    waiting = response.context["queue"].waiting
    assert len(waiting.rows) == 2
    assert waiting.total == 3
    assert "Viser de 2 eldste av 3." in page_text(response)
    changelist = reverse("admin:projects_application_changelist")
    more = [href for href in links(response) if href.startswith(f"{changelist}?status__in=")]
    assert more and more[0].endswith("&saksbehandler=ingen")
    assert secretariat_client.get(more[0]).status_code == 200


def test_admin_links_the_secretariat_back_to_its_queue_and_not_a_council_member(
    secretariat_client, council_client
):
    admin_index = reverse("admin:index")

    assert QUEUE in links(secretariat_client.get(admin_index))
    assert QUEUE not in links(council_client.get(admin_index))
