from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"
COUNCIL_GROUP = "Rådsmedlem"

# The secretariat keeps the meetings, their agendas, guests and minutes, and reads their history.
SECRETARIAT = {
    "meeting": ["add", "change", "delete", "view"],
    "agendaitem": ["add", "change", "delete", "view"],
    "guest": ["add", "change", "delete", "view"],
    "historicalmeeting": ["view"],
    "historicalagendaitem": ["view"],
    "historicalguest": ["view"],
}

# Council members read the agendas (and the draft minutes) of their own meetings.
COUNCIL = {
    "meeting": ["view"],
    "agendaitem": ["view"],
    "guest": ["view"],
}


def permissions(apps, table):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="meetings", codename=f"{action}_{model}")
        for model, actions in table.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now
    # so that the groups can be given them in a fresh database.
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    secretariat.permissions.add(*permissions(apps, SECRETARIAT))
    council, _ = Group.objects.get_or_create(name=COUNCIL_GROUP)
    council.permissions.add(*permissions(apps, COUNCIL))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, table in ((SECRETARIAT_GROUP, SECRETARIAT), (COUNCIL_GROUP, COUNCIL)):
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*permissions(apps, table))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0001_initial"),
        # The groups are made by these; this one only adds to them.
        ("programme", "0002_secretariat_group"),
        ("projects", "0005_case_handling_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
