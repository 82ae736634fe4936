"""A sign-on counts as the second factor only where the provider's ID token says one was used
(amr or acr) and the provider's settings let that count."""

import pytest

from accounts.models import AuditEvent
from accounts.second_factor import SIGN_ON_SECOND_FACTOR_SESSION_KEY
from tests.factories import DEFAULT_PASSWORD
from tests.sign_on.conftest import invite, sign_on
from tests.sign_on.provider_site.people import INVITED, WITH_ACR, WITH_MFA

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider_with(settings, identity_provider, hamar_organisation):
    def configure(**second_factor):
        settings.SIGN_ON_PROVIDERS = [identity_provider.entry(**second_factor)]

    return configure


def second_factor_in(client) -> bool:
    return bool(client.session.get(SIGN_ON_SECOND_FACTOR_SESSION_KEY))


def test_amr_mfa_counts_as_the_second_factor_where_the_setting_allows_it(
    client, provider_with, hamar_organisation
):
    mona = invite(WITH_MFA, hamar_organisation)
    provider_with(second_factor_from_claims=True)

    sign_on(client, WITH_MFA.email)

    assert client.session["_auth_user_id"] == str(mona.pk)
    assert second_factor_in(client)
    event = AuditEvent.objects.get(person=mona)
    assert event.detail == "hamar-test amr=pwd,mfa acr= second-factor"


def test_amr_mfa_does_not_count_where_the_setting_is_off(client, provider_with, hamar_organisation):
    invite(WITH_MFA, hamar_organisation)
    provider_with()

    sign_on(client, WITH_MFA.email)

    assert "_auth_user_id" in client.session
    assert not second_factor_in(client)


def test_a_password_alone_at_the_provider_is_no_second_factor(client, provider_with, kari):
    provider_with(second_factor_from_claims=True)

    sign_on(client, INVITED.email)

    assert "_auth_user_id" in client.session
    assert not second_factor_in(client)


def test_an_acr_value_counts_where_the_settings_name_it(client, provider_with, hamar_organisation):
    invite(WITH_ACR, hamar_organisation)
    provider_with(second_factor_from_claims=True, second_factor_acr=["substantial"])

    sign_on(client, WITH_ACR.email)

    assert second_factor_in(client)


def test_an_acr_value_the_settings_do_not_name_does_not_count(
    client, provider_with, hamar_organisation
):
    invite(WITH_ACR, hamar_organisation)
    provider_with(second_factor_from_claims=True, second_factor_acr=["high"])

    sign_on(client, WITH_ACR.email)

    assert not second_factor_in(client)


def test_the_providers_second_factor_does_not_carry_over_to_a_password_login(
    client, provider_with, hamar_organisation
):
    mona = invite(WITH_MFA, hamar_organisation)
    provider_with(second_factor_from_claims=True)
    sign_on(client, WITH_MFA.email)
    assert second_factor_in(client)

    client.post("/konto/logg-inn/", {"username": mona.email, "password": DEFAULT_PASSWORD})

    assert client.session["_auth_user_id"] == str(mona.pk)
    assert not second_factor_in(client)
