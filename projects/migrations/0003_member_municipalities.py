from django.db import migrations

# The council's four member municipalities, with their municipality numbers.
MEMBERS = [
    ("Hamar", "hamar", "3403"),
    ("Løten", "loten", "3412"),
    ("Ringsaker", "ringsaker", "3411"),
    ("Stange", "stange", "3413"),
]


def add_members(apps, schema_editor):
    Municipality = apps.get_model("projects", "Municipality")
    for name, slug, number in MEMBERS:
        Municipality.objects.get_or_create(
            slug=slug, defaults={"name": name, "number": number, "is_member": True}
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_secretariat_permissions")]

    operations = [migrations.RunPython(add_members, migrations.RunPython.noop)]
