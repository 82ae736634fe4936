"""An invitation taken up: by a new person who chooses a name and password on the link's page,
by a person who already signs in, or by a single sign-on that vouches for the address. Each
activates the membership the invitation made and logs it (services/invitations.py sends them)."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import Kind, audit_record
from ..models import Invitation, Membership
from ..roles import Role
from .invitations import accepts_with_password, invitation_from_token
from .memberships import person_roles_sync


def _accept(invitation: Invitation, *, request) -> None:
    person = invitation.person
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    Membership.objects.update_or_create(
        person=person,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "is_active": True, "ended_at": None},
    )
    if not person.is_active:
        person.is_active = True
        person.save(update_fields=["is_active"])
    person_roles_sync(person)
    audit_record(
        kind=Kind.INVITATION_ACCEPTED,
        person=person,
        actor=person,
        request=request,
        detail=f"{invitation.organisation}: {Role(invitation.role).label}",
    )


def invitation_accept(
    *, token: str, first_name: str, last_name: str, password: str, request=None
) -> Invitation:
    """A person who cannot sign in yet takes up the invitation: name and password (Django's
    password validators) set, the membership active. The caller signs them in."""
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    with transaction.atomic():
        invitation = invitation_from_token(token, for_update=True)
        person = invitation.person
        if not accepts_with_password(person):
            raise ValidationError(_("Logg inn for å ta imot invitasjonen."))
        errors = {}
        if not first_name:
            errors["first_name"] = _("Skriv fornavnet ditt.")
        if not last_name:
            errors["last_name"] = _("Skriv etternavnet ditt.")
        person.first_name, person.last_name = first_name[:150], last_name[:150]
        try:
            password_validation.validate_password(password, user=person)
        except ValidationError as error:
            errors["password"] = error.messages
        if errors:
            raise ValidationError(errors)
        person.set_password(password)
        person.save(update_fields=["first_name", "last_name", "password"])
        _accept(invitation, request=request)
    return invitation


def invitation_accept_signed_in(*, token: str, person, request=None) -> Invitation:
    """A person who already signs in takes up an invitation addressed to them."""
    with transaction.atomic():
        invitation = invitation_from_token(token, for_update=True)
        if invitation.person_id != getattr(person, "pk", None):
            message = _(
                "Invitasjonen er sendt til %(email)s. Logg inn som den personen for å ta imot den."
            )
            raise ValidationError(message % {"email": invitation.person.email})
        _accept(invitation, request=request)
    return invitation


def invitations_accept_for(*, person, request=None) -> list[Invitation]:
    """Every pending invitation of a person who has just proved their address another way (a
    single sign-on whose provider vouches for it), taken up."""
    with transaction.atomic():
        pending = list(
            Invitation.objects.pending()
            .select_for_update(of=("self",))
            .select_related("person", "organisation")
            .filter(person=person)
        )
        for invitation in pending:
            _accept(invitation, request=request)
    return pending
