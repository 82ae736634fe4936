"""The demo commands refuse without DEBUG, and without what they build on; they create nothing
then. Apart from test_demo_data.py, whose tests all start from the demo data."""

import pytest
from django.core.management import CommandError

from projects.models import FundingCall
from tests.projects.test_demo_data import counts, run

pytestmark = pytest.mark.django_db


def test_create_demo_data_needs_the_accounts_first(settings, programme_fixture):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="create_demo_accounts"):
        run("create_demo_data")

    assert not FundingCall.objects.exists()


@pytest.mark.parametrize("command", ["create_demo_accounts", "create_demo_data"])
def test_both_commands_refuse_without_debug_and_create_nothing(
    settings, programme_fixture, command
):
    settings.DEBUG = True
    if command == "create_demo_data":
        run("create_demo_accounts")
    settings.DEBUG = False
    before = counts()

    with pytest.raises(CommandError, match="DEBUG"):
        run(command)

    assert counts() == before
