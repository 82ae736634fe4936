"""Reads about people and organisations that views, admin and other apps share."""

from .models import AuditEvent, Invitation, Membership, Organisation
from .roles import Role


def organisations_administered_by(person):
    return Organisation.objects.filter(
        memberships__in=Membership.objects.active().filter(
            person=person, role=Role.ORGANISATION_ADMIN
        )
    )


def active_memberships_of(person):
    if not (person and person.is_authenticated):
        return Membership.objects.none()
    return Membership.objects.active().filter(person=person).select_related("organisation")


def organisation_people(organisation) -> list:
    """The organisation's memberships, active, waiting for an invitation or ended, by name;
    each waiting one with `invitation`, its latest invitation."""
    memberships = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("person__first_name", "person__last_name", "person__email", "pk")
    )
    latest = {}
    for invitation in Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True
    ).order_by("created_at", "pk"):
        latest[invitation.person_id] = invitation
    for membership in memberships:
        membership.invitation = latest.get(membership.person_id) if membership.is_pending else None
    return memberships


def recent_audit_events_of(person, *, limit: int = 20):
    """What the audit log holds about the person, newest first."""
    return AuditEvent.objects.filter(person=person).select_related("actor")[:limit]
