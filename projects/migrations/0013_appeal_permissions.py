"""The secretariat keeps the appeal route and reads the appeals and their history."""

from django.db import migrations

from hamarregion.group_permissions import group_permissions

SECRETARIAT = {
    "appealroute": ["add", "change", "view"],
    "historicalappealroute": ["view"],
    "appeal": ["view"],
    "historicalappeal": ["view"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0012_appeal_route_default"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [group_permissions("projects", "Sekretariat", SECRETARIAT)]
