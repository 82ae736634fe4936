"""Changes of a granted project, made when the secretariat approves the applicant's request
(grants' change requests): a new end date, a revised budget or a new project leader. The rules
of the application's own data stay here; grants keeps the requests and their handling.

An approved change is an entry of the timeline (Action.APPROVE_CHANGE), the status unchanged.
A change of the grant's terms is an individual decision with its own letter
(CaseDocument.Kind.CHANGE_LETTER), frozen with the entry: a revised budget, and a new end date,
which moves the final report's deadline by as many days as the end moves (the time the council
gave between the end and the report stays). A new project leader changes no term of the grant:
it gets no letter.

The grant itself never changes here: a revised budget must carry the granted amount as the
council's part of the financing plan, so that the call's share rule holds for the grant."""

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamarregion.formatting import format_date, format_nok

from ..models import Application, CaseDocument, Decision, FundingLine, StatusChange
from ..permissions import is_secretariat
from ..workflow import FOLLOW_UP_STATES, Action
from .documents import document_freeze
from .drafts import application_field_errors
from .plan_rules import plan_errors
from .timeline import timeline_record

PROJECT_LEADER_FIELDS = ("project_leader_name", "project_leader_email", "project_leader_phone")
# About ten years, the longest a project may run after a change of its end date.
MAX_PROJECT_DAYS = 3653


def application_change_refusal(*, application: Application) -> ValidationError | None:
    """Why the project cannot be changed now, or None: only a granted project whose final
    report is not yet in. The services refuse with it; a page asks it before its form."""
    if application.status in FOLLOW_UP_STATES:
        return None
    return ValidationError(
        _(
            "Søknaden har status «%(status)s». Bare innvilgede prosjekter som ikke har levert "
            "sluttrapporten, kan endres."
        )
        % {"status": application.get_status_display()},
        code="not_changeable",
    )


def application_change_errors(
    *,
    application: Application,
    end_date: date | None = None,
    cost_amounts: Mapping[int, int] | None = None,
    funding_amounts: Mapping[int, int] | None = None,
    project_leader: Mapping[str, str] | None = None,
) -> dict[str, list[ValidationError]]:
    """What is wrong with the change, as {field: [ValidationError, ...]}: "end_date", the
    plans as "cost_lines" and "funding_lines", the project leader's fields by name. A value
    left None is not part of the change. `cost_amounts` and `funding_amounts` map lines of the
    approved plans (by pk) to their new amounts; lines left out keep theirs."""
    errors = defaultdict(list)
    if end_date is not None:
        errors.update(_end_date_errors(application, end_date))
    if cost_amounts is not None or funding_amounts is not None:
        errors.update(_budget_errors(application, cost_amounts or {}, funding_amounts or {}))
    if project_leader is not None:
        errors.update(_project_leader_errors(application, project_leader))
    if (
        end_date is None
        and cost_amounts is None
        and funding_amounts is None
        and project_leader is None
    ):
        errors[NON_FIELD_ERRORS].append(
            ValidationError(_("Endringssøknaden endrer ingenting."), code="no_change")
        )
    return dict(errors)


def _end_date_errors(application, end_date) -> dict:
    if end_date == application.end_date:
        return {
            "end_date": [
                ValidationError(
                    _("Den nye sluttdatoen er den samme som dagens, %(date)s."),
                    code="unchanged",
                    params={"date": format_date(end_date)},
                )
            ]
        }
    if end_date - application.start_date > timedelta(days=MAX_PROJECT_DAYS):
        # Also keeps the moved report deadline within the calendar.
        return {
            "end_date": [
                ValidationError(
                    _("Et prosjekt kan vare høyst ti år fra startdatoen, %(date)s."),
                    code="too_long",
                    params={"date": format_date(application.start_date)},
                )
            ]
        }
    changed = Application(start_date=application.start_date, end_date=end_date)
    errors = application_field_errors(changed, edited={"end_date"})
    if errors:
        return errors
    decision = application.decision
    report_due_on = moved_report_deadline(application, end_date)
    if report_due_on is not None and report_due_on <= decision.decided_on:
        return {
            "end_date": [
                ValidationError(
                    _(
                        "Med denne sluttdatoen ville fristen for sluttrapporten bli %(due)s, "
                        "før vedtaksdatoen."
                    ),
                    code="report_before_decision",
                    params={"due": format_date(report_due_on)},
                )
            ]
        }
    return {}


def moved_report_deadline(application, end_date) -> date | None:
    """The final report's deadline moved as far as the end date moves."""
    due = application.decision.report_due_on
    if due is None or application.end_date is None:
        return due
    return due + (end_date - application.end_date)


def _budget_errors(application, cost_amounts, funding_amounts) -> dict:
    cost_lines = list(application.cost_lines.all())
    funding_lines = list(application.funding_lines.all())
    errors = defaultdict(list)
    for key, lines, amounts in (
        ("cost_lines", cost_lines, cost_amounts),
        ("funding_lines", funding_lines, funding_amounts),
    ):
        if set(amounts) - {line.pk for line in lines}:
            errors[key].append(
                ValidationError(
                    _("En rad i tabellen finnes ikke lenger. Last siden på nytt."),
                    code="line_not_found",
                )
            )
        if any(amount is None or amount < 0 for amount in amounts.values()):
            errors[key].append(
                ValidationError(_("Oppgi beløpene i hele kroner, 0 eller mer."), code="negative")
            )
    if errors:
        return errors
    unchanged = all(
        cost_amounts.get(line.pk, line.amount) == line.amount for line in cost_lines
    ) and all(funding_amounts.get(line.pk, line.amount) == line.amount for line in funding_lines)
    if unchanged:
        return {
            "cost_lines": [ValidationError(_("Budsjettet er det samme som før."), code="unchanged")]
        }
    errors.update(
        plan_errors(
            costs=[cost_amounts.get(line.pk, line.amount) for line in cost_lines],
            funding=[
                (line.source, funding_amounts.get(line.pk, line.amount)) for line in funding_lines
            ],
            funding_call=application.funding_call,
        )
    )
    granted = application.granted_amount()
    council = sum(
        funding_amounts.get(line.pk, line.amount)
        for line in funding_lines
        if line.source == FundingLine.Source.COUNCIL
    )
    if council != granted:
        errors["funding_lines"].append(
            ValidationError(
                _(
                    "Søknadsbeløpet fra regionrådet må være lik tilskuddet, %(granted)s, ikke "
                    "%(council)s. Tilskuddet endres ikke gjennom en endringssøknad."
                ),
                code="grant_changed",
                params={"granted": format_nok(granted), "council": format_nok(council)},
            )
        )
    return errors


def _project_leader_errors(application, project_leader) -> dict:
    unknown = set(project_leader) - set(PROJECT_LEADER_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of the project leader: {', '.join(sorted(unknown))}")
    values = {name: (project_leader.get(name) or "").strip() for name in PROJECT_LEADER_FIELDS}
    errors = {
        name: [ValidationError(_("Fyll ut dette feltet."), code="required")]
        for name, value in values.items()
        if not value
    }
    if errors:
        return errors
    if all(values[name] == getattr(application, name) for name in PROJECT_LEADER_FIELDS):
        return {
            NON_FIELD_ERRORS: [
                ValidationError(_("Prosjektlederen er den samme som før."), code="unchanged")
            ]
        }
    return application_field_errors(Application(**values), edited=set(values))


@transaction.atomic
def application_change_apply(
    *,
    application: Application,
    user,
    comment: str = "",
    requested_on: date | None = None,
    end_date: date | None = None,
    cost_amounts: Mapping[int, int] | None = None,
    funding_amounts: Mapping[int, int] | None = None,
    project_leader: Mapping[str, str] | None = None,
) -> StatusChange:
    """Make the approved change, checked again against the project as it is now, and record it
    in the timeline; a change of the grant's terms freezes its letter. `requested_on`, the
    date of the applicant's request, is named in the letter. Answers the timeline's entry."""
    if not is_secretariat(user):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application.pk)
    refusal = application_change_refusal(application=application)
    if refusal is not None:
        raise refusal
    wanted = {
        "end_date": end_date,
        "cost_amounts": cost_amounts,
        "funding_amounts": funding_amounts,
        "project_leader": project_leader,
    }
    errors = application_change_errors(application=application, **wanted)
    if errors:
        raise ValidationError(errors)

    letter = {}
    if end_date is not None:
        letter.update(_move_end_date(application, end_date))
    if cost_amounts is not None or funding_amounts is not None:
        letter.update(_revise_budget(application, cost_amounts or {}, funding_amounts or {}))
    if project_leader is not None:
        for name in PROJECT_LEADER_FIELDS:
            setattr(application, name, project_leader[name].strip())
        application.save(update_fields=[*PROJECT_LEADER_FIELDS, "updated_at"])
    change = timeline_record(
        application=application, action=Action.APPROVE_CHANGE, user=user, comment=comment
    )
    if letter:
        document_freeze(
            change=change,
            kind=CaseDocument.Kind.CHANGE_LETTER,
            details={**letter, "requested_on": requested_on, "comment": change.comment},
        )
    return change


def _move_end_date(application, end_date) -> dict:
    decision = Decision.objects.select_for_update().get(application=application)
    before = {"end_date": application.end_date, "report_due_on": decision.report_due_on}
    decision.report_due_on = moved_report_deadline(application, end_date)
    decision.save(update_fields=["report_due_on"])
    application.end_date = end_date
    application.final_report_due_on = decision.report_due_on
    application.save(update_fields=["end_date", "final_report_due_on", "updated_at"])
    return {
        "end_dates": (before["end_date"], end_date),
        "report_deadlines": (before["report_due_on"], decision.report_due_on),
    }


def _revise_budget(application, cost_amounts, funding_amounts) -> dict:
    """Each changed line saved; the letter's rows (line, before, after) and sums."""
    plans = {}
    for key, lines, amounts in (
        ("cost_plan", application.cost_lines.all(), cost_amounts),
        ("funding_plan", application.funding_lines.all(), funding_amounts),
    ):
        rows = []
        for line in lines:
            before = line.amount
            line.amount = amounts.get(line.pk, before)
            if line.amount != before:
                line.save(update_fields=["amount"])
            rows.append((line, before, line.amount))
        plans[key] = {
            "rows": rows,
            "before": sum(before for _line, before, _after in rows),
            "after": sum(after for _line, _before, after in rows),
        }
    return plans
