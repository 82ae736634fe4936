"""Inviting a colleague by e-mail: who may be invited, and the person the invitation makes
or finds, signed in once they accept."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Invitation, Membership
from accounts.roles import Role
from accounts.services import invitation_send
from hamarregion.accounts import SECRET_BODY_HEADER
from tests.accounts.invitation_pages import NEW_PASSWORD, accept, invitation_path, invite
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory
from tests.html import page_text

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_an_administrator_invites_a_colleague_who_chooses_a_password_and_is_signed_in(
    hamar_admin_client, hamar, hamar_admin
):
    response = invite(hamar_admin_client, hamar, "Kari.Nordmann@hamar.kommune.no")

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["kari.nordmann@hamar.kommune.no"]
    assert "Hamar" in message.subject
    assert "Anne Aas har invitert deg" in message.body
    # Its text opens an account: admin's mail list never shows it.
    assert message.extra_headers[SECRET_BODY_HEADER] == "1"
    person = User.objects.get(email="kari.nordmann@hamar.kommune.no")
    assert not person.is_active and not person.has_usable_password()
    membership = Membership.objects.get(person=person)
    assert (membership.organisation, membership.is_active) == (hamar.organisation, False)

    newcomer = Client()
    path = invitation_path(message)
    form = newcomer.get(path)
    assert form.status_code == 200
    assert "Ta imot invitasjonen" in page_text(form)
    accepted = accept(newcomer, path)

    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("workbench:landing")
    assert newcomer.get(accepted["Location"])["Location"] == reverse("projects:my-applications")
    page = newcomer.get(reverse("projects:my-applications"))
    assert "Velkommen! Du er nå bruker i Hamar" in page_text(page)
    assert "Du søker på vegne av: Hamar" in page_text(page)
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.is_active) == ("Kari", "Nordmann", True)
    assert Membership.objects.active().filter(person=person, role=Role.APPLICANT).exists()
    assert Client().login(username="KARI.nordmann@hamar.kommune.no", password=NEW_PASSWORD)
    kinds = list(AuditEvent.objects.filter(person=person).values_list("kind", flat=True))
    assert {AuditEvent.Kind.INVITED, AuditEvent.Kind.INVITATION_ACCEPTED} <= set(kinds)


def test_an_invited_person_cannot_sign_in_before_accepting(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "ny@hamar.kommune.no")

    assert not Client().login(username="ny@hamar.kommune.no", password="")
    assert not Membership.objects.active().filter(person__email="ny@hamar.kommune.no").exists()


def test_a_weak_or_mistyped_password_is_refused_at_the_field(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")
    path = invitation_path()

    common = accept(Client(), path, password="password")
    mistyped = accept(Client(), path, again="Noe-annet-2026")

    assert common.status_code == mistyped.status_code == 200
    assert common.context["form"].errors["password"]
    assert mistyped.context["form"].errors["password_again"] == ["Passordene er ikke like."]
    assert Invitation.objects.get().accepted_at is None
    assert not User.objects.get(email="kari@hamar.kommune.no").is_active


def test_an_address_already_in_the_organisation_is_refused_at_the_field(
    hamar_admin_client, hamar, hamar_user
):
    response = invite(hamar_admin_client, hamar, hamar_user.email.upper())

    assert response.status_code == 200
    assert "er allerede bruker i Hamar" in " ".join(
        response.context["invitation_form"].errors["email"]
    )
    assert not mail.outbox


def test_an_address_of_a_staff_person_is_refused_at_the_field(
    hamar_admin_client, hamar, secretariat_user
):
    response = invite(hamar_admin_client, hamar, secretariat_user.email)

    assert response.context["invitation_form"].errors["email"] == [
        "Adressen brukes allerede av en annen person."
    ]
    assert not secretariat_user.memberships.filter(organisation=hamar.organisation).exists()


def test_the_organisations_email_domains_limit_whom_its_administrator_invites(
    hamar_admin_client, hamar
):
    hamar.organisation.email_domains = "hamar.kommune.no, hamar.no"
    hamar.organisation.save()

    outside = invite(hamar_admin_client, hamar, "kari@gmail.com")
    inside = invite(hamar_admin_client, hamar, "kari@Hamar.Kommune.no")

    assert outside.status_code == 200
    assert outside.context["invitation_form"].errors["email"] == [
        "Du kan bare invitere adresser på hamar.kommune.no, hamar.no."
    ]
    assert inside.status_code == 302
    assert [message.to for message in mail.outbox] == [["kari@hamar.kommune.no"]]


def test_a_person_of_another_organisation_accepts_by_signing_in_with_their_own_password(
    hamar_admin_client, hamar, loten_user
):
    invite(hamar_admin_client, hamar, loten_user.email)
    path = invitation_path()
    assert "logg inn for å ta imot" in mail.outbox[0].body

    anonymous = Client().get(path)
    assert "Du har allerede en brukerkonto" in page_text(anonymous)
    # The link alone neither signs them in nor sets a password.
    assert accept(Client(), path).status_code == 302
    assert Client().login(username=loten_user.username, password=DEFAULT_PASSWORD)
    assert not Membership.objects.active().filter(
        person=loten_user, organisation=hamar.organisation
    )

    person = Client()
    person.force_login(loten_user)
    response = person.post(path)

    assert response.status_code == 302
    assert Membership.objects.active().filter(person=loten_user, organisation=hamar.organisation)
    assert Membership.objects.active().filter(person=loten_user, organisation__slug="loten")
    loten_user.refresh_from_db()
    assert loten_user.check_password(DEFAULT_PASSWORD)


def test_another_signed_in_person_cannot_take_up_someone_elses_invitation(
    hamar_admin_client, hamar, loten_user, hamar_user
):
    invite(hamar_admin_client, hamar, loten_user.email)
    path = invitation_path()
    other = Client()
    other.force_login(hamar_user)

    response = other.post(path, follow=True)

    assert "Invitasjonen er sendt til" in page_text(response)
    assert not Membership.objects.active().filter(
        person=loten_user, organisation=hamar.organisation
    )
    assert Invitation.objects.get().accepted_at is None


def test_accepting_a_new_persons_invitation_replaces_whoever_was_signed_in(
    hamar_admin_client, hamar, hamar_admin
):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")

    accept(hamar_admin_client, invitation_path())

    page = hamar_admin_client.get(reverse("accounts:my-account"))
    assert page.context["person"].email == "kari@hamar.kommune.no"


def test_only_a_superuser_gives_a_staff_role_by_invitation(secretariat_user, hamar):
    from django.core.exceptions import ValidationError

    from accounts.models import Organisation

    secretariat = Organisation.objects.get(slug="sekretariatet")
    with pytest.raises(ValidationError) as refused:
        invitation_send(
            organisation_id=secretariat.pk,
            email="ny@hamarregionen.no",
            role=Role.SECRETARIAT,
            actor=secretariat_user,
            within_domains=False,
        )
    assert "superbruker" in str(refused.value)
    with pytest.raises(ValidationError):
        invitation_send(
            organisation_id=hamar.organisation_id,
            email="ny@hamar.kommune.no",
            role=Role.SECRETARIAT,
            actor=UserFactory(is_superuser=True),
            within_domains=False,
        )
    assert not Invitation.objects.exists()


def test_inviting_a_pending_person_again_replaces_the_earlier_invitation(hamar_admin_client, hamar):
    invite(hamar_admin_client, hamar, "kari@hamar.kommune.no")
    first = invitation_path()

    again = invite(hamar_admin_client, hamar, "kari@hamar.kommune.no", Role.ORGANISATION_ADMIN)

    assert again.status_code == 302
    assert Client().get(first).status_code == 410
    accept(Client(), invitation_path())
    assert Membership.objects.active().get(person__email="kari@hamar.kommune.no").role == (
        Role.ORGANISATION_ADMIN
    )


def test_a_deactivated_colleague_is_reactivated_not_invited(hamar_admin_client, hamar):
    former = UserFactory(email="tidligere@hamar.kommune.no")
    MembershipFactory(person=former, municipality=hamar, is_active=False, ended_at=timezone.now())

    response = invite(hamar_admin_client, hamar, "tidligere@hamar.kommune.no")

    assert "Aktiver personen igjen i stedet" in " ".join(
        response.context["invitation_form"].errors["email"]
    )
