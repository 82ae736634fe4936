"""The case pages in admin: their addresses, actions and buttons, for the case tests."""

from django.urls import reverse
from django.utils import timezone

from projects.models import Application
from projects.workflow import State

COMMENT = "Kostnadsplanen mangler lønn til prosjektleder."

RECOMMEND = {"assessment": "Godt forankret i alle fire kommuner.", "recommended_amount": "450 000"}
DECISION = {
    "decided_on": "27.11.2026",
    "case_number": "26/01234",
    "conditions": "Prosjektet skal nevne Hamarregionen IPR som bidragsyter.",
    "decision_text": "Regionrådet innvilger søknaden.",
}
APPROVE = {**DECISION, "granted_amount": "400 000", "report_due_on": "2027-12-31"}

# The appeal steps, taken the day the appeal came in (make_case's appeals come in today).
TODAY = f"{timezone.localdate():%d.%m.%Y}"

# Each secretariat action through admin: the state it starts from, the form, the state it
# leads to.
ACTIONS = {
    "start_review": (State.SUBMITTED, {}, State.IN_REVIEW),
    "return": (State.IN_REVIEW, {"comment": COMMENT}, State.RETURNED),
    "recommend": (State.IN_REVIEW, RECOMMEND, State.RECOMMENDED),
    "approve": (State.RECOMMENDED, APPROVE, State.APPROVED),
    "reject": (State.RECOMMENDED, DECISION, State.REJECTED),
    "start_project": (State.ACCEPTED, {}, State.IN_PROGRESS),
    "return_report": (State.REPORT_SUBMITTED, {"comment": COMMENT}, State.IN_PROGRESS),
    "approve_report": (State.REPORT_SUBMITTED, {}, State.COMPLETED),
    "reassess_appeal": (State.APPEALED, {"decided_on": TODAY}, State.IN_REVIEW),
    "forward_appeal": (State.APPEALED, {"forwarded_on": TODAY}, State.APPEAL_FORWARDED),
    "uphold_appeal": (State.APPEAL_FORWARDED, {"decided_on": TODAY}, State.IN_REVIEW),
    "keep_rejection": (
        State.APPEAL_FORWARDED,
        {"outcome": "not_upheld", "decided_on": TODAY, "comment": COMMENT},
        State.REJECTED,
    ),
}


def transition_url(application, action):
    return reverse("admin:projects_application_transition", args=[application.pk, action])


def payment_url(application):
    return reverse("admin:projects_application_payment", args=[application.pk])


def letter_url(application):
    return reverse("admin:projects_application_decision_letter", args=[application.pk])


def status_of(application):
    return Application.objects.get(pk=application.pk).status
