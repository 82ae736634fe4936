"""The secretariat reads what the exports sent and marks registry entries exempt from the
public post journal; the entries themselves are written only by the export."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

SECRETARIAT = {
    "archiveexport": ["view"],
    "registryentry": ["view", "change"],
    "historicalregistryentry": ["view"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now so that
    # the group can be given them in a new database.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label="archive", codename=f"{action}_{model}")
            for model, actions in SECRETARIAT.items()
            for action in actions
        ]
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="archive"))


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("projects", "0002_groups_and_members"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
