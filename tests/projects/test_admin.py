"""The secretariat in admin: funding calls, partners, returning applications, and the applicant
accounts, without any way to give anyone more rights; password reset for applicants."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from programme.models import Programme
from projects.models import FundingCall, Membership, Municipality, StatusChange
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import (
    DEFAULT_PASSWORD,
    FocusAreaFactory,
    MembershipFactory,
    UserFactory,
    complete_application,
)
from tests.html import page_text, start_tags

pytestmark = pytest.mark.django_db

User = get_user_model()
OSLO = ZoneInfo("Europe/Oslo")
RETURN_COMMENT = "Finansieringsplanen mangler bekreftelse fra fylkeskommunen."


def transition_url(application, action):
    return reverse("admin:projects_application_transition", args=[application.pk, action])


def user_change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


@pytest.fixture
def submitted(hamar, hamar_user):
    return complete_application(
        lead_municipality=hamar,
        created_by=hamar_user,
        status=State.SUBMITTED,
        contact_email="kontakt@hamar.example.org",
    )


# --- Funding calls and partners ---------------------------------------------------------------


def test_the_secretariat_adds_a_funding_call_that_the_public_sees(client, secretariat_client):
    focus_areas = [
        FocusAreaFactory(programme__status=Programme.Status.ARCHIVED, name="Befolkningsvekst")
    ]
    focus_areas.append(
        FocusAreaFactory(programme=focus_areas[0].programme, name="Ikke med i utlysningen")
    )
    add_url = reverse("admin:projects_fundingcall_add")
    assert secretariat_client.get(add_url).status_code == 200

    response = secretariat_client.post(
        add_url,
        {
            "programme": focus_areas[0].programme.pk,
            "title": "Utviklingsmidler 2099",
            "slug": "utviklingsmidler-2099",
            "is_published": "on",
            "opens_at_0": "01.02.2099",
            "opens_at_1": "08:00",
            "closes_at_0": "27.11.2099",
            "closes_at_1": "12:00",
            "budget_frame": "2000000",
            "max_amount": "500000",
            "max_share_percent": "50",
            "description": "Søk om **midler**.",
            "focus_areas": [focus_areas[0].pk],
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    call = FundingCall.objects.get(slug="utviklingsmidler-2099")
    assert call.closes_at == datetime(2099, 11, 27, 12, 0, tzinfo=OSLO)
    assert call.opens_at == datetime(2099, 2, 1, 8, 0, tzinfo=OSLO)
    assert (call.budget_frame, call.max_amount, call.max_share_percent) == (2_000_000, 500_000, 50)
    assert list(call.focus_areas.all()) == [focus_areas[0]]
    text = page_text(client.get(call.get_absolute_url()))
    assert "Søknadsfrist: 27.11.2099 kl. 12:00" in text
    assert "Befolkningsvekst" in text
    assert "Ikke med i utlysningen" not in text


def test_the_funding_call_admin_refuses_a_largest_amount_over_the_frame(secretariat_client):
    focus_area = FocusAreaFactory()

    response = secretariat_client.post(
        reverse("admin:projects_fundingcall_add"),
        {
            "programme": focus_area.programme.pk,
            "title": "For stor",
            "slug": "for-stor",
            "opens_at_0": "01.02.2099",
            "opens_at_1": "08:00",
            "closes_at_0": "01.01.2099",
            "closes_at_1": "12:00",
            "budget_frame": "100",
            "max_amount": "101",
            "max_share_percent": "50",
            "focus_areas": [focus_area.pk],
        },
    )

    assert response.status_code == 200
    text = page_text(response)
    assert "Største beløp per søknad kan ikke være over rammen." in text
    assert "Søknadsfristen må være etter at utlysningen åpner." in text
    assert not FundingCall.objects.exists()


def test_the_secretariat_adds_a_partner_such_as_the_county(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:projects_municipality_add"),
        {
            "name": "Innlandet fylkeskommune",
            "slug": "innlandet-fylkeskommune",
            "number": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    county = Municipality.objects.get(slug="innlandet-fylkeskommune")
    assert county.is_member is False
    assert set(Municipality.objects.members().values_list("slug", flat=True)) == {
        "hamar",
        "loten",
        "ringsaker",
        "stange",
    }


# --- Returning an application -----------------------------------------------------------------


def test_the_change_page_of_a_submitted_application_has_a_return_button(
    secretariat_client, submitted
):
    response = secretariat_client.get(
        reverse("admin:projects_application_change", args=[submitted.pk])
    )

    assert response.status_code == 200
    links = {attrs.get("href"): attrs for _, attrs in start_tags(response, "a")}
    assert transition_url(submitted, "return") in links
    assert "Send tilbake for endring" in page_text(response)


def test_a_draft_has_no_return_button(secretariat_client, hamar, hamar_user):
    draft = complete_application(lead_municipality=hamar, created_by=hamar_user)

    response = secretariat_client.get(reverse("admin:projects_application_change", args=[draft.pk]))

    assert response.status_code == 200
    assert transition_url(draft, "return") not in response.content.decode()


def test_the_return_page_refuses_an_empty_comment_at_the_field(secretariat_client, submitted):
    page = secretariat_client.get(transition_url(submitted, "return"))

    response = secretariat_client.post(transition_url(submitted, "return"), {"comment": "  "})

    assert page.status_code == 200
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "comment": ["Skriv en begrunnelse som søkeren får se."]
    }
    assert "Skriv en begrunnelse som søkeren får se." in page_text(response)
    submitted.refresh_from_db()
    assert submitted.status == State.SUBMITTED
    assert not StatusChange.objects.filter(application=submitted).exists()


def test_the_secretariat_returns_an_application_with_a_comment(
    secretariat_client, secretariat_user, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            transition_url(submitted, "return"), {"comment": RETURN_COMMENT}, follow=True
        )

    change_url = reverse("admin:projects_application_change", args=[submitted.pk])
    assert response.redirect_chain == [(change_url, 302)]
    assert f"«Send tilbake for endring» er utført for «{submitted.title}»." in page_text(response)
    submitted.refresh_from_db()
    assert submitted.status == State.RETURNED
    change = StatusChange.objects.get(application=submitted)
    assert (change.action, change.actor, change.comment) == (
        "return",
        secretariat_user,
        RETURN_COMMENT,
    )
    assert [message.to for message in mail.outbox] == [
        ["kontakt@hamar.example.org", submitted.created_by.email],
        ["sekretariat@example.org"],
    ]
    assert RETURN_COMMENT in mail.outbox[0].body


def test_returning_a_draft_through_the_admin_url_changes_nothing(
    secretariat_client, hamar, hamar_user
):
    draft = complete_application(lead_municipality=hamar, created_by=hamar_user)

    response = secretariat_client.post(transition_url(draft, "return"), {"comment": "Hei"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == State.DRAFT
    assert not StatusChange.objects.filter(application=draft).exists()


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_the_admin_cannot_take_the_applicants_actions(secretariat_client, submitted, action):
    response = secretariat_client.post(transition_url(submitted, action), {"comment": "x"})

    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == State.SUBMITTED


def test_staff_outside_the_secretariat_cannot_return(client, submitted):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(transition_url(submitted, "return"), {"comment": RETURN_COMMENT})

    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == State.SUBMITTED


# --- Applicant accounts -----------------------------------------------------------------------


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
        **{f"{prefix}-0-municipality": str(hamar.pk)},
    )
    data.setdefault("usable_password", "true")

    response = secretariat_client.post(add_url, data)

    assert response.status_code == 302, page_text(response)
    user = User.objects.get(username="kari.hamar")
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, False, False)
    assert [m.municipality for m in Membership.objects.filter(user=user)] == [hamar]
    applicant = Client()
    assert applicant.login(username="kari.hamar", password="Et-langt-passord-2026")
    assert "Du søker på vegne av: Hamar" in page_text(
        applicant.get(reverse("projects:my-applications"))
    )


def test_the_secretariat_gives_an_applicant_a_second_municipality(secretariat_client, hamar, loten):
    applicant = UserFactory()
    MembershipFactory(user=applicant, municipality=hamar)
    page = secretariat_client.get(user_change_url(applicant))
    (inline,) = page.context["inline_admin_formsets"]
    prefix = inline.formset.prefix
    total = int(page.context["inline_admin_formsets"][0].formset.total_form_count())
    data = admin_form_data(page, **{f"{prefix}-{total - 1}-municipality": str(loten.pk)})

    response = secretariat_client.post(user_change_url(applicant), data)

    assert response.status_code == 302
    assert set(applicant.municipalities.values_list("slug", flat=True)) == {"hamar", "loten"}


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


# --- Password reset ---------------------------------------------------------------------------


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


def test_the_application_list_searches_as_the_catalogue_does(secretariat_client, hamar, loten):
    """Title, summary and the owner's and the partners' names, every word somewhere, each
    application once."""
    charging = complete_application(
        title="Ladestasjoner langs riksveien", status=State.SUBMITTED, lead_municipality=hamar
    )
    charging.partner_municipalities.add(loten)
    complete_application(
        title="Vinterturisme",
        summary="Flere gjester om vinteren.",
        status=State.SUBMITTED,
        lead_municipality=hamar,
    )

    def listed(q):
        response = secretariat_client.get(
            reverse("admin:projects_application_changelist"), {"q": q}
        )
        return sorted(application.title for application in response.context["cl"].result_list)

    assert listed("Løten") == ["Ladestasjoner langs riksveien"]  # a partner
    assert listed("Hamar") == ["Ladestasjoner langs riksveien", "Vinterturisme"]
    assert listed("gjester vinter") == ["Vinterturisme"]
    assert listed("gjester ladestasjoner") == []
