"""The secretariat reads the progress reports, change requests and progress reminders in admin.
It changes them only through the services (marking a report as read, deciding a request),
which check that the user is the secretariat (projects.permissions.is_secretariat)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

MODELS = ["progressreport", "progressreminder", "changerequest", "budgetchangeline"]


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="grants", codename__in=[f"view_{model}" for model in MODELS]
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now so that
    # the group can be given them in a new database.
    app_config = apps.get_app_config("grants")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT_GROUP).first()
    if group is not None:
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0003_progress_reports_and_change_requests"),
        ("projects", "0002_groups_and_members"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
