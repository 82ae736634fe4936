"""Internal notes on a case: the secretariat writes them on the case page, the secretariat and
the council members read them, and the applicant never meets them, on any page or export."""

import re
from itertools import product

import pytest
from django.urls import NoReverseMatch, reverse

from projects.models import CaseNote, Message
from projects.services import application_transition, case_note_add, message_send
from projects.steps import STEPS
from projects.workflow import Action, State
from publication.opendata import DATASETS
from tests.factories.cases import case_in
from tests.security.urls.url_world import named_patterns

pytestmark = pytest.mark.django_db

SECRET = "ZQXJ"
NOTE = f"{SECRET}: kommunens egenandel er usikker, sjekk med rådmannen."


@pytest.fixture
def under_review(hamar, hamar_user, secretariat_user):
    return case_in(
        State.IN_REVIEW,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Bolyst i Hamarregionen",
    )


def case_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def note_url(application):
    return reverse("admin:projects_application_note", args=[application.pk])


def test_the_secretariat_writes_a_note_on_the_case_page_with_author_and_time(
    under_review, secretariat_client, secretariat_user
):
    response = secretariat_client.post(note_url(under_review), {"text": NOTE})
    assert response.status_code == 302
    assert response["Location"].endswith("#merknader")
    note = CaseNote.objects.get(application=under_review)
    assert (note.text, note.author) == (NOTE, secretariat_user)
    assert note.created_at is not None
    page = secretariat_client.get(case_url(under_review)).content.decode()
    assert NOTE in page
    assert 'id="merknader"' in page
    assert note_url(under_review) in page


def test_an_empty_note_is_refused_at_the_field_and_nothing_is_stored(
    under_review, secretariat_client
):
    response = secretariat_client.post(note_url(under_review), {"text": "  "})
    assert response.status_code == 200
    assert "Skriv merknaden." in response.content.decode()
    assert not CaseNote.objects.exists()


def test_notes_are_only_added_never_changed_or_deleted():
    for name in ("projects_casenote_change", "projects_casenote_delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:{name}", args=[1])


def test_a_council_member_reads_the_notes_of_an_open_case_and_writes_none(
    under_review, council_client, secretariat_user
):
    case_note_add(application=under_review, user=secretariat_user, text=NOTE)
    page = council_client.get(case_url(under_review)).content.decode()
    assert NOTE in page
    assert note_url(under_review) not in page
    assert council_client.post(note_url(under_review), {"text": "Fra rådet"}).status_code == 403
    assert CaseNote.objects.count() == 1


def test_applicants_and_anonymous_visitors_cannot_write_or_read_notes_in_admin(
    under_review, hamar_client, loten_client, client
):
    for visitor in (hamar_client, loten_client, client):
        for response in (
            visitor.post(note_url(under_review), {"text": "Fra søkeren"}),
            visitor.get(case_url(under_review)),
        ):
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]
    assert not CaseNote.objects.exists()


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


# Addresses the walk does not take: they change the session or leave the portal.
NOT_WALKED = {"logout", "set_language", "bokmal-prefix", "accounts:sign-on-start"}


def portal_urls(world) -> list[tuple[str, str]]:
    """(name, address) of every portal URL the applicant may reach about the world, each of
    its parameters filled with every value the world has for it."""
    application, returned = world["application"], world["returned"]
    values = {
        "pk": [application.pk, returned.pk],
        "application_pk": [application.pk, returned.pk],
        "document_pk": [
            document.pk for case in (application, returned) for document in case.documents.all()
        ],
        "slug": [application.funding_call.slug],
        "call_slug": [application.funding_call.slug],
        "step": [step.slug for step in STEPS],
        "dataset": list(DATASETS),
        "number": [1],
        "section": ["prosjekter"],
    }
    # The message's file, through its own address.
    attachment = world["message"].attachments.first()
    urls = []
    for name, route in named_patterns():
        if not name or name.startswith(("admin:", "otp_webauthn:")) or name in NOT_WALKED:
            continue
        parameters = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if not all(parameter in values for parameter in parameters):
            continue
        for combination in product(*(values[parameter] for parameter in parameters)):
            kwargs = dict(zip(parameters, combination, strict=True))
            if name == "projects:message-attachment-download":
                kwargs["pk"] = attachment.pk
            urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


@pytest.fixture
def world(hamar, hamar_user, secretariat_user):
    """A granted (public) application of Hamar's, with its receipt and decision letter, a
    message with a file, and internal notes; and one sent back for changes (the applicant's
    summary and edit pages), noted too."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import PDF_BYTES

    application = case_in(
        State.APPROVED,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Bolyst i Hamarregionen",
    )
    case_note_add(application=application, user=secretariat_user, text=NOTE)
    case_note_add(application=application, user=secretariat_user, text=f"{SECRET} nummer to")
    message = message_send(
        application=application,
        user=secretariat_user,
        sender=Message.Sender.SECRETARIAT,
        text="Gratulerer med tilskuddet.",
        uploaded_file=SimpleUploadedFile("brev.pdf", PDF_BYTES),
    )
    returned = case_in(
        State.IN_REVIEW,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Kulturbro i Hamarregionen",
    )
    case_note_add(application=returned, user=secretariat_user, text=f"{SECRET} før retur")
    application_transition(
        application=returned,
        action=Action.RETURN,
        user=secretariat_user,
        comment="Rett budsjettet.",
    )
    return {"application": application, "message": message, "returned": returned}


def test_the_applicant_meets_no_note_on_any_page_or_export_about_the_application(
    world, hamar_client
):
    application = world["application"]
    urls = portal_urls(world)
    reached = set()
    for name, url in urls:
        response = hamar_client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        assert SECRET not in body(response), url
        if response.status_code == 200:
            reached.add(name)
    # The pages the applicant reads about the application, its documents and its files, the
    # lists and exports it appears in: all of them were walked and answered.
    assert {
        "projects:application-detail",
        "projects:application-summary",
        "projects:application-edit",
        "projects:application-step",
        "projects:application-receipt",
        "projects:application-document",
        "projects:message-attachment-download",
        "projects:my-applications",
        "grants:follow-up",
        "publication:project-list",
        "publication:project-detail",
        "publication:project-feed",
        "publication:opendata-csv",
        "publication:opendata-json",
        "search",
        "sitemap-section",
    } <= reached, reached
    # The search and the catalogue find the application by its title, never by a note's words.
    for name in ("search", "publication:project-list"):
        found = hamar_client.get(reverse(name), {"q": application.title})
        assert application.title in body(found), name
        assert SECRET not in body(found), name
        searched = hamar_client.get(reverse(name), {"q": SECRET})
        assert searched.status_code == 200
        assert f"/{application.pk}/" not in body(searched), name


def test_the_case_page_reads_notes_and_thread_in_the_same_number_of_queries_however_many(
    under_review, secretariat_client, secretariat_user, hamar_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert secretariat_client.get(case_url(under_review)).status_code == 200
        return len(context)

    def write(number):
        case_note_add(application=under_review, user=secretariat_user, text=f"Merknad {number}")
        message_send(
            application=under_review, user=hamar_user, sender="applicant", text=f"Svar {number}"
        )

    write(0)
    one = queries()
    for number in range(1, 6):
        write(number)
    assert queries() == one
