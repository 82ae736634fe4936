from django.db import migrations

from hamarregion.group_permissions import group_permissions

SECRETARIAT = {
    "organisation": ["view", "add", "change"],
    "membership": ["view", "add", "change"],
    "auditevent": ["view"],
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_email_unique_regardless_of_case")]

    operations = [group_permissions("accounts", "Sekretariat", SECRETARIAT)]
