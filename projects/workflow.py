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


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            action="submit",
            label=_("Send inn"),
            done_label=_("Sendt inn"),
            sources=frozenset({State.DRAFT, State.RETURNED}),
            target=State.SUBMITTED,
            roles=frozenset({Role.APPLICANT}),
            validates_submission=True,
        ),
        Transition(
            action="return",
            label=_("Send tilbake for endring"),
            done_label=_("Sendt tilbake for endring"),
            sources=frozenset({State.SUBMITTED}),
            target=State.RETURNED,
            roles=frozenset({Role.SECRETARIAT}),
            comment_required=True,
        ),
        Transition(
            action="withdraw",
            label=_("Trekk søknaden"),
            done_label=_("Trukket"),
            sources=frozenset({State.DRAFT, State.SUBMITTED, State.RETURNED}),
            target=State.WITHDRAWN,
            roles=frozenset({Role.APPLICANT}),
        ),
    ]
}

# States in which the applicant may change the application and its attachments.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


# The timeline's first entry is the draft being made; it is not a transition between states.
CREATE_ACTION = "create"


def done_label(action: str) -> str:
    if action == CREATE_ACTION:
        return _("Opprettet som utkast")
    transition = TRANSITIONS.get(action)
    return transition.done_label if transition else action


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
