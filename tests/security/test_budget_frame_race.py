"""Lowering a call's frame in admin while a grant is recorded never leaves more granted than the
frame: both lock the call's row in the transaction that checks it. Run on PostgreSQL, from two
threads with their own connections, many times."""

import functools
import os
import threading

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from projects.admin.funding_call import FundingCallForm
from projects.models import Decision, FundingCall
from projects.services import case as case_services
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import FundingCallFactory, case_in
from tests.second_factor import log_in

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="row locks are PostgreSQL's; SQLite serialises every write transaction",
    ),
]

ROUNDS = 12

DECISION = {
    "decided_on": "27.11.2026",
    "case_number": "26/01234",
    "conditions": "",
    "decision_text": "Regionrådet innvilger søknaden.",
    "report_due_on": "31.12.2027",
}


def secretariat_browser(user):
    client = Client()
    log_in(client, user)
    return client


def frame_form_data(client, call, frame):
    url = reverse("admin:projects_fundingcall_change", args=[call.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    return url, admin_form_data(
        page,
        budget_frame=str(frame),
        opens_at_0=form["opens_at"].value().strftime("%d.%m.%Y"),
        opens_at_1=form["opens_at"].value().strftime("%H:%M"),
        closes_at_0=form["closes_at"].value().strftime("%d.%m.%Y"),
        closes_at_1=form["closes_at"].value().strftime("%H:%M"),
    )


def post(client, url, data):
    return client.post(url, data).status_code


def at_once(*actions):
    """Runs the actions in threads released together; each thread has its own connection."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


class Interleave:
    """Holds one side's transaction open just after its check, until the other side has finished
    or half a second has passed: without a lock the other side then goes through on stale sums."""

    def __init__(self):
        self.checked = threading.Event()
        self.other_done = threading.Event()

    def pause_after(self, function):
        def paused(*args, **kwargs):
            result = function(*args, **kwargs)
            self.checked.set()
            self.other_done.wait(timeout=0.5)
            return result

        return paused

    def then(self, action):
        def after_the_check():
            self.checked.wait(timeout=10)
            try:
                return action()
            finally:
                self.other_done.set()

        return after_the_check


# serialized_rollback: the groups the migrations make, which an earlier transactional test's
# flush removed, are restored before this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_granted_sum_never_exceeds_the_frame_when_both_change_at_once(
    programme_fixture, secretariat_user, hamar, hamar_user, monkeypatch
):
    outcomes = set()
    for number in range(ROUNDS):
        call = FundingCallFactory(budget_frame=10_000_000, max_amount=100_000)
        mine = {"funding_call": call, "lead_municipality": hamar, "created_by": hamar_user}
        granted = case_in(State.APPROVED, secretariat=secretariat_user, **mine)
        pending = case_in(State.RECOMMENDED, secretariat=secretariat_user, **mine)
        already = granted.decision.granted_amount
        asked = pending.amount_applied()
        FundingCall.objects.filter(pk=call.pk).update(budget_frame=already + asked)
        # One krone below what both grants need: one of the two writes must be refused.
        lower = already + asked - 1
        frame_client = secretariat_browser(secretariat_user)
        decide_client = secretariat_browser(secretariat_user)
        frame_url, frame_data = frame_form_data(frame_client, call, lower)
        decide_url = reverse("admin:projects_application_transition", args=[pending.pk, "approve"])

        lower_frame = functools.partial(post, frame_client, frame_url, frame_data)
        decide = functools.partial(
            post, decide_client, decide_url, {**DECISION, "granted_amount": str(asked)}
        )

        # A third of the rounds checks the frame first and holds it, a third records the grant
        # first and holds it, a third runs both at once as they come.
        order = number % 3
        interleave = Interleave()
        with monkeypatch.context() as patch:
            if order == 0:
                patch.setattr(
                    FundingCallForm,
                    "clean_budget_frame",
                    interleave.pause_after(FundingCallForm.clean_budget_frame),
                )
                frame_answer, decide_answer = at_once(lower_frame, interleave.then(decide))
            elif order == 1:
                patch.setattr(
                    case_services,
                    "application_transition",
                    interleave.pause_after(case_services.application_transition),
                )
                decide_answer, frame_answer = at_once(decide, interleave.then(lower_frame))
            else:
                frame_answer, decide_answer = at_once(lower_frame, decide)

        call.refresh_from_db()
        total = Decision.objects.filter(
            application__funding_call=call, outcome=Decision.Outcome.APPROVED
        ).aggregate(total=Sum("granted_amount"))["total"]
        assert total <= call.budget_frame, (
            f"round {number}: {total} granted, frame {call.budget_frame} "
            f"(frame form {frame_answer}, decision {decide_answer})"
        )
        # Exactly one of the two went through: a 302 after saving, a 200 page with the error.
        assert sorted([frame_answer, decide_answer]) == [200, 302]
        outcomes.add((order, frame_answer, decide_answer))
    # Held first, each side wins; so both orders were really tried.
    assert {(0, 302, 200), (1, 200, 302)} <= outcomes
