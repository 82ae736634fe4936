"""Entries of an application's timeline that are not steps of the workflow: the draft being
made, and the changes of a granted project. The status stays as it is; application_transition
records the steps that change it."""

from django.db import transaction

from ..models import Application, StatusChange
from ..workflow import RECORDED_ACTIONS


@transaction.atomic
def timeline_record(
    *, application: Application, action: str, user, comment: str = ""
) -> StatusChange:
    """An entry `action` (one of workflow.RECORDED_ACTIONS) in the timeline, from the
    application's status to the same status. The caller checks who may do it."""
    if action not in RECORDED_ACTIONS:
        raise ValueError(f"{action!r} changes the status: use application_transition.")
    status = Application.objects.values_list("status", flat=True).get(pk=application.pk)
    return StatusChange.objects.create(
        application=application,
        action=action,
        from_status=status,
        to_status=status,
        actor=user,
        comment=(comment or "").strip(),
    )
