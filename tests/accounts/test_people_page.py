"""«Brukere»: an organisation's administrator manages its people on the portal, and nobody else
sees or changes them."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, Membership
from accounts.roles import Role
from tests.factories import MembershipFactory, UserFactory
from tests.html import page_text
from tests.second_factor import pass_second_factor

pytestmark = pytest.mark.django_db


def people_url(municipality):
    return reverse("accounts:people", kwargs={"slug": municipality.organisation.slug})


def action_url(name, membership):
    return reverse(
        f"accounts:{name}", kwargs={"slug": membership.organisation.slug, "pk": membership.pk}
    )


def membership_of(person, municipality):
    return Membership.objects.get(person=person, organisation=municipality.organisation)


def test_the_page_lists_the_organisations_people_and_no_one_elses(
    hamar_admin_client, hamar, hamar_user, loten_user
):
    hamar_user.last_login = None
    hamar_user.save()

    response = hamar_admin_client.get(people_url(hamar))

    assert response.status_code == 200
    text = page_text(response)
    assert "Brukere i Hamar" in text
    assert "Hanne Hamar" in text and hamar_user.email in text
    assert "Anne Aas (deg)" in text
    assert "Aldri" in text  # Hanne's last login
    assert "Aktiv" in text
    assert loten_user.email not in text


def test_the_header_links_administrators_to_the_page(hamar_admin_client, hamar_client, hamar):
    assert (
        people_url(hamar) in hamar_admin_client.get(reverse("accounts:my-account")).content.decode()
    )
    assert (
        people_url(hamar) not in hamar_client.get(reverse("accounts:my-account")).content.decode()
    )


def test_the_administrator_makes_a_colleague_administrator_and_back(
    hamar_admin_client, hamar, hamar_user
):
    membership = membership_of(hamar_user, hamar)

    up = hamar_admin_client.post(
        action_url("membership-role", membership), {"role": Role.ORGANISATION_ADMIN}, follow=True
    )
    membership.refresh_from_db()
    assert membership.role == Role.ORGANISATION_ADMIN
    assert "Hanne Hamar har nå rollen «administrator for organisasjonen»" in page_text(up)

    hamar_admin_client.post(action_url("membership-role", membership), {"role": Role.APPLICANT})
    membership.refresh_from_db()
    assert membership.role == Role.APPLICANT
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ROLE_CHANGED, person=hamar_user).count() == 2
    )


def test_a_staff_role_cannot_be_given_from_the_page(hamar_admin_client, hamar, hamar_user):
    membership = membership_of(hamar_user, hamar)

    response = hamar_admin_client.post(
        action_url("membership-role", membership), {"role": Role.SECRETARIAT}, follow=True
    )

    assert "Velg en rolle fra listen" in page_text(response)
    membership.refresh_from_db()
    assert membership.role == Role.APPLICANT
    hamar_user.refresh_from_db()
    assert not hamar_user.is_staff


def test_the_last_administrator_cannot_step_down(hamar_admin_client, hamar, hamar_admin):
    membership = membership_of(hamar_admin, hamar)

    response = hamar_admin_client.post(
        action_url("membership-role", membership), {"role": Role.APPLICANT}, follow=True
    )

    assert "må ha minst én administrator" in page_text(response)
    membership.refresh_from_db()
    assert membership.role == Role.ORGANISATION_ADMIN


def test_a_deactivated_colleague_loses_access_at_once_and_their_history_stays(
    hamar_admin_client, hamar, hamar_user
):
    colleague = Client()
    colleague.force_login(hamar_user)
    assert colleague.get(reverse("projects:my-applications")).status_code == 200
    membership = membership_of(hamar_user, hamar)

    response = hamar_admin_client.post(action_url("membership-deactivate", membership), follow=True)

    assert "Hanne Hamar er deaktivert og har ikke lenger tilgang" in page_text(response)
    # The session they already had opens nothing more.
    after = colleague.get(reverse("projects:my-applications"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("login"))
    assert colleague.get(reverse("accounts:my-account")).status_code == 302
    membership.refresh_from_db()
    assert (membership.is_active, membership.ended_at is not None) == (False, True)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DEACTIVATED, person=hamar_user).exists()
    assert "Deaktivert" in page_text(hamar_admin_client.get(people_url(hamar)))


def test_a_deactivated_colleague_is_reactivated(hamar_admin_client, hamar, hamar_user):
    membership = membership_of(hamar_user, hamar)
    hamar_admin_client.post(action_url("membership-deactivate", membership))

    hamar_admin_client.post(action_url("membership-reactivate", membership))

    membership.refresh_from_db()
    hamar_user.refresh_from_db()
    assert membership.is_active and hamar_user.is_active
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.REACTIVATED, person=hamar_user).exists()


def test_the_administrator_cannot_deactivate_themself(hamar_admin_client, hamar, hamar_admin):
    membership = membership_of(hamar_admin, hamar)

    response = hamar_admin_client.post(action_url("membership-deactivate", membership), follow=True)

    assert "Du kan ikke deaktivere deg selv" in page_text(response)
    membership.refresh_from_db()
    assert membership.is_active


def test_the_administrator_requires_a_second_factor_for_the_organisation(
    hamar_admin_client, hamar, hamar_admin
):
    url = reverse("accounts:second-factor-requirement", kwargs={"slug": hamar.organisation.slug})

    on = hamar_admin_client.post(url, {"required": "on"}, follow=True)
    hamar.organisation.refresh_from_db()
    assert hamar.organisation.requires_second_factor is True
    assert "Alle i Hamar må nå logge inn med tofaktor" in page_text(on)

    # Now Hamar's administrator too must pass a second factor before changing it back.
    held_back = hamar_admin_client.post(url, {})
    assert held_back.status_code == 302
    hamar.organisation.refresh_from_db()
    assert hamar.organisation.requires_second_factor is True
    pass_second_factor(hamar_admin_client, hamar_admin)
    hamar_admin_client.post(url, {})
    hamar.organisation.refresh_from_db()
    assert hamar.organisation.requires_second_factor is False
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.SECOND_FACTOR_REQUIREMENT_CHANGED)
    assert [event.actor for event in events] == [hamar_admin, hamar_admin]


def test_the_people_page_answers_others_with_login_or_forbidden(
    client, hamar_client, loten_admin_client, secretariat_client, hamar, hamar_admin
):
    url = people_url(hamar)

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"{reverse('login')}?next={url}"
    assert hamar_client.get(url).status_code == 403  # an applicant, not an administrator
    assert loten_admin_client.get(url).status_code == 403
    assert secretariat_client.get(url).status_code == 403  # the secretariat works in admin
    unknown = reverse("accounts:people", kwargs={"slug": "finnes-ikke"})
    assert loten_admin_client.get(unknown).status_code == 403


def test_an_administrator_of_hamar_cannot_change_lotens_people_even_by_guessing_ids(
    hamar_admin_client, hamar, loten, loten_user, loten_admin
):
    loten_membership = membership_of(loten_user, loten)
    hamar_slug = hamar.organisation.slug
    loten_slug = loten.organisation.slug
    attempts = []
    for slug in (hamar_slug, loten_slug):
        kwargs = {"slug": slug, "pk": loten_membership.pk}
        attempts += [
            hamar_admin_client.post(reverse("accounts:membership-deactivate", kwargs=kwargs)),
            hamar_admin_client.post(
                reverse("accounts:membership-role", kwargs=kwargs),
                {"role": Role.ORGANISATION_ADMIN},
            ),
        ]
    attempts.append(
        hamar_admin_client.post(
            reverse("accounts:second-factor-requirement", kwargs={"slug": loten_slug}),
            {"required": "on"},
        )
    )
    attempts.append(hamar_admin_client.get(people_url(loten)))

    assert [response.status_code for response in attempts] == [404, 404, 403, 403, 403, 403]
    loten_membership.refresh_from_db()
    loten.organisation.refresh_from_db()
    assert (loten_membership.is_active, loten_membership.role) == (True, Role.APPLICANT)
    assert loten.organisation.requires_second_factor is False
    assert not AuditEvent.objects.filter(person=loten_user).exists()


def test_an_administrator_cannot_revoke_or_resend_another_organisations_invitation(
    loten_admin_client, hamar_admin_client, hamar, loten
):
    loten_admin_client.post(
        reverse("accounts:people", kwargs={"slug": loten.organisation.slug}),
        {"email": "ny@loten.kommune.no", "role": Role.APPLICANT},
    )
    invitation = loten.organisation.invitations.get()

    for name in ("invitation-revoke", "invitation-resend"):
        response = hamar_admin_client.post(
            reverse(
                f"accounts:{name}", kwargs={"slug": hamar.organisation.slug, "pk": invitation.pk}
            )
        )
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_an_administrator_who_is_deactivated_loses_the_page_at_once(hamar, hamar_admin):
    second = UserFactory(first_name="Per", last_name="Berg")
    MembershipFactory(person=second, municipality=hamar, role=Role.ORGANISATION_ADMIN)
    first_session = Client()
    first_session.force_login(hamar_admin)
    second_session = Client()
    second_session.force_login(second)

    second_session.post(action_url("membership-deactivate", membership_of(hamar_admin, hamar)))

    assert first_session.get(people_url(hamar)).status_code == 302


def test_the_action_addresses_take_post_only(hamar_admin_client, hamar, hamar_user):
    membership = membership_of(hamar_user, hamar)

    assert (
        hamar_admin_client.get(action_url("membership-deactivate", membership)).status_code == 405
    )
    membership.refresh_from_db()
    assert membership.is_active


def test_a_huge_id_is_not_found(hamar_admin_client, hamar):
    url = reverse(
        "accounts:membership-deactivate",
        kwargs={"slug": hamar.organisation.slug, "pk": 99999999999999999999999},
    )

    assert hamar_admin_client.post(url).status_code == 404
