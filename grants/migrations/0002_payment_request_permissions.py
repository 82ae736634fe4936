"""The secretariat reads the payment requests, their cost statements and files in admin, and
their history; it handles them through the services, never by editing the rows."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"

SECRETARIAT = {
    "paymentrequest": ["view"],
    "historicalpaymentrequest": ["view"],
    "coststatementline": ["view"],
    "paymentrequestattachment": ["view"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("grants")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label="grants", codename=f"{action}_{model}")
            for model, actions in SECRETARIAT.items()
            for action in actions
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=SECRETARIAT_GROUP):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="grants",
                codename__in=[
                    f"{action}_{model}"
                    for model, actions in SECRETARIAT.items()
                    for action in actions
                ],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_payment_requests"),
        ("projects", "0002_groups_and_members"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
