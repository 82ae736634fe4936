"""One application of the volume data, planned in memory with everything its state requires:
cost and financing plans that meet the submission rules, focus areas, sub-themes, goals,
partners, a timeline that walks the workflow to the state, and the recommendation, decision,
payments and final report the state needs. Nothing here touches the database."""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from random import Random

from django.utils import timezone

from ..models import (
    Appeal,
    Application,
    CostLine,
    Decision,
    FinalReport,
    FundingLine,
    GrantAcceptance,
    Payment,
    Recommendation,
    StatusChange,
)
from ..workflow import (
    APPEAL_STATES,
    DECIDED_STATES,
    DECISION_ACTIONS,
    RECORDED_ACTIONS,
    TRANSITIONS,
    Action,
    Role,
    State,
)
from . import words
from .periods import CallInfo
from .timeline import REPORT_RETURN_COMMENTS, RETURN_COMMENTS, on_working_day, timeline

# How often each state occurs, in per cent: most applications have been funded (72 %).
STATE_WEIGHTS = {
    State.DRAFT: 4,
    State.SUBMITTED: 3,
    State.RETURNED: 2,
    State.WITHDRAWN: 4,
    State.IN_REVIEW: 3,
    State.RECOMMENDED: 3,
    State.APPROVED: 5,
    State.ACCEPTED: 5,
    State.REJECTED: 9,
    State.IN_PROGRESS: 20,
    State.REPORT_SUBMITTED: 5,
    State.COMPLETED: 35,
    State.APPEALED: 1,
    State.APPEAL_FORWARDED: 1,
}


def pick_state(index: int, rng: Random) -> State:
    # The first applications take every state once, so that even a small volume has them all.
    states = list(State)
    if index < len(states):
        return states[index]
    return rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]


def eligible_calls(calls: list[CallInfo]) -> dict:
    """The calls an application in each state can belong to: drafts in open calls, cases
    awaiting the council in the call that closed last, projects under way in the current
    period, and the archive's calls holding completed, rejected and withdrawn ones."""
    open_calls = [info for info in calls if info.is_open]
    recent = [info for info in calls if info.recently_closed]
    decided = [info for info in calls if info.decided_on and not info.recently_closed]
    current = [info for info in decided if info.is_current] or decided
    newest = sorted(current, key=lambda info: info.call.closes_at)[-2:]
    waiting = recent or newest
    return {
        State.DRAFT: open_calls or waiting,
        State.RETURNED: open_calls or waiting,
        State.SUBMITTED: open_calls + waiting,
        State.WITHDRAWN: open_calls + waiting + decided,
        State.IN_REVIEW: waiting,
        State.RECOMMENDED: waiting,
        State.APPROVED: newest,
        State.ACCEPTED: newest,
        State.IN_PROGRESS: current,
        State.REPORT_SUBMITTED: current,
        State.REJECTED: decided,
        State.COMPLETED: decided,
        State.APPEALED: newest,
        State.APPEAL_FORWARDED: newest,
    }


@dataclass
class Plan:
    """An application and the rows that belong to it, not yet saved."""

    application: Application
    cost_lines: list = field(default_factory=list)
    funding_lines: list = field(default_factory=list)
    status_changes: list = field(default_factory=list)
    focus_areas: list = field(default_factory=list)
    sub_themes: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    recommendation: Recommendation | None = None
    decision: Decision | None = None
    grant_acceptance: GrantAcceptance | None = None
    payments: list = field(default_factory=list)
    final_report: FinalReport | None = None
    appeal: Appeal | None = None

    def rows(self):
        """Every row that points to the application."""
        yield from self.cost_lines
        yield from self.funding_lines
        yield from self.status_changes
        yield from self.payments
        yield from filter(
            None,
            (
                self.recommendation,
                self.decision,
                self.grant_acceptance,
                self.final_report,
                self.appeal,
            ),
        )


def _money(rng: Random, info: CallInfo, municipality_name: str):
    """A cost plan and a financing plan of the same sum, with an amount applied within the
    call's largest amount and share."""
    call = info.call
    items = rng.sample(words.COST_ITEMS, rng.randint(2, 4))
    costs = [(item, rng.randint(2, 60) * 10_000) for item in items]
    total = sum(amount for _item, amount in costs)
    ceiling = min(call.max_amount, total * call.max_share_percent // 100)
    applied = max(10_000, int(ceiling * rng.uniform(0.4, 1.0)) // 10_000 * 10_000)
    rest = total - applied
    funding = []
    if rng.random() < 0.3:
        funding.append(
            (FundingLine.Source.OTHER_PUBLIC, "Innlandet fylkeskommune", rest // 4 // 1000 * 1000)
        )
    if rng.random() < 0.2:
        funding.append((FundingLine.Source.PRIVATE, "Lokalt næringsliv", rest // 10 // 1000 * 1000))
    funding = [line for line in funding if line[2] > 0]
    own = rest - sum(line[2] for line in funding)
    funding.insert(0, (FundingLine.Source.OWN, f"{municipality_name} (egeninnsats)", own))
    funding.append((FundingLine.Source.COUNCIL, "", applied))
    return costs, [line for line in funding if line[2] > 0], total, applied


def plan_application(
    *, index: int, seed: int, calls_by_state, municipalities, applicants, secretariat, goals, now
) -> Plan:
    # A generator per application: topping up later yields what one run would have made.
    rng = Random(f"{seed}:{index}")  # noqa: S311 - invented data, not secrets
    state = pick_state(index, rng)
    info = rng.choice(calls_by_state[state])
    call = info.call
    municipality = rng.choice(municipalities)
    applicant = rng.choice(applicants[municipality.pk])
    handler = rng.choice(secretariat)
    title, subject, place = words.title(rng)
    costs, funding, total, applied = _money(rng, info, municipality.name)

    fields = {
        "summary": words.summary(rng, subject, place),
        "phase": rng.choice(list(Application.Phase)).value,
    }
    if state != State.DRAFT or rng.random() < 0.5:
        leader, contact = words.person(rng), words.person(rng)
        domain = f"{municipality.slug}.kommune.example.org"
        fields.update(
            words.application_texts(rng, subject, place, municipality.name),
            project_leader_name=leader,
            project_leader_email=words.email_address(leader, domain),
            project_leader_phone=words.phone(rng),
            contact_name=contact,
            contact_email=words.email_address(contact, domain),
            contact_phone=words.phone(rng),
        )
    if rng.random() < 0.3:
        fields["partner_organisations"] = "\n".join(
            rng.sample(words.PARTNER_ORGANISATIONS, rng.randint(1, 2))
        )

    actions, when, project_start, project_end = timeline(state, rng, info, now)
    decided_on = info.decided_on

    application = Application(
        funding_call_id=call.pk,
        lead_municipality_id=municipality.pk,
        status=state,
        title=title,
        created_by_id=applicant.pk,
        created_at=when[0],
        updated_at=when[-1],
        start_date=project_start,
        end_date=project_end,
        creation_token=_uuid(rng),
        **fields,
    )
    plan = Plan(application=application)
    status = State.DRAFT
    for action, moment in zip(actions, when, strict=True):
        if action == Action.CREATE:
            target, by_applicant = State.DRAFT, True
        else:
            transition = TRANSITIONS[action]
            target, by_applicant = transition.target, Role.APPLICANT in transition.roles
        comment = ""
        if action == Action.RETURN:
            comment = rng.choice(RETURN_COMMENTS)
        elif action == Action.RETURN_REPORT:
            comment = rng.choice(REPORT_RETURN_COMMENTS)
        elif action == Action.WITHDRAW and rng.random() < 0.5:
            comment = "Prosjektet er utsatt til neste år."
        if action == Action.SUBMIT:
            application.submitted_at = moment
        if action not in RECORDED_ACTIONS:
            # As application_transition sets it: the time of the last step that changed it.
            application.status_changed_at = moment
        plan.status_changes.append(
            StatusChange(
                action=action,
                from_status=status,
                to_status=target,
                actor_id=(applicant if by_applicant else handler).pk,
                comment=comment,
                created_at=moment,
            )
        )
        status = target
    moments = dict(zip(actions, when, strict=True))

    plan.cost_lines = [CostLine(item=item, amount=amount) for item, amount in costs]
    plan.funding_lines = [
        FundingLine(source=source, description=text, amount=amount)
        for source, text, amount in funding
    ]
    areas = rng.sample(
        info.focus_areas, 2 if len(info.focus_areas) > 1 and rng.random() < 0.3 else 1
    )
    plan.focus_areas = [area for area, _subs in areas]
    subs = [sub for _area, area_subs in areas for sub in area_subs]
    plan.sub_themes = rng.sample(subs, min(len(subs), rng.randint(1, 3)))
    plan.goals = rng.sample(goals, rng.randint(1, 3))
    if rng.random() < 0.4:
        others = [m for m in municipalities if m.pk != municipality.pk]
        plan.partners = rng.sample(others, rng.randint(1, len(others))) if others else []

    _case_records(plan, rng, state, moments, applied, total, handler, decided_on, index, now)
    return plan


def _appeal(rng, moments, handler) -> Appeal:
    """An appeal against the rejection, received within the deadline a few days before it was
    registered, and forwarded where the state says so."""
    registered = moments[Action.REGISTER_APPEAL]
    letter_sent = timezone.localdate(moments[Action.REJECT])
    forwarded = moments.get(Action.FORWARD_APPEAL)
    return Appeal(
        appealed_outcome=Decision.Outcome.REJECTED,
        received_on=max(timezone.localdate(registered) - timedelta(days=2), letter_sent),
        deadline=letter_sent + timedelta(weeks=3),
        within_deadline=True,
        grounds="Vi mener søknaden oppfyller utlysningens krav og ber om ny vurdering.",
        registered_by_id=handler.pk,
        registered_at=registered,
        forwarded_on=timezone.localdate(forwarded) if forwarded else None,
    )


def _uuid(rng: Random):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _case_records(plan, rng, state, moments, applied, total, handler, decided_on, index, now):
    application = plan.application
    today = timezone.localdate(now)
    if Action.RECOMMEND in moments:
        if (state == State.REJECTED or state in APPEAL_STATES) and rng.random() < 0.8:
            recommended = 0
        elif rng.random() < 0.7:
            recommended = applied
        else:
            recommended = max(10_000, int(applied * rng.uniform(0.5, 0.9)) // 10_000 * 10_000)
        plan.recommendation = Recommendation(
            assessment=(
                "Søknaden følger opp handlingsprogrammet og er godt forankret i kommunene."
                if recommended
                else "Søknaden ligger utenfor utlysningens prioriteringer."
            ),
            recommended_amount=recommended,
            written_by_id=handler.pk,
            written_at=moments[Action.RECOMMEND],
        )
    if state not in DECIDED_STATES | APPEAL_STATES:
        return
    approved = state in DECIDED_STATES and state != State.REJECTED
    outcome = Decision.Outcome.APPROVED if approved else Decision.Outcome.REJECTED
    granted = (plan.recommendation.recommended_amount or applied) if approved else 0
    plan.decision = Decision(
        outcome=outcome,
        granted_amount=granted,
        decided_on=decided_on,
        case_number=f"{decided_on.year % 100:02d}/{index + 1:05d}",
        conditions=(
            "Tilskuddet kan bare brukes til prosjektet slik det er beskrevet i søknaden."
            if approved and rng.random() < 0.5
            else ""
        ),
        decision_text=(
            "Regionrådet vedtar sekretariatets innstilling."
            if approved
            else "Regionrådet avslår søknaden. Prosjektet ligger utenfor utlysningens "
            "prioriteringer."
        ),
        report_due_on=application.end_date + timedelta(days=90) if approved else None,
        acceptance_due_on=decided_on + timedelta(days=21) if approved else None,
        recorded_by_id=handler.pk,
        recorded_at=moments[DECISION_ACTIONS[outcome]],
    )
    application.final_report_due_on = plan.decision.report_due_on
    if state in APPEAL_STATES:
        plan.appeal = _appeal(rng, moments, handler)
    if not approved:
        return
    if Action.ACCEPT_GRANT in moments:
        plan.grant_acceptance = GrantAcceptance(
            granted_amount=granted,
            conditions=plan.decision.conditions,
            accepted_by_id=application.created_by_id,
            accepted_at=moments[Action.ACCEPT_GRANT],
        )
    else:
        # Nothing is paid before the grant is accepted.
        return
    accepted_on = timezone.localdate(moments[Action.ACCEPT_GRANT])
    first_paid = min(accepted_on + timedelta(days=rng.randint(7, 30)), today)
    half = granted // 2
    if state == State.COMPLETED:
        final_paid = min(
            timezone.localdate(moments[Action.APPROVE_REPORT]) + timedelta(days=7), today
        )
        plan.payments = [
            (half, first_paid, "Første utbetaling"),
            (granted - half, final_paid, "Sluttutbetaling"),
        ]
    elif state != State.ACCEPTED or rng.random() < 0.3:
        plan.payments = [(half, first_paid, "Første utbetaling")]
    plan.payments = [
        Payment(
            amount=amount,
            paid_on=paid_on,
            reference=reference,
            recorded_by_id=handler.pk,
            recorded_at=min(on_working_day(paid_on, rng), now),
        )
        for amount, paid_on, reference in plan.payments
    ]
    if Action.SUBMIT_REPORT in moments:
        plan.final_report = FinalReport(
            results="\n\n".join(rng.sample(words.RESULTS, 2)),
            actual_cost=int(total * rng.uniform(0.85, 1.05)) // 1000 * 1000,
            cost_comment=rng.choice(["", "Noen innkjøp ble rimeligere enn planlagt."]),
            updated_at=moments[Action.SUBMIT_REPORT],
        )
    elif state == State.IN_PROGRESS and rng.random() < 0.1:
        # A report begun but not sent in.
        plan.final_report = FinalReport(
            results=rng.choice(words.RESULTS),
            actual_cost=None,
            updated_at=min(moments[Action.START_PROJECT] + timedelta(days=30), now),
        )
