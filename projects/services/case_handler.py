"""Who in the secretariat handles a case (saksbehandler): assigned, reassigned or taken off,
each change recorded in the case's timeline with who made it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Application
from ..permissions import is_secretariat
from ..workflow import Action
from .timeline import timeline_record


def person_name(person) -> str:
    return person.get_full_name() or person.get_username()


@transaction.atomic
def case_handler_assign(*, application: Application, handler, by) -> Application:
    """Makes `handler` (an active person of the secretariat, or None to take the case off
    anyone) the case's handler. `by` is the secretariat's person who does it. A change is
    recorded in the timeline; assigning the handler the case already has changes nothing."""
    if not is_secretariat(by):
        raise ValidationError(
            _("Bare sekretariatet kan tildele saksbehandler."), code="not_secretariat"
        )
    if handler is not None and not is_secretariat(handler):
        raise ValidationError(
            {"handler": _("Saksbehandleren må være en aktiv person i sekretariatet.")},
            code="handler_not_secretariat",
        )
    # The application's row alone: PostgreSQL locks no row on the nullable side of a join.
    locked = Application.objects.select_for_update(of=("self",)).select_related("case_handler")
    current = locked.get(pk=application.pk)
    previous = current.case_handler
    if previous == handler:
        application.case_handler = handler
        return application
    current.case_handler = handler
    current.save(update_fields=["case_handler", "updated_at"])
    application.case_handler = handler
    if handler is None:
        action = Action.UNASSIGN_CASE_HANDLER
        comment = _("Var: %(previous)s.") % {"previous": person_name(previous)}
    else:
        action = Action.ASSIGN_CASE_HANDLER
        comment = person_name(handler)
        if previous is not None:
            comment = _("%(handler)s (var: %(previous)s).") % {
                "handler": comment,
                "previous": person_name(previous),
            }
    timeline_record(application=application, action=action, user=by, comment=comment)
    return application
