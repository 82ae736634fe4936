"""The secretariat's accounts in admin, and the password reset by e-mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from tests.admin_forms import admin_form_data
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory
from tests.html import page_text

pytestmark = pytest.mark.django_db

User = get_user_model()


def user_change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def test_the_secretariat_creates_an_applicant_for_a_municipality(secretariat_client, hamar):
    add_url = reverse("admin:auth_user_add")
    page = secretariat_client.get(add_url)
    assert page.status_code == 200
    (inline,) = page.context["inline_admin_formsets"]
    prefix = inline.formset.prefix
    data = admin_form_data(
        page,
        username="kari.hamar",
        password1="Et-langt-passord-2026",
        password2="Et-langt-passord-2026",
        **{f"{prefix}-0-organisation": str(hamar.organisation_id), f"{prefix}-0-role": "applicant"},
    )
    data.setdefault("usable_password", "true")

    response = secretariat_client.post(add_url, data)

    assert response.status_code == 302, page_text(response)
    user = User.objects.get(username="kari.hamar")
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, False, False)
    assert [m.organisation for m in Membership.objects.filter(person=user)] == [hamar.organisation]
    applicant = Client()
    assert applicant.login(username="kari.hamar", password="Et-langt-passord-2026")
    assert "Du søker på vegne av: Hamar" in page_text(
        applicant.get(reverse("projects:my-applications"))
    )


def test_the_secretariat_gives_an_applicant_a_second_municipality(secretariat_client, hamar, loten):
    applicant = UserFactory()
    MembershipFactory(person=applicant, municipality=hamar)
    page = secretariat_client.get(user_change_url(applicant))
    (inline,) = page.context["inline_admin_formsets"]
    prefix = inline.formset.prefix
    total = int(page.context["inline_admin_formsets"][0].formset.total_form_count())
    data = admin_form_data(
        page,
        **{
            f"{prefix}-{total - 1}-organisation": str(loten.organisation_id),
            f"{prefix}-{total - 1}-role": "applicant",
        },
    )

    response = secretariat_client.post(user_change_url(applicant), data)

    assert response.status_code == 302
    assert set(applicant.memberships.values_list("organisation__slug", flat=True)) == {
        "hamar",
        "loten",
    }


def test_the_secretariat_deactivates_an_applicant(secretariat_client, hamar_user):
    page = secretariat_client.get(user_change_url(hamar_user))
    data = admin_form_data(page)
    del data["is_active"]

    response = secretariat_client.post(user_change_url(hamar_user), data)

    assert response.status_code == 302
    hamar_user.refresh_from_db()
    assert hamar_user.is_active is False
    assert not Client().login(username=hamar_user.username, password=DEFAULT_PASSWORD)


def test_the_secretariat_may_not_delete_accounts(secretariat_client, hamar_user):
    response = secretariat_client.post(
        reverse("admin:auth_user_delete", args=[hamar_user.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert User.objects.filter(pk=hamar_user.pk).exists()


@pytest.mark.parametrize(
    "target",
    [
        {"is_staff": True},
        {"is_staff": True, "is_superuser": True},
        {"is_superuser": True},
    ],
    ids=["staff", "staff-superuser", "superuser"],
)
def test_the_secretariat_cannot_open_or_change_staff_or_superusers(secretariat_client, target):
    other = UserFactory(first_name="Uendret", **target)
    url = user_change_url(other)

    page = secretariat_client.get(url)
    posted = secretariat_client.post(
        url, {"username": other.username, "first_name": "Endret", "is_active": ""}
    )
    password = secretariat_client.post(
        reverse("admin:auth_user_password_change", args=[other.pk]),
        {"password1": "Overtatt-konto-2026", "password2": "Overtatt-konto-2026"},
    )

    assert page.status_code == 302
    assert page["Location"] == reverse("admin:index")
    assert posted.status_code == 302
    assert password.status_code == 404
    other.refresh_from_db()
    assert (other.first_name, other.is_active) == ("Uendret", True)
    assert other.check_password(DEFAULT_PASSWORD)
    changelist = secretariat_client.get(reverse("admin:auth_user_changelist"))
    assert other.username not in page_text(changelist)


def test_posting_rights_on_an_applicants_change_page_stores_none_of_them(
    secretariat_client, secretariat_group, hamar_user
):
    admin_group = Group.objects.create(name="Administratorer")
    permission = Permission.objects.get(codename="change_group")
    page = secretariat_client.get(user_change_url(hamar_user))
    assert {"is_staff", "is_superuser", "groups", "user_permissions"}.isdisjoint(
        page.context["adminform"].form.fields
    )
    data = admin_form_data(
        page,
        is_staff="on",
        is_superuser="on",
        groups=[str(secretariat_group.pk), str(admin_group.pk)],
        user_permissions=[str(permission.pk)],
        first_name="Hanne Marie",
    )

    response = secretariat_client.post(user_change_url(hamar_user), data)

    assert response.status_code == 302
    hamar_user.refresh_from_db()
    assert hamar_user.first_name == "Hanne Marie"
    assert (hamar_user.is_staff, hamar_user.is_superuser) == (False, False)
    assert not hamar_user.groups.exists()
    assert not hamar_user.user_permissions.exists()


def test_posting_rights_on_the_add_page_stores_none_of_them(secretariat_client, secretariat_group):
    page = secretariat_client.get(reverse("admin:auth_user_add"))
    data = admin_form_data(
        page,
        username="ny.bruker",
        password1="Et-langt-passord-2026",
        password2="Et-langt-passord-2026",
        is_staff="on",
        is_superuser="on",
        groups=[str(secretariat_group.pk)],
        user_permissions=[str(Permission.objects.get(codename="change_group").pk)],
    )
    data.setdefault("usable_password", "true")

    secretariat_client.post(reverse("admin:auth_user_add"), data)

    user = User.objects.get(username="ny.bruker")
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert not user.groups.exists()
    assert not user.user_permissions.exists()


def test_the_secretariat_cannot_change_any_groups_permissions(
    secretariat_client, secretariat_group
):
    permissions_before = set(secretariat_group.permissions.values_list("pk", flat=True))

    response = secretariat_client.post(
        reverse("admin:auth_group_change", args=[secretariat_group.pk]),
        {"name": secretariat_group.name, "permissions": [p.pk for p in Permission.objects.all()]},
    )

    assert response.status_code == 403
    assert set(secretariat_group.permissions.values_list("pk", flat=True)) == permissions_before


def test_an_applicant_resets_the_password_by_email(client, hamar_user):
    response = client.post(reverse("password_reset"), {"email": hamar_user.email}, follow=True)

    assert response.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert "Sjekk e-posten din" in page_text(response)
    (message,) = mail.outbox
    assert message.to == [hamar_user.email]
    assert message.subject == "Nytt passord til Hamarregionen IPR"
    assert f"Brukernavnet ditt er: {hamar_user.username}" in message.body
    (link,) = re.findall(r"https?://\S+", message.body)
    path = link.split("testserver", 1)[1]

    form_page = client.get(path, follow=True)
    assert "Lag nytt passord" in page_text(form_page)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "Nytt-passord-for-Hamar-1", "new_password2": "Nytt-passord-for-Hamar-1"},
        follow=True,
    )

    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    assert "Nytt passord er lagret" in page_text(done)
    fresh = Client()
    logged_in = fresh.post(
        reverse("login"),
        {"username": hamar_user.username, "password": "Nytt-passord-for-Hamar-1"},
        follow=True,
    )
    assert logged_in.context["user"] == hamar_user
    assert logged_in.redirect_chain[-1][0] == reverse("projects:my-applications")
    assert not Client().login(username=hamar_user.username, password=DEFAULT_PASSWORD)
    # The link is spent once used.
    assert "Lenken virker ikke" in page_text(client.get(path, follow=True))


def test_password_reset_for_an_unknown_or_inactive_address_sends_nothing_and_says_the_same(
    client, hamar_user
):
    hamar_user.is_active = False
    hamar_user.save()

    for email in (hamar_user.email, "ukjent@example.org"):
        response = client.post(reverse("password_reset"), {"email": email}, follow=True)
        assert response.redirect_chain == [(reverse("password_reset_done"), 302)]

    assert mail.outbox == []
