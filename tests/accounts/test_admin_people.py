"""The secretariat manages people in admin through the same services as «Brukere»: it invites an
organisation's first administrator, changes roles, deactivates and reactivates, and never gives
a staff role."""

import pytest
from django.contrib.admin import helpers
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, Invitation, Membership, Organisation
from accounts.roles import Role
from tests.accounts.invitation_pages import invitation_path
from tests.admin_forms import admin_form_data
from tests.factories import MembershipFactory, UserFactory
from tests.factories.users import staff_in_group
from tests.html import page_text
from tests.second_factor import log_in, second_factor_device

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind


def invite_url(organisation):
    return reverse("admin:accounts_organisation_invite", args=[organisation.pk])


def run_action(client, model, action, objects):
    return client.post(
        reverse(f"admin:accounts_{model}_changelist"),
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]},
        follow=True,
    )


def test_the_secretariat_invites_an_organisations_first_administrator(secretariat_client):
    county = Organisation.objects.create(
        name="Innlandet fylkeskommune",
        slug="innlandet",
        kind=Organisation.Kind.PARTNER,
        email_domains="innlandetfylke.no",
    )
    change = secretariat_client.get(reverse("admin:accounts_organisation_change", args=[county.pk]))
    assert invite_url(county) in change.content.decode()
    page = secretariat_client.get(invite_url(county))
    assert page.status_code == 200
    assert page.context["form"]["role"].value() == Role.ORGANISATION_ADMIN

    # The secretariat is not held to the organisation's domains.
    response = secretariat_client.post(
        invite_url(county), {"email": "leder@gmail.com", "role": Role.ORGANISATION_ADMIN}
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["leder@gmail.com"]
    newcomer = Client()
    newcomer.post(
        invitation_path(message),
        {
            "first_name": "Ola",
            "last_name": "Leder",
            "password": "Innlandet-2026-leder",
            "password_again": "Innlandet-2026-leder",
        },
    )
    assert newcomer.get(county.get_absolute_url()).status_code == 200
    assert Membership.objects.active().get(person__email="leder@gmail.com").role == (
        Role.ORGANISATION_ADMIN
    )


def test_the_invitation_page_refuses_an_address_already_in_use(secretariat_client, hamar_user):
    organisation = hamar_user.memberships.get().organisation

    response = secretariat_client.post(
        invite_url(organisation), {"email": hamar_user.email, "role": Role.APPLICANT}
    )

    assert response.status_code == 200
    assert "er allerede bruker i Hamar" in " ".join(response.context["form"].errors["email"])


def test_the_secretariat_cannot_invite_into_the_secretariat_or_give_a_staff_role(
    secretariat_client, hamar
):
    secretariat = Organisation.objects.get(slug="sekretariatet")

    own = secretariat_client.post(
        invite_url(secretariat), {"email": "ny@hamarregionen.no", "role": Role.SECRETARIAT}
    )
    staff_role = secretariat_client.post(
        invite_url(hamar.organisation), {"email": "ny@hamar.kommune.no", "role": Role.SECRETARIAT}
    )

    assert own.status_code == 403
    assert staff_role.status_code == 200
    assert staff_role.context["form"].errors["role"]
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_superuser_invites_a_secretariat_member():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client = log_in(Client(), superuser)
    secretariat = Organisation.objects.get(slug="sekretariatet")

    response = client.post(
        invite_url(secretariat), {"email": "ny@hamarregionen.no", "role": Role.SECRETARIAT}
    )

    assert response.status_code == 302
    assert Invitation.objects.get().role == Role.SECRETARIAT


def test_the_membership_actions_change_roles_and_access_through_the_services(
    secretariat_client, secretariat_user, hamar, hamar_user
):
    membership = Membership.objects.get(person=hamar_user)
    # The last administrator cannot go: another one first.
    MembershipFactory(municipality=hamar, role=Role.ORGANISATION_ADMIN)

    run_action(secretariat_client, "membership", "make_organisation_admin", [membership])
    membership.refresh_from_db()
    assert membership.role == Role.ORGANISATION_ADMIN

    run_action(secretariat_client, "membership", "make_applicant", [membership])
    membership.refresh_from_db()
    assert membership.role == Role.APPLICANT

    run_action(secretariat_client, "membership", "deactivate", [membership])
    membership.refresh_from_db()
    hamar_user.refresh_from_db()
    assert (membership.is_active, hamar_user.is_active) == (False, False)

    run_action(secretariat_client, "membership", "reactivate", [membership])
    membership.refresh_from_db()
    assert membership.is_active

    kinds = list(
        AuditEvent.objects.filter(person=hamar_user, actor=secretariat_user)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [Kind.ROLE_CHANGED, Kind.ROLE_CHANGED, Kind.DEACTIVATED, Kind.REACTIVATED]


def test_a_refused_action_says_why(secretariat_client, hamar):
    only_admin = MembershipFactory(municipality=hamar, role=Role.ORGANISATION_ADMIN)

    response = run_action(secretariat_client, "membership", "deactivate", [only_admin])

    assert "må ha minst én administrator" in page_text(response)
    only_admin.refresh_from_db()
    assert only_admin.is_active


def test_the_secretariat_sees_no_staff_memberships(secretariat_client, hamar_user):
    colleague = staff_in_group("Sekretariat")
    council_member = staff_in_group("Rådsmedlem")

    response = secretariat_client.get(reverse("admin:accounts_membership_changelist"))

    people = {membership.person for membership in response.context["cl"].result_list}
    assert hamar_user in people
    assert not people & {colleague, council_member}
    staff = Membership.objects.get(person=colleague)
    assert (
        secretariat_client.get(
            reverse("admin:accounts_membership_change", args=[staff.pk])
        ).status_code
        == 302  # admin's answer for an object outside the queryset: back to the index
    )


def test_a_memberships_role_is_not_changed_in_the_persons_form(secretariat_client, hamar_user):
    url = reverse("admin:auth_user_change", args=[hamar_user.pk])
    page = secretariat_client.get(url)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data = admin_form_data(page, **{f"{prefix}-0-role": Role.ORGANISATION_ADMIN})

    response = secretariat_client.post(url, data)

    assert response.status_code == 302
    assert Membership.objects.get(person=hamar_user).role == Role.APPLICANT


def test_the_secretariat_revokes_and_resends_invitations_in_admin(secretariat_client, hamar):
    secretariat_client.post(
        invite_url(hamar.organisation), {"email": "ny@hamar.kommune.no", "role": Role.APPLICANT}
    )
    first = Invitation.objects.get()
    listing = secretariat_client.get(reverse("admin:accounts_invitation_changelist"))
    assert "ny@hamar.kommune.no" in page_text(listing)

    run_action(secretariat_client, "invitation", "resend", [first])
    assert len(mail.outbox) == 2
    second = Invitation.objects.exclude(pk=first.pk).get()
    run_action(secretariat_client, "invitation", "revoke", [second])

    second.refresh_from_db()
    assert second.revoked_at is not None
    assert Client().get(invitation_path()).status_code == 410
    assert not Membership.objects.filter(person__email="ny@hamar.kommune.no").exists()


def test_a_second_factor_requirement_set_in_admin_is_logged(secretariat_client, hamar):
    organisation = hamar.organisation
    url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, admin_form_data(page, requires_second_factor="on"))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.requires_second_factor is True
    assert AuditEvent.objects.get(kind=Kind.SECOND_FACTOR_REQUIREMENT_CHANGED).detail.startswith(
        "Hamar"
    )


def test_the_secretariat_resets_an_applicants_lost_second_factor(
    secretariat_client, secretariat_user, hamar_user
):
    device = second_factor_device(hamar_user)

    response = secretariat_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factors", helpers.ACTION_CHECKBOX_NAME: [hamar_user.pk]},
        follow=True,
    )

    assert "Tofaktoren til 1 person er nullstilt." in page_text(response)
    assert not type(device).objects.filter(user=hamar_user).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SECOND_FACTOR_REMOVED)
    assert (event.person, event.actor) == (hamar_user, secretariat_user)
