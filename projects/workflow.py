"""The application workflow as data: states, and for each action the states it starts from,
the roles that may take it and the state it leads to.

`projects.services.application_transition` is the one function that changes an application's
status; it looks every change up here. Nothing else assigns the status field.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Sendt inn")
    RETURNED = "returned", _("Sendt tilbake for endring")
    WITHDRAWN = "withdrawn", _("Trukket")
    IN_REVIEW = "in_review", _("Under behandling")
    RECOMMENDED = "recommended", _("Innstilling skrevet")
    APPROVED = "approved", _("Innvilget")
    REJECTED = "rejected", _("Avslått")
    IN_PROGRESS = "in_progress", _("Under gjennomføring")
    REPORT_SUBMITTED = "report_submitted", _("Sluttrapport levert")
    COMPLETED = "completed", _("Avsluttet")


class Role(models.TextChoices):
    APPLICANT = "applicant", _("søker")
    SECRETARIAT = "secretariat", _("sekretariatet")


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    # What the timeline says once done.
    done_label: str
    sources: frozenset[State]
    target: State
    roles: frozenset[Role]
    comment_required: bool = False
    # The application must pass the full submission check before this transition.
    validates_submission: bool = False
    # A record the transition needs: "recommendation", "decision" or "final_report". The
    # service that writes it calls application_transition in the same transaction.
    requires: str = ""


APPLICANT = frozenset({Role.APPLICANT})
SECRETARIAT = frozenset({Role.SECRETARIAT})

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            action="submit",
            label=_("Send inn"),
            done_label=_("Sendt inn"),
            sources=frozenset({State.DRAFT, State.RETURNED}),
            target=State.SUBMITTED,
            roles=APPLICANT,
            validates_submission=True,
        ),
        Transition(
            action="return",
            label=_("Send tilbake for endring"),
            done_label=_("Sendt tilbake for endring"),
            sources=frozenset({State.SUBMITTED, State.IN_REVIEW}),
            target=State.RETURNED,
            roles=SECRETARIAT,
            comment_required=True,
        ),
        Transition(
            action="withdraw",
            label=_("Trekk søknaden"),
            done_label=_("Trukket"),
            sources=frozenset({State.DRAFT, State.SUBMITTED, State.RETURNED, State.IN_REVIEW}),
            target=State.WITHDRAWN,
            roles=APPLICANT,
        ),
        Transition(
            action="start_review",
            label=_("Start behandling"),
            done_label=_("Behandling startet"),
            sources=frozenset({State.SUBMITTED}),
            target=State.IN_REVIEW,
            roles=SECRETARIAT,
        ),
        Transition(
            action="recommend",
            label=_("Skriv innstilling"),
            done_label=_("Innstilling skrevet"),
            sources=frozenset({State.IN_REVIEW}),
            target=State.RECOMMENDED,
            roles=SECRETARIAT,
            requires="recommendation",
        ),
        Transition(
            action="approve",
            label=_("Registrer vedtak: innvilget"),
            done_label=_("Innvilget"),
            sources=frozenset({State.RECOMMENDED}),
            target=State.APPROVED,
            roles=SECRETARIAT,
            requires="decision",
        ),
        Transition(
            action="reject",
            label=_("Registrer vedtak: avslag"),
            done_label=_("Avslått"),
            sources=frozenset({State.RECOMMENDED}),
            target=State.REJECTED,
            roles=SECRETARIAT,
            requires="decision",
        ),
        Transition(
            action="start_project",
            label=_("Registrer prosjektstart"),
            done_label=_("Prosjektet startet"),
            sources=frozenset({State.APPROVED}),
            target=State.IN_PROGRESS,
            roles=SECRETARIAT | APPLICANT,
        ),
        Transition(
            action="submit_report",
            label=_("Send inn sluttrapport"),
            done_label=_("Sluttrapport levert"),
            sources=frozenset({State.IN_PROGRESS}),
            target=State.REPORT_SUBMITTED,
            roles=APPLICANT,
            requires="final_report",
        ),
        Transition(
            action="return_report",
            label=_("Send sluttrapporten tilbake"),
            done_label=_("Sluttrapport sendt tilbake"),
            sources=frozenset({State.REPORT_SUBMITTED}),
            target=State.IN_PROGRESS,
            roles=SECRETARIAT,
            comment_required=True,
        ),
        Transition(
            action="approve_report",
            label=_("Godkjenn sluttrapporten"),
            done_label=_("Sluttrapport godkjent, prosjektet avsluttet"),
            sources=frozenset({State.REPORT_SUBMITTED}),
            target=State.COMPLETED,
            roles=SECRETARIAT,
        ),
    ]
}

# States in which the applicant may change the application and its attachments.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})

# Cases before the council's decision, which council members may read.
OPEN_CASE_STATES = frozenset({State.SUBMITTED, State.IN_REVIEW, State.RECOMMENDED})

# Funded projects: the only applications the public ever sees.
PUBLIC_STATES = frozenset(
    {State.APPROVED, State.IN_PROGRESS, State.REPORT_SUBMITTED, State.COMPLETED}
)

# States in which the final report may be written and sent in.
REPORTING_STATES = frozenset({State.IN_PROGRESS})


# The timeline's first entry is the draft being made; it is not a transition between states.
CREATE_ACTION = "create"


def done_label(action: str) -> str:
    if action == CREATE_ACTION:
        return _("Opprettet som utkast")
    transition = TRANSITIONS.get(action)
    return transition.done_label if transition else action


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
