"""seed_volume: realistic volume in every workflow state that keeps the rules the portal relies
on, made the same way from the same seed, and topped up rather than doubled on a second run."""

from collections import defaultdict
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum
from django.urls import reverse

from programme.models import Programme
from projects.models import (
    Application,
    Decision,
    FinalReport,
    FundingCall,
    FundingLine,
    Payment,
    StatusChange,
)
from projects.services import application_submission_errors
from projects.volume import VolumeError, seed_volume, volume_applications
from projects.workflow import (
    APPEAL_STATES,
    PUBLIC_STATES,
    RECORDED_ACTIONS,
    TRANSITIONS,
    Action,
    State,
)
from tests.html import page_text

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))
COUNT = 80
# A case under appeal keeps the decision appealed against.
DECIDED = PUBLIC_STATES | {State.REJECTED} | APPEAL_STATES
RECOMMENDED = DECIDED | {State.RECOMMENDED}
REPORTED = {State.REPORT_SUBMITTED, State.COMPLETED}


@pytest.fixture
def volume(programme_fixture):
    return seed_volume(projects=COUNT, programmes=3, seed=1, now=NOW)


def by_state(state):
    return volume_applications().filter(status=state)


def test_makes_the_periods_calls_and_applications_asked_for(volume):
    assert volume["applications"] == volume["applications_created"] == COUNT
    assert volume_applications().count() == COUNT
    published = Programme.objects.published().get()
    assert published.slug == "2022-2023"
    assert Programme.objects.filter(status=Programme.Status.ARCHIVED).count() == 2
    # Spring and autumn in each of two years for three periods, and three more in the current.
    calls = FundingCall.objects.filter(slug__startswith="volum-")
    assert volume["funding_calls"] == calls.count() == 15
    assert sum(call.is_open(NOW) for call in calls) == 2
    archived = Programme.objects.filter(status=Programme.Status.ARCHIVED)
    for programme in archived:
        assert programme.focus_areas.count() == 4
        assert (
            programme.focus_areas.filter(themes__sub_themes__isnull=False).distinct().count() == 4
        )
        assert programme.funding_calls.exists()


def test_every_workflow_state_occurs_and_most_applications_are_funded(volume):
    counts = volume["by_state"]

    assert set(counts) == {state.value for state in State}
    assert sum(counts[state] for state in PUBLIC_STATES) > 0.6 * COUNT


def test_sent_in_applications_met_every_submission_rule_when_they_were_sent_in(volume):
    sent_in = volume_applications().exclude(status=State.DRAFT).select_related("funding_call")

    for application in sent_in:
        if application.submitted_at is None:
            # Withdrawn while still a draft.
            assert application.status == State.WITHDRAWN
            continue
        errors = application_submission_errors(
            application=application, now=application.submitted_at
        )
        assert errors == {}, (application.pk, application.status, errors)


def test_every_plan_has_funding_equal_to_cost_and_an_amount_applied(volume):
    totals = defaultdict(lambda: [0, 0, 0])
    for application_id, amount in volume_applications().values_list("pk", "cost_lines__amount"):
        totals[application_id][0] += amount or 0
    for application_id, source, amount in volume_applications().values_list(
        "pk", "funding_lines__source", "funding_lines__amount"
    ):
        totals[application_id][1] += amount or 0
        if source == FundingLine.Source.COUNCIL:
            totals[application_id][2] += amount

    assert len(totals) == COUNT
    for application_id, (cost, funding, applied) in totals.items():
        assert cost > 0 and funding == cost and applied > 0, application_id


def test_the_timeline_walks_the_workflow_from_draft_to_the_state(volume):
    changes = defaultdict(list)
    for change in StatusChange.objects.filter(application__in=volume_applications()).order_by(
        "application", "created_at", "pk"
    ):
        changes[change.application_id].append(change)

    for application in volume_applications():
        timeline = changes[application.pk]
        first, *steps = timeline
        assert (first.action, first.from_status, first.to_status) == (
            Action.CREATE,
            State.DRAFT,
            State.DRAFT,
        )
        assert first.created_at == application.created_at
        status = State.DRAFT
        for step in steps:
            transition = TRANSITIONS[step.action]
            assert step.from_status == status and status in transition.sources, step.action
            assert step.to_status == transition.target
            assert (not transition.comment_required) or step.comment
            status = step.to_status
        assert status == application.status
        assert timeline[-1].created_at == application.updated_at <= NOW


def test_each_application_is_stamped_with_its_last_step_that_changed_the_status(volume):
    last_step = {}
    for application_id, created_at in (
        StatusChange.objects.filter(application__in=volume_applications())
        .exclude(action__in=RECORDED_ACTIONS)
        .order_by("application", "created_at", "pk")
        .values_list("application", "created_at")
    ):
        last_step[application_id] = created_at

    stamps = dict(volume_applications().values_list("pk", "status_changed_at"))
    drafts = set(by_state(State.DRAFT).values_list("pk", flat=True))
    assert {pk: at for pk, at in stamps.items() if pk not in drafts} == last_step
    assert {stamps[pk] for pk in drafts} == {None}


def test_decisions_recommendations_payments_and_reports_are_where_the_state_needs_them(volume):
    for application in volume_applications().select_related(
        "decision", "recommendation", "final_report"
    ):
        state = application.status
        decision = application.decision_or_none()
        assert (decision is not None) == (state in DECIDED), application.pk
        assert (application.recommendation_or_none() is not None) == (state in RECOMMENDED)
        if state in REPORTED:
            assert application.final_report_or_none() is not None
            assert application.final_report.results
        if decision is None:
            assert application.final_report_due_on is None
            assert not application.payments.exists()
            continue
        assert decision.case_number and decision.decided_on <= NOW.date()
        assert application.final_report_due_on == decision.report_due_on
        assert decision.is_approved == (state in PUBLIC_STATES)
        if decision.is_approved:
            assert 0 < decision.granted_amount <= application.amount_applied()
            assert decision.report_due_on > application.start_date
        paid = application.paid_amount()
        assert paid <= decision.granted_amount
        if state == State.COMPLETED:
            assert paid == decision.granted_amount


def test_grants_stay_within_each_calls_budget_frame(volume):
    calls = FundingCall.objects.filter(slug__startswith="volum-").annotate(
        granted=Sum(
            "applications__decision__granted_amount",
        )
    )

    assert any(call.granted for call in calls)
    for call in calls:
        assert (call.granted or 0) <= call.budget_frame, call.slug


def test_the_public_catalogue_shows_exactly_the_funded_applications(volume, client):
    funded = Application.objects.funded()
    rejected = by_state(State.REJECTED).first()

    response = client.get(reverse("publication:project-list"))

    assert f"{funded.count()} prosjekter" in page_text(response)
    assert funded.count() == sum(volume["by_state"][state] for state in PUBLIC_STATES)
    assert client.get(reverse("publication:project-detail", args=[rejected.pk])).status_code == 404
    project = funded.first()
    assert client.get(reverse("publication:project-detail", args=[project.pk])).status_code == 200


def test_titles_are_varied_enough_for_search_to_tell_projects_apart(volume, client):
    titles = list(volume_applications().values_list("title", flat=True))
    assert len(set(titles)) > 0.9 * len(titles)

    word = "sykkelturisme"
    with_word = Application.objects.funded().filter(title__icontains=word).count()
    response = client.get(reverse("publication:project-list"), {"q": word})

    assert 0 < with_word < Application.objects.funded().count()
    assert f"{with_word} prosjekt" in page_text(response)


def test_a_second_run_with_the_same_numbers_adds_nothing(volume):
    rows = (StatusChange.objects.count(), Decision.objects.count(), Payment.objects.count())

    again = seed_volume(projects=COUNT, programmes=3, seed=1, now=NOW)

    assert again["applications_created"] == 0
    assert again["applications"] == COUNT
    assert (StatusChange.objects.count(), Decision.objects.count(), Payment.objects.count()) == rows
    assert FundingCall.objects.filter(slug__startswith="volum-").count() == 15
    assert Programme.objects.count() == 3


def snapshot():
    return list(
        volume_applications()
        .order_by("pk")
        .values_list(
            "title", "status", "lead_municipality__slug", "funding_call__slug", "created_at"
        )
    )


def remove_volume():
    applications = volume_applications()
    Payment.objects.filter(application__in=applications).delete()
    applications.delete()


def test_the_same_seed_gives_the_same_applications_and_topping_up_gives_the_same_as_one_run(
    programme_fixture,
):
    seed_volume(projects=40, programmes=2, seed=7, now=NOW)
    once = snapshot()
    remove_volume()

    seed_volume(projects=25, programmes=2, seed=7, now=NOW)
    topped_up = seed_volume(projects=40, programmes=2, seed=7, now=NOW)

    assert topped_up["applications_created"] == 15
    assert snapshot() == once
    remove_volume()
    seed_volume(projects=40, programmes=2, seed=8, now=NOW)
    assert snapshot() != once


def test_loads_the_programme_where_it_is_missing(no_programme, db):
    assert not Programme.objects.exists()

    counts = seed_volume(projects=len(State) + 1, programmes=1, seed=1, now=NOW)

    assert Programme.objects.published().get().slug == "2022-2023"
    assert counts["applications"] == len(State) + 1
    assert set(counts["by_state"]) == {state.value for state in State}
    assert FinalReport.objects.filter(application__status=State.COMPLETED).exists()


def test_numbers_out_of_range_are_refused(programme_fixture):
    with pytest.raises(VolumeError, match="--programmes"):
        seed_volume(projects=10, programmes=0, seed=1)
    with pytest.raises(VolumeError, match="--projects"):
        seed_volume(projects=-1, programmes=1, seed=1)


def test_the_command_refuses_to_run_while_debug_is_off(settings, programme_fixture):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_volume", "--projects", "10", stdout=StringIO())

    assert not volume_applications().exists()


def test_the_command_reports_what_it_made_and_the_dry_run_changes_nothing(
    settings, programme_fixture
):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_volume", "--projects", "20", "--programmes", "2", "--dry-run", stdout=out)
    assert "add 20 applications" in out.getvalue()
    assert not volume_applications().exists()

    out = StringIO()
    call_command("seed_volume", "--projects", "20", "--programmes", "2", stdout=out)

    assert "20 applications added" in out.getvalue()
    assert volume_applications().count() == 20
    counts = dict(volume_applications().values_list("status").annotate(n=Count("pk")))
    assert len(counts) == len(State)


def test_payments_are_dated_after_the_decision_and_not_in_the_future(volume):
    for payment in Payment.objects.filter(application__in=volume_applications()).select_related(
        "application__decision"
    ):
        assert payment.application.decision.decided_on <= payment.paid_on <= NOW.date()
    assert (
        Payment.objects.filter(application__in=volume_applications())
        .exclude(application__status__in=PUBLIC_STATES)
        .count()
        == 0
    )


def test_a_top_up_invalidates_the_cached_public_pages(
    client, programme_fixture, django_capture_on_commit_callbacks
):
    seed_volume(projects=20, programmes=1, seed=1, now=NOW)
    catalogue = reverse("publication:project-list")
    before = Application.objects.funded().count()
    assert f"{before} prosjekter" in page_text(client.get(catalogue))
    assert client.get(catalogue)["X-Page-Cache"] == "hit"

    # Only bulk inserts this time (the periods and calls exist): no model signal is sent.
    with django_capture_on_commit_callbacks(execute=True):
        seed_volume(projects=60, programmes=1, seed=1, now=NOW)

    after = Application.objects.funded().count()
    assert after > before
    assert f"{after} prosjekter" in page_text(client.get(catalogue))
