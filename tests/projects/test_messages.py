"""The thread of messages on an application: the secretariat writes on the case page in admin,
the applicant's people read and answer on the application's page, each message is e-mailed to
the other side, files are held to the attachments' rules and reach only those who may see the
application. The thread opens when the application is sent in."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Message, MessageAttachment
from projects.services import case_handler_assign, message_send
from projects.workflow import Action, State
from tests.conftest import logged_in_client
from tests.factories import PDF_BYTES, MembershipFactory, UserFactory, complete_application
from tests.factories.cases import case_in

pytestmark = pytest.mark.django_db

CONTACT = "kontakt@hamar.example.org"


@pytest.fixture
def case(hamar, hamar_user, secretariat_user):
    return case_in(
        State.SUBMITTED,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        contact_email=CONTACT,
        title="Bolyst i Hamarregionen",
    )


def detail_url(application):
    return reverse("projects:application-detail", args=[application.pk])


def send_url(application):
    return reverse("projects:message-send", args=[application.pk])


def admin_message_url(application):
    return reverse("admin:projects_application_message", args=[application.pk])


def case_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def pdf(name="brev.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def post_as_secretariat(client, application, text, **files):
    return client.post(admin_message_url(application), {"text": text, **files})


def test_the_secretariats_message_is_mailed_to_the_applicant_and_read_on_the_application_page(
    case, secretariat_client, hamar_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_as_secretariat(
            secretariat_client, case, "Kan dere sende oss budsjettet for 2027?"
        )
    assert response.status_code == 302
    assert response["Location"].endswith("#meldinger")
    message = Message.objects.get(application=case)
    assert message.sender == Message.Sender.SECRETARIAT
    (mail_sent,) = mail.outbox
    assert CONTACT in mail_sent.to
    assert "Melding fra sekretariatet" in mail_sent.subject
    assert "Kan dere sende oss budsjettet for 2027?" in mail_sent.body
    assert f"/soknader/{case.pk}/#meldinger" in mail_sent.body

    page = hamar_client.get(detail_url(case))
    assert "Kan dere sende oss budsjettet for 2027?" in page.content.decode()
    assert 'id="meldinger"' in page.content.decode()


def test_every_applicant_of_the_municipality_reads_and_answers_and_the_secretariat_is_mailed(
    case, hamar, secretariat_client, django_capture_on_commit_callbacks, settings
):
    colleague = UserFactory(username="hamar-kollega")
    MembershipFactory(person=colleague, municipality=hamar)
    client = logged_in_client(colleague)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_url(case), {"text": "Budsjettet kommer fredag."})
    assert response.status_code == 302
    message = Message.objects.get(application=case)
    assert (message.sender, message.author) == (Message.Sender.APPLICANT, colleague)
    (mail_sent,) = mail.outbox
    assert mail_sent.to == [settings.SECRETARIAT_EMAIL]
    assert "Budsjettet kommer fredag." in mail_sent.body
    assert f"/admin/projects/application/{case.pk}/change/#meldinger" in mail_sent.body

    case_page = secretariat_client.get(case_url(case))
    assert "Budsjettet kommer fredag." in case_page.content.decode()


def test_the_applicants_answer_also_goes_to_the_case_handler_the_secretariat_assigned(
    case, hamar_client, secretariat_user, secretariat_group, django_capture_on_commit_callbacks
):
    handler = UserFactory(
        username="saksbehandler",
        email="saksbehandler@hamarregionen.no",
        is_staff=True,
        groups=[secretariat_group],
    )
    case_handler_assign(application=case, handler=handler, by=secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        hamar_client.post(send_url(case), {"text": "Budsjettet kommer fredag."})
    (mail_sent,) = mail.outbox
    assert mail_sent.to == ["sekretariat@example.org", "saksbehandler@hamarregionen.no"]


def test_an_empty_or_too_long_answer_is_refused_at_the_field_and_nothing_is_sent(
    case, hamar_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        empty = hamar_client.post(send_url(case), {"text": "   "})
        long = hamar_client.post(send_url(case), {"text": "x" * 10_001})
    assert empty.status_code == 200
    assert "Skriv meldingen." in empty.content.decode()
    assert "høyst 10 000 tegn" in long.content.decode()
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_file_with_a_message_is_downloaded_by_those_who_see_the_application_only(
    case, hamar_client, loten_client, secretariat_client, client
):
    hamar_client.post(send_url(case), {"text": "Her er budsjettet.", "file": pdf()})
    attachment = MessageAttachment.objects.get()
    assert attachment.original_name == "brev.pdf"
    url = attachment.get_absolute_url()
    assert url == reverse(
        "projects:message-attachment-download",
        kwargs={"application_pk": case.pk, "pk": attachment.pk},
    )
    for allowed in (hamar_client, secretariat_client):
        response = allowed.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
    assert loten_client.get(url).status_code == 404
    assert client.get(url).status_code == 302
    assert "/logg-inn/" in client.get(url)["Location"] or "login" in client.get(url)["Location"]
    # The case page links the file for the secretariat, through the same checked view.
    assert url in secretariat_client.get(case_url(case)).content.decode()


def test_a_file_of_the_wrong_type_is_refused_as_any_attachment_is(case, hamar_client):
    fake = SimpleUploadedFile("brev.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = hamar_client.post(send_url(case), {"text": "Vedlegg", "file": fake})
    assert response.status_code == 200
    assert "ikke en gyldig" in response.content.decode()
    assert not Message.objects.exists()
    assert not MessageAttachment.objects.exists()


def test_another_municipalitys_applicant_gets_nothing_of_the_thread(
    case, loten_client, secretariat_user
):
    message = message_send(
        application=case,
        user=secretariat_user,
        sender=Message.Sender.SECRETARIAT,
        text="Hemmelig for Løten",
        uploaded_file=pdf(),
    )
    attachment = message.attachments.get()
    assert loten_client.get(detail_url(case)).status_code == 404
    assert loten_client.post(send_url(case), {"text": "Fra Løten"}).status_code == 404
    for application_pk, pk in [
        (case.pk, attachment.pk),
        (case.pk, attachment.pk + 1),
        (case.pk + 1, attachment.pk),
    ]:
        url = reverse(
            "projects:message-attachment-download",
            kwargs={"application_pk": application_pk, "pk": pk},
        )
        assert loten_client.get(url).status_code == 404
    assert loten_client.post(admin_message_url(case), {"text": "x"}).status_code in (302, 403)
    assert Message.objects.count() == 1


def test_a_council_member_reads_the_thread_in_admin_and_writes_nothing(
    case, council_client, secretariat_user
):
    message_send(
        application=case,
        user=secretariat_user,
        sender=Message.Sender.SECRETARIAT,
        text="Vi trenger budsjettet.",
    )
    page = council_client.get(case_url(case))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Vi trenger budsjettet." in content
    assert admin_message_url(case) not in content
    assert post_as_secretariat(council_client, case, "Fra rådet").status_code == 403
    assert council_client.post(send_url(case), {"text": "Fra rådet"}).status_code == 403
    assert Message.objects.count() == 1


def test_anonymous_is_sent_to_log_in_and_nothing_is_stored(case, client):
    assert client.post(send_url(case), {"text": "Hei"}).status_code == 302
    response = client.post(admin_message_url(case), {"text": "Hei"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Message.objects.exists()


def test_a_draft_never_sent_in_has_no_thread(hamar, hamar_user, hamar_client, secretariat_client):
    draft = complete_application(lead_municipality=hamar, created_by=hamar_user)
    page = hamar_client.get(detail_url(draft))
    assert 'id="meldinger"' not in page.content.decode()
    refused = hamar_client.post(send_url(draft), {"text": "Hei"}, follow=True)
    assert refused.redirect_chain == [(detail_url(draft), 302)]
    assert "Meldinger kan sendes når søknaden er sendt inn." in refused.content.decode()
    admin_refused = post_as_secretariat(secretariat_client, draft, "Hei")
    assert admin_refused.status_code == 200
    assert "Meldinger kan sendes når søknaden er sendt inn." in admin_refused.content.decode()
    assert not Message.objects.exists()


def test_a_returned_application_keeps_its_thread(case, hamar_client, secretariat_user):
    from projects.services import application_transition

    application_transition(
        application=case, action=Action.RETURN, user=secretariat_user, comment="Rett budsjettet."
    )
    response = hamar_client.post(send_url(case), {"text": "Rettet nå."})
    assert response.status_code == 302
    assert Message.objects.filter(application=case).count() == 1


def test_the_application_page_reads_the_thread_in_the_same_number_of_queries_however_long(
    case, hamar_client, secretariat_user
):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert hamar_client.get(detail_url(case)).status_code == 200
        return len(context)

    message_send(
        application=case, user=secretariat_user, sender="secretariat", text="1", uploaded_file=pdf()
    )
    one = queries()
    for number in range(5):
        message_send(
            application=case,
            user=secretariat_user,
            sender="secretariat",
            text=str(number),
            uploaded_file=pdf(),
        )
    assert queries() == one


def test_a_person_no_longer_active_in_the_municipality_reads_and_answers_nothing(
    case, hamar, secretariat_client
):
    from accounts.models import Membership

    former = UserFactory(username="hamar-tidligere")
    MembershipFactory(person=former, municipality=hamar)
    client = logged_in_client(former)
    Membership.objects.filter(person=former).update(is_active=False)
    assert client.get(detail_url(case)).status_code == 404
    assert client.post(send_url(case), {"text": "Hei"}).status_code == 404
    # The secretariat writes in admin, not as the applicant on the portal's page.
    assert secretariat_client.post(send_url(case), {"text": "Hei"}).status_code == 403
    assert not Message.objects.exists()


def test_the_secretariats_file_is_checked_as_any_attachment_and_named_not_attached_in_the_mail(
    case, secretariat_client, django_capture_on_commit_callbacks
):
    fake = SimpleUploadedFile("brev.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = post_as_secretariat(secretariat_client, case, "Se vedlegget", file=fake)
    assert refused.status_code == 200
    assert "ikke en gyldig" in refused.content.decode()
    assert not Message.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        post_as_secretariat(secretariat_client, case, "Se vedlegget", file=pdf("vilkar.pdf"))
    (sent,) = mail.outbox
    assert "vilkar.pdf" in sent.body
    # The file stays behind the login: the mail names it and links to the page.
    assert sent.attachments == []
