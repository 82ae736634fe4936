"""The demo data's followed-up grant: what `make run` shows of the follow-up after a grant, from
acceptance to the final report."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from grants.models import ChangeRequest, PaymentRequest
from projects.models import CaseDocument
from projects.workflow import Action, State

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(followed_demo_grant):
    return followed_demo_grant


def test_the_demo_grant_went_through_acceptance_two_payment_requests_a_change_and_the_report(
    demo,
):
    actions = list(demo.status_changes.values_list("action", flat=True))
    assert actions.index(Action.ACCEPT_GRANT) < actions.index(Action.REQUEST_CHANGE)
    assert actions.index(Action.APPROVE_CHANGE) < actions.index(Action.SUBMIT_REPORT)
    assert demo.status == State.COMPLETED
    requests = list(demo.payment_requests.order_by("submitted_at"))
    assert [request.kind for request in requests] == [
        PaymentRequest.Kind.PART,
        PaymentRequest.Kind.FINAL,
    ]
    assert all(request.payment is not None for request in requests)
    assert demo.paid_amount() == demo.granted_amount()
    change = demo.change_requests.get()
    assert (change.kind, change.status) == (
        ChangeRequest.Kind.END_DATE,
        ChangeRequest.Status.APPROVED,
    )
    assert demo.end_date == change.new_end_date
    kinds = set(demo.documents.values_list("kind", flat=True))
    assert kinds == {
        CaseDocument.Kind.RECEIPT,
        CaseDocument.Kind.DECISION_LETTER,
        CaseDocument.Kind.CHANGE_LETTER,
        CaseDocument.Kind.FINAL_REPORT,
    }


def test_running_the_follow_up_again_adds_nothing(demo):
    before = (demo.payment_requests.count(), demo.status_changes.count())

    output = run("create_demo_follow_up")

    assert "nothing done" in output
    assert (demo.payment_requests.count(), demo.status_changes.count()) == before


def test_the_follow_up_needs_the_demo_data_first(settings, db):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="create_demo_data"):
        run("create_demo_follow_up")
