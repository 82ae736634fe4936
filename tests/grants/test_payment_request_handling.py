"""Payment requests as the secretariat handles them in admin: approved as a payment, another
amount with a reason, or returned with a reason; the payments never exceed the grant."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from grants.models import PaymentRequest
from grants.services import payment_request_approve, payment_request_submit
from projects.models import Payment
from projects.services import payment_register
from projects.workflow import State
from tests.factories import payment_request_for
from tests.grants.payment_request_pages import (
    create_url,
    field_errors,
    follow_up_url,
    handle_url,
    lines,
    pdf,
)
from tests.html import normalise, page_text, start_tags

pytestmark = pytest.mark.django_db


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
    second = payment_request_for(granted, amount=150_000)
    # Paid by hand in the meantime, from the application's payment page.
    payment_register(
        application=granted, user=secretariat_user, amount=100_000, paid_on=date(2026, 12, 1)
    )

    with pytest.raises(ValidationError) as refused:
        payment_request_approve(request=second, user=secretariat_user)

    assert normalise(" ".join(refused.value.message_dict["amount"])) == (
        "Utbetalingen er 50 000 kr mer enn det som gjenstår av tilsagnet (100 000 kr)."
    )
    assert sum(Payment.objects.values_list("amount", flat=True)) == 400_000
    second.refresh_from_db()
    assert second.status == PaymentRequest.Status.PENDING


def test_a_part_payment_that_would_leave_nothing_for_the_final_payment_is_not_approved(
    secretariat_user, granted
):
    request = payment_request_for(granted, amount=300_000)
    # Paid by hand in the meantime: the request would now take the rest of the grant.
    payment_register(
        application=granted, user=secretariat_user, amount=200_000, paid_on=date(2026, 12, 1)
    )

    with pytest.raises(ValidationError) as refused:
        payment_request_approve(request=request, user=secretariat_user)

    assert "En delutbetaling kan ikke ta resten av tilskuddet" in normalise(
        " ".join(refused.value.message_dict["amount"])
    )
    request.refresh_from_db()
    assert request.status == PaymentRequest.Status.PENDING


def test_a_request_for_more_than_remains_after_a_payment_is_refused(secretariat_user, granted):
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

    case_page = secretariat_client.get(
        reverse("admin:projects_application_change", args=[granted.pk])
    )
    of_the_case = secretariat_client.get(changelist, {"application__id__exact": granted.pk})

    assert f"{changelist}?application__id__exact={granted.pk}" in case_page.content.decode()
    assert list(of_the_case.context["cl"].result_list) == [pending]
    assert list(listed.context["cl"].result_list) == [pending]
    assert list(none_returned.context["cl"].result_list) == []
    text = page_text(change)
    assert "Reise og møter" in text and "Godkjenn et annet beløp" in text
    attachment = pending.attachments.get()
    assert f'href="{attachment.get_absolute_url()}"' in change.content.decode()
    assert secretariat_client.get(attachment.get_absolute_url()).status_code == 200
    # The handling page leads back to the list and to the request.
    handling = secretariat_client.get(handle_url(pending, "godkjenn"))
    links = {attrs.get("href") for _tag, attrs in start_tags(handling, "a")}
    assert {changelist, reverse("admin:grants_paymentrequest_change", args=[pending.pk])} <= links
