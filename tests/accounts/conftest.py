import pytest

from accounts.roles import Role
from tests.conftest import logged_in_client
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def loten_admin(loten):
    user = UserFactory(username="loten-administrator", first_name="Lise", last_name="Li")
    MembershipFactory(person=user, municipality=loten, role=Role.ORGANISATION_ADMIN)
    return user


@pytest.fixture
def loten_admin_client(loten_admin):
    return logged_in_client(loten_admin)
