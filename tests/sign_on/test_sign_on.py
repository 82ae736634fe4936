"""Single sign-on end to end against a real OpenID Connect provider (django-oidc-provider, started
by the `identity_provider` fixture): the portal's test client, the provider's login form through
`requests`, and the portal's own HTTP calls to the provider's token, keys and userinfo
endpoints. Nothing in between is mocked."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import AuditEvent, SignOnLink
from accounts.services import membership_deactivate
from tests.factories import UserFactory
from tests.sign_on.conftest import invite, sign_on
from tests.sign_on.provider_site.people import (
    DEACTIVATED,
    INVITED,
    OTHER_ORGANISATION,
    UNKNOWN,
)

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind
MY_APPLICATIONS = "/mine-soknader/"
# settings.LOGIN_REDIRECT_URL: the landing sends an applicant on to MY_APPLICATIONS.
LANDING = "/start/"


def logged_in_person(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


def refusal_shown(client, response) -> str:
    """The login page the refused visitor lands on, as text."""
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")), response["Location"]
    return client.get(response["Location"]).content.decode()


def test_an_invited_person_signs_on_lands_logged_in_and_is_linked_by_the_providers_sub(
    client, sign_on_provider, kari, identity_provider
):
    response = sign_on(client, INVITED.email)

    assert response.status_code == 302
    assert response["Location"] == LANDING
    assert logged_in_person(client) == kari
    assert client.get(MY_APPLICATIONS).status_code == 200
    link = SignOnLink.objects.get(person=kari)
    assert (link.provider, link.subject) == ("hamar-test", identity_provider.subject_of(INVITED))
    assert link.email == INVITED.email
    assert link.last_used_at is not None


def test_a_sign_on_returns_to_the_page_the_visitor_asked_for(client, sign_on_provider, kari):
    response = sign_on(client, INVITED.email, next_url="/konto/passord/")

    assert response["Location"] == "/konto/passord/"


def test_a_later_sign_on_finds_the_person_by_sub_even_after_the_address_changed(
    client, sign_on_provider, kari
):
    sign_on(client, INVITED.email)
    link = SignOnLink.objects.get(person=kari)
    first_used = link.last_used_at
    kari.email = "kari.privat@example.org"
    kari.save(update_fields=["email"])
    client.logout()

    response = sign_on(client, INVITED.email)

    assert response["Location"] == LANDING
    assert logged_in_person(client) == kari
    assert SignOnLink.objects.get() == link
    link.refresh_from_db()
    assert link.last_used_at > first_used


def test_a_sign_on_is_one_entry_in_the_audit_log_naming_the_provider(
    client, sign_on_provider, kari
):
    sign_on(client, INVITED.email)

    event = AuditEvent.objects.get(person=kari)
    assert event.kind == Kind.SINGLE_SIGN_ON
    assert event.actor == kari
    assert event.detail == "hamar-test amr=pwd acr="
    assert event.client_address == "127.0.0.1"


def test_an_unknown_address_is_refused_with_a_message_and_nobody_is_created(
    client, sign_on_provider
):
    people = get_user_model().objects.count()

    response = sign_on(client, UNKNOWN.email)

    page = refusal_shown(client, response)
    assert f"{UNKNOWN.email} har ingen bruker i portalen for Hamar" in page
    assert "Be en administrator i Hamar om en invitasjon" in page
    assert get_user_model().objects.count() == people
    assert logged_in_person(client) is None
    assert not SignOnLink.objects.exists()
    event = AuditEvent.objects.get()
    assert event.kind == Kind.SINGLE_SIGN_ON_REFUSED
    assert (event.identifier, event.detail) == (UNKNOWN.email, "hamar-test: not_invited")


def test_an_address_of_another_organisations_domain_is_refused(client, sign_on_provider, loten):
    lise = invite(OTHER_ORGANISATION, loten.organisation)

    response = sign_on(client, OTHER_ORGANISATION.email)

    page = refusal_shown(client, response)
    assert f"E-postadressen {OTHER_ORGANISATION.email} hører ikke til Hamar" in page
    assert logged_in_person(client) is None
    event = AuditEvent.objects.get()
    assert (event.kind, event.person, event.detail) == (
        Kind.SINGLE_SIGN_ON_REFUSED,
        lise,
        "hamar-test: other_organisation",
    )


def test_the_providers_own_domains_replace_the_organisations(
    client, settings, identity_provider, hamar_organisation, loten
):
    """A provider for Hamar that names loten.kommune.no: Løten's people are still no members of
    Hamar, so the address matches and the membership does not."""
    settings.SIGN_ON_PROVIDERS = [identity_provider.entry(email_domains=["loten.kommune.no"])]
    invite(OTHER_ORGANISATION, loten.organisation)

    page = refusal_shown(client, sign_on(client, OTHER_ORGANISATION.email))

    assert "har ingen bruker i portalen for Hamar" in page
    assert AuditEvent.objects.get().detail == "hamar-test: not_invited"


def test_a_person_of_the_organisation_without_a_membership_there_is_refused(
    client, sign_on_provider
):
    UserFactory(username="kari", email=INVITED.email)

    page = refusal_shown(client, sign_on(client, INVITED.email))

    assert "har ingen bruker i portalen for Hamar" in page
    assert not SignOnLink.objects.exists()


def test_a_deactivated_person_is_refused(client, sign_on_provider, hamar_organisation):
    dag = invite(DEACTIVATED, hamar_organisation)
    admin = UserFactory(is_superuser=True, is_staff=True)
    membership_deactivate(membership_id=dag.memberships.get().pk, actor=admin)

    page = refusal_shown(client, sign_on(client, DEACTIVATED.email))

    assert f"Brukeren for {DEACTIVATED.email} er deaktivert" in page
    assert logged_in_person(client) is None
    refused = AuditEvent.objects.get(kind=Kind.SINGLE_SIGN_ON_REFUSED)
    assert (refused.person, refused.detail) == (dag, "hamar-test: deactivated")


def test_a_person_deactivated_after_signing_on_loses_the_session_at_once(
    client, sign_on_provider, kari
):
    sign_on(client, INVITED.email)
    admin = UserFactory(is_superuser=True, is_staff=True)
    membership_deactivate(membership_id=kari.memberships.get().pk, actor=admin)

    response = client.get(MY_APPLICATIONS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_person_invited_but_not_yet_arrived_is_taken_in_by_their_first_sign_on(
    client, sign_on_provider, hamar_organisation, hamar_admin
):
    from accounts.models import Invitation, Membership
    from accounts.services import invitation_send

    invitation = invitation_send(
        organisation_id=hamar_organisation.pk,
        email=INVITED.email,
        role="applicant",
        actor=hamar_admin,
    )
    assert not invitation.person.is_active

    response = sign_on(client, INVITED.email)

    assert response["Location"] == LANDING
    assert logged_in_person(client) == invitation.person
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert (
        Membership.objects.active()
        .filter(person=invitation.person, organisation=hamar_organisation)
        .exists()
    )
    assert Invitation.objects.pending().count() == 0
