"""Inviting a person to an organisation by e-mail (invitation_acceptance.py takes it up).

The person exists from the invitation on: a new one without a usable password and inactive, or
an existing one (member elsewhere) as they are; either way with an inactive membership of the
organisation, which only accepting the invitation activates. The mail holds a signed link that
names the invitation and a secret kept here only as a hash: a new invitation to the same person
voids the earlier link, accepting or revoking voids it, and after INVITATION_VALID_DAYS the
signature and the row both refuse it."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.accounts import SECRET_BODY_HEADER
from hamarregion.site_address import absolute_url

from ..audit import Kind, audit_record
from ..models import Invitation, Membership, Organisation
from ..roles import STAFF_ROLES, Role
from .memberships import role_refusal

SALT = "accounts.invitation"


class InvitationLinkError(Exception):
    """The link cannot be used; `reason` is one of the REASONS, each with its own page text."""

    INVALID, EXPIRED, USED, REVOKED = "invalid", "expired", "used", "revoked"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _token(invitation: Invitation, secret: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"i": invitation.pk, "s": secret})


def _valid_for() -> timedelta:
    return timedelta(days=settings.INVITATION_VALID_DAYS)


def invitation_from_token(token: str, *, for_update: bool = False) -> Invitation:
    """The pending invitation a link names, or InvitationLinkError saying why not."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=_valid_for().total_seconds()
        )
    except signing.SignatureExpired:
        raise InvitationLinkError(InvitationLinkError.EXPIRED) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvitationLinkError(InvitationLinkError.INVALID) from None
    if not isinstance(value, dict) or not isinstance(value.get("i"), int):
        raise InvitationLinkError(InvitationLinkError.INVALID)
    invitations = Invitation.objects.select_related("person", "organisation")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(pk=value["i"]).first()
    if invitation is None or not secrets.compare_digest(
        invitation.secret_hash, _secret_hash(str(value.get("s", "")))
    ):
        raise InvitationLinkError(InvitationLinkError.INVALID)
    if invitation.accepted_at is not None:
        raise InvitationLinkError(InvitationLinkError.USED)
    if invitation.revoked_at is not None:
        raise InvitationLinkError(InvitationLinkError.REVOKED)
    if invitation.is_expired:
        raise InvitationLinkError(InvitationLinkError.EXPIRED)
    return invitation


def accepts_with_password(person) -> bool:
    """A person who cannot sign in yet (new, or no longer active) chooses a name and password
    on the invitation's page; one who can signs in and accepts, so the link alone never opens
    an account that has a password."""
    return not (person.is_active and person.has_usable_password())


def _email_refusal(*, email: str, organisation: Organisation, within_domains: bool):
    try:
        validate_email(email)
    except ValidationError:
        return _("Skriv en gyldig e-postadresse.")
    domain = email.rsplit("@", 1)[1].lower()
    if within_domains and organisation.domains and domain not in organisation.domains:
        return _("Du kan bare invitere adresser på %(domains)s.") % {
            "domains": ", ".join(organisation.domains)
        }
    return None


def _username_for(email: str) -> str:
    User = get_user_model()
    base = email.lower()[:150]
    candidate, number = base, 2
    while User._default_manager.filter(username=candidate).exists():
        candidate = f"{base[:140]}-{number}"
        number += 1
    return candidate


def _invited_person(*, email: str, organisation: Organisation, role: str):
    """The person and their pending membership: an address in use names its person, who is
    reused unless already in the organisation or staff; a new address makes a new person."""
    User = get_user_model()
    person = User._default_manager.filter(email__iexact=email).order_by("pk").first()
    if person is None:
        person = User(username=_username_for(email), email=email.lower(), is_active=False)
        person.set_unusable_password()
        person.save()
    elif person.is_staff or person.is_superuser:
        raise ValidationError({"email": _("Adressen brukes allerede av en annen person.")})
    membership = Membership.objects.filter(person=person, organisation=organisation).first()
    if membership is None:
        return person, Membership.objects.create(
            person=person, organisation=organisation, role=role, is_active=False
        )
    names = {"email": person.email, "organisation": organisation.name}
    if membership.is_active and person.is_active:
        raise ValidationError(
            {"email": _("%(email)s er allerede bruker i %(organisation)s.") % names}
        )
    if membership.ended_at is not None:
        message = _("%(email)s er deaktivert i %(organisation)s. Aktiver personen igjen i stedet.")
        raise ValidationError({"email": message % names})
    # Invited before and not yet accepted: this invitation replaces the earlier one.
    membership.role = role
    membership.save(update_fields=["role"])
    return person, membership


def _issue(*, person, organisation, role, actor, request) -> Invitation:
    """A new invitation with its link, mailed; earlier pending links to the same place void."""
    now = timezone.now()
    Invitation.objects.filter(
        person=person, organisation=organisation, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    secret = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        person=person,
        organisation=organisation,
        role=role,
        invited_by=actor if getattr(actor, "pk", None) else None,
        expires_at=now + _valid_for(),
        secret_hash=_secret_hash(secret),
    )
    _send(invitation, _token(invitation, secret), actor=actor)
    audit_record(
        kind=Kind.INVITED,
        person=person,
        actor=actor,
        request=request,
        detail=f"{organisation}: {Role(role).label}",
    )
    return invitation


def _send(invitation: Invitation, token: str, *, actor) -> None:
    """Queued like every mail, with the header that keeps its text out of admin: the link
    opens the account."""
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "role": Role(invitation.role).label,
        "inviter": (actor.get_full_name() or actor.email) if actor is not None else "",
        "url": absolute_url(reverse("accounts:invitation-accept", kwargs={"token": token})),
        "with_password": accepts_with_password(invitation.person),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject = "".join(
        render_to_string("accounts/email/invitation_subject.txt", context).split("\n")
    )
    body = render_to_string("accounts/email/invitation_body.txt", context)
    EmailMultiAlternatives(
        subject.strip(),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.person.email],
        headers={SECRET_BODY_HEADER: "1"},
    ).send()


def invitation_send(
    *,
    organisation_id: int,
    email: str,
    role: str,
    actor,
    request=None,
    within_domains: bool = True,
) -> Invitation:
    """Invites `email` to the organisation with `role`. An organisation's administrator invites
    within the organisation's e-mail domains (`within_domains`); the secretariat anywhere. Only
    a superuser gives a staff role."""
    email = (email or "").strip()
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
        if role not in Role.values:
            raise ValidationError({"role": _("Velg en rolle fra listen.")})
        if refusal := role_refusal(organisation=organisation, role=role):
            raise ValidationError({"role": refusal})
        if role in STAFF_ROLES and not getattr(actor, "is_superuser", False):
            raise ValidationError({"role": _("Bare en superbruker kan gi denne rollen.")})
        if refusal := _email_refusal(
            email=email, organisation=organisation, within_domains=within_domains
        ):
            raise ValidationError({"email": refusal})
        person, _membership = _invited_person(email=email, organisation=organisation, role=role)
        return _issue(
            person=person, organisation=organisation, role=role, actor=actor, request=request
        )


def invitation_resend(*, invitation_id: int, actor, request=None) -> Invitation:
    """A new link to the same person, organisation and role, for one that expired or was lost."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("person", "organisation")
            .get(pk=invitation_id)
        )
        if invitation.accepted_at is not None:
            raise ValidationError(_("Invitasjonen er allerede tatt imot."))
        if invitation.revoked_at is not None and not _still_pending_membership(invitation):
            raise ValidationError(_("Invitasjonen er trukket tilbake. Inviter personen på nytt."))
        return _issue(
            person=invitation.person,
            organisation=invitation.organisation,
            role=invitation.role,
            actor=actor,
            request=request,
        )


def _still_pending_membership(invitation) -> bool:
    return Membership.objects.filter(
        person=invitation.person,
        organisation=invitation.organisation,
        is_active=False,
        ended_at=None,
    ).exists()


def invitation_revoke(*, invitation_id: int, actor, request=None) -> Invitation:
    """The link stops working, and the membership that waited for it goes (it was never active,
    so it holds no history; the audit log keeps the invitation and its revocation)."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("person", "organisation")
            .get(pk=invitation_id)
        )
        if invitation.accepted_at is not None:
            raise ValidationError(
                _("Invitasjonen er allerede tatt imot. Deaktiver personen i stedet.")
            )
        if invitation.revoked_at is not None and not _still_pending_membership(invitation):
            return invitation
        now = timezone.now()
        Invitation.objects.filter(
            person=invitation.person,
            organisation=invitation.organisation,
            accepted_at=None,
            revoked_at=None,
        ).update(revoked_at=now)
        Membership.objects.filter(
            person=invitation.person,
            organisation=invitation.organisation,
            is_active=False,
            ended_at=None,
        ).delete()
        audit_record(
            kind=Kind.INVITATION_REVOKED,
            person=invitation.person,
            actor=actor,
            request=request,
            detail=str(invitation.organisation),
        )
        invitation.refresh_from_db()
    return invitation
