"""The application workflow as data: states, actions, and for each action the states it starts
from, the roles that may take it and the state it leads to. The state sets the rest of the
code asks about, and the main path through the workflow, are derived from this one table.

`projects.services.application_transition` is the one function that changes an application's
status; it looks every change up here. Nothing else assigns the status field.

Appeals (klage, forvaltningsloven §§ 28-34). A decision, a grant or a rejection, may be
appealed: the secretariat registers the appeal (REGISTER_APPEAL, the one step that reopens a
decided case). A grant the grantee has accepted with its conditions is no longer appealed. The
council then either takes the case up again (REASSESS_APPEAL: back to review, and through the
recommendation to a new decision and a new decision letter) or upholds its decision and forwards
the appeal to the appeal body (FORWARD_APPEAL). The appeal body may uphold the appeal
(UPHOLD_APPEAL: the case goes back to the council to be decided again), or not; an appeal may
also be dismissed or withdrawn. Where the appeal comes to nothing, the decision appealed against
stands and the case returns to its state: a table cannot say "back to where it was", so there is
one action for each outcome that can have been appealed, KEEP_REJECTION to REJECTED and
KEEP_GRANT to APPROVED, and the appeal's record
(projects.models.Appeal: what was appealed, the appeal's outcome) says which is taken.

The state sets below follow a case's own course and not the step that reopens it: they mean
what they meant before appeals, and an appealed case is neither public nor decided until the
appeal is settled.
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
    ACCEPTED = "accepted", _("Tilsagn akseptert")
    REJECTED = "rejected", _("Avslått")
    IN_PROGRESS = "in_progress", _("Under gjennomføring")
    REPORT_SUBMITTED = "report_submitted", _("Sluttrapport levert")
    COMPLETED = "completed", _("Avsluttet")
    APPEALED = "appealed", _("Klage mottatt")
    APPEAL_FORWARDED = "appeal_forwarded", _("Klagen sendt til klageinstansen")


class Role(models.TextChoices):
    APPLICANT = "applicant", _("søker")
    SECRETARIAT = "secretariat", _("sekretariatet")


class Action(models.TextChoices):
    """What can happen to an application, stored in its timeline (StatusChange.action). The
    label is what the timeline says once it is done."""

    # The timeline's first entry is the draft being made; it is not a transition between states.
    CREATE = "create", _("Opprettet som utkast")
    SUBMIT = "submit", _("Sendt inn")
    RETURN = "return", _("Sendt tilbake for endring")
    WITHDRAW = "withdraw", _("Trukket")
    START_REVIEW = "start_review", _("Behandling startet")
    RECOMMEND = "recommend", _("Innstilling skrevet")
    APPROVE = "approve", _("Innvilget")
    REJECT = "reject", _("Avslått")
    ACCEPT_GRANT = "accept_grant", _("Tilsagnet og vilkårene akseptert")
    START_PROJECT = "start_project", _("Prosjektet startet")
    SUBMIT_REPORT = "submit_report", _("Sluttrapport levert")
    RETURN_REPORT = "return_report", _("Sluttrapport sendt tilbake")
    APPROVE_REPORT = "approve_report", _("Sluttrapport godkjent, prosjektet avsluttet")
    REGISTER_APPEAL = "register_appeal", _("Klage mottatt og registrert")
    REASSESS_APPEAL = (
        "reassess_appeal",
        _("Regionrådet tok saken opp til ny behandling etter klage"),
    )
    FORWARD_APPEAL = "forward_appeal", _("Klagen sendt til klageinstansen")
    UPHOLD_APPEAL = (
        "uphold_appeal",
        _("Klageinstansen tok klagen til følge; saken behandles på nytt"),
    )
    KEEP_REJECTION = "keep_rejection", _("Klagen førte ikke fram; avslaget står")
    KEEP_GRANT = "keep_grant", _("Klagen førte ikke fram; vedtaket om tilskudd står")
    # Changes of a granted project (grants' change requests): recorded in the timeline, with
    # the status as it was (projects.services.timeline_record).
    REQUEST_CHANGE = "request_change", _("Endringssøknad sendt")
    APPROVE_CHANGE = "approve_change", _("Endring godkjent")
    REJECT_CHANGE = "reject_change", _("Endring avslått")
    # The secretariat's person who handles the case (projects.services.case_handler): recorded
    # in the timeline, with the status as it was. The comment names the person.
    ASSIGN_CASE_HANDLER = "assign_case_handler", _("Saksbehandler tildelt")
    UNASSIGN_CASE_HANDLER = "unassign_case_handler", _("Saksbehandler fjernet")


# The actions that are not transitions between states: entries of the timeline that leave the
# status as it is.
RECORDED_ACTIONS = frozenset(
    {
        Action.CREATE,
        Action.REQUEST_CHANGE,
        Action.APPROVE_CHANGE,
        Action.REJECT_CHANGE,
        Action.ASSIGN_CASE_HANDLER,
        Action.UNASSIGN_CASE_HANDLER,
    }
)


@dataclass(frozen=True)
class Transition:
    action: Action
    label: str
    sources: frozenset[State]
    target: State
    roles: frozenset[Role]
    comment_required: bool = False
    # The application must pass the full submission check before this transition.
    validates_submission: bool = False
    # A record the transition needs: "recommendation", "decision", "acceptance", "final_report"
    # or "appeal". The service that writes it calls application_transition in the same
    # transaction.
    requires: str = ""
    # The document frozen when the transition is made (projects.models.CaseDocument.Kind):
    # "receipt", "decision_letter" or "final_report". (A change letter is frozen by the approval
    # of a change, which is not a transition: projects.services.changes.)
    freezes: str = ""
    # The step reopens a decided case (an appeal). The state sets do not follow it.
    reopens: bool = False
    # A comment given with the step becomes the secretariat's message to the applicant
    # (projects.services.messages), e-mailed as every message is.
    comment_is_message: bool = False


APPLICANT = frozenset({Role.APPLICANT})
SECRETARIAT = frozenset({Role.SECRETARIAT})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in [
        Transition(
            action=Action.SUBMIT,
            label=_("Send inn"),
            sources=frozenset({State.DRAFT, State.RETURNED}),
            target=State.SUBMITTED,
            roles=APPLICANT,
            validates_submission=True,
            freezes="receipt",
        ),
        Transition(
            action=Action.RETURN,
            label=_("Send tilbake for endring"),
            sources=frozenset({State.SUBMITTED, State.IN_REVIEW}),
            target=State.RETURNED,
            roles=SECRETARIAT,
            comment_required=True,
        ),
        Transition(
            action=Action.WITHDRAW,
            label=_("Trekk søknaden"),
            sources=frozenset({State.DRAFT, State.SUBMITTED, State.RETURNED, State.IN_REVIEW}),
            target=State.WITHDRAWN,
            roles=APPLICANT,
        ),
        Transition(
            action=Action.START_REVIEW,
            label=_("Start behandling"),
            sources=frozenset({State.SUBMITTED}),
            target=State.IN_REVIEW,
            roles=SECRETARIAT,
            comment_is_message=True,
        ),
        Transition(
            action=Action.RECOMMEND,
            label=_("Skriv innstilling"),
            sources=frozenset({State.IN_REVIEW}),
            target=State.RECOMMENDED,
            roles=SECRETARIAT,
            requires="recommendation",
        ),
        Transition(
            action=Action.APPROVE,
            label=_("Registrer vedtak: innvilget"),
            sources=frozenset({State.RECOMMENDED}),
            target=State.APPROVED,
            roles=SECRETARIAT,
            requires="decision",
            freezes="decision_letter",
        ),
        Transition(
            action=Action.REJECT,
            label=_("Registrer vedtak: avslag"),
            sources=frozenset({State.RECOMMENDED}),
            target=State.REJECTED,
            roles=SECRETARIAT,
            requires="decision",
            freezes="decision_letter",
        ),
        Transition(
            action=Action.ACCEPT_GRANT,
            label=_("Aksepter tilsagnet"),
            sources=frozenset({State.APPROVED}),
            target=State.ACCEPTED,
            roles=APPLICANT,
            requires="acceptance",
        ),
        Transition(
            action=Action.START_PROJECT,
            label=_("Registrer prosjektstart"),
            sources=frozenset({State.ACCEPTED}),
            target=State.IN_PROGRESS,
            roles=SECRETARIAT | APPLICANT,
        ),
        Transition(
            action=Action.SUBMIT_REPORT,
            label=_("Send inn sluttrapport"),
            sources=frozenset({State.IN_PROGRESS}),
            target=State.REPORT_SUBMITTED,
            roles=APPLICANT,
            requires="final_report",
            freezes="final_report",
        ),
        Transition(
            action=Action.RETURN_REPORT,
            label=_("Send sluttrapporten tilbake"),
            sources=frozenset({State.REPORT_SUBMITTED}),
            target=State.IN_PROGRESS,
            roles=SECRETARIAT,
            comment_required=True,
        ),
        Transition(
            action=Action.APPROVE_REPORT,
            label=_("Godkjenn sluttrapporten"),
            sources=frozenset({State.REPORT_SUBMITTED}),
            target=State.COMPLETED,
            roles=SECRETARIAT,
        ),
        Transition(
            action=Action.REGISTER_APPEAL,
            label=_("Registrer klage"),
            sources=frozenset({State.APPROVED, State.REJECTED}),
            target=State.APPEALED,
            roles=SECRETARIAT,
            requires="appeal",
            reopens=True,
        ),
        Transition(
            action=Action.REASSESS_APPEAL,
            label=_("Ta saken opp til ny behandling"),
            sources=frozenset({State.APPEALED}),
            target=State.IN_REVIEW,
            roles=SECRETARIAT,
            requires="appeal",
        ),
        Transition(
            action=Action.FORWARD_APPEAL,
            label=_("Send klagen til klageinstansen"),
            sources=frozenset({State.APPEALED}),
            target=State.APPEAL_FORWARDED,
            roles=SECRETARIAT,
            requires="appeal",
        ),
        Transition(
            action=Action.UPHOLD_APPEAL,
            label=_("Registrer klageinstansens vedtak: klagen tas til følge"),
            sources=frozenset({State.APPEAL_FORWARDED}),
            target=State.IN_REVIEW,
            roles=SECRETARIAT,
            requires="appeal",
        ),
        Transition(
            action=Action.KEEP_REJECTION,
            label=_("Registrer at klagen ikke fører fram: avslaget står"),
            sources=frozenset({State.APPEALED, State.APPEAL_FORWARDED}),
            target=State.REJECTED,
            roles=SECRETARIAT,
            requires="appeal",
        ),
        Transition(
            action=Action.KEEP_GRANT,
            label=_("Registrer at klagen ikke fører fram: vedtaket om tilskudd står"),
            sources=frozenset({State.APPEALED, State.APPEAL_FORWARDED}),
            target=State.APPROVED,
            roles=SECRETARIAT,
            requires="appeal",
        ),
    ]
}


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]


def reachable_from(state: State, *, by: Role | None = None) -> frozenset[State]:
    """The state and every state the case's own course leads to from it (not through a step
    that reopens a decided case); with `by`, only through the transitions that role may take."""
    seen = {state}
    todo = [state]
    while todo:
        for transition in transitions_from(todo.pop()):
            if transition.reopens or (by is not None and by not in transition.roles):
                continue
            if transition.target not in seen:
                seen.add(transition.target)
                todo.append(transition.target)
    return frozenset(seen)


def path(source: State, target: State) -> list[Action]:
    """The actions of the shortest way through the table from one state to another: the main
    path, as the volume data and the test factories walk it."""
    ways = {source: []}
    todo = [source]
    while todo:
        state = todo.pop(0)
        if state == target:
            return ways[state]
        for transition in transitions_from(state):
            if transition.target not in ways:
                ways[transition.target] = [*ways[state], transition.action]
                todo.append(transition.target)
    raise ValueError(f"No way from {source} to {target} in the workflow.")


def path_to(state: State) -> list[Action]:
    """The actions from the draft to the state, along the main path."""
    return path(State.DRAFT, state)


# The council's decision: the action that records each outcome, keyed by the state it leads
# to. Decision.Outcome's values are these states' values.
DECISION_ACTIONS: dict[State, Action] = {
    t.target: t.action for t in TRANSITIONS.values() if t.requires == "decision"
}

# An appeal that comes to nothing: the action that lets the decision appealed against stand,
# keyed by that decision's state (KEEP_REJECTION, KEEP_GRANT).
APPEAL_KEEP_ACTIONS: dict[State, Action] = {
    t.target: t.action
    for t in TRANSITIONS.values()
    if t.requires == "appeal" and t.target in DECISION_ACTIONS
}

# The states of an appeal not yet settled: those only the step that reopens a case leads to.
APPEAL_STATES = frozenset(State) - reachable_from(State.DRAFT)

# States in which the applicant may change the application and its attachments: while it can
# be sent in.
EDITABLE_STATES = TRANSITIONS[Action.SUBMIT].sources

# Cases before the council's decision, which council members may read: the states from which
# the secretariat alone can bring the case to a decision (an appealed case too, until the
# appeal is settled: the council may take it up again, or get it back from the appeal body).
OPEN_CASE_STATES = frozenset(
    state
    for state in State
    if any(
        TRANSITIONS[action].sources & reachable_from(state, by=Role.SECRETARIAT)
        for action in DECISION_ACTIONS.values()
    )
)

# Funded projects, the states that follow a grant: the only applications the public ever sees.
# An appealed grant is not public while the appeal lasts.
PUBLIC_STATES = reachable_from(TRANSITIONS[Action.APPROVE].target)

# Grants the grantee has accepted with their conditions: the only ones the secretariat pays.
PAYABLE_STATES = reachable_from(TRANSITIONS[Action.ACCEPT_GRANT].target)

# Decided by the council, either way, and not under appeal.
DECIDED_STATES = frozenset().union(*(reachable_from(state) for state in DECISION_ACTIONS))

# States in which the final report may be written and sent in.
REPORTING_STATES = TRANSITIONS[Action.SUBMIT_REPORT].sources

# The final report is in and not back with the applicant.
REPORT_SENT_IN_STATES = reachable_from(TRANSITIONS[Action.SUBMIT_REPORT].target) - REPORTING_STATES

# Granted, and the final report not yet in: the grant is followed up (progress reports, change
# requests, reminders).
FOLLOW_UP_STATES = PUBLIC_STATES - REPORT_SENT_IN_STATES

# Cases waiting for the secretariat (its work queue): a step out of them is the secretariat's
# alone. Not a step that reopens a decided case (an appeal comes from outside), nor one the
# applicant may take as well (the project's start).
WAITING_FOR_SECRETARIAT = frozenset(
    state
    for state in State
    if any(t.roles == SECRETARIAT and not t.reopens for t in transitions_from(state))
)


def done_label(action: str) -> str:
    """What the timeline says for a stored action; an unknown one as it is stored."""
    return Action(action).label if action in Action.values else action
