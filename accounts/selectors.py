"""Reads about people and organisations that views, admin and other apps share."""

from .models import Membership, Organisation
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
