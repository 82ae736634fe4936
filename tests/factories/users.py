"""Accounts: users and staff in one of the groups the migrations create."""

import factory
from django.contrib.auth import get_user_model

from tests.factories.base import ModelFactory

DEFAULT_PASSWORD = "et-passord-for-tester"


class UserFactory(ModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


def staff_in_group(group_name, **fields):
    """A staff user in one of the groups the migrations create («Sekretariat», «Rådsmedlem»)."""
    from django.contrib.auth.models import Group

    from accounts.models import Membership, Organisation
    from accounts.roles import STAFF_ROLE_GROUPS

    role = next(role for role, name in STAFF_ROLE_GROUPS.items() if name == group_name)
    person = UserFactory(is_staff=True, groups=[Group.objects.get(name=group_name)], **fields)
    kind = (
        Organisation.Kind.SECRETARIAT if group_name == "Sekretariat" else Organisation.Kind.COUNCIL
    )
    Membership.objects.get_or_create(
        person=person, organisation=Organisation.objects.get(kind=kind), defaults={"role": role}
    )
    return person
