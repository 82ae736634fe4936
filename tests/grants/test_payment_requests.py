"""Payment requests: the applicant asks for a payment with a cost statement and documentation,
the secretariat approves, adjusts with a reason or returns it; an approved request is a payment,
the payments never exceed the grant, and the final payment waits for the final report."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.models import PaymentRequest
from grants.services import payment_request_approve, payment_request_submit
from projects.models import Payment
from projects.services import application_transition, payment_register
from projects.workflow import Action, State
from tests.factories import PDF_BYTES, CostLineFactory, case_in, payment_request_for
from tests.html import normalise, page_text

pytestmark = pytest.mark.django_db

# case_in grants what was applied for: 500 000 kr.
GRANTED = 500_000


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    """A Hamar application moved to `state` by the services, with a cost plan of two lines."""

    def make(state=State.IN_PROGRESS):
        application = case_in(
            state, secretariat=secretariat_user, lead_municipality=hamar, created_by=hamar_user
        )
        CostLineFactory(application=application, item="Reise og møter", amount=200_000)
        return application

    return make


@pytest.fixture
def granted(make_case):
    return make_case()


def lines(application):
    return list(application.cost_lines.order_by("pk"))


def create_url(application):
    return reverse("grants:payment-request-create", kwargs={"pk": application.pk})


def follow_up_url(application):
    return reverse("grants:follow-up", kwargs={"pk": application.pk})


def handle_url(payment_request, outcome):
    return reverse("admin:grants_paymentrequest_handle", args=[payment_request.pk, outcome])


def pdf(name="bilag.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def request_data(application, *, kind="part", amount="150 000", spent=None, files=()):
    first, second = lines(application)
    spent = spent if spent is not None else {first.pk: "120000", second.pk: "30 000"}
    return {
        "kind": kind,
        "amount": amount,
        "comment": "Første halvår.",
        **{f"spent_{line_id}": value for line_id, value in spent.items()},
        "attachments": list(files),
    }


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def field_errors(response, field) -> str:
    return normalise(" ".join(response.context["form"].errors.get(field, [])))


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
    ids=["negative-spent", "more-than-remains", "nothing", "no-lines", "all-zero", "not-a-pdf"],
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


# --- The secretariat's handling ------------------------------------------------------------------


def test_the_secretariat_approves_and_a_payment_of_that_amount_is_registered(
    secretariat_client, granted, django_capture_on_commit_callbacks
):
    payment_request = payment_request_for(granted, amount=150_000)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            handle_url(payment_request, "godkjenn"),
            {"paid_on": "01.12.2026", "reference": "Bilag 17", "reason": ""},
        )

    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (payment.application, payment.amount, payment.paid_on, payment.reference) == (
        granted,
        150_000,
        date(2026, 12, 1),
        "Bilag 17",
    )
    payment_request.refresh_from_db()
    assert payment_request.status == PaymentRequest.Status.APPROVED
    assert payment_request.payment == payment
    [message] = mail.outbox
    assert message.to == ["kontakt@hamar.example.org", "hamar-saksbehandler@example.org"]
    assert message.subject == f"Utbetaling godkjent: {granted.title}"
    assert "150 000 kr blir utbetalt." in normalise(message.body)


def test_adjusting_the_amount_without_a_reason_is_refused(secretariat_client, granted):
    payment_request = payment_request_for(granted, amount=150_000)

    response = secretariat_client.post(
        handle_url(payment_request, "juster"),
        {"amount": "120 000", "reason": "", "paid_on": "01.12.2026"},
    )

    assert response.status_code == 200
    assert field_errors(response, "reason") == "Skriv hvorfor beløpet er endret."
    assert not Payment.objects.exists()


def test_adjusting_with_a_reason_pays_that_amount_and_the_applicant_reads_why(
    secretariat_client, hamar_client, granted, django_capture_on_commit_callbacks
):
    payment_request = payment_request_for(granted, amount=150_000)
    reason = "Reiseutgiftene er ikke dokumentert."

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            handle_url(payment_request, "juster"),
            {"amount": "120 000", "reason": reason, "paid_on": "01.12.2026"},
        )

    assert response.status_code == 302
    assert Payment.objects.get().amount == 120_000
    payment_request.refresh_from_db()
    assert payment_request.status == PaymentRequest.Status.ADJUSTED
    assert payment_request.approved_amount == 120_000
    page = page_text(hamar_client.get(payment_request.get_absolute_url()))
    assert reason in page and "Godkjent beløp 120 000 kr" in page
    [message] = mail.outbox
    assert reason in message.body
    assert "120 000 kr blir utbetalt, ikke 150 000 kr" in normalise(message.body)


def test_approving_more_than_was_asked_for_is_refused(secretariat_user, granted):
    payment_request = payment_request_for(granted, amount=150_000)

    with pytest.raises(ValidationError) as refused:
        payment_request_approve(
            request=payment_request, user=secretariat_user, amount=150_001, reason="Mer."
        )

    assert "amount" in refused.value.message_dict
    assert not Payment.objects.exists()


def test_returning_needs_a_reason_and_then_the_applicant_may_send_a_new_request(
    secretariat_client, hamar_client, granted, django_capture_on_commit_callbacks
):
    payment_request = payment_request_for(granted, amount=150_000)
    url = handle_url(payment_request, "send-tilbake")

    refused = secretariat_client.post(url, {"reason": "  "})
    assert field_errors(refused, "reason") == "Skriv hvorfor anmodningen sendes tilbake."

    reason = "Legg ved regnskapsutskriften."
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {"reason": reason})

    payment_request.refresh_from_db()
    assert payment_request.status == PaymentRequest.Status.RETURNED
    assert payment_request.reason == reason
    assert not Payment.objects.exists()
    [message] = mail.outbox
    assert message.subject == f"Utbetalingsanmodningen er sendt tilbake: {granted.title}"
    assert reason in message.body
    follow_up = page_text(hamar_client.get(follow_up_url(granted)))
    assert "Sendt tilbake" in follow_up and reason in follow_up
    assert hamar_client.get(create_url(granted)).status_code == 200


def test_a_handled_request_cannot_be_handled_again(secretariat_client, granted):
    payment_request = payment_request_for(granted, amount=150_000)
    secretariat_client.post(handle_url(payment_request, "godkjenn"), {"paid_on": "01.12.2026"})

    response = secretariat_client.post(
        handle_url(payment_request, "godkjenn"), {"paid_on": "01.12.2026"}, follow=True
    )

    assert "Anmodningen er allerede behandlet." in page_text(response)
    assert Payment.objects.count() == 1


def test_the_paid_total_never_exceeds_the_grant(secretariat_user, granted):
    first = payment_request_for(granted, amount=300_000)
    payment_request_approve(request=first, user=secretariat_user)
    second = payment_request_for(granted, amount=200_000)
    # Paid by hand in the meantime, from the application's payment page.
    payment_register(
        application=granted, user=secretariat_user, amount=50_000, paid_on=date(2026, 12, 1)
    )

    with pytest.raises(ValidationError) as refused:
        payment_request_approve(request=second, user=secretariat_user)

    assert normalise(" ".join(refused.value.message_dict["amount"])) == (
        "Utbetalingen er 50 000 kr mer enn det som gjenstår av tilsagnet (150 000 kr)."
    )
    assert sum(Payment.objects.values_list("amount", flat=True)) == 350_000
    second.refresh_from_db()
    assert second.status == PaymentRequest.Status.PENDING


def test_two_requests_cannot_together_ask_for_more_than_the_grant(secretariat_user, granted):
    payment_request_approve(
        request=payment_request_for(granted, amount=400_000), user=secretariat_user
    )

    with pytest.raises(ValidationError) as refused:
        payment_request_for(granted, amount=100_001)

    assert "amount" in refused.value.message_dict
    assert PaymentRequest.objects.count() == 1


def test_no_request_after_the_final_payment(secretariat_user, make_case):
    reported = make_case(State.REPORT_SUBMITTED)
    final = payment_request_for(reported, amount=200_000, kind=PaymentRequest.Kind.FINAL)
    payment_request_approve(request=final, user=secretariat_user)

    with pytest.raises(ValidationError) as refused:
        payment_request_submit(
            application=reported,
            user=reported.created_by,
            kind=PaymentRequest.Kind.PART,
            amount=1_000,
            spent={line.pk: 1_000 for line in lines(reported)},
        )

    assert refused.value.code == "final_paid"


# --- The secretariat's admin and the application's page ------------------------------------------


def test_the_admin_lists_requests_by_status_and_shows_the_statement_and_files(
    secretariat_client, granted
):
    pending = payment_request_for(granted, amount=150_000, attachments=[pdf("faktura.pdf")])
    changelist = reverse("admin:grants_paymentrequest_changelist")

    listed = secretariat_client.get(changelist, {"status__exact": "pending"})
    none_returned = secretariat_client.get(changelist, {"status__exact": "returned"})
    change = secretariat_client.get(
        reverse("admin:grants_paymentrequest_change", args=[pending.pk])
    )

    assert list(listed.context["cl"].result_list) == [pending]
    assert list(none_returned.context["cl"].result_list) == []
    text = page_text(change)
    assert "Reise og møter" in text and "Godkjenn et annet beløp" in text
    attachment = pending.attachments.get()
    assert f'href="{attachment.get_absolute_url()}"' in change.content.decode()
    assert secretariat_client.get(attachment.get_absolute_url()).status_code == 200


def test_the_application_page_links_to_the_follow_up_once_granted(hamar_client, make_case):
    granted = make_case(State.IN_PROGRESS)
    in_review = make_case(State.IN_REVIEW)

    link = f'href="{follow_up_url(granted)}"'
    assert link in hamar_client.get(granted.get_absolute_url()).content.decode()
    assert "oppfolging" not in hamar_client.get(in_review.get_absolute_url()).content.decode()
    assert hamar_client.get(follow_up_url(in_review)).status_code == 404
