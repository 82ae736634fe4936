from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

# The secretariat keeps the commitments and their updates, and reads their history.
PERMISSIONS = {
    "commitment": ["add", "change", "delete", "view"],
    "commitmentupdate": ["add", "change", "delete", "view"],
    "historicalcommitment": ["view"],
    "historicalcommitmentupdate": ["view"],
}


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="programme", codename=f"{action}_{model}")
        for model, actions in PERMISSIONS.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now
    # so that the group can be given them in a fresh database.
    app_config = apps.get_app_config("programme")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if group:
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programme", "0004_commitments"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
