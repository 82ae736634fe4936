"""When each application's status last changed, stored for the work queue, which read it from
the timeline for every waiting case. Existing applications get it from their timeline: the
newest step that led into the status they are in, or, where there is none, when they were sent
in. The work queue reads the waiting cases, longest waiting first, from an index of those
cases alone: they are among the newest, which a scan of all cases in this order reaches last."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

# The timeline's entries that leave the status as it is (projects.workflow.RECORDED_ACTIONS as
# it was when this migration was written).
RECORDED_ACTIONS = [
    "create",
    "request_change",
    "approve_change",
    "reject_change",
    "assign_case_handler",
    "unassign_case_handler",
]


def fill(apps, schema_editor):
    Application = apps.get_model("projects", "Application")
    StatusChange = apps.get_model("projects", "StatusChange")
    entered = (
        StatusChange.objects.filter(application=OuterRef("pk"), to_status=OuterRef("status"))
        .exclude(action__in=RECORDED_ACTIONS)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    # One UPDATE for every row: there may be a hundred thousand.
    Application.objects.update(status_changed_at=Coalesce(Subquery(entered), F("submitted_at")))


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0002_commitment_projects"),
        ("projects", "0020_decision_report_due"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="status_changed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="status endret"
            ),
        ),
        migrations.AddField(
            model_name="historicalapplication",
            name="status_changed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="status endret"
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["status_changed_at", "id"],
                name="application_status_changed",
                # The states waiting for the secretariat (projects.workflow).
                condition=models.Q(
                    status__in=[
                        "appeal_forwarded",
                        "appealed",
                        "in_review",
                        "recommended",
                        "report_submitted",
                        "submitted",
                    ]
                ),
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
