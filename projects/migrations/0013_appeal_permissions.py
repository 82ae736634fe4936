"""The secretariat keeps the appeal route and reads the appeals and their history."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

SECRETARIAT = {
    "appealroute": ["add", "change", "view"],
    "historicalappealroute": ["view"],
    "appeal": ["view"],
    "historicalappeal": ["view"],
}


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="projects", codename=f"{action}_{model}")
        for model, actions in SECRETARIAT.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("projects")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT_GROUP).first()
    if group is not None:
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0012_appeal_route_default"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
