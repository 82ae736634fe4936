from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

# The secretariat reads the outgoing mail (django-post-office): what was sent, what is queued
# and what failed, with each attempt. Council members do not: the mail is about every
# municipality's applications.
SECRETARIAT = {
    ("post_office", "email"): ["view"],
    ("post_office", "log"): ["view"],
}


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for (app_label, model), actions in SECRETARIAT.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("post_office")
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
        ("projects", "0012_single_line_text"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
