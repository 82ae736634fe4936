"""The secretariat reads the grant acceptances and the reminders about their deadline."""

from django.db import migrations

from hamarregion.group_permissions import group_permissions

SECRETARIAT = {
    "grantacceptance": ["view"],
    "acceptancereminder": ["view"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_acceptance_due_on_filled"),
    ]

    operations = [group_permissions("projects", "Sekretariat", SECRETARIAT)]
