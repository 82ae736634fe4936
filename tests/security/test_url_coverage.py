"""Every URL of the portal, the admin's included, is in one access table with the expected
answer for each of the five roles; a URL added without a row fails the coverage test.

To draft rows for new URLs: OBSERVE_URL_TABLE=/tmp/urls pytest tests/security -k observe writes
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

from tests.security.url_world import (
    ADMIN_LOGIN,
    LOGIN,
    REDIRECT,
    ROLES,
    admin_args,
    named_patterns,
)

pytestmark = pytest.mark.django_db

OBSERVE = os.environ.get("OBSERVE_URL_TABLE")

# Every named URL with its answer to a GET from each role, in the order of ROLES: anonymous,
# municipality (a Hamar user: the owner of the applications), other municipality (a Løten user),
# council member, secretariat. LOGIN and ADMIN_LOGIN are redirects to the login page with ?next=;
# REDIRECT goes elsewhere (the secretariat is sent from the edit page to the detail page, the
# admin's login page sends a logged-in user to the admin). 405: the URL takes POST only.
# How each URL is reversed: PORTAL_KWARGS below, and url_world.admin_args for admin:* by rule.
# Visitors who are not staff are sent to the admin's login page from every admin page.
NON_STAFF = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN)
ACCESS = {
    "accessibility-statement": (200, 200, 200, 200, 200),
    "bokmal-prefix": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "admin:app_list": (*NON_STAFF, 200, 200),
    "admin:auth_group_add": (*NON_STAFF, 403, 403),
    "admin:auth_group_change": (*NON_STAFF, 403, 403),
    "admin:auth_group_changelist": (*NON_STAFF, 403, 403),
    "admin:auth_group_delete": (*NON_STAFF, 403, 403),
    "admin:auth_group_history": (*NON_STAFF, 403, 403),
    "admin:auth_user_add": (*NON_STAFF, 403, 200),
    "admin:auth_user_change": (*NON_STAFF, 403, 200),
    "admin:auth_user_changelist": (*NON_STAFF, 403, 200),
    "admin:auth_user_delete": (*NON_STAFF, 403, 403),
    "admin:auth_user_history": (*NON_STAFF, 403, 200),
    "admin:auth_user_password_change": (*NON_STAFF, 403, 200),
    "admin:autocomplete": (*NON_STAFF, 403, 403),
    "admin:axes_accessattempt_add": (*NON_STAFF, 403, 403),
    "admin:axes_accessattempt_change": (*NON_STAFF, 403, 200),
    "admin:axes_accessattempt_changelist": (*NON_STAFF, 403, 200),
    "admin:axes_accessattempt_delete": (*NON_STAFF, 403, 200),
    "admin:axes_accessattempt_history": (*NON_STAFF, 403, 200),
    "admin:axes_accessfailurelog_add": (*NON_STAFF, 403, 403),
    "admin:axes_accessfailurelog_change": (*NON_STAFF, 403, 200),
    "admin:axes_accessfailurelog_changelist": (*NON_STAFF, 403, 200),
    "admin:axes_accessfailurelog_delete": (*NON_STAFF, 403, 200),
    "admin:axes_accessfailurelog_history": (*NON_STAFF, 403, 200),
    "admin:axes_accesslog_add": (*NON_STAFF, 403, 403),
    "admin:axes_accesslog_change": (*NON_STAFF, 403, 200),
    "admin:axes_accesslog_changelist": (*NON_STAFF, 403, 200),
    "admin:axes_accesslog_delete": (*NON_STAFF, 403, 200),
    "admin:axes_accesslog_history": (*NON_STAFF, 403, 200),
    "admin:index": (*NON_STAFF, 200, 200),
    "admin:jsi18n": (*NON_STAFF, 200, 200),
    "admin:login": (200, 200, 200, REDIRECT, REDIRECT),
    "admin:logout": (REDIRECT, REDIRECT, REDIRECT, 405, 405),
    "admin:meetings_guest_add": (*NON_STAFF, 403, 200),
    "admin:meetings_guest_change": (*NON_STAFF, 200, 200),
    "admin:meetings_guest_changelist": (*NON_STAFF, 200, 200),
    "admin:meetings_guest_delete": (*NON_STAFF, 403, 200),
    "admin:meetings_guest_history": (*NON_STAFF, 200, 200),
    "admin:meetings_guest_simple_history": (*NON_STAFF, 200, 200),
    "admin:meetings_meeting_add": (*NON_STAFF, 403, 200),
    "admin:meetings_meeting_change": (*NON_STAFF, 200, 200),
    "admin:meetings_meeting_changelist": (*NON_STAFF, 200, 200),
    "admin:meetings_meeting_delete": (*NON_STAFF, 403, 200),
    "admin:meetings_meeting_history": (*NON_STAFF, 200, 200),
    "admin:meetings_meeting_simple_history": (*NON_STAFF, 200, 200),
    "admin:password_change": (*NON_STAFF, 200, 200),
    "admin:password_change_done": (*NON_STAFF, 200, 200),
    "admin:post_office_email_add": (*NON_STAFF, 403, 403),
    "admin:post_office_email_change": (*NON_STAFF, 403, 200),
    "admin:post_office_email_changelist": (*NON_STAFF, 403, 200),
    "admin:post_office_email_delete": (*NON_STAFF, 403, 403),
    "admin:post_office_email_history": (*NON_STAFF, 403, 200),
    "admin:post_office_email_image": (*NON_STAFF, 403, 404),
    "admin:post_office_email_preview": (*NON_STAFF, 403, 404),
    "admin:post_office_log_add": (*NON_STAFF, 403, 403),
    "admin:post_office_log_change": (*NON_STAFF, 403, 200),
    "admin:post_office_log_changelist": (*NON_STAFF, 403, 200),
    "admin:post_office_log_delete": (*NON_STAFF, 403, 403),
    "admin:post_office_log_history": (*NON_STAFF, 403, 200),
    "admin:programme_commitment_add": (*NON_STAFF, 403, 200),
    "admin:programme_commitment_change": (*NON_STAFF, 403, 200),
    "admin:programme_commitment_changelist": (*NON_STAFF, 403, 200),
    "admin:programme_commitment_delete": (*NON_STAFF, 403, 200),
    "admin:programme_commitment_history": (*NON_STAFF, 403, 200),
    "admin:programme_commitment_simple_history": (*NON_STAFF, 403, 200),
    "admin:programme_focusarea_add": (*NON_STAFF, 403, 200),
    "admin:programme_focusarea_change": (*NON_STAFF, 403, 200),
    "admin:programme_focusarea_changelist": (*NON_STAFF, 403, 200),
    "admin:programme_focusarea_delete": (*NON_STAFF, 403, 200),
    "admin:programme_focusarea_history": (*NON_STAFF, 403, 200),
    "admin:programme_focusarea_simple_history": (*NON_STAFF, 403, 200),
    "admin:programme_programme_add": (*NON_STAFF, 403, 200),
    "admin:programme_programme_change": (*NON_STAFF, 403, 200),
    "admin:programme_programme_changelist": (*NON_STAFF, 403, 200),
    "admin:programme_programme_delete": (*NON_STAFF, 403, 200),
    "admin:programme_programme_history": (*NON_STAFF, 403, 200),
    "admin:programme_programme_simple_history": (*NON_STAFF, 403, 200),
    "admin:programme_subtheme_add": (*NON_STAFF, 403, 200),
    "admin:programme_subtheme_change": (*NON_STAFF, 403, 200),
    "admin:programme_subtheme_changelist": (*NON_STAFF, 403, 200),
    "admin:programme_subtheme_delete": (*NON_STAFF, 403, 200),
    "admin:programme_subtheme_history": (*NON_STAFF, 403, 200),
    "admin:programme_subtheme_simple_history": (*NON_STAFF, 403, 200),
    "admin:programme_sustainabledevelopmentgoal_add": (*NON_STAFF, 403, 403),
    "admin:programme_sustainabledevelopmentgoal_change": (*NON_STAFF, 403, 200),
    "admin:programme_sustainabledevelopmentgoal_changelist": (*NON_STAFF, 403, 200),
    "admin:programme_sustainabledevelopmentgoal_delete": (*NON_STAFF, 403, 403),
    "admin:programme_sustainabledevelopmentgoal_history": (*NON_STAFF, 403, 200),
    "admin:programme_theme_add": (*NON_STAFF, 403, 200),
    "admin:programme_theme_change": (*NON_STAFF, 403, 200),
    "admin:programme_theme_changelist": (*NON_STAFF, 403, 200),
    "admin:programme_theme_delete": (*NON_STAFF, 403, 200),
    "admin:programme_theme_history": (*NON_STAFF, 403, 200),
    "admin:programme_theme_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_appeal_add": (*NON_STAFF, 403, 403),
    "admin:projects_appeal_change": (*NON_STAFF, 403, 200),
    "admin:projects_appeal_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_appeal_delete": (*NON_STAFF, 403, 403),
    "admin:projects_appeal_history": (*NON_STAFF, 403, 200),
    "admin:projects_appeal_simple_history": (*NON_STAFF, 403, 200),
    # One row, made by a migration: none is added, and it is never deleted.
    "admin:projects_appealroute_add": (*NON_STAFF, 403, 403),
    "admin:projects_appealroute_change": (*NON_STAFF, 403, 200),
    "admin:projects_appealroute_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_appealroute_delete": (*NON_STAFF, 403, 403),
    "admin:projects_appealroute_history": (*NON_STAFF, 403, 200),
    "admin:projects_appealroute_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_application_add": (*NON_STAFF, 403, 403),
    "admin:projects_application_change": (*NON_STAFF, REDIRECT, 200),
    "admin:projects_application_changelist": (*NON_STAFF, 200, 200),
    "admin:projects_application_decision_letter": (*NON_STAFF, 403, 200),
    "admin:projects_application_delete": (*NON_STAFF, 403, 403),
    "admin:projects_application_export_csv": (*NON_STAFF, 403, 200),
    "admin:projects_application_history": (*NON_STAFF, 403, 200),
    "admin:projects_application_payment": (*NON_STAFF, 403, 200),
    "admin:projects_application_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_application_transition": (*NON_STAFF, 403, 403),
    "admin:projects_decision_add": (*NON_STAFF, 403, 403),
    "admin:projects_decision_change": (*NON_STAFF, 403, 200),
    "admin:projects_decision_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_decision_delete": (*NON_STAFF, 403, 403),
    "admin:projects_decision_history": (*NON_STAFF, 403, 200),
    "admin:projects_decision_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_finalreport_add": (*NON_STAFF, 403, 403),
    "admin:projects_finalreport_change": (*NON_STAFF, 403, 200),
    "admin:projects_finalreport_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_finalreport_delete": (*NON_STAFF, 403, 403),
    "admin:projects_finalreport_history": (*NON_STAFF, 403, 200),
    "admin:projects_finalreport_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_fundingcall_add": (*NON_STAFF, 403, 200),
    "admin:projects_fundingcall_change": (*NON_STAFF, 403, 200),
    "admin:projects_fundingcall_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_fundingcall_delete": (*NON_STAFF, 403, 200),
    "admin:projects_fundingcall_history": (*NON_STAFF, 403, 200),
    "admin:projects_fundingcall_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_municipality_add": (*NON_STAFF, 403, 200),
    "admin:projects_municipality_change": (*NON_STAFF, 403, 200),
    "admin:projects_municipality_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_municipality_delete": (*NON_STAFF, 403, 403),
    "admin:projects_municipality_history": (*NON_STAFF, 403, 200),
    "admin:projects_municipality_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_payment_add": (*NON_STAFF, 403, 403),
    "admin:projects_payment_change": (*NON_STAFF, 403, 200),
    "admin:projects_payment_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_payment_delete": (*NON_STAFF, 403, 403),
    "admin:projects_payment_history": (*NON_STAFF, 403, 200),
    "admin:projects_payment_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_recommendation_add": (*NON_STAFF, 403, 403),
    "admin:projects_recommendation_change": (*NON_STAFF, 403, 200),
    "admin:projects_recommendation_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_recommendation_delete": (*NON_STAFF, 403, 403),
    "admin:projects_recommendation_history": (*NON_STAFF, 403, 200),
    "admin:projects_recommendation_simple_history": (*NON_STAFF, 403, 200),
    "admin:projects_reportreminder_add": (*NON_STAFF, 403, 403),
    "admin:projects_reportreminder_change": (*NON_STAFF, 403, 200),
    "admin:projects_reportreminder_changelist": (*NON_STAFF, 403, 200),
    "admin:projects_reportreminder_delete": (*NON_STAFF, 403, 403),
    "admin:projects_reportreminder_history": (*NON_STAFF, 403, 200),
    "admin:resend": (*NON_STAFF, 403, 403),
    "admin:view_on_site": (*NON_STAFF, 404, REDIRECT),
    "favicon": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "health-live": (200, 200, 200, 200, 200),
    "health-ready": (200, 200, 200, 200, 200),
    "login": (200, 200, 200, 200, 200),
    "meetings:meeting-detail": (200, 200, 200, 200, 200),
    "meetings:meeting-list": (200, 200, 200, 200, 200),
    "logout": (405, 405, 405, 405, 405),
    "password_change": (LOGIN, 200, 200, 200, 200),
    "password_change_done": (LOGIN, 200, 200, 200, 200),
    "password_reset": (200, 200, 200, 200, 200),
    "password_reset_complete": (200, 200, 200, 200, 200),
    "password_reset_confirm": (200, 200, 200, 200, 200),
    "password_reset_done": (200, 200, 200, 200, 200),
    "privacy-statement": (200, 200, 200, 200, 200),
    "programme:focus-area-detail": (200, 200, 200, 200, 200),
    "programme:goal-detail": (200, 200, 200, 200, 200),
    "programme:goal-list": (200, 200, 200, 200, 200),
    "programme:home": (200, 200, 200, 200, 200),
    "programme:programme-detail": (200, 200, 200, 200, 200),
    "programme:programme-list": (200, 200, 200, 200, 200),
    "projects:application-detail": (LOGIN, 200, 404, 404, 200),
    "projects:application-edit": (LOGIN, 200, 404, 404, REDIRECT),
    "projects:application-step": (LOGIN, 200, 404, 404, REDIRECT),
    "projects:application-summary": (LOGIN, 200, 404, 404, REDIRECT),
    "projects:application-autosave": (LOGIN, 405, 404, 404, 403),
    "projects:application-receipt": (LOGIN, 200, 404, 404, 200),
    "projects:application-document": (LOGIN, 200, 404, 404, 200),
    "projects:application-start": (LOGIN, 200, 200, 403, 403),
    "projects:application-withdraw": (LOGIN, 200, 404, 404, 403),
    "projects:attachment-delete": (LOGIN, 405, 405, 405, 405),
    "projects:attachment-download": (LOGIN, 200, 404, 404, 200),
    "projects:attachment-upload": (LOGIN, 405, 405, 405, 405),
    "projects:call-detail": (200, 200, 200, 200, 200),
    "projects:call-list": (200, 200, 200, 200, 200),
    "projects:final-report": (LOGIN, 200, 404, 404, 200),
    "projects:my-applications": (LOGIN, 200, 200, 200, 200),
    "publication:opendata": (200, 200, 200, 200, 200),
    "publication:opendata-csv": (200, 200, 200, 200, 200),
    "publication:opendata-json": (200, 200, 200, 200, 200),
    "publication:opendata-schema": (200, 200, 200, 200, 200),
    "publication:project-detail": (200, 200, 200, 200, 200),
    "publication:project-feed": (200, 200, 200, 200, 200),
    "publication:project-list": (200, 200, 200, 200, 200),
    "publication:project-map": (200, 200, 200, 200, 200),
    "projects:project-start": (LOGIN, 405, 405, 405, 405),
    "projects:report-attachment-upload": (LOGIN, 405, 405, 405, 405),
    "publication:statistics": (200, 200, 200, 200, 200),
    "robots": (200, 200, 200, 200, 200),
    "search": (200, 200, 200, 200, 200),
    "set_language": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "sitemap": (200, 200, 200, 200, 200),
    "sitemap-section": (200, 200, 200, 200, 200),
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
def role_clients(owner_client, loten_client, council_client, world_secretariat_client):
    return {
        "anonymous": Client(),
        "municipality": owner_client,
        "other_municipality": loten_client,
        "council": council_client,
        "secretariat": world_secretariat_client,
    }


def answer(response, url):
    if 300 <= response.status_code < 400:
        location = response["Location"]
        if location == f"{reverse('login')}?next={quote(url)}":
            return LOGIN
        if location == f"{reverse('admin:login')}?next={quote(url)}":
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def url_of(name, world):
    if name.startswith("admin:"):
        found = admin_args(name, world)
    else:
        found = PORTAL_KWARGS.get(name, lambda w: {})(world)
    if isinstance(found, tuple):
        return reverse(name, args=found[1])
    return reverse(name, kwargs=found)


PORTAL_KWARGS = {
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
    "projects:final-report": lambda w: {"pk": w["in_progress"].pk},
    "projects:report-attachment-upload": lambda w: {"pk": w["in_progress"].pk},
    "projects:attachment-download": lambda w: {
        "application_pk": w["draft"].pk,
        "pk": w["attachment"].pk,
    },
    "projects:attachment-delete": lambda w: {
        "application_pk": w["draft"].pk,
        "pk": w["attachment"].pk,
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


def test_the_table_gives_an_answer_for_each_of_the_five_roles():
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
    client.raise_request_exception = False
    position = ROLES.index(role)
    wrong = []
    for name, answers in sorted(ACCESS.items()):
        url = url_of(name, world)
        got = answer(client.get(url), url)
        if got != answers[position]:
            wrong.append(f"{name} ({url}): expected {answers[position]}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
