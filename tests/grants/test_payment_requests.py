"""Payment requests as the applicant makes them: a cost statement per line of the approved plan,
documentation, and what is left of the grant; the final payment waits for the final report."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.models import PaymentRequest
from grants.services import payment_request_approve
from projects.models import Payment
from projects.services import application_transition
from projects.workflow import Action, State
from tests.factories import PDF_BYTES, payment_request_for
from tests.grants.payment_request_pages import (
    create_url,
    field_errors,
    follow_up_url,
    handle_url,
    lines,
    pdf,
    request_data,
    stored_files,
)
from tests.html import normalise, page_text

pytestmark = pytest.mark.django_db


# --- The applicant's request ---------------------------------------------------------------------


def test_the_applicant_requests_a_payment_with_a_cost_statement_and_a_file(
    hamar_client, granted, django_capture_on_commit_callbacks
):
    page = hamar_client.get(create_url(granted))
    assert page.status_code == 200
    assert "Prosjektledelse" in page_text(page) and "Reise og møter" in page_text(page)

    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(
            create_url(granted), request_data(granted, files=[pdf()]), follow=True
        )

    payment_request = PaymentRequest.objects.get()
    assert response.redirect_chain[-1][0] == payment_request.get_absolute_url()
    assert payment_request.status == PaymentRequest.Status.PENDING
    assert payment_request.amount == 150_000
    assert [(line.item, line.planned_amount, line.spent) for line in
            payment_request.statement_lines.all()] == [
        ("Prosjektledelse", 1_000_000, 120_000),
        ("Reise og møter", 200_000, 30_000),
    ]  # fmt: skip
    attachment = payment_request.attachments.get()
    assert attachment.original_name == "bilag.pdf"
    assert Path(attachment.file.path).read_bytes() == PDF_BYTES
    assert "Utbetalingsanmodningen er sendt" in page_text(response)
    follow_up = page_text(hamar_client.get(follow_up_url(granted)))
    assert "Delutbetaling 150 000 kr Til behandling" in follow_up
    download = hamar_client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_the_secretariat_is_told_of_a_new_request_with_a_link_to_it_in_admin(
    granted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        payment_request = payment_request_for(granted, amount=150_000)

    [message] = mail.outbox
    assert message.to == ["sekretariat@example.org"]
    assert message.subject == f"Utbetalingsanmodning: {granted.title}"
    admin_url = reverse("admin:grants_paymentrequest_change", args=[payment_request.pk])
    assert f"https://portal.example.org{admin_url}" in message.body
    assert "Beløp det bes om: 150 000 kr" in normalise(message.body)


def test_another_municipality_gets_404_and_nothing_is_stored(loten_client, granted):
    payment_request = payment_request_for(granted)
    for url in (
        follow_up_url(granted),
        create_url(granted),
        payment_request.get_absolute_url(),
    ):
        assert loten_client.get(url).status_code == 404

    response = loten_client.post(create_url(granted), request_data(granted, files=[pdf()]))

    assert response.status_code == 404
    assert PaymentRequest.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, granted):
    url = create_url(granted)

    response = client.post(url, request_data(granted))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not PaymentRequest.objects.exists()


def test_the_secretariat_reads_the_follow_up_page_but_cannot_request_a_payment(
    secretariat_client, granted
):
    assert secretariat_client.get(follow_up_url(granted)).status_code == 200
    assert secretariat_client.get(create_url(granted)).status_code == 403


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"spent": "negative"}, "spent_first", "Beløpet kan ikke være negativt."),
        (
            {"amount": "500 001"},
            "amount",
            "Du kan be om høyst 500 000 kr, det som gjenstår av tilskuddet. Beløpet er 1 kr for "
            "høyt.",
        ),
        ({"amount": "0"}, "amount", "Beløpet må være større enn 0 kr."),
        (
            {"amount": "500 000"},
            "amount",
            "En delutbetaling kan ikke ta resten av tilskuddet (500 000 kr). Det siste "
            "utbetales som sluttutbetaling når sluttrapporten er sendt inn.",
        ),
        (
            {"spent": "missing"},
            "spent_first",
            "Oppgi hvor mye som er brukt på posten, 0 om ingenting.",
        ),
        (
            {"spent": "zero"},
            "__all__",
            "Kostnadsoppstillingen viser ingen kostnader. Oppgi hvor mye som er brukt så langt på "
            "hver post i kostnadsplanen.",
        ),
        (
            {"file": SimpleUploadedFile("bilag.pdf", b"MZ not a pdf")},
            "attachments",
            "bilag.pdf: Filen er ikke en gyldig PDF, ODT, DOCX, XLSX, ODS, PNG, JPEG-fil, eller "
            "filnavnet passer ikke med innholdet.",
        ),
    ],
    ids=[
        "negative-spent",
        "more-than-remains",
        "nothing",
        "part-takes-all",
        "no-lines",
        "all-zero",
        "not-a-pdf",
    ],
)
def test_bad_input_gives_a_message_at_the_field_and_changes_nothing(
    hamar_client, granted, change, field, message
):
    first, second = lines(granted)
    spent = {
        "negative": {first.pk: "-1", second.pk: "0"},
        "missing": {},
        "zero": {first.pk: "0", second.pk: "0"},
    }.get(change.get("spent"))
    data = request_data(
        granted,
        amount=change.get("amount", "100 000"),
        spent=spent,
        files=[change["file"]] if "file" in change else [pdf()],
    )

    response = hamar_client.post(create_url(granted), data)

    assert response.status_code == 200
    field = f"spent_{first.pk}" if field == "spent_first" else field
    assert field_errors(response, field) == message
    assert message in normalise(page_text(response))
    assert not PaymentRequest.objects.exists()
    assert stored_files() == []


def test_a_second_request_while_one_is_pending_is_refused(hamar_client, granted):
    payment_request_for(granted, amount=100_000)

    page = hamar_client.get(create_url(granted), follow=True)
    response = hamar_client.post(create_url(granted), request_data(granted), follow=True)

    expected = "En utbetalingsanmodning er allerede til behandling."
    assert expected in page_text(page) and expected in page_text(response)
    assert PaymentRequest.objects.count() == 1


def test_no_request_where_no_payment_can_be_made(make_case, hamar_user, hamar_client):
    in_review = make_case(State.IN_REVIEW)

    assert hamar_client.get(create_url(in_review)).status_code == 404
    with pytest.raises(ValidationError) as refused:
        payment_request_for(in_review)
    assert refused.value.code == "not_granted"


# --- The final payment waits for the final report ------------------------------------------------


def test_a_final_request_is_refused_before_the_final_report(hamar_client, granted):
    response = hamar_client.post(create_url(granted), request_data(granted, kind="final"))

    assert response.status_code == 200
    assert field_errors(response, "kind") == (
        "Sluttutbetaling kan bare bes om når sluttrapporten er sendt inn. Send inn "
        "sluttrapporten først, eller be om en delutbetaling."
    )
    assert not PaymentRequest.objects.exists()


def test_a_final_request_is_accepted_once_the_final_report_is_sent_in(hamar_client, make_case):
    reported = make_case(State.REPORT_SUBMITTED)

    response = hamar_client.post(create_url(reported), request_data(reported, kind="final"))

    assert response.status_code == 302
    assert PaymentRequest.objects.get().kind == PaymentRequest.Kind.FINAL


def test_a_final_request_is_not_paid_when_the_report_was_sent_back(
    make_case, secretariat_user, secretariat_client
):
    reported = make_case(State.REPORT_SUBMITTED)
    payment_request = payment_request_for(reported, kind=PaymentRequest.Kind.FINAL)
    application_transition(
        application=reported,
        action=Action.RETURN_REPORT,
        user=secretariat_user,
        comment="Rapporten mangler regnskapet.",
    )

    response = secretariat_client.post(
        handle_url(payment_request, "godkjenn"), {"paid_on": "01.12.2026"}, follow=True
    )

    assert "Sluttrapporten er ikke sendt inn, eller den er sendt tilbake" in page_text(response)
    assert not Payment.objects.exists()
    payment_request.refresh_from_db()
    assert payment_request.status == PaymentRequest.Status.PENDING


def test_the_application_page_links_to_the_follow_up_once_granted(hamar_client, make_case):
    granted = make_case(State.IN_PROGRESS)
    in_review = make_case(State.IN_REVIEW)

    link = f'href="{follow_up_url(granted)}"'
    assert link in hamar_client.get(granted.get_absolute_url()).content.decode()
    assert "oppfolging" not in hamar_client.get(in_review.get_absolute_url()).content.decode()
    assert hamar_client.get(follow_up_url(in_review)).status_code == 404


def test_a_cost_statement_naming_another_applications_cost_line_is_refused(granted, make_case):
    other = make_case()
    first, second = lines(granted)
    foreign = lines(other)[0]

    with pytest.raises(ValidationError) as refused:
        payment_request_for(
            granted, spent={first.pk: 1_000, second.pk: 0, foreign.pk: 5_000}, amount=1_000
        )

    assert refused.value.message_dict["spent"] == [
        "Kostnadsoppstillingen må følge postene i kostnadsplanen."
    ]
    assert not PaymentRequest.objects.exists()


def test_the_applicant_adds_documentation_while_the_request_is_pending(
    hamar_client, loten_client, secretariat_user, granted
):
    payment_request = payment_request_for(granted)
    url = reverse(
        "grants:payment-request-attachment-upload",
        kwargs={"pk": granted.pk, "request_pk": payment_request.pk},
    )

    added = hamar_client.post(url, {"file": pdf("regnskap.pdf")})
    wrong = hamar_client.post(url, {"file": pdf("regnskap.pdf", b"not a pdf")})
    foreign = loten_client.post(url, {"file": pdf("annet.pdf")})

    assert added.status_code == 302
    assert [a.original_name for a in payment_request.attachments.all()] == ["regnskap.pdf"]
    assert wrong.status_code == 200
    assert wrong.context["attachment_form"].errors["file"] == [
        "Filen er ikke en gyldig PDF, ODT, DOCX, XLSX, ODS, PNG, JPEG-fil, eller filnavnet passer "
        "ikke med innholdet."
    ]
    assert foreign.status_code == 404
    payment_request_approve(request=payment_request, user=secretariat_user)
    late = hamar_client.post(url, {"file": pdf("sent.pdf")}, follow=True)
    assert "Dokumentasjon kan bare legges til mens anmodningen er til behandling." in page_text(
        late
    )
    assert payment_request.attachments.count() == 1
