"""The partial index the work queue reads the recommended cases on no agenda from, the longest
waiting first."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0023_application_report_due"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("status", "recommended")),
                fields=["status_changed_at", "id"],
                name="application_recommended",
            ),
        ),
    ]
