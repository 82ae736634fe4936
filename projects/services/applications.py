"""Writes that carry the rules of applying for development funds."""

import uuid
from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_datetime

from ..models import Application, Attachment, FundingCall, Municipality, StatusChange
from ..notifications import notify_transition
from ..permissions import can_edit_application, can_write_report, is_member_of, roles_for
from ..workflow import DECISION_ACTIONS, TRANSITIONS, Action, State
from .attachment_files import attachment_store
from .documents import document_freeze
from .messages import message_from_step
from .plan_rules import plan_errors
from .timeline import timeline_record

REQUIRED_FOR_SUBMISSION = [
    "title",
    "summary",
    "project_leader_name",
    "project_leader_email",
    "project_leader_phone",
    "contact_name",
    "contact_email",
    "contact_phone",
    "phase",
    "background",
    "main_goal",
    "sub_goals",
    "expected_results",
    "target_group",
    "anchoring",
    "organisation",
    "start_date",
    "end_date",
]


class TransitionNotAllowed(Exception):
    """The action is not one the application's current state allows."""


def funding_call_open_error(funding_call: FundingCall, now) -> ValidationError | None:
    if not funding_call.is_published or now < funding_call.opens_at:
        return ValidationError(
            _("Utlysningen «%(call)s» er ikke åpnet for søknader."),
            code="call_not_open",
            params={"call": funding_call.title},
        )
    if funding_call.has_closed(now):
        return ValidationError(
            _("Søknadsfristen for «%(call)s» gikk ut %(deadline)s."),
            code="call_closed",
            params={
                "call": funding_call.title,
                "deadline": format_datetime(funding_call.closes_at),
            },
        )
    return None


def application_submission_errors(*, application: Application, now) -> dict:
    """Every rule a submitted application must meet, as {field: [ValidationError, ...]}.

    A draft may be saved incomplete; these rules apply when it is sent in.
    """
    errors = defaultdict(list)
    for name in REQUIRED_FOR_SUBMISSION:
        if getattr(application, name) in (None, ""):
            errors[name].append(
                ValidationError(_("Fyll ut dette feltet før du sender inn."), code="required")
            )

    # End after start is a database constraint (Application.Meta), so stored data keeps it.

    funding_call = application.funding_call
    focus_areas = list(application.focus_areas.all())
    if not focus_areas:
        errors["focus_areas"].append(
            ValidationError(_("Velg minst ett satsingsområde."), code="required")
        )
    allowed_focus_areas = set(funding_call.focus_areas.values_list("pk", flat=True))
    outside = [area.name for area in focus_areas if area.pk not in allowed_focus_areas]
    if outside:
        errors["focus_areas"].append(
            ValidationError(
                _("Utlysningen er ikke åpen for: %(areas)s."),
                code="focus_area_outside_call",
                params={"areas": ", ".join(outside)},
            )
        )
    sub_themes = list(application.sub_themes.select_related("theme"))
    if not sub_themes:
        errors["sub_themes"].append(
            ValidationError(_("Velg minst ett delområde."), code="required")
        )
    chosen = {area.pk for area in focus_areas}
    stray = [sub.name for sub in sub_themes if sub.theme.focus_area_id not in chosen]
    if stray:
        errors["sub_themes"].append(
            ValidationError(
                _("Delområdene må høre til satsingsområdene du har valgt: %(names)s."),
                code="sub_theme_outside_focus_areas",
                params={"names": ", ".join(stray)},
            )
        )

    for field, found in plan_errors(
        costs=[line.amount for line in application.cost_lines.all()],
        funding=[(line.source, line.amount) for line in application.funding_lines.all()],
        funding_call=funding_call,
    ).items():
        errors[field].extend(found)

    call_error = funding_call_open_error(funding_call, now)
    if call_error:
        errors[NON_FIELD_ERRORS].append(call_error)
    return dict(errors)


@transaction.atomic
def application_create(
    *,
    funding_call: FundingCall,
    municipality: Municipality,
    user,
    title: str,
    creation_token: uuid.UUID,
    now=None,
) -> tuple[Application, bool]:
    """Start a draft. The form's token makes a second post of the same form return the first
    draft instead of making another: (application, created)."""
    now = now or timezone.now()
    existing = Application.objects.filter(creation_token=creation_token).first()
    if existing is not None:
        if existing.lead_municipality_id != municipality.pk or existing.created_by_id != user.pk:
            raise PermissionDenied
        return existing, False
    if not is_member_of(user, municipality):
        raise PermissionDenied
    call_error = funding_call_open_error(funding_call, now)
    if call_error:
        raise ValidationError({NON_FIELD_ERRORS: [call_error]})
    application = Application(
        funding_call=funding_call,
        lead_municipality=municipality,
        title=title,
        created_by=user,
        creation_token=creation_token,
    )
    application.full_clean()
    application.save()
    timeline_record(application=application, action=Action.CREATE, user=user)
    return application, True


def transition_refusal(*, application: Application, action: str) -> TransitionNotAllowed | None:
    """Why the application's status does not allow the action now, or None. The services
    refuse with it; a page that offers the action asks it before showing its form."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return TransitionNotAllowed(_("Ukjent handling."))
    if application.status not in transition.sources:
        return TransitionNotAllowed(
            _("Søknaden har status «%(status)s», og «%(action)s» kan ikke gjøres nå.")
            % {"status": application.get_status_display(), "action": transition.label}
        )
    return None


@transaction.atomic
def application_transition(
    *, application: Application, action: str, user, comment: str = "", now=None
) -> Application:
    """The one way an application changes state: checks the workflow table, the user's role
    and, for submission, every rule; records the change in the timeline; tells the people
    concerned by e-mail once the change is committed."""
    now = now or timezone.now()
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionNotAllowed(_("Ukjent handling."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not roles_for(user, application) & transition.roles:
        raise PermissionDenied
    refusal = transition_refusal(application=application, action=action)
    if refusal is not None:
        raise refusal
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise ValidationError(
            {"comment": _("Skriv en begrunnelse som søkeren får se.")}, code="required"
        )
    if transition.validates_submission:
        errors = application_submission_errors(application=application, now=now)
        if errors:
            raise ValidationError(errors)
    if transition.requires:
        _check_required_record(application, transition)

    from_status = application.status
    # The step first: the application's status_changed_at is the step's own time.
    change = StatusChange.objects.create(
        application=application,
        action=transition.action,
        from_status=from_status,
        to_status=transition.target,
        actor=user,
        comment=comment,
    )
    application.status = transition.target
    update_fields = ["status", "updated_at"]
    if transition.target != from_status:
        application.status_changed_at = change.created_at
        update_fields.append("status_changed_at")
    if transition.target == State.SUBMITTED:
        application.submitted_at = now
        update_fields.append("submitted_at")
    application.save(update_fields=update_fields)
    if transition.freezes:
        document_freeze(change=change, kind=transition.freezes)
    if transition.comment_is_message and comment:
        message_from_step(change=change)
    transaction.on_commit(lambda: notify_transition(change))
    return application


def _check_required_record(application: Application, transition) -> None:
    """The recommendation, decision, acceptance, final report or appeal a transition needs must
    be stored first, by the service that writes it in the same transaction."""
    record = {
        "recommendation": application.recommendation_or_none,
        "decision": application.decision_or_none,
        "acceptance": application.grant_acceptance_or_none,
        "final_report": application.final_report_or_none,
        "appeal": application.appeals.last,
    }[transition.requires]()
    if record is None:
        raise TransitionNotAllowed(
            _("«%(action)s» krever at %(record)s er registrert først.")
            % {"action": transition.label, "record": record_label(transition.requires)}
        )
    if (
        transition.requires == "decision"
        and DECISION_ACTIONS.get(record.outcome) != transition.action
    ):
        raise TransitionNotAllowed(_("Vedtaket passer ikke med handlingen."))
    if transition.requires == "appeal" and record.workflow_action() != transition.action:
        raise TransitionNotAllowed(_("Klagen passer ikke med handlingen."))


def record_label(requires: str) -> str:
    return {
        "recommendation": _("innstillingen"),
        "decision": _("vedtaket"),
        "acceptance": _("aksepten av tilsagnet"),
        "final_report": _("sluttrapporten"),
        "appeal": _("klagen"),
    }[requires]


@transaction.atomic
def attachment_add(
    *, application: Application, user, uploaded_file, kind: str = Attachment.Kind.APPLICATION
) -> Attachment:
    """Attach a document to the application (while it can be edited) or to its final report
    (while the report can be written)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    may_attach = can_write_report if kind == Attachment.Kind.FINAL_REPORT else can_edit_application
    if not may_attach(user, application):
        raise PermissionDenied
    return attachment_store(
        application=application, user=user, uploaded_file=uploaded_file, kind=kind
    )


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user) -> None:
    application = Application.objects.select_for_update().get(pk=attachment.application_id)
    # An appeal's file is part of the case's record: no one deletes it.
    may_delete = {
        Attachment.Kind.APPLICATION: can_edit_application,
        Attachment.Kind.FINAL_REPORT: can_write_report,
    }.get(attachment.kind)
    if may_delete is None or not may_delete(user, application):
        raise PermissionDenied
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
