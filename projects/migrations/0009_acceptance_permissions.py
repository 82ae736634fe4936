"""The secretariat reads the grant acceptances and the reminders about their deadline."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"
MODELS = ["grantacceptance", "acceptancereminder"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("projects")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="projects", codename__in=[f"view_{m}" for m in MODELS]
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT_GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="projects", codename__in=[f"view_{m}" for m in MODELS]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_acceptance_due_on_filled"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]
