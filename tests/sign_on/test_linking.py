"""Who a sign-on is for (accounts/sign_on/linking.py), for what the test provider cannot be
made to say: another account at the provider with a linked person's address, an unconfirmed
address, a claim that places the person elsewhere, no address at all."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import SignOnLink
from accounts.sign_on.linking import Refusal, sign_on_person
from accounts.sign_on.providers import provider_from_entry
from tests.factories import MembershipFactory, UserFactory
from tests.sign_on.conftest import invite
from tests.sign_on.provider_site.people import INVITED

pytestmark = pytest.mark.django_db

ENTRY = {
    "key": "hamar-entra",
    "name": "Hamar kommune (Entra ID)",
    "organisation": "hamar",
    "issuer": "https://login.example.org",
    "authorization_endpoint": "https://login.example.org/authorize",
    "token_endpoint": "https://login.example.org/token",
    "userinfo_endpoint": "https://login.example.org/userinfo",
    "jwks_uri": "https://login.example.org/keys",
    "client_id": "portal",
    "client_secret": "hemmelig",
}
HAMAR = provider_from_entry(ENTRY)


def refusal(provider=HAMAR, subject="subject-1", email=INVITED.email, claims=None) -> str:
    with pytest.raises(ValidationError) as raised:
        sign_on_person(provider=provider, subject=subject, email=email, claims=claims or {})
    return raised.value.code


def test_another_account_at_the_provider_with_a_linked_persons_address_is_refused(kari):
    sign_on_person(provider=HAMAR, subject="subject-1", email=INVITED.email, claims={})

    assert refusal(subject="subject-2") == Refusal.LINKED_TO_ANOTHER
    assert SignOnLink.objects.get().subject == "subject-1"


def test_the_same_person_may_be_linked_at_two_providers(kari):
    ansattporten = provider_from_entry({**ENTRY, "key": "hamar-ansattporten"})

    sign_on_person(provider=HAMAR, subject="subject-1", email=INVITED.email, claims={})
    sign_on_person(provider=ansattporten, subject="subject-1", email=INVITED.email, claims={})

    assert SignOnLink.objects.filter(person=kari).count() == 2


def test_an_address_the_provider_has_not_confirmed_is_refused(kari):
    assert refusal(claims={"email_verified": False}) == Refusal.UNVERIFIED_EMAIL


def test_a_sign_on_without_an_address_is_refused(kari):
    assert refusal(email="") == Refusal.NO_EMAIL


def test_a_required_claim_with_another_value_is_refused(kari):
    tenant = provider_from_entry({**ENTRY, "required_claims": {"tid": "hamar-tenant"}})

    assert refusal(tenant, claims={"tid": "another-tenant"}) == Refusal.OTHER_ORGANISATION
    assert (
        sign_on_person(
            provider=tenant, subject="s", email=INVITED.email, claims={"tid": "hamar-tenant"}
        )
        == kari
    )


def test_a_provider_that_can_place_no_one_refuses_everyone(hamar):
    """Hamar without e-mail domains, and a provider that names neither domains nor claims."""
    invite(INVITED, hamar.organisation)

    assert refusal() == Refusal.MISCONFIGURED


def test_a_provider_for_an_organisation_that_does_not_exist_refuses_everyone(kari):
    nowhere = provider_from_entry({**ENTRY, "organisation": "finnes-ikke"})

    assert refusal(nowhere) == Refusal.MISCONFIGURED


def test_a_username_that_looks_like_the_address_is_no_match(hamar_organisation):
    """The password login takes a username where no address matches; a sign-on never does."""
    someone = UserFactory(username=INVITED.email, email="en.annen@hamar.kommune.no")
    MembershipFactory(person=someone, organisation=hamar_organisation)

    assert refusal() == Refusal.NOT_INVITED
    assert not SignOnLink.objects.exists()
