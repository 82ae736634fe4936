"""The applicant's change requests and the secretariat's decisions on them. The change itself,
and its rules, are projects' (projects.services.changes): a request is checked by them when it
is sent, and again when it is approved, against the project as it is then."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Application
from projects.permissions import is_member_of, is_secretariat
from projects.services.changes import (
    PROJECT_LEADER_FIELDS,
    application_change_apply,
    application_change_errors,
    application_change_refusal,
)
from projects.services.timeline import timeline_record
from projects.workflow import Action

from ..models import BudgetChangeLine, ChangeRequest
from ..notifications import notify_change_decision, notify_change_request

Kind = ChangeRequest.Kind


def change_request_refusal(*, application: Application, kind: str) -> ValidationError | None:
    """Why the applicant cannot ask for this change now, or None: the project must be one that
    can change, with no request of the same kind waiting for a decision."""
    refusal = application_change_refusal(application=application)
    if refusal is not None:
        return refusal
    if application.change_requests.pending().filter(kind=kind).exists():
        return ValidationError(
            _(
                "Dere har allerede en endringssøknad om «%(kind)s» til behandling. Vent på "
                "sekretariatets svar før dere sender en ny."
            )
            % {"kind": Kind(kind).label.lower()},
            code="pending",
        )
    return None


def _change_of(kind, *, end_date, cost_amounts, funding_amounts, project_leader) -> tuple:
    """The part of the values that the kind of change asks for, as projects' change takes it,
    and what is missing."""
    if kind == Kind.END_DATE:
        if end_date is None:
            return {}, {"end_date": _("Oppgi den nye sluttdatoen.")}
        return {"end_date": end_date}, {}
    if kind == Kind.BUDGET:
        return {"cost_amounts": cost_amounts or {}, "funding_amounts": funding_amounts or {}}, {}
    if kind == Kind.PROJECT_LEADER:
        return {"project_leader": dict(project_leader or {})}, {}
    raise ValueError(f"Not a kind of change request: {kind!r}")


@transaction.atomic
def change_request_submit(
    *,
    application: Application,
    user,
    kind: str,
    justification: str,
    end_date: date | None = None,
    cost_amounts: Mapping[int, int] | None = None,
    funding_amounts: Mapping[int, int] | None = None,
    project_leader: Mapping[str, str] | None = None,
) -> ChangeRequest:
    """The applicant asks for a change of kind `kind` with its justification: for END_DATE
    the `end_date`; for BUDGET the new amounts of the approved plans' lines by pk
    (`cost_amounts`, `funding_amounts`; lines left out keep theirs); for PROJECT_LEADER
    the new leader's project_leader_name, _email and _phone. The request enters the timeline
    and the secretariat is told."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not is_member_of(user, application.lead_municipality):
        raise PermissionDenied
    refusal = change_request_refusal(application=application, kind=kind)
    if refusal is not None:
        raise refusal
    change, missing = _change_of(
        kind,
        end_date=end_date,
        cost_amounts=cost_amounts,
        funding_amounts=funding_amounts,
        project_leader=project_leader,
    )
    errors = {field: [ValidationError(message)] for field, message in missing.items()}
    justification = (justification or "").strip()
    if not justification:
        errors["justification"] = [ValidationError(_("Begrunn hvorfor prosjektet må endres."))]
    if change:
        for field, found in application_change_errors(application=application, **change).items():
            errors.setdefault(field, []).extend(found)
    if errors:
        raise ValidationError(errors)

    change_request = ChangeRequest(
        application=application,
        kind=kind,
        justification=justification,
        submitted_by=user,
    )
    if kind == Kind.END_DATE:
        change_request.previous_end_date = application.end_date
        change_request.new_end_date = end_date
    elif kind == Kind.PROJECT_LEADER:
        for name in PROJECT_LEADER_FIELDS:
            setattr(change_request, name, change["project_leader"][name].strip())
    change_request.full_clean(exclude=["application", "submitted_by"])
    change_request.save()
    if kind == Kind.BUDGET:
        _store_budget(change_request, application, change)
    change_request.request_entry = timeline_record(
        application=application,
        action=Action.REQUEST_CHANGE,
        user=user,
        comment=f"{change_request.summary()}\n\n{justification}",
    )
    change_request.save(update_fields=["request_entry"])
    transaction.on_commit(lambda: notify_change_request(change_request))
    return change_request


def _store_budget(change_request, application, change) -> None:
    BudgetChangeLine.objects.bulk_create(
        BudgetChangeLine(
            change_request=change_request,
            **{field: line},
            previous_amount=line.amount,
            new_amount=amounts.get(line.pk, line.amount),
        )
        for field, lines, amounts in (
            ("cost_line", application.cost_lines.all(), change["cost_amounts"]),
            ("funding_line", application.funding_lines.all(), change["funding_amounts"]),
        )
        for line in lines
    )


def change_request_change(change_request: ChangeRequest) -> dict:
    """The change the request asks for, as projects' change takes it."""
    if change_request.kind == Kind.END_DATE:
        return {"end_date": change_request.new_end_date}
    if change_request.kind == Kind.BUDGET:
        lines = list(change_request.budget_lines.all())
        return {
            "cost_amounts": {
                line.cost_line_id: line.new_amount for line in lines if line.cost_line_id
            },
            "funding_amounts": {
                line.funding_line_id: line.new_amount for line in lines if line.funding_line_id
            },
        }
    return {
        "project_leader": {name: getattr(change_request, name) for name in PROJECT_LEADER_FIELDS}
    }


@transaction.atomic
def change_request_decide(
    *, change_request: ChangeRequest, user, approve: bool, reason: str = "", now=None
) -> ChangeRequest:
    """The secretariat approves the request, and the change is made (projects'
    application_change_apply, which checks it again), or rejects it with a reason the
    applicant gets. Either enters the timeline; the applicant is told."""
    if not is_secretariat(user):
        raise PermissionDenied
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if not change_request.is_pending:
        raise ValidationError(
            _("Endringssøknaden er allerede %(status)s.")
            % {"status": change_request.get_status_display().lower()},
            code="decided",
        )
    reason = (reason or "").strip()
    if approve:
        entry = application_change_apply(
            application=change_request.application,
            user=user,
            comment=reason,
            requested_on=timezone.localdate(change_request.submitted_at),
            **change_request_change(change_request),
        )
    else:
        if not reason:
            raise ValidationError(
                {"reason": _("Skriv hvorfor endringen avslås. Søkeren får se begrunnelsen.")},
                code="required",
            )
        entry = timeline_record(
            application=change_request.application,
            action=Action.REJECT_CHANGE,
            user=user,
            comment=reason,
        )
    change_request.status = (
        ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.REJECTED
    )
    change_request.decided_by = user
    change_request.decided_at = now or timezone.now()
    change_request.decision_reason = reason
    change_request.decision_entry = entry
    change_request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason", "decision_entry"]
    )
    transaction.on_commit(lambda: notify_change_decision(change_request))
    return change_request
