"""Each application keeps a copy of its decision's final report deadline, filled here from the
decisions already recorded, with the partial index the work queue reads the overdue reports
from."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Application = apps.get_model("projects", "Application")
    Decision = apps.get_model("projects", "Decision")
    deadline = Decision.objects.filter(application=OuterRef("pk")).values("report_due_on")[:1]
    Application.objects.filter(decision__isnull=False).update(
        final_report_due_on=Subquery(deadline)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0022_application_follow_up"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="final_report_due_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="frist for sluttrapport"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("status__in", ["accepted", "approved", "in_progress"])),
                fields=["final_report_due_on", "id"],
                name="application_report_due",
            ),
        ),
    ]
