import pytest
import requests

from accounts.models import Organisation
from tests.factories import MembershipFactory, UserFactory
from tests.sign_on.identity_provider import identity_provider, sign_in_at_provider  # noqa: F401
from tests.sign_on.provider_site.people import INVITED


@pytest.fixture
def hamar_organisation(db):
    """Hamar kommune as the migrations make it, with its staff's e-mail domain."""
    organisation = Organisation.objects.get(slug="hamar")
    organisation.email_domains = "hamar.kommune.no"
    organisation.save(update_fields=["email_domains"])
    return organisation


@pytest.fixture
def sign_on_provider(settings, identity_provider, hamar_organisation):  # noqa: F811
    """The test provider configured for Hamar, as DJANGO_OIDC_PROVIDERS would give it."""
    entry = identity_provider.entry()
    settings.SIGN_ON_PROVIDERS = [entry]
    return entry


def invite(person, organisation, *, email=None):
    """A portal person with the provider person's address and a membership in `organisation`."""
    user = UserFactory(username=person.email.split("@")[0], email=email or person.email)
    MembershipFactory(person=user, organisation=organisation)
    return user


@pytest.fixture
def kari(hamar_organisation):
    """Invited to Hamar: her portal account holds her address in capitals, as typed by the
    administrator who invited her (addresses match regardless of case)."""
    return invite(INVITED, hamar_organisation, email=INVITED.email.upper())


def sign_on(client, email, *, provider="hamar-test", next_url=None, http=None):
    """A sign-on as a visitor makes it: the button's address at the portal, the provider's login
    form, back to the portal's callback. Returns the callback's answer (not followed)."""
    start = f"/konto/logg-inn/{provider}/" + (f"?next={next_url}" if next_url else "")
    response = client.get(start)
    assert response.status_code == 302, response
    callback = sign_in_at_provider(http or requests.Session(), response["Location"], email)
    return client.get(callback)
