"""The applicant's follow-up on the application's page after the council's decision: the decision,
the payments and the next step in each state; and who reaches each follow-up URL."""

from datetime import UTC, date, datetime
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from projects.models import Application, Attachment, FinalReport, Recommendation, StatusChange
from projects.services import (
    application_decide,
    application_recommend,
    grant_accept,
    payment_register,
)
from projects.workflow import State
from tests.factories import (
    PDF_BYTES,
    AttachmentFactory,
    FinalReportFactory,
    UserFactory,
    complete_application,
    funded_project,
)
from tests.html import element_text, page_text, start_tags
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

COUNCIL_GROUP = "Rådsmedlem"
ASSESSMENT = "Intern vurdering: prosjektet er svakt forankret i Løten."
LOGIN = "login"


@pytest.fixture
def council_client(db):
    member = UserFactory(
        username="radsmedlem", is_staff=True, groups=[Group.objects.get(name=COUNCIL_GROUP)]
    )
    return log_in(Client(), member)


def decided(hamar, hamar_user, secretariat_user, *, outcome="approved", **decision):
    """Hamar's application taken through review, recommendation and the council's decision by
    the services, as the secretariat does it."""
    application = complete_application(
        lead_municipality=hamar,
        created_by=hamar_user,
        status=State.IN_REVIEW,
        title="Bolyst i Hamarregionen",
    )
    application_recommend(
        application=application,
        user=secretariat_user,
        assessment=ASSESSMENT,
        recommended_amount=450_000,
    )
    defaults = {
        "granted_amount": 400_000,
        "decided_on": date(2026, 3, 12),
        "case_number": "2026/0042",
        "decision_text": "Regionrådet innvilger 400 000 kr til Bolyst i Hamarregionen.",
        "conditions": "Prosjektet skal profilere regionen, ikke én kommune.",
        "report_due_on": date(2027, 3, 1),
    }
    application_decide(
        application=application,
        user=secretariat_user,
        outcome=outcome,
        **{**defaults, **decision},
    )
    return Application.objects.get(pk=application.pk)


def test_the_applicant_sees_the_decision_and_not_the_recommendation(
    hamar, hamar_user, hamar_client, secretariat_user
):
    application = decided(hamar, hamar_user, secretariat_user)

    page = hamar_client.get(application.get_absolute_url())

    decision = element_text(page, "vedtak")
    assert "Innvilget" in decision
    assert "400 000 kr" in decision
    assert "12.03.2026" in decision
    assert "2026/0042" in decision
    assert "Prosjektet skal profilere regionen, ikke én kommune." in decision
    assert "Regionrådet innvilger 400 000 kr til Bolyst i Hamarregionen." in decision
    assert "01.03.2027" in decision
    assert ASSESSMENT not in page_text(page)
    assert "450 000" not in page_text(page)
    assert Recommendation.objects.filter(application=application).exists()


def test_payments_show_date_amount_and_what_is_left_of_the_grant(
    hamar, hamar_user, hamar_client, secretariat_user
):
    application = decided(hamar, hamar_user, secretariat_user)
    grant_accept(
        application=application,
        user=hamar_user,
        confirmed=True,
        now=datetime(2026, 3, 20, 12, tzinfo=UTC),
    )
    payment_register(
        application=application, user=secretariat_user, amount=150_000, paid_on=date(2026, 4, 2)
    )
    payment_register(
        application=application, user=secretariat_user, amount=50_000, paid_on=date(2026, 9, 15)
    )

    page = hamar_client.get(application.get_absolute_url())

    payments = element_text(page, "utbetalinger")
    assert "02.04.2026 150 000 kr" in payments
    assert "15.09.2026 50 000 kr" in payments
    assert element_text(page, "tilskudd-oversikt") == (
        "Innvilget 400 000 kr Utbetalt 200 000 kr Gjenstår 200 000 kr"
    )


def test_before_any_payment_the_page_says_nothing_is_paid(
    hamar, hamar_user, hamar_client, secretariat_user
):
    application = decided(hamar, hamar_user, secretariat_user)

    page = hamar_client.get(application.get_absolute_url())

    assert "Ingenting er utbetalt ennå." in element_text(page, "utbetalinger")
    assert "Gjenstår 400 000 kr" in element_text(page, "tilskudd-oversikt")


def test_a_rejection_shows_the_decision_text_and_no_next_step(
    hamar, hamar_user, hamar_client, secretariat_user
):
    application = decided(
        hamar,
        hamar_user,
        secretariat_user,
        outcome="rejected",
        decision_text="Søknaden avslås fordi rammen er brukt opp.",
    )

    page = hamar_client.get(application.get_absolute_url())

    decision = element_text(page, "vedtak")
    assert "Avslag" in decision
    assert "Søknaden avslås fordi rammen er brukt opp." in decision
    assert "Innvilget beløp" not in decision
    assert 'id="utbetalinger"' not in page.content.decode()
    assert 'id="neste-steg"' not in page.content.decode()
    assert "Registrer at prosjektet har startet" not in page_text(page)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (State.APPROVED, "Kommunen må akseptere tilsagnet og vilkårene"),
        (State.ACCEPTED, "Registrer at prosjektet har startet"),
        (State.IN_PROGRESS, "Skriv sluttrapporten"),
        (State.REPORT_SUBMITTED, "Sluttrapporten er sendt inn og behandles."),
        (State.COMPLETED, "Prosjektet er avsluttet."),
    ],
)
def test_the_next_step_in_each_state_after_the_decision(
    hamar, hamar_user, hamar_client, status, expected
):
    application = funded_project(status=status, lead_municipality=hamar, created_by=hamar_user)

    page = hamar_client.get(application.get_absolute_url())

    assert expected in element_text(page, "neste-steg")
    others = {
        "Kommunen må akseptere tilsagnet og vilkårene",
        "Registrer at prosjektet har startet",
        "Skriv sluttrapporten",
        "Sluttrapporten er sendt inn og behandles.",
        "Prosjektet er avsluttet.",
    } - {expected}
    assert not [text for text in others if text in element_text(page, "neste-steg")]


def test_the_start_button_posts_to_the_start_url(hamar, hamar_user, hamar_client):
    application = funded_project(
        status=State.ACCEPTED, lead_municipality=hamar, created_by=hamar_user
    )

    page = hamar_client.get(application.get_absolute_url())

    start = reverse("projects:project-start", args=[application.pk])
    assert ("form", {"method": "post", "action": start, "class": "d-print-none"}) in start_tags(
        page, "form"
    )


def test_the_report_is_shown_on_the_page_once_sent_in(hamar, hamar_user, hamar_client):
    application = funded_project(
        status=State.REPORT_SUBMITTED,
        lead_municipality=hamar,
        created_by=hamar_user,
        results="Vi nådde alle delmålene.",
    )

    page = hamar_client.get(application.get_absolute_url())

    assert "Vi nådde alle delmålene." in element_text(page, "sluttrapport")


def test_the_secretariat_reads_the_follow_up_but_is_offered_no_applicant_step(
    hamar, hamar_user, secretariat_user, secretariat_client
):
    application = decided(hamar, hamar_user, secretariat_user)

    page = secretariat_client.get(application.get_absolute_url())

    assert "2026/0042" in element_text(page, "vedtak")
    assert 'id="neste-steg"' not in page.content.decode()


def test_starting_twice_tells_the_applicant_and_changes_nothing(hamar, hamar_user, hamar_client):
    application = funded_project(
        status=State.ACCEPTED, lead_municipality=hamar, created_by=hamar_user
    )
    start = reverse("projects:project-start", args=[application.pk])
    hamar_client.post(start)
    changes = StatusChange.objects.filter(application=application).count()

    again = hamar_client.post(start, follow=True)

    assert "kan ikke gjøres nå" in page_text(again)
    assert StatusChange.objects.filter(application=application).count() == changes
    assert Application.objects.get(pk=application.pk).status == State.IN_PROGRESS


def test_the_start_url_answers_only_post(hamar, hamar_user, hamar_client):
    application = funded_project(
        status=State.ACCEPTED, lead_municipality=hamar, created_by=hamar_user
    )

    response = hamar_client.get(reverse("projects:project-start", args=[application.pk]))

    assert response.status_code == 405
    assert Application.objects.get(pk=application.pk).status == State.ACCEPTED


# --- Access -----------------------------------------------------------------------------------

WHO = ["anonymous", "hamar", "loten", "council", "secretariat"]
ACCESS = [
    # url name                   method  state                   anon   hamar loten council secr.
    ("project-start",            "post", State.ACCEPTED,         LOGIN, 302,  404,  404,    302),
    ("final-report",             "get",  State.IN_PROGRESS,      LOGIN, 200,  404,  404,    200),
    ("final-report",             "post", State.IN_PROGRESS,      LOGIN, 302,  404,  404,    403),
    ("final-report",             "get",  State.COMPLETED,        LOGIN, 200,  404,  404,    200),
    # Council members read open cases, so they reach the (empty) report page of one.
    ("final-report",             "get",  State.RECOMMENDED,      LOGIN, 200,  404,  200,    200),
    ("report-attachment-upload", "post", State.IN_PROGRESS,      LOGIN, 302,  404,  404,    403),
    ("attachment-download",      "get",  State.IN_PROGRESS,      LOGIN, 200,  404,  404,    200),
    ("attachment-delete",        "post", State.IN_PROGRESS,      LOGIN, 302,  404,  404,    403),
    ("application-detail",       "get",  State.IN_PROGRESS,      LOGIN, 200,  404,  404,    200),
]  # fmt: skip
CASES = [
    (name, method, state, who, expected)
    for name, method, state, *answers in ACCESS
    for who, expected in zip(WHO, answers, strict=True)
]


@pytest.fixture
def clients(client, hamar_client, loten_client, council_client, secretariat_client):
    return {
        "anonymous": client,
        "hamar": hamar_client,
        "loten": loten_client,
        "council": council_client,
        "secretariat": secretariat_client,
    }


def hamar_project(hamar, hamar_user, state):
    """Hamar's application in `state`, with a final report and one report attachment once the
    project is under way."""
    if state == State.RECOMMENDED:
        application = complete_application(
            lead_municipality=hamar, created_by=hamar_user, status=state
        )
    else:
        application = funded_project(status=state, lead_municipality=hamar, created_by=hamar_user)
    Application.objects.filter(pk=application.pk).update(title="Hamars hemmelige prosjekt")
    application.refresh_from_db()
    if state == State.IN_PROGRESS:
        FinalReportFactory(application=application, results="Et utkast.")
    attachment = AttachmentFactory(
        application=application, kind=Attachment.Kind.FINAL_REPORT, original_name="rapport.pdf"
    )
    return application, attachment


def url_for(name, application, attachment):
    if name in ("attachment-download", "attachment-delete"):
        return reverse(f"projects:{name}", args=[application.pk, attachment.pk])
    return reverse(f"projects:{name}", args=[application.pk])


def post_data(name):
    if name == "report-attachment-upload":
        return {"file": SimpleUploadedFile("nytt.pdf", PDF_BYTES, "application/pdf")}
    if name == "final-report":
        return {"results": "Endret av en besøkende.", "actual_cost": "5", "save": ""}
    return {}


def stored_state(application):
    stored = Application.objects.get(pk=application.pk)
    return (
        stored.status,
        StatusChange.objects.filter(application=application).count(),
        list(FinalReport.objects.filter(application=application).values()),
        sorted(Attachment.objects.filter(application=application).values_list("pk", flat=True)),
    )


@pytest.mark.parametrize(
    ("name", "method", "state", "who", "expected"),
    CASES,
    ids=[f"{name}-{method}-{state}-{who}" for name, method, state, who, _ in CASES],
)
def test_access(clients, hamar, hamar_user, name, method, state, who, expected):
    application, attachment = hamar_project(hamar, hamar_user, state)
    url = url_for(name, application, attachment)
    before = stored_state(application)

    data = post_data(name) if method == "post" else None
    response = getattr(clients[who], method)(url, data)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={quote(url)}"
    else:
        assert response.status_code == expected
    if expected == 404:
        assert "Hamars hemmelige prosjekt" not in response.content.decode()
    if method == "post":
        # The workflow lets the secretariat register a project's start as well.
        may_change = who == "hamar" or (name == "project-start" and who == "secretariat")
        assert (stored_state(application) != before) is may_change
    if name == "attachment-download" and expected == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES


def test_another_municipality_cannot_reach_a_report_attachment_through_its_own_application(
    hamar, hamar_user, loten, loten_user, loten_client
):
    application, attachment = hamar_project(hamar, hamar_user, State.IN_PROGRESS)
    own = funded_project(status=State.IN_PROGRESS, lead_municipality=loten, created_by=loten_user)

    for application_pk in (application.pk, own.pk):
        download = reverse("projects:attachment-download", args=[application_pk, attachment.pk])
        delete = reverse("projects:attachment-delete", args=[application_pk, attachment.pk])
        assert loten_client.get(download).status_code == 404
        assert loten_client.post(delete).status_code == 404
    upload = reverse("projects:report-attachment-upload", args=[application.pk])
    assert loten_client.post(upload, post_data("report-attachment-upload")).status_code == 404
    assert Attachment.objects.filter(application=application).count() == 1


@pytest.mark.parametrize("name", ["final-report", "project-start", "report-attachment-upload"])
def test_guessing_ids_on_the_follow_up_urls_gives_404(hamar, hamar_user, hamar_client, name):
    application, _ = hamar_project(hamar, hamar_user, State.IN_PROGRESS)
    missing = Application.objects.order_by("-pk").first().pk + 1000

    for pk in (missing, 2**63 + 1):
        url = reverse(f"projects:{name}", args=[pk])
        response = hamar_client.get(url) if name == "final-report" else hamar_client.post(url)
        assert response.status_code == 404
