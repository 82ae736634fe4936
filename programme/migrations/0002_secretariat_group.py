from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

# What the secretariat needs for the programme: to edit every part of it, and to read
# (not rewrite) the UN's sustainable development goals.
PERMISSIONS = {
    "programme": ["add", "change", "delete", "view"],
    "focusarea": ["add", "change", "delete", "view"],
    "theme": ["add", "change", "delete", "view"],
    "subtheme": ["add", "change", "delete", "view"],
    "narrativesection": ["add", "change", "delete", "view"],
    "sustainabledevelopmentgoal": ["view"],
}


def codenames():
    return [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now
    # so that the group can be given them in a fresh database.
    app_config = apps.get_app_config("programme")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="programme", codename__in=codenames())
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="programme", codename__in=codenames()
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programme", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
