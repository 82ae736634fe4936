"""A person's roles, changed and ended. The membership is the truth; Django's staff flag and
permission groups follow from it (person_roles_sync), so admin and the permission checks agree."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import Kind, audit_record
from ..models import Membership, Organisation
from ..roles import APPLYING_ROLES, STAFF_ROLE_GROUPS, STAFF_ROLES, Role

# Which roles an organisation of each kind can give.
ROLES_BY_KIND = {
    Organisation.Kind.MUNICIPALITY: APPLYING_ROLES,
    Organisation.Kind.PARTNER: APPLYING_ROLES,
    Organisation.Kind.SECRETARIAT: frozenset({Role.SECRETARIAT}),
    Organisation.Kind.COUNCIL: frozenset({Role.COUNCIL_MEMBER}),
}


def role_refusal(*, organisation, role) -> str | None:
    if role not in ROLES_BY_KIND[organisation.kind]:
        return _("%(organisation)s kan ikke gi rollen «%(role)s».") % {
            "organisation": organisation.name,
            "role": Role(role).label,
        }
    return None


def person_roles_sync(person) -> None:
    """Staff flag and role groups from the person's active memberships. Other groups a
    superuser gave stay."""
    roles = set(Membership.objects.active().filter(person=person).values_list("role", flat=True))
    wanted = {STAFF_ROLE_GROUPS[role] for role in roles & STAFF_ROLES}
    role_groups = Group.objects.filter(name__in=STAFF_ROLE_GROUPS.values())
    person.groups.remove(*role_groups.exclude(name__in=wanted))
    person.groups.add(*role_groups.filter(name__in=wanted))
    is_staff = person.is_superuser or bool(roles & STAFF_ROLES)
    if person.is_staff != is_staff:
        person.is_staff = is_staff
        person.save(update_fields=["is_staff"])


def _last_admin_refusal(membership) -> str | None:
    if membership.role != Role.ORGANISATION_ADMIN or not membership.is_active:
        return None
    others = (
        Membership.objects.active()
        .filter(organisation=membership.organisation, role=Role.ORGANISATION_ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        return _("%(organisation)s må ha minst én administrator. Gi en annen rollen først.") % {
            "organisation": membership.organisation.name
        }
    return None


def membership_role_change(*, membership_id: int, role: str, actor, request=None) -> Membership:
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().select_related("organisation", "person")
        ).get(pk=membership_id)
        if role not in Role.values:
            raise ValidationError({"role": _("Velg en rolle fra listen.")})
        if refusal := role_refusal(organisation=membership.organisation, role=role):
            raise ValidationError({"role": refusal})
        if role == membership.role:
            return membership
        if role != Role.ORGANISATION_ADMIN and (refusal := _last_admin_refusal(membership)):
            raise ValidationError({"role": refusal})
        previous = membership.get_role_display()
        membership.role = role
        membership.save(update_fields=["role"])
        person_roles_sync(membership.person)
        audit_record(
            kind=Kind.ROLE_CHANGED,
            person=membership.person,
            actor=actor,
            request=request,
            detail=f"{membership.organisation}: {previous} → {membership.get_role_display()}",
        )
    return membership


def membership_deactivate(*, membership_id: int, actor, request=None) -> Membership:
    """Access through this organisation ends at once (every check reads the membership); a
    person left with no active membership can no longer sign in. What they did stays."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().select_related("organisation", "person")
        ).get(pk=membership_id)
        if not membership.is_active:
            return membership
        if membership.person_id == getattr(actor, "pk", None):
            raise ValidationError(_("Du kan ikke deaktivere deg selv."))
        if refusal := _last_admin_refusal(membership):
            raise ValidationError(refusal)
        membership.is_active = False
        membership.ended_at = timezone.now()
        membership.save(update_fields=["is_active", "ended_at"])
        person = membership.person
        if not person.is_superuser and not person.memberships.filter(is_active=True).exists():
            person.is_active = False
            person.save(update_fields=["is_active"])
        person_roles_sync(person)
        audit_record(
            kind=Kind.DEACTIVATED,
            person=person,
            actor=actor,
            request=request,
            detail=str(membership.organisation),
        )
    return membership


def membership_reactivate(*, membership_id: int, actor, request=None) -> Membership:
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().select_related("organisation", "person")
        ).get(pk=membership_id)
        if membership.is_active and membership.person.is_active:
            return membership
        if not membership.is_active and membership.ended_at is None:
            # Waiting for its invitation (services/invitations.py): only accepting it activates.
            raise ValidationError(_("Personen har ikke tatt imot invitasjonen ennå."))
        membership.is_active = True
        membership.ended_at = None
        membership.save(update_fields=["is_active", "ended_at"])
        person = membership.person
        if not person.is_active:
            person.is_active = True
            person.save(update_fields=["is_active"])
        person_roles_sync(person)
        audit_record(
            kind=Kind.REACTIVATED,
            person=person,
            actor=actor,
            request=request,
            detail=str(membership.organisation),
        )
    return membership
