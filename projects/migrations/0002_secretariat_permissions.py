from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

# What the secretariat needs to run funding calls, read and handle applications and manage the
# municipalities' applicant accounts. Users: no delete (deactivate instead); groups and
# permissions: nothing.
PERMISSIONS = {
    ("projects", "municipality"): ["add", "change", "view"],
    ("projects", "membership"): ["add", "change", "delete", "view"],
    ("projects", "fundingcall"): ["add", "change", "delete", "view"],
    ("projects", "application"): ["view", "handle"],
    ("projects", "costline"): ["view"],
    ("projects", "fundingline"): ["view"],
    ("projects", "attachment"): ["view"],
    ("projects", "statuschange"): ["view"],
    ("auth", "user"): ["add", "change", "view"],
}


def codename(action, model):
    return "handle_application" if action == "handle" else f"{action}_{model}"


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for (app_label, model), actions in PERMISSIONS.items():
        for action in actions:
            found.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename(action, model)
                )
            )
    return found


def grant(apps, schema_editor):
    for label in ("auth", "projects"):
        app_config = apps.get_app_config(label)
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
        ("projects", "0001_initial"),
        ("programme", "0002_secretariat_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
