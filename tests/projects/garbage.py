"""Values and helpers for posting garbage to the forms."""

from django.forms.models import model_to_dict

from projects.models import Application, Attachment, StatusChange

LONG = "x" * 10_000
HUGE = "9" * 40
NUL = "tittel\x00med nullbyte"


def everything_stored(application):
    """All that the edit page could change, as plain data."""
    stored = Application.objects.get(pk=application.pk)
    fields = model_to_dict(stored)
    fields.update(
        status=stored.status,
        updated_at=stored.updated_at,
        cost=list(stored.cost_lines.order_by("pk").values_list("pk", "item", "amount")),
        funding=list(
            stored.funding_lines.order_by("pk").values_list("pk", "source", "description", "amount")
        ),
        changes=StatusChange.objects.filter(application=application).count(),
        attachments=Attachment.objects.filter(application=application).count(),
    )
    return fields
