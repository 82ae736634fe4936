"""What the follow-up tests share: the pages' addresses, the change forms' data, and reading
what a change request left behind."""

from django.http import HttpResponse
from django.urls import reverse

from grants.models import ChangeRequest
from projects.models import StatusChange
from projects.workflow import Action
from tests.html import page_text


def request_url(application, kind):
    return reverse("grants:change-request", args=[application.pk, kind])


def decide_url(change):
    return reverse("admin:grants_changerequest_decide", args=[change.pk])


def follow_up_url(application):
    return reverse("grants:follow-up", args=[application.pk])


JUSTIFICATION = "Leverandøren er forsinket, og piloten tar lengre tid."


def lines(application):
    """{item or source: line} of the approved plans (complete_application's)."""
    return {
        "cost": application.cost_lines.get(),
        "own": application.funding_lines.get(source="own"),
        "council": application.funding_lines.get(source="council"),
    }


def budget(application, *, cost, own, council, justification=JUSTIFICATION):
    plan = lines(application)
    return {
        f"cost_{plan['cost'].pk}": str(cost),
        f"funding_{plan['own'].pk}": str(own),
        f"funding_{plan['council'].pk}": str(council),
        "justification": justification,
    }


def page_text_of(html):
    return page_text(HttpResponse(html))


def timeline(application):
    return list(
        StatusChange.objects.filter(application=application).values_list(
            "action", "from_status", "to_status"
        )
    )


def nothing_requested(application):
    return (
        not ChangeRequest.objects.exists()
        and not application.status_changes.filter(action=Action.REQUEST_CHANGE).exists()
    )


END_DATE_FORM = {"end_date": "2031-06-30", "justification": JUSTIFICATION}
LEADER_FORM = {
    "project_leader_name": "Per Persen",
    "project_leader_email": "per@hamar.example.org",
    "project_leader_phone": "900 00 000",
    "justification": "Kari har fått ny jobb.",
}
