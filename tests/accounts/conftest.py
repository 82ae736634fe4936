import re

import pytest
from django.core import mail

from accounts.roles import Role
from tests.conftest import logged_in_client
from tests.factories import MembershipFactory, UserFactory

INVITATION_LINK = re.compile(r"https://portal\.example\.org(/konto/invitasjon/[^/\s]+/)")


def invitation_path(message=None) -> str:
    """The path of the invitation link in `message`, or in the last mail sent."""
    message = message or mail.outbox[-1]
    (path,) = INVITATION_LINK.findall(message.body)
    return path


@pytest.fixture
def loten_admin(loten):
    user = UserFactory(username="loten-administrator", first_name="Lise", last_name="Li")
    MembershipFactory(person=user, municipality=loten, role=Role.ORGANISATION_ADMIN)
    return user


@pytest.fixture
def loten_admin_client(loten_admin):
    return logged_in_client(loten_admin)
