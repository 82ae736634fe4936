"""A membership's role decides the person's staff flag and permission groups, and access
through a municipality ends when the membership does."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import AuditEvent, Organisation
from accounts.roles import Role
from accounts.services import (
    membership_deactivate,
    membership_reactivate,
    membership_role_change,
    person_roles_sync,
)
from projects.permissions import can_apply, is_member_of, is_secretariat
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_secretariat_membership_makes_staff_in_the_secretariat_group():
    person = UserFactory()
    MembershipFactory(
        person=person,
        organisation=Organisation.objects.get(slug="sekretariatet"),
        role=Role.SECRETARIAT,
    )

    person_roles_sync(person)

    assert person.is_staff
    assert list(person.groups.values_list("name", flat=True)) == ["Sekretariat"]
    assert is_secretariat(person)


def test_ending_the_staff_membership_takes_the_staff_rights_away(hamar):
    admin = UserFactory()
    person = UserFactory()
    membership = MembershipFactory(
        person=person,
        organisation=Organisation.objects.get(slug="sekretariatet"),
        role=Role.SECRETARIAT,
    )
    MembershipFactory(person=person, municipality=hamar)
    person_roles_sync(person)

    membership_deactivate(membership_id=membership.pk, actor=admin)

    person.refresh_from_db()
    assert (person.is_active, person.is_staff) == (True, False)
    assert not person.groups.exists()
    assert not is_secretariat(person)
    assert is_member_of(person, hamar)


def test_a_person_whose_last_membership_ends_can_no_longer_apply_or_sign_in(hamar):
    person = UserFactory()
    membership = MembershipFactory(person=person, municipality=hamar)
    assert can_apply(person)

    membership_deactivate(membership_id=membership.pk, actor=UserFactory())

    person.refresh_from_db()
    assert not person.is_active
    assert not can_apply(person)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DEACTIVATED)
    assert (event.person, event.detail) == (person, "Hamar")

    membership_reactivate(membership_id=membership.pk, actor=UserFactory())

    person.refresh_from_db()
    assert person.is_active and can_apply(person)


def test_the_last_administrator_of_an_organisation_is_kept(hamar):
    admin = MembershipFactory(municipality=hamar, role=Role.ORGANISATION_ADMIN)

    with pytest.raises(ValidationError, match="minst én administrator"):
        membership_role_change(membership_id=admin.pk, role=Role.APPLICANT, actor=UserFactory())
    with pytest.raises(ValidationError, match="minst én administrator"):
        membership_deactivate(membership_id=admin.pk, actor=UserFactory())


def test_a_municipality_cannot_give_a_staff_role(hamar):
    membership = MembershipFactory(municipality=hamar)

    with pytest.raises(ValidationError, match="kan ikke gi rollen"):
        membership_role_change(
            membership_id=membership.pk, role=Role.SECRETARIAT, actor=UserFactory()
        )

    membership.refresh_from_db()
    assert membership.role == Role.APPLICANT


def test_a_role_change_is_recorded_with_who_made_it(hamar):
    MembershipFactory(municipality=hamar, role=Role.ORGANISATION_ADMIN)
    membership = MembershipFactory(municipality=hamar)
    actor = UserFactory()

    membership_role_change(membership_id=membership.pk, role=Role.ORGANISATION_ADMIN, actor=actor)

    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ROLE_CHANGED)
    assert (event.person, event.actor) == (membership.person, actor)
    assert "søker → administrator for organisasjonen" in event.detail


def test_nobody_deactivates_themselves(hamar):
    membership = MembershipFactory(municipality=hamar)

    with pytest.raises(ValidationError, match="deg selv"):
        membership_deactivate(membership_id=membership.pk, actor=membership.person)


def test_a_new_municipality_gets_an_organisation_of_its_own_never_the_secretariats():
    from projects.models import Municipality

    county = Municipality.objects.create(name="Sekretariatet", slug="sekretariatet")

    assert county.organisation.kind == Organisation.Kind.PARTNER
    assert county.organisation != Organisation.objects.get(kind=Organisation.Kind.SECRETARIAT)
