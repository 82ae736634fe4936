"""Every URL of the portal, the admin's included, is in one access table with the expected
answer for each of the five roles; a URL added without a row fails the coverage test.

To draft rows for new URLs: OBSERVE_URL_TABLE=/tmp/urls pytest tests/security/urls -k observe writes
what each role gets to /tmp/urls.<role>; check every answer before copying it into ACCESS."""

import os
import re
from urllib.parse import quote

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.urls.admin_url_access import ADMIN_ACCESS
from tests.security.urls.url_world import (
    ADMIN_LOGIN,
    LOGIN,
    REDIRECT,
    ROLES,
    admin_args,
    named_patterns,
    summary_of,
)

pytestmark = pytest.mark.django_db

OBSERVE = os.environ.get("OBSERVE_URL_TABLE")

# Every named URL with its answer to a GET from each role, in the order of ROLES: anonymous,
# municipality (a Hamar user: the owner of the applications), organisation administrator (another
# person of Hamar, who manages its people), other municipality (a Løten user), council member,
# secretariat. LOGIN and ADMIN_LOGIN are redirects to the login page with ?next=;
# REDIRECT goes elsewhere (the secretariat is sent from the edit page to the detail page, the
# admin's login page sends a logged-in user to the admin). 405: the URL takes POST only.
# How each URL is reversed: PORTAL_KWARGS below, and url_world.admin_args for admin:* by rule.
# The admin's rows are in admin_url_access.py.
ACCESS = {
    **ADMIN_ACCESS,
    "accounts:invitation-accept": (200, 200, 200, 200, 200, 200),
    "accounts:invitation-resend": (LOGIN, 403, 405, 403, 403, 403),
    "accounts:invitation-revoke": (LOGIN, 403, 405, 403, 403, 403),
    "accounts:membership-deactivate": (LOGIN, 403, 405, 403, 403, 403),
    "accounts:membership-reactivate": (LOGIN, 403, 405, 403, 403, 403),
    "accounts:membership-role": (LOGIN, 403, 405, 403, 403, 403),
    "accounts:my-account": (LOGIN, 200, 200, 200, 200, 200),
    "accounts:people": (LOGIN, 403, 200, 403, 403, 403),
    "accounts:second-factor-requirement": (LOGIN, 403, 405, 403, 403, 403),
    "accessibility-statement": (200, 200, 200, 200, 200, 200),
    # No identity provider is configured in the tests (tests/sign_on configures the test one).
    "accounts:sign-on-start": (404, 404, 404, 404, 404, 404),
    "archive:journal": (200, 200, 200, 200, 200, 200),
    "bokmal-prefix": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "favicon": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "grants:change-request": (LOGIN, 200, 200, 404, 404, 403),
    "grants:follow-up": (LOGIN, 200, 200, 404, 404, 200),
    "grants:payment-request-attachment": (LOGIN, 200, 200, 404, 404, 200),
    "grants:payment-request-attachment-upload": (LOGIN, 405, 405, 405, 405, 405),
    "grants:payment-request-create": (LOGIN, 200, 200, 404, 404, 403),
    "grants:payment-request-detail": (LOGIN, 200, 200, 404, 404, 200),
    "grants:progress-report": (LOGIN, 200, 200, 404, 404, 200),
    "health-live": (200, 200, 200, 200, 200, 200),
    "health-ready": (200, 200, 200, 200, 200, 200),
    "login": (200, 200, 200, 200, 200, 200),
    "meetings:calendar": (200, 200, 200, 200, 200, 200),
    "meetings:meeting-detail": (200, 200, 200, 200, 200, 200),
    "meetings:meeting-list": (200, 200, 200, 200, 200, 200),
    # The meeting pack: council members and the secretariat only, never an applicant.
    "meetings:meeting-pack": (LOGIN, 403, 403, 403, 200, 200),
    "meetings:disqualification-declare": (405, 405, 405, 405, 405, 405),
    "logout": (405, 405, 405, 405, 405, 405),
    "password_change": (LOGIN, 200, 200, 200, 200, 200),
    "password_change_done": (LOGIN, 200, 200, 200, 200, 200),
    "password_reset": (200, 200, 200, 200, 200, 200),
    "password_reset_complete": (200, 200, 200, 200, 200, 200),
    "password_reset_confirm": (200, 200, 200, 200, 200, 200),
    "password_reset_done": (200, 200, 200, 200, 200, 200),
    "privacy-statement": (200, 200, 200, 200, 200, 200),
    "programme:focus-area-detail": (200, 200, 200, 200, 200, 200),
    "programme:goal-detail": (200, 200, 200, 200, 200, 200),
    "programme:goal-list": (200, 200, 200, 200, 200, 200),
    "programme:home": (200, 200, 200, 200, 200, 200),
    "programme:programme-detail": (200, 200, 200, 200, 200, 200),
    "programme:programme-list": (200, 200, 200, 200, 200, 200),
    "projects:application-detail": (LOGIN, 200, 200, 404, 404, 200),
    "projects:application-edit": (LOGIN, 200, 200, 404, 404, REDIRECT),
    "projects:application-step": (LOGIN, 200, 200, 404, 404, REDIRECT),
    "projects:application-summary": (LOGIN, 200, 200, 404, 404, REDIRECT),
    "projects:application-autosave": (LOGIN, 405, 405, 404, 404, 403),
    "projects:application-receipt": (LOGIN, 200, 200, 404, 404, 200),
    "projects:application-document": (LOGIN, 200, 200, 404, 404, 200),
    "projects:application-start": (LOGIN, 200, 200, 200, 403, 403),
    "projects:application-withdraw": (LOGIN, 200, 200, 404, 404, 403),
    "projects:attachment-delete": (LOGIN, 405, 405, 405, 405, 405),
    "projects:attachment-download": (LOGIN, 200, 200, 404, 404, 200),
    "projects:message-attachment-download": (LOGIN, 200, 200, 404, 404, 200),
    "projects:message-send": (LOGIN, 405, 405, 405, 405, 405),
    "projects:attachment-upload": (LOGIN, 405, 405, 405, 405, 405),
    "projects:call-detail": (200, 200, 200, 200, 200, 200),
    "projects:call-list": (200, 200, 200, 200, 200, 200),
    "projects:final-report": (LOGIN, 200, 200, 404, 404, 200),
    "projects:grant-accept": (LOGIN, 405, 405, 405, 405, 405),
    "projects:my-applications": (LOGIN, 200, 200, 200, 200, 200),
    "workbench:landing": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "workbench:work-queue": (LOGIN, 403, 403, 403, 403, 200),
    "publication:opendata": (200, 200, 200, 200, 200, 200),
    "publication:opendata-csv": (200, 200, 200, 200, 200, 200),
    "publication:opendata-json": (200, 200, 200, 200, 200, 200),
    "publication:opendata-schema": (200, 200, 200, 200, 200, 200),
    "publication:project-detail": (200, 200, 200, 200, 200, 200),
    "publication:project-feed": (200, 200, 200, 200, 200, 200),
    "publication:project-list": (200, 200, 200, 200, 200, 200),
    "publication:project-map": (200, 200, 200, 200, 200, 200),
    "projects:project-start": (LOGIN, 405, 405, 405, 405, 405),
    "projects:report-attachment-upload": (LOGIN, 405, 405, 405, 405, 405),
    "publication:statistics": (200, 200, 200, 200, 200, 200),
    "robots": (200, 200, 200, 200, 200, 200),
    "search": (200, 200, 200, 200, 200, 200),
    "set_language": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "sitemap": (200, 200, 200, 200, 200, 200),
    "sitemap-section": (200, 200, 200, 200, 200, 200),
    # Without a state this browser started: back to the login page with a message.
    "sign_on:callback": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    # The second factor's pages. The applicants have none (verify and recovery codes send them
    # to enrol one); council and secretariat passed theirs, so verify sends them on; removing
    # the secretariat's app asks it to pass it again first, and no one else finds that device.
    "accounts:recovery-codes": (LOGIN, REDIRECT, REDIRECT, REDIRECT, 200, 200),
    "accounts:second-factor": (LOGIN, 200, 200, 200, 200, 200),
    "accounts:second-factor-remove": (LOGIN, 404, 404, 404, 404, REDIRECT),
    "accounts:second-factor-verify": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "accounts:totp-enrol": (LOGIN, 200, 200, 200, 200, 200),
    # Passkeys' ceremonies answer POST only, and only to a person who is logged in (a passkey is
    # never a login of its own); their messages for the browser are public.
    "otp_webauthn:credential-authentication-begin": (403, 405, 405, 405, 405, 405),
    "otp_webauthn:credential-authentication-complete": (403, 405, 405, 405, 405, 405),
    "otp_webauthn:credential-registration-begin": (403, 405, 405, 405, 405, 405),
    "otp_webauthn:credential-registration-complete": (403, 405, 405, 405, 405, 405),
    "otp_webauthn:js-i18n-catalog": (200, 200, 200, 200, 200, 200),
}  # fmt: skip


# Patterns without a name are the admin's own fallbacks: <object_id>/ redirects to the change
# page and the catch-all answers 404 or a redirect to the login page.
UNNAMED_ADMIN_ROUTE = re.compile(r"^admin/(.*<path:object_id>/|\(\?P<url>\.\*\)\$)$")


def reset_kwargs(world):
    user = world["draft"].created_by
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


@pytest.fixture
def role_clients(
    owner_client, organisation_admin_client, loten_client, council_client, world_secretariat_client
):
    return {
        "anonymous": Client(),
        "municipality": owner_client,
        "organisation_admin": organisation_admin_client,
        "other_municipality": loten_client,
        "council": council_client,
        "secretariat": world_secretariat_client,
    }


def answer(summary, url):
    status, location = summary
    if 300 <= status < 400:
        if location == f"{reverse('login')}?next={quote(url)}":
            return LOGIN
        if location == f"{reverse('admin:login')}?next={quote(url)}":
            return ADMIN_LOGIN
        return REDIRECT
    return status


def url_of(name, world):
    if name.startswith("admin:"):
        found = admin_args(name, world)
    else:
        found = PORTAL_KWARGS.get(name, lambda w: {})(world)
    if isinstance(found, tuple):
        return reverse(name, args=found[1])
    return reverse(name, kwargs=found)


def hamar_people(more=lambda w: {}):
    """An address on Hamar's «Brukere», with the ids `more` gives."""
    return lambda w: {"slug": w["invitation"].organisation.slug, **more(w)}


PORTAL_KWARGS = {
    "accounts:invitation-accept": lambda w: {"token": w["invitation_token"]},
    "accounts:people": hamar_people(),
    "accounts:membership-role": hamar_people(
        lambda w: {"pk": w["objects"]["accounts_membership"].pk}
    ),
    "accounts:membership-deactivate": hamar_people(
        lambda w: {"pk": w["objects"]["accounts_membership"].pk}
    ),
    "accounts:membership-reactivate": hamar_people(
        lambda w: {"pk": w["objects"]["accounts_membership"].pk}
    ),
    "accounts:invitation-resend": hamar_people(lambda w: {"pk": w["invitation"].pk}),
    "accounts:invitation-revoke": hamar_people(lambda w: {"pk": w["invitation"].pk}),
    "accounts:second-factor-requirement": hamar_people(),
    "accounts:sign-on-start": lambda w: {"provider": "hamar-entra"},
    "accounts:second-factor-remove": lambda w: {
        "kind": "app",
        "pk": TOTPDevice.objects.get(user=w["secretariat_user"]).pk,
    },
    "bokmal-prefix": lambda w: {"rest": "prosjekter/"},
    "password_reset_confirm": reset_kwargs,
    "programme:programme-detail": lambda w: {"slug": w["programme"].slug},
    "programme:focus-area-detail": lambda w: {
        "programme_slug": w["programme"].slug,
        "slug": w["focus_area"].slug,
    },
    "programme:goal-detail": lambda w: {"number": 1},
    "publication:project-detail": lambda w: {"pk": w["public"].pk},
    "meetings:meeting-detail": lambda w: {"pk": w["meeting"].pk},
    "meetings:meeting-pack": lambda w: {"pk": w["meeting"].pk},
    "meetings:disqualification-declare": lambda w: {
        "pk": w["meeting"].pk,
        "item_pk": w["meeting"].agenda_items.get().pk,
    },
    "projects:call-detail": lambda w: {"slug": w["call"].slug},
    "publication:opendata-csv": lambda w: {"dataset": "prosjekter"},
    "publication:opendata-json": lambda w: {"dataset": "handlingsprogram"},
    "publication:opendata-schema": lambda w: {"dataset": "prosjekter"},
    "sitemap-section": lambda w: {"section": "prosjekter"},
    "projects:application-start": lambda w: {"call_slug": w["call"].slug},
    "projects:application-detail": lambda w: {"pk": w["draft"].pk},
    "projects:application-edit": lambda w: {"pk": w["draft"].pk},
    "projects:application-withdraw": lambda w: {"pk": w["draft"].pk},
    "projects:application-step": lambda w: {"pk": w["draft"].pk, "step": "planer"},
    "projects:application-summary": lambda w: {"pk": w["draft"].pk},
    "projects:application-autosave": lambda w: {"pk": w["draft"].pk},
    "projects:application-receipt": lambda w: {"pk": w["in_progress"].pk},
    "projects:application-document": lambda w: {
        "pk": w["in_progress"].pk,
        "document_pk": w["in_progress"].documents.get().pk,
    },
    "projects:attachment-upload": lambda w: {"pk": w["draft"].pk},
    "projects:project-start": lambda w: {"pk": w["approved"].pk},
    "projects:grant-accept": lambda w: {"pk": w["approved"].pk},
    "projects:final-report": lambda w: {"pk": w["in_progress"].pk},
    "grants:follow-up": lambda w: {"pk": w["in_progress"].pk},
    "grants:progress-report": lambda w: {"pk": w["in_progress"].pk, "number": 1},
    "grants:change-request": lambda w: {"pk": w["in_progress"].pk, "kind": "budsjett"},
    "projects:report-attachment-upload": lambda w: {"pk": w["in_progress"].pk},
    "projects:attachment-download": lambda w: {
        "application_pk": w["draft"].pk,
        "pk": w["attachment"].pk,
    },
    "projects:attachment-delete": lambda w: {
        "application_pk": w["draft"].pk,
        "pk": w["attachment"].pk,
    },
    "projects:message-send": lambda w: {"pk": w["in_progress"].pk},
    "projects:message-attachment-download": lambda w: {
        "application_pk": w["in_progress"].pk,
        "pk": w["message"].attachments.get().pk,
    },
    # An application with no request pending, where its owner may ask for a payment.
    "grants:payment-request-create": lambda w: {"pk": w["reported"].pk},
    "grants:payment-request-detail": lambda w: {
        "pk": w["in_progress"].pk,
        "request_pk": w["payment_request"].pk,
    },
    "grants:payment-request-attachment-upload": lambda w: {
        "pk": w["in_progress"].pk,
        "request_pk": w["payment_request"].pk,
    },
    "grants:payment-request-attachment": lambda w: {
        "pk": w["in_progress"].pk,
        "request_pk": w["payment_request"].pk,
        "attachment_pk": w["payment_request"].attachments.get().pk,
    },
}


def test_every_url_pattern_is_in_the_access_table():
    named = {name for name, _ in named_patterns() if name}
    unnamed = [route for name, route in named_patterns() if not name]

    uncovered = sorted(named - set(ACCESS))
    assert not uncovered, "URL patterns missing from ACCESS: " + ", ".join(uncovered)
    stale = sorted(set(ACCESS) - named)
    assert not stale, "ACCESS rows for URLs that no longer exist: " + ", ".join(stale)
    strange = [route for route in unnamed if not UNNAMED_ADMIN_ROUTE.match(route)]
    assert not strange, "URL patterns without a name: " + ", ".join(strange)


def test_the_table_gives_an_answer_for_each_role():
    assert all(len(answers) == len(ROLES) for answers in ACCESS.values())
    # The table is not a copy of one role: anonymous visitors never reach a private page.
    private = [name for name, answers in ACCESS.items() if answers[0] not in (LOGIN, ADMIN_LOGIN)]
    assert "projects:my-applications" not in private
    assert all(not name.startswith("admin:") or name in ADMIN_PUBLIC for name in private)


# The admin URLs an anonymous visitor reaches without being sent to the login page.
ADMIN_PUBLIC = {"admin:login", "admin:logout"}


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_table_says(world, role_clients, role):
    client = role_clients[role]
    position = ROLES.index(role)
    wrong = []
    for name, answers in sorted(ACCESS.items()):
        url = url_of(name, world)
        got = answer(summary_of(world, role, client, url), url)
        if got != answers[position]:
            wrong.append(f"{name} ({url}): expected {answers[position]}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
