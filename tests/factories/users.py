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

    return UserFactory(is_staff=True, groups=[Group.objects.get(name=group_name)], **fields)
