"""An invitation's link works once, for a while, for the person it was sent to; a link that
cannot be used gets a page saying why and changes nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Invitation, Membership
from accounts.services import InvitationLinkError, invitation_accept
from tests.accounts.invitation_pages import NEW_PASSWORD, accept, invitation_path, invite
from tests.html import page_text

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_the_link_works_once(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")
    path = invitation_path()
    accept(Client(), path)

    again = Client()
    page = again.get(path)
    posted = accept(again, path, first="Overtatt", password="Et-annet-passord-2026")

    assert page.status_code == posted.status_code == 410
    assert "Invitasjonen er allerede tatt imot" in page_text(page)
    person = User.objects.get(email="kari@hamar.kommune.no")
    assert person.first_name == "Kari"
    assert person.check_password(NEW_PASSWORD)
    with pytest.raises(InvitationLinkError) as refused:
        invitation_accept(
            token=path.split("/")[-2], first_name="X", last_name="Y", password=NEW_PASSWORD
        )
    assert refused.value.reason == InvitationLinkError.USED


def test_an_expired_invitation_is_refused_and_changes_nothing(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "sen@hamar.kommune.no")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    newcomer = Client()

    page = newcomer.get(invitation_path())
    posted = accept(newcomer, invitation_path())

    assert page.status_code == posted.status_code == 410
    assert "Lenken i invitasjonen er utløpt" in page_text(page)
    assert "Ingenting er endret" in page_text(page)
    person = User.objects.get(email="sen@hamar.kommune.no")
    assert not person.is_active and not person.has_usable_password()
    assert Invitation.objects.get().accepted_at is None


def test_a_link_older_than_the_valid_days_is_refused_by_its_signature(
    hamar_admin_client, hamar, settings
):
    invite(hamar_admin_client, hamar, "sen@hamar.kommune.no")
    settings.INVITATION_VALID_DAYS = 0

    response = Client().get(invitation_path())

    assert response.status_code == 410
    assert "utløpt" in page_text(response)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "eyJpIjoxLCJzIjoieCJ9:1abcde:forfalsket",
        lambda token: "tull",
    ],
    ids=["changed-signature", "forged", "garbage"],
)
def test_a_tampered_link_is_not_valid_and_changes_nothing(hamar_admin_client, hamar, tamper):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")
    token = invitation_path().split("/")[-2]
    path = reverse("accounts:invitation-accept", kwargs={"token": tamper(token)})
    newcomer = Client()

    page = newcomer.get(path)
    posted = accept(newcomer, path)

    assert page.status_code == posted.status_code == 404
    assert "Lenken er ikke gyldig" in page_text(page)
    assert not User.objects.get(email="kari@hamar.kommune.no").is_active
    assert "_auth_user_id" not in newcomer.session


def test_a_revoked_invitation_is_refused_and_its_membership_goes(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")
    invitation = Invitation.objects.get()
    path = invitation_path()

    revoked = hamar_admin_client.post(
        reverse(
            "accounts:invitation-revoke",
            kwargs={"slug": hamar.organisation.slug, "pk": invitation.pk},
        )
    )

    assert revoked.status_code == 302
    page = Client().get(path)
    assert page.status_code == 410
    assert "trukket tilbake" in page_text(page)
    assert not Membership.objects.filter(person=invitation.person).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.INVITATION_REVOKED).exists()


def test_sending_again_voids_the_earlier_link(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")
    first = invitation_path()
    hamar_admin_client.post(
        reverse(
            "accounts:invitation-resend",
            kwargs={"slug": hamar.organisation.slug, "pk": Invitation.objects.get().pk},
        )
    )
    second = invitation_path()

    assert first != second
    assert Client().get(first).status_code == 410
    assert accept(Client(), second).status_code == 302


def test_the_invitation_page_is_not_kept_by_caches(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")

    response = Client().get(invitation_path())

    assert "no-store" in response["Cache-Control"]


def test_a_sign_on_that_vouches_for_the_address_takes_up_the_pending_invitations(
    hamar_admin_client, hamar
):
    from accounts.services import invitations_accept_for

    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")
    person = User.objects.get(email="kari@hamar.kommune.no")

    accepted = invitations_accept_for(person=person)

    assert [invitation.organisation for invitation in accepted] == [hamar.organisation]
    person.refresh_from_db()
    assert person.is_active
    assert Membership.objects.active().filter(person=person, organisation=hamar.organisation)
    assert Client().get(invitation_path()).status_code == 410
    assert invitations_accept_for(person=person) == []
