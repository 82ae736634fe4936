"""Single sign-on in Chromium: the login page's button, the test provider's login form
(django-oidc-provider, tests/sign_on/identity_provider.py), and back to the portal logged in."""

import re

import pytest

from accounts.models import AuditEvent, Organisation, SignOnLink
from tests.factories import MembershipFactory, UserFactory
from tests.sign_on.provider_site.people import INVITED, PASSWORD

pytestmark = pytest.mark.browser


def test_an_invited_person_signs_on_through_the_login_pages_button(
    page, settings, live_server, identity_provider
):
    identity_provider.allow_redirect_uri(f"{live_server.url}/konto/felles-innlogging/tilbake/")
    settings.SIGN_ON_PROVIDERS = [identity_provider.entry()]
    hamar = Organisation.objects.get(slug="hamar")
    hamar.email_domains = "hamar.kommune.no"
    hamar.save()
    kari = UserFactory(username="kari", email=INVITED.email, first_name="Kari")
    MembershipFactory(person=kari, organisation=hamar)

    page.goto("/konto/logg-inn/")
    page.get_by_role("link", name="Logg inn med Hamar kommune (testleverandør)").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/login/"))
    page.fill("#id_username", INVITED.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Logg inn hos leverandøren").click()
    page.wait_for_url(f"{live_server.url}/mine-soknader/")

    assert page.get_by_role("heading", level=1).inner_text() == "Mine søknader"
    assert page.locator("form[action='/konto/logg-ut/']").count() == 1
    assert SignOnLink.objects.get().person == kari
    assert AuditEvent.objects.get(person=kari).kind == AuditEvent.Kind.SINGLE_SIGN_ON
