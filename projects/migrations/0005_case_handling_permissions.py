from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"
COUNCIL_GROUP = "Rådsmedlem"

# The secretariat handles the case after submission and reads the history of every change.
SECRETARIAT = {
    ("projects", "recommendation"): ["view"],
    ("projects", "decision"): ["view"],
    ("projects", "payment"): ["view"],
    ("projects", "finalreport"): ["view"],
    ("projects", "reportreminder"): ["view"],
    ("projects", "historicalapplication"): ["view"],
    ("projects", "historicalfundingcall"): ["view"],
    ("projects", "historicalmunicipality"): ["view"],
    ("projects", "historicalrecommendation"): ["view"],
    ("projects", "historicaldecision"): ["view"],
    ("projects", "historicalpayment"): ["view"],
    ("projects", "historicalfinalreport"): ["view"],
    ("programme", "historicalprogramme"): ["view"],
    ("programme", "historicalfocusarea"): ["view"],
    ("programme", "historicaltheme"): ["view"],
    ("programme", "historicalsubtheme"): ["view"],
    ("programme", "historicalnarrativesection"): ["view"],
}

# Council members read the submitted applications and recommendations of open cases.
COUNCIL = {
    ("projects", "application"): ["view", "read_open_cases"],
    ("projects", "recommendation"): ["view"],
    ("projects", "costline"): ["view"],
    ("projects", "fundingline"): ["view"],
    ("projects", "attachment"): ["view"],
    ("projects", "statuschange"): ["view"],
}


def codename(action, model):
    return action if action == "read_open_cases" else f"{action}_{model}"


def permissions(apps, table):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename(action, model))
        for (app_label, model), actions in table.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    for label in ("programme", "projects"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    secretariat.permissions.add(*permissions(apps, SECRETARIAT))
    council, _ = Group.objects.get_or_create(name=COUNCIL_GROUP)
    council.permissions.set(permissions(apps, COUNCIL))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    secretariat = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if secretariat:
        secretariat.permissions.remove(*permissions(apps, SECRETARIAT))
    Group.objects.filter(name=COUNCIL_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_case_handling"),
        ("programme", "0003_history"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
