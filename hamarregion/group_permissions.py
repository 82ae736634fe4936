"""A migration step that gives a staff group the permissions of an app's models, and takes them
back when it is reversed: one place for what each app's permission migrations do."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def group_permissions(app_label: str, group_name: str, table: dict[str, list[str]]):
    """RunPython that adds to `group_name` the permissions `table` names for `app_label`'s models
    ({model: [action, …]}, e.g. {"appeal": ["view"]}), creating the group if missing."""

    def codenames():
        return [f"{action}_{model}" for model, actions in table.items() for action in actions]

    def found(apps):
        Permission = apps.get_model("auth", "Permission")
        wanted = codenames()
        permissions = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=wanted)
        )
        missing = set(wanted) - {permission.codename for permission in permissions}
        if missing:
            raise LookupError(f"No such permissions in {app_label}: {sorted(missing)}")
        return permissions

    def grant(apps, schema_editor):
        # Permissions are normally created after all migrations have run; create them now so
        # that the group can be given them in a new database.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
        group.permissions.add(*found(apps))

    def revoke(apps, schema_editor):
        group = apps.get_model("auth", "Group").objects.filter(name=group_name).first()
        if group is not None:
            Permission = apps.get_model("auth", "Permission")
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames()
                )
            )

    return migrations.RunPython(grant, revoke)
