"""The final report (sluttrapport): the applicant starts the project, writes and saves the report,
sends it in; the secretariat approves it or returns it; a failed submission stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Application, Attachment, FinalReport, StatusChange
from projects.services import application_transition
from projects.workflow import State
from tests.factories import PDF_BYTES, AttachmentFactory, FinalReportFactory, funded_project
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db

RESULTS = "Vi fikk 40 nye innbyggere til regionen og laget en felles bolystplan."
RETURN_COMMENT = "Beskriv hvordan delmål 2 ble nådd, og legg ved regnskapet."
RESULTS_REQUIRED = "Beskriv resultatene før du sender inn rapporten."
COST_REQUIRED = "Oppgi de faktiske kostnadene."


@pytest.fixture
def project(hamar, hamar_user):
    """Hamar's granted project, under way: the report can be written."""
    return funded_project(
        status=State.IN_PROGRESS,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Bolyst i Hamarregionen",
    )


def report_url(application):
    return reverse("projects:final-report", args=[application.pk])


def report_data(*, results=RESULTS, actual_cost="950000", cost_comment="", button="save"):
    return {
        "results": results,
        "actual_cost": actual_cost,
        "cost_comment": cost_comment,
        button: "",
    }


def stored_status(application):
    return Application.objects.get(pk=application.pk).status


def has_report_form(response) -> bool:
    return any(attrs.get("name") == "results" for _, attrs in start_tags(response, "textarea"))


def test_the_applicant_starts_the_project_reports_and_the_secretariat_completes_it(
    hamar, hamar_user, hamar_client, secretariat_user
):
    application = funded_project(
        status=State.ACCEPTED,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Bolyst i Hamarregionen",
        main_goal="Flere innbyggere i regionen.",
        sub_goals="Kartlegge boligbehovet.\nLage en bolystplan.",
    )
    detail = application.get_absolute_url()

    # Accepted: the next step is to register that the project has started.
    page = hamar_client.get(detail)
    assert "Registrer at prosjektet har startet" in page_text(page)
    started = hamar_client.post(reverse("projects:project-start", args=[application.pk]))
    assert started["Location"] == detail
    assert stored_status(application) == State.IN_PROGRESS
    assert StatusChange.objects.filter(
        application=application, action="start_project", actor=hamar_user
    ).exists()

    # Under way: the page leads to the report, which shows the goals and the cost plan.
    page = hamar_client.get(detail)
    assert "Skriv sluttrapporten" in page_text(page)
    assert ("a", {"class": "btn btn-primary", "href": report_url(application)}) in start_tags(
        page, "a"
    )
    form_page = hamar_client.get(report_url(application))
    goals = element_text(form_page, "malene")
    assert "Flere innbyggere i regionen." in goals
    assert "Lage en bolystplan." in goals
    assert "1 000 000 kr" in goals
    assert has_report_form(form_page)

    # Save a draft, then attach a document.
    saved = hamar_client.post(
        report_url(application), report_data(cost_comment="Billigere lokaler enn planlagt.")
    )
    assert saved["Location"] == report_url(application)
    report = FinalReport.objects.get(application=application)
    assert (report.results, report.actual_cost) == (RESULTS, 950_000)
    assert stored_status(application) == State.IN_PROGRESS
    uploaded = hamar_client.post(
        reverse("projects:report-attachment-upload", args=[application.pk]),
        {"file": SimpleUploadedFile("regnskap.pdf", PDF_BYTES, "application/pdf")},
    )
    assert uploaded["Location"] == report_url(application)
    attachment = Attachment.objects.get(application=application)
    assert (attachment.kind, attachment.original_name) == (
        Attachment.Kind.FINAL_REPORT,
        "regnskap.pdf",
    )
    form_page = hamar_client.get(report_url(application))
    assert RESULTS in page_text(form_page)
    assert "regnskap.pdf" in element_text(form_page, "vedlegg")

    # Send it in: the secretariat handles it, and the applicant can no longer change it.
    submitted = hamar_client.post(
        report_url(application),
        report_data(cost_comment="Billigere lokaler enn planlagt.", button="submit"),
    )
    assert submitted["Location"] == detail
    assert stored_status(application) == State.REPORT_SUBMITTED
    assert "Sluttrapporten er sendt inn og behandles." in page_text(hamar_client.get(detail))
    read_only = hamar_client.get(report_url(application))
    assert not has_report_form(read_only)
    assert RESULTS in page_text(read_only)

    # The secretariat approves it: the project is completed and the report is shown.
    application_transition(application=application, action="approve_report", user=secretariat_user)
    assert stored_status(application) == State.COMPLETED
    page = hamar_client.get(detail)
    report_section = element_text(page, "sluttrapport")
    assert RESULTS in report_section
    assert "950 000 kr" in report_section
    assert "Billigere lokaler enn planlagt." in report_section
    assert "regnskap.pdf" in report_section
    assert "Prosjektet er avsluttet." in element_text(page, "neste-steg")


def test_a_returned_report_can_be_edited_again_and_shows_the_secretariats_comment(
    project, hamar_client, secretariat_user
):
    hamar_client.post(report_url(project), report_data(button="submit"))
    assert stored_status(project) == State.REPORT_SUBMITTED

    application_transition(
        application=project, action="return_report", user=secretariat_user, comment=RETURN_COMMENT
    )

    assert stored_status(project) == State.IN_PROGRESS
    detail = hamar_client.get(project.get_absolute_url())
    assert RETURN_COMMENT in element_text(detail, "neste-steg")
    assert "Fortsett på sluttrapporten" in page_text(detail)
    form_page = hamar_client.get(report_url(project))
    assert has_report_form(form_page)
    assert RETURN_COMMENT in page_text(form_page)
    assert RESULTS in page_text(form_page)
    resubmitted = hamar_client.post(
        report_url(project),
        report_data(results=RESULTS + " Delmål 2 ble nådd i juni.", button="submit"),
    )
    assert resubmitted.status_code == 302
    assert stored_status(project) == State.REPORT_SUBMITTED
    assert FinalReport.objects.get(application=project).results.endswith("nådd i juni.")
    # Sent in again, the comment is no longer shown as waiting for the applicant.
    assert RETURN_COMMENT not in element_text(
        hamar_client.get(project.get_absolute_url()), "neste-steg"
    )


def test_a_submission_without_results_stores_nothing_of_that_post(project, hamar_client):
    hamar_client.post(report_url(project), report_data(results="Første utkast.", actual_cost="1"))

    response = hamar_client.post(
        report_url(project),
        report_data(results="  ", actual_cost="777000", cost_comment="Ny", button="submit"),
    )

    assert response.status_code == 200
    assert RESULTS_REQUIRED in page_text(response)
    assert response.context["form"].errors["results"] == [RESULTS_REQUIRED]
    assert "Ingenting er lagret" in page_text(response)
    report = FinalReport.objects.get(application=project)
    assert (report.results, report.actual_cost, report.cost_comment) == ("Første utkast.", 1, "")
    assert stored_status(project) == State.IN_PROGRESS
    assert not StatusChange.objects.filter(application=project, action="submit_report").exists()


def test_a_first_submission_that_fails_leaves_no_report_behind(project, hamar_client):
    response = hamar_client.post(
        report_url(project), report_data(results="", actual_cost="", button="submit")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "results": [RESULTS_REQUIRED],
        "actual_cost": [COST_REQUIRED],
    }
    assert not FinalReport.objects.filter(application=project).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,5", "Oppgi et heltall."),
        ("mange penger", "Oppgi et heltall."),
        ("-1", "Verdien må være større enn eller lik 0."),
        ("10000000000000", "Beløpet er urimelig stort."),
    ],
)
def test_a_cost_that_is_not_whole_kroner_is_refused_at_the_field(
    project, hamar_client, typed, message
):
    response = hamar_client.post(report_url(project), report_data(actual_cost=typed))

    assert response.status_code == 200
    assert response.context["form"].errors["actual_cost"] == [message]
    assert not FinalReport.objects.filter(application=project).exists()


def test_a_draft_may_be_saved_without_results_or_cost(project, hamar_client):
    response = hamar_client.post(
        report_url(project), report_data(results="", actual_cost="", cost_comment="Notat")
    )

    assert response.status_code == 302
    report = FinalReport.objects.get(application=project)
    assert (report.results, report.actual_cost, report.cost_comment) == ("", None, "Notat")
    page = hamar_client.get(report_url(project))
    assert page.context["form"]["actual_cost"].value() is None


@pytest.mark.parametrize("status", [State.APPROVED, State.REPORT_SUBMITTED, State.COMPLETED])
def test_outside_the_project_period_the_report_cannot_be_changed(
    hamar, hamar_user, hamar_client, status
):
    application = funded_project(status=status, lead_municipality=hamar, created_by=hamar_user)
    before = list(FinalReport.objects.filter(application=application).values())

    page = hamar_client.get(report_url(application))
    response = hamar_client.post(report_url(application), report_data(button="submit"))

    assert page.status_code == 200
    assert not has_report_form(page)
    assert response["Location"] == report_url(application)
    assert list(FinalReport.objects.filter(application=application).values()) == before
    assert stored_status(application) == status
    followed = hamar_client.get(report_url(application))
    assert "Sluttrapporten kan ikke endres nå." in page_text(followed)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (State.APPROVED, "Aksepter tilsagnet og registrer at prosjektet har startet"),
        (State.ACCEPTED, "Registrer på søknadssiden at prosjektet har startet."),
    ],
)
def test_before_the_project_has_started_the_report_page_says_what_to_do(
    hamar, hamar_user, hamar_client, status, expected
):
    application = funded_project(status=status, lead_municipality=hamar, created_by=hamar_user)

    page = hamar_client.get(report_url(application))

    assert expected in page_text(page)


def test_report_attachments_are_checked_by_content(project, hamar_client):
    response = hamar_client.post(
        reverse("projects:report-attachment-upload", args=[project.pk]),
        {"file": SimpleUploadedFile("regnskap.pdf", b"bare tekst", "application/pdf")},
    )

    assert response.status_code == 200
    assert "Filen er ikke en gyldig PDF" in page_text(response)
    assert not Attachment.objects.filter(application=project).exists()


def test_a_report_has_at_most_ten_attachments_of_its_own(project, hamar_client):
    AttachmentFactory.create_batch(10, application=project, kind=Attachment.Kind.APPLICATION)
    AttachmentFactory.create_batch(9, application=project, kind=Attachment.Kind.FINAL_REPORT)
    upload = reverse("projects:report-attachment-upload", args=[project.pk])

    tenth = hamar_client.post(
        upload, {"file": SimpleUploadedFile("tiende.pdf", PDF_BYTES, "application/pdf")}
    )
    eleventh = hamar_client.post(
        upload, {"file": SimpleUploadedFile("ellevte.pdf", PDF_BYTES, "application/pdf")}
    )

    assert tenth.status_code == 302
    assert eleventh.status_code == 200
    assert "En søknad kan ha høyst 10 vedlegg." in page_text(eleventh)
    assert project.attachments.filter(kind=Attachment.Kind.FINAL_REPORT).count() == 10


def test_a_report_attachment_is_deleted_while_the_report_is_written_but_not_after(
    project, hamar_client, secretariat_user
):
    kept = AttachmentFactory(
        application=project, kind=Attachment.Kind.FINAL_REPORT, original_name="behold.pdf"
    )
    gone = AttachmentFactory(
        application=project, kind=Attachment.Kind.FINAL_REPORT, original_name="slett.pdf"
    )

    deleted = hamar_client.post(reverse("projects:attachment-delete", args=[project.pk, gone.pk]))
    assert deleted["Location"] == report_url(project)
    assert not Attachment.objects.filter(pk=gone.pk).exists()

    FinalReportFactory(application=project, results=RESULTS)
    application_transition(application=project, action="submit_report", user=project.created_by)
    refused = hamar_client.post(reverse("projects:attachment-delete", args=[project.pk, kept.pk]))
    assert refused.status_code == 403
    assert Attachment.objects.filter(pk=kept.pk).exists()


def test_the_applications_own_attachments_are_not_listed_as_report_attachments(
    project, hamar_client
):
    AttachmentFactory(application=project, original_name="soknadsvedlegg.pdf")
    AttachmentFactory(
        application=project, kind=Attachment.Kind.FINAL_REPORT, original_name="rapportvedlegg.pdf"
    )

    report_page = hamar_client.get(report_url(project))
    detail = hamar_client.get(project.get_absolute_url())

    assert "rapportvedlegg.pdf" in element_text(report_page, "vedlegg")
    assert "soknadsvedlegg.pdf" not in element_text(report_page, "vedlegg")
    assert "soknadsvedlegg.pdf" in page_text(detail)
    assert "rapportvedlegg.pdf" not in page_text(detail)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("results", "Resultat\x00", "Null-tegn er ikke tillatt."),
        ("actual_cost", "9" * 40, "Beløpet er urimelig stort."),
    ],
)
def test_garbage_in_the_report_form_is_refused_at_the_field(
    project, hamar_client, field, typed, message
):
    response = hamar_client.post(report_url(project), {**report_data(), field: typed})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not FinalReport.objects.filter(application=project).exists()
