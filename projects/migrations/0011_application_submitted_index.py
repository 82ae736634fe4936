from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_performance_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["submitted_at"], name="application_submitted"),
        ),
    ]
