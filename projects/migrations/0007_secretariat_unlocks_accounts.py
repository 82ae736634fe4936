from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

# The secretariat reads the login attempts and unlocks an account that too many failed logins
# locked, by deleting its access attempt in admin (django-axes).
SECRETARIAT = {
    ("axes", "accessattempt"): ["view", "delete"],
    ("axes", "accesslog"): ["view", "delete"],
    ("axes", "accessfailurelog"): ["view", "delete"],
}


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for (app_label, model), actions in SECRETARIAT.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("axes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    secretariat.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    secretariat = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if secretariat:
        secretariat.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_final_report_draft"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
