"""The secretariat reads what the exports sent and marks registry entries exempt from the
public post journal; the entries themselves are written only by the export."""

from django.db import migrations

from hamarregion.group_permissions import group_permissions

SECRETARIAT = {
    "archiveexport": ["view"],
    "registryentry": ["view", "change"],
    "historicalregistryentry": ["view"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("projects", "0002_groups_and_members"),
    ]

    operations = [group_permissions("archive", "Sekretariat", SECRETARIAT)]
