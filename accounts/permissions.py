"""Small named checks about people and organisations."""

from .models import Membership
from .roles import Role


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_organisation_admin(user, organisation) -> bool:
    return _signed_in(user) and (
        Membership.objects.active()
        .filter(person=user, organisation=organisation, role=Role.ORGANISATION_ADMIN)
        .exists()
    )


def administers_any_organisation(user) -> bool:
    return _signed_in(user) and (
        Membership.objects.active().filter(person=user, role=Role.ORGANISATION_ADMIN).exists()
    )


def requires_second_factor(user) -> bool:
    """Staff who read every case, superusers, and everyone in an organisation that asks it."""
    if not _signed_in(user):
        return False
    if user.is_superuser or user.is_staff:
        return True
    memberships = Membership.objects.active().filter(person=user)
    return memberships.filter(organisation__requires_second_factor=True).exists()
