"""The appeal route every decision letter states, as the letters stated it before the
secretariat could edit it: the bokmål default, with its first version in the history."""

from django.db import migrations
from django.utils import timezone

from projects.models.appeal import DEFAULT_APPEAL_BODY, DEFAULT_APPEAL_TEXT, DEFAULT_APPEAL_WEEKS


def create_default(apps, schema_editor):
    AppealRoute = apps.get_model("projects", "AppealRoute")
    if AppealRoute.objects.exists():
        return
    values = {
        "appeal_body": DEFAULT_APPEAL_BODY,
        "weeks": DEFAULT_APPEAL_WEEKS,
        "text": DEFAULT_APPEAL_TEXT,
    }
    route = AppealRoute.objects.create(pk=1, **values)
    apps.get_model("projects", "HistoricalAppealRoute").objects.create(
        id=route.pk,
        updated_at=route.updated_at,
        history_date=timezone.now(),
        history_type="+",
        **values,
    )


def delete_default(apps, schema_editor):
    apps.get_model("projects", "HistoricalAppealRoute").objects.all().delete()
    apps.get_model("projects", "AppealRoute").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_appeals")]

    operations = [migrations.RunPython(create_default, delete_default)]
