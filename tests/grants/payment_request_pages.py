"""What the payment request tests share: the addresses, a filled-in request form, and what the
form and the private storage hold after a post."""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PDF_BYTES
from tests.html import normalise


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
