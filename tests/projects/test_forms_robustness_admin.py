"""Garbage posted to the secretariat's admin forms and the account forms is refused with a
message, never a 500, and writes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from projects.models import FundingCall, Municipality
from projects.workflow import State
from tests.factories import FocusAreaFactory, complete_application
from tests.projects.garbage import HUGE, LONG, NUL, everything_stored

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [{}, {"comment": "\x00"}, {"comment": "   "}, {"comment": ["a", "b"]}],
    ids=["empty", "nul", "blank", "two-values"],
)
def test_garbage_to_the_admin_return_form_is_refused_without_error(
    secretariat_client, hamar, hamar_user, data
):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, status=State.SUBMITTED
    )
    before = everything_stored(application)
    url = reverse("admin:projects_application_transition", args=[application.pk, "return"])

    response = secretariat_client.post(url, data)

    if data.get("comment") == ["a", "b"]:
        # The last value wins, as Django reads repeated fields: a comment, so it is returned.
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert everything_stored(application) == before


@pytest.mark.parametrize("action", ["fly-away", "\x00", LONG[:300]])
def test_an_unknown_admin_action_is_refused(secretariat_client, hamar, hamar_user, action):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, status=State.SUBMITTED
    )
    before = everything_stored(application)
    url = reverse("admin:projects_application_transition", args=[application.pk, action])

    response = secretariat_client.post(url, {"comment": "Hei"})

    assert response.status_code in {403, 404}
    assert everything_stored(application) == before


def valid_call_data(programme, focus_area):
    return {
        "programme": str(programme.pk),
        "title": "Ny utlysning",
        "slug": "ny-utlysning",
        "is_published": "on",
        "opens_at_0": "01.02.2027",
        "opens_at_1": "08:00",
        "closes_at_0": "01.04.2027",
        "closes_at_1": "12:00",
        "budget_frame": "2000000",
        "max_amount": "500000",
        "max_share_percent": "50",
        "description": "Tekst",
        "focus_areas": [str(focus_area.pk)],
        "assessment_criteria-TOTAL_FORMS": "0",
        "assessment_criteria-INITIAL_FORMS": "0",
    }


CALL_GARBAGE = [
    ("empty-post", None),
    ("date-30-february", {"opens_at_0": "30.02.2027"}),
    ("time-25-oclock", {"closes_at_1": "25:00"}),
    ("closes-before-it-opens", {"closes_at_0": "01.01.2027"}),
    ("closes-when-it-opens", {"closes_at_0": "01.02.2027", "closes_at_1": "08:00"}),
    ("share-zero", {"max_share_percent": "0"}),
    ("share-over-100", {"max_share_percent": "101"}),
    ("share-huge", {"max_share_percent": HUGE}),
    ("budget-negative", {"budget_frame": "-1"}),
    ("budget-huge", {"budget_frame": HUGE}),
    ("max-amount-over-frame", {"max_amount": "2000001"}),
    ("focus-area-unknown", {"focus_areas": ["999999"]}),
    ("focus-area-garbage", {"focus_areas": ["\x00"]}),
    ("focus-area-huge-id", {"focus_areas": [HUGE]}),
    ("programme-unknown", {"programme": HUGE}),
    ("slug-with-spaces", {"slug": "ikke en adresse"}),
    ("title-10000-characters", {"title": LONG}),
    ("title-nul", {"title": NUL}),
]


@pytest.mark.parametrize(
    ("case", "changes"),
    CALL_GARBAGE,
    ids=[(c.values if hasattr(c, "values") else c)[0] for c in CALL_GARBAGE],
)
def test_garbage_to_the_funding_call_admin_is_refused_without_error(
    secretariat_client, case, changes
):
    focus_area = FocusAreaFactory()
    data = valid_call_data(focus_area.programme, focus_area) if changes is not None else {}
    data.update(changes or {})

    response = secretariat_client.post(reverse("admin:projects_fundingcall_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors or response.context["errors"]
    assert not FundingCall.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": NUL, "slug": "x"},
        {"name": "Innlandet fylkeskommune", "slug": "innlandet", "number": "12345"},
        {"name": "Innlandet fylkeskommune", "slug": "innlandet", "number": "ab12"},
        {"name": "Hamar", "slug": "hamar-2"},
    ],
    ids=["empty", "nul", "number-five-digits", "number-letters", "name-taken"],
)
def test_garbage_to_the_municipality_admin_is_refused_without_error(secretariat_client, data):
    before = Municipality.objects.count()

    response = secretariat_client.post(reverse("admin:projects_municipality_add"), data)

    assert response.status_code == 200
    assert Municipality.objects.count() == before


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("login", {"username": "\x00", "password": "\x00"}),
        ("login", {"username": LONG, "password": LONG}),
        ("login", {}),
        ("password_reset", {"email": "\x00"}),
        ("password_reset", {"email": LONG + "@example.org"}),
        ("password_reset", {}),
    ],
    ids=["login-nul", "login-long", "login-empty", "reset-nul", "reset-long", "reset-empty"],
)
def test_garbage_to_the_account_forms_is_refused_without_error(client, url_name, data):
    get_user_model().objects.create_user("ola", "ola@example.org", "et-passord-for-tester")

    response = client.post(reverse(url_name), data)

    assert response.status_code == 200
    assert response.context["form"].errors
