"""Who reaches what: every URL of the app for an anonymous visitor, a user of the owning
municipality, a user of another municipality and the secretariat."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from projects.models import Application, Attachment, StatusChange
from projects.workflow import State
from tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    AttachmentFactory,
    FundingCallFactory,
    UserFactory,
    complete_application,
)
from tests.html import page_text

pytestmark = pytest.mark.django_db

LOGIN = "login"  # expected answer: a redirect to the login page with ?next=

# Every URL in projects/urls.py (the first test checks the list against the URLconf, so a new
# URL cannot be left out), with the expected answer for each visitor, in the order of WHO.
WHO = ["anonymous", "hamar", "loten", "secretariat"]
ACCESS = [
    # url name               method   anonymous hamar loten secretariat
    ("call-list",            "get",   200,      200,  200,  200),
    ("call-detail",          "get",   200,      200,  200,  200),
    ("my-applications",      "get",   LOGIN,    200,  200,  200),
    # Anyone with a municipality may start an application; the secretariat is no applicant.
    ("application-start",    "get",   LOGIN,    200,  200,  403),
    ("application-detail",   "get",   LOGIN,    200,  404,  200),
    # The secretariat may read but not edit: it is sent on to the detail page.
    ("application-edit",     "get",   LOGIN,    200,  404,  302),
    ("application-edit",     "post",  LOGIN,    302,  404,  302),
    ("application-withdraw", "get",   LOGIN,    200,  404,  403),
    ("application-withdraw", "post",  LOGIN,    302,  404,  403),
    ("attachment-upload",    "post",  LOGIN,    302,  404,  403),
    ("attachment-download",  "get",   LOGIN,    200,  404,  200),
    ("attachment-delete",    "post",  LOGIN,    302,  404,  403),
]  # fmt: skip
CASES = [
    (name, method, who, expected)
    for name, method, *answers in ACCESS
    for who, expected in zip(WHO, answers, strict=True)
]


@pytest.fixture
def hamar_world(hamar, hamar_user):
    """Hamar's draft application with one attachment, in an open call."""
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, title="Hamars hemmelige prosjekt"
    )
    attachment = AttachmentFactory(application=application, original_name="budsjett.pdf")
    return application, attachment


@pytest.fixture
def clients(client, hamar_client, loten_client, secretariat_client):
    return {
        "anonymous": client,
        "hamar": hamar_client,
        "loten": loten_client,
        "secretariat": secretariat_client,
    }


def url_for(name, application, attachment):
    kwargs = {
        "call-list": {},
        "call-detail": {"slug": application.funding_call.slug},
        "my-applications": {},
        "application-start": {"call_slug": application.funding_call.slug},
        "attachment-download": {"application_pk": application.pk, "pk": attachment.pk},
        "attachment-delete": {"application_pk": application.pk, "pk": attachment.pk},
    }.get(name, {"pk": application.pk})
    return reverse(f"projects:{name}", kwargs=kwargs)


def post_data(name, application):
    if name == "attachment-upload":
        return {"file": SimpleUploadedFile("nytt.pdf", PDF_BYTES, "application/pdf")}
    if name == "application-edit":
        return {
            "title": "Endret tittel",
            "cost-TOTAL_FORMS": "0",
            "cost-INITIAL_FORMS": "0",
            "funding-TOTAL_FORMS": "0",
            "funding-INITIAL_FORMS": "0",
            "save": "",
        }
    return {}


def stored_state(application):
    stored = Application.objects.get(pk=application.pk)
    return (
        stored.status,
        stored.title,
        StatusChange.objects.filter(application=application).count(),
        sorted(Attachment.objects.filter(application=application).values_list("pk", flat=True)),
    )


def test_the_table_covers_every_url_the_issue_made():
    from projects.urls import urlpatterns

    issue_urls = {
        "call-list",
        "call-detail",
        "my-applications",
        "application-start",
        "application-detail",
        "application-edit",
        "application-withdraw",
        "attachment-upload",
        "attachment-download",
        "attachment-delete",
    }
    assert {row[0] for row in ACCESS} == issue_urls
    assert issue_urls <= {pattern.name for pattern in urlpatterns}


def url_about(pattern, application, attachment):
    """The pattern's URL for this application (and attachment), or None if it is about none."""
    names = set(pattern.pattern.converters)
    if names == {"pk"}:
        return reverse(f"projects:{pattern.name}", kwargs={"pk": application.pk})
    if names == {"application_pk", "pk"}:
        return reverse(
            f"projects:{pattern.name}",
            kwargs={"application_pk": application.pk, "pk": attachment.pk},
        )
    return None


def test_another_municipality_gets_404_from_every_url_about_an_application(
    loten_client, hamar_world
):
    """Every URL of the app that names an application, later ones included: never an answer
    that tells a Løten user anything about Hamar's application or files."""
    from projects.urls import urlpatterns

    application, attachment = hamar_world
    before = stored_state(application)
    urls = [url_about(p, application, attachment) for p in urlpatterns]
    urls = [url for url in urls if url]
    assert len(urls) >= 6

    for url in urls:
        for method in ("get", "post"):
            response = getattr(loten_client, method)(url)
            assert response.status_code in {404, 405}, (method, url, response.status_code)
            assert application.title not in response.content.decode()
    assert stored_state(application) == before


@pytest.mark.parametrize(
    ("name", "method", "who", "expected"),
    CASES,
    ids=[f"{name}-{method}-{who}" for name, method, who, _ in CASES],
)
def test_access(clients, hamar_world, name, method, who, expected):
    application, attachment = hamar_world
    url = url_for(name, application, attachment)
    before = stored_state(application)

    if method == "get":
        response = clients[who].get(url)
    else:
        response = clients[who].post(url, post_data(name, application))

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={quote(url)}"
    else:
        assert response.status_code == expected
    if who == "loten":
        assert application.title not in response.content.decode()
    if method == "post":
        changed = stored_state(application) != before
        assert changed is (who == "hamar"), "only the owner's post may change something"
    if name == "attachment-download" and expected == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_secretariat_is_sent_from_the_edit_page_to_the_detail_page(
    secretariat_client, hamar_world
):
    application, _ = hamar_world

    response = secretariat_client.get(reverse("projects:application-edit", args=[application.pk]))

    assert response["Location"] == application.get_absolute_url()


@pytest.mark.parametrize("status", [State.SUBMITTED, State.RETURNED, State.WITHDRAWN])
def test_the_owner_and_the_secretariat_read_an_application_in_every_state(
    hamar_client, secretariat_client, loten_client, hamar, hamar_user, status
):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, status=status
    )
    url = application.get_absolute_url()

    assert hamar_client.get(url).status_code == 200
    assert secretariat_client.get(url).status_code == 200
    assert loten_client.get(url).status_code == 404


def test_my_applications_of_a_loten_user_never_show_hamars_applications(
    loten_client, loten, loten_user, hamar, hamar_user
):
    for status in State:
        ApplicationFactory(
            lead_municipality=hamar, created_by=hamar_user, title=f"Hamar {status.label}"
        )
    ApplicationFactory(lead_municipality=loten, created_by=loten_user, title="Løtens eget")

    response = loten_client.get(reverse("projects:my-applications"))

    text = page_text(response)
    assert "Løtens eget" in text
    assert "Hamar " not in text.replace("Hamarregionen", "")
    assert [a.title for a in response.context["applications"]] == ["Løtens eget"]


def test_my_applications_shows_every_application_of_each_of_the_users_municipalities(
    hamar, loten, hamar_user, loten_user
):
    hamar_user.memberships.create(organisation=loten.organisation, role="applicant")
    ApplicationFactory(lead_municipality=hamar, created_by=hamar_user, title="Fra Hamar")
    ApplicationFactory(lead_municipality=loten, created_by=loten_user, title="Fra Løten")
    ApplicationFactory(title="Fra en partner")
    client = Client()
    client.force_login(hamar_user)

    response = client.get(reverse("projects:my-applications"))

    assert sorted(a.title for a in response.context["applications"]) == ["Fra Hamar", "Fra Løten"]


@pytest.mark.parametrize("name", ["application-detail", "application-edit", "application-withdraw"])
def test_guessing_ids_gives_404_whether_the_id_is_anothers_or_does_not_exist(
    loten_client, hamar_world, name
):
    application, _ = hamar_world
    missing = Application.objects.order_by("-pk").first().pk + 1000

    for pk in (application.pk, missing, 2**63 + 1):
        assert loten_client.get(reverse(f"projects:{name}", args=[pk])).status_code == 404


def test_guessing_attachment_ids_gives_404(loten_client, loten, loten_user, hamar_world):
    hamar_application, hamar_attachment = hamar_world
    own = ApplicationFactory(lead_municipality=loten, created_by=loten_user)
    missing = Attachment.objects.order_by("-pk").first().pk + 1000

    for application_pk, pk in [
        (hamar_application.pk, hamar_attachment.pk),
        # Loten's own application with Hamar's attachment: the pair must belong together.
        (own.pk, hamar_attachment.pk),
        (hamar_application.pk, missing),
        (own.pk, missing),
    ]:
        url = reverse("projects:attachment-download", args=[application_pk, pk])
        assert loten_client.get(url).status_code == 404
        delete = reverse("projects:attachment-delete", args=[application_pk, pk])
        assert loten_client.post(delete).status_code == 404
    assert Attachment.objects.filter(pk=hamar_attachment.pk).exists()


def test_an_attachment_is_only_reached_through_its_own_application(hamar_client, hamar_world):
    application, attachment = hamar_world
    other = ApplicationFactory(lead_municipality=application.lead_municipality)

    url = reverse("projects:attachment-download", args=[other.pk, attachment.pk])

    assert hamar_client.get(url).status_code == 404


def test_a_deactivated_user_is_logged_out_and_sees_nothing(client, hamar_user, hamar_world):
    application, _ = hamar_world
    client.force_login(hamar_user)
    hamar_user.is_active = False
    hamar_user.save()

    response = client.get(application.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_municipality_may_not_start_an_application(client, hamar_world):
    client.force_login(UserFactory())
    application, _ = hamar_world

    start = client.get(reverse("projects:application-start", args=[application.funding_call.slug]))
    detail = client.get(application.get_absolute_url())

    assert start.status_code == 403
    assert "knytte brukerkontoen din til kommunen" in page_text(start)
    assert detail.status_code == 404


def test_an_unpublished_call_is_not_found(client, hamar_client):
    call = FundingCallFactory(is_published=False)

    assert client.get(call.get_absolute_url()).status_code == 404
    assert (
        hamar_client.get(reverse("projects:application-start", args=[call.slug])).status_code == 404
    )
    assert call.title not in page_text(client.get(reverse("projects:call-list")))


def test_my_applications_come_a_page_of_25_at_a_time_and_a_bad_page_number_shows_a_page(
    hamar_client, hamar, hamar_user
):
    call = FundingCallFactory()
    ApplicationFactory.create_batch(
        27, funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    url = reverse("projects:my-applications")

    first = hamar_client.get(url)
    second = hamar_client.get(url, {"page": 2})
    past_the_end = hamar_client.get(url, {"page": 99})
    letters = hamar_client.get(url, {"page": "abc"})

    assert len(first.context["applications"]) == 25
    assert len(second.context["applications"]) == 2
    assert {a.pk for a in first.context["applications"]}.isdisjoint(
        a.pk for a in second.context["applications"]
    )
    assert "Side 1 av 2" in page_text(first)
    assert past_the_end.status_code == 200
    assert [a.pk for a in past_the_end.context["applications"]] == [
        a.pk for a in second.context["applications"]
    ]
    assert letters.status_code == 200
    assert len(letters.context["applications"]) == 25
