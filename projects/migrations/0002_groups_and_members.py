"""The groups and their permissions, the four member municipalities and, on PostgreSQL, the
catalogue's search index: what a new database needs besides its tables.

The migrations of meetings, programme and projects were squashed on 2026-12-04: each app's
0001_initial makes its tables as the models now hold them, meetings' and programme's second
migration adds the one link to projects that closes the circle, and this one replaces every
earlier data migration. A database migrated before the squash has every replaced migration applied, so
nothing runs again on it. A database migrated only part of the way with an older version
must first be migrated to the last migration of that version (projects 0013).
"""

from django.contrib.auth.management import create_permissions
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SECRETARIAT_GROUP = "Sekretariat"
COUNCIL_GROUP = "Rådsmedlem"

EDIT = ["add", "change", "delete", "view"]

# The secretariat edits the programme and its commitments, runs funding calls, handles the
# applications, manages the applicant accounts (users: no delete, deactivate instead; groups
# and permissions: nothing), keeps the meetings, reads every history, unlocks accounts that
# failed logins locked (django-axes) and reads the outgoing mail (django-post-office).
SECRETARIAT = {
    ("programme", "programme"): EDIT,
    ("programme", "focusarea"): EDIT,
    ("programme", "theme"): EDIT,
    ("programme", "subtheme"): EDIT,
    ("programme", "narrativesection"): EDIT,
    ("programme", "sustainabledevelopmentgoal"): ["view"],
    ("programme", "commitment"): EDIT,
    ("programme", "commitmentupdate"): EDIT,
    ("programme", "historicalprogramme"): ["view"],
    ("programme", "historicalfocusarea"): ["view"],
    ("programme", "historicaltheme"): ["view"],
    ("programme", "historicalsubtheme"): ["view"],
    ("programme", "historicalnarrativesection"): ["view"],
    ("programme", "historicalcommitment"): ["view"],
    ("programme", "historicalcommitmentupdate"): ["view"],
    ("projects", "municipality"): ["add", "change", "view"],
    ("projects", "membership"): EDIT,
    ("projects", "fundingcall"): EDIT,
    ("projects", "application"): ["view", "handle_application"],
    ("projects", "costline"): ["view"],
    ("projects", "fundingline"): ["view"],
    ("projects", "attachment"): ["view"],
    ("projects", "statuschange"): ["view"],
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
    ("meetings", "meeting"): EDIT,
    ("meetings", "agendaitem"): EDIT,
    ("meetings", "guest"): EDIT,
    ("meetings", "historicalmeeting"): ["view"],
    ("meetings", "historicalagendaitem"): ["view"],
    ("meetings", "historicalguest"): ["view"],
    ("auth", "user"): ["add", "change", "view"],
    ("axes", "accessattempt"): ["view", "delete"],
    ("axes", "accesslog"): ["view", "delete"],
    ("axes", "accessfailurelog"): ["view", "delete"],
    ("post_office", "email"): ["view"],
    ("post_office", "log"): ["view"],
}

# Council members read the submitted applications and recommendations of open cases, and the
# agendas (and draft minutes) of their meetings; they change nothing.
COUNCIL = {
    ("projects", "application"): ["view", "read_open_cases"],
    ("projects", "recommendation"): ["view"],
    ("projects", "costline"): ["view"],
    ("projects", "fundingline"): ["view"],
    ("projects", "attachment"): ["view"],
    ("projects", "statuschange"): ["view"],
    ("meetings", "meeting"): ["view"],
    ("meetings", "agendaitem"): ["view"],
    ("meetings", "guest"): ["view"],
}

GROUPS = {SECRETARIAT_GROUP: SECRETARIAT, COUNCIL_GROUP: COUNCIL}

# The council's four member municipalities, with their municipality numbers.
MEMBERS = [
    ("Hamar", "hamar", "3403"),
    ("Løten", "loten", "3412"),
    ("Ringsaker", "ringsaker", "3411"),
    ("Stange", "stange", "3413"),
]

# The expression projects.selectors.search_vector() makes (title and summary, Norwegian
# configuration), written out so that this migration stays as it was when it ran. SQLite has
# no GIN index or tsvector; there the search is a plain substring match.
SEARCH_INDEX = GinIndex(
    SearchVector("title", "summary", config="norwegian"), name="application_search_norwegian"
)


def codename(action, model):
    return action if "_" in action else f"{action}_{model}"


def permissions(apps, table):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename(action, model))
        for (app_label, model), actions in table.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now so that
    # the groups can be given them in a new database.
    for label in sorted({app_label for table in GROUPS.values() for app_label, _ in table}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, table in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(apps, table))


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


def add_members(apps, schema_editor):
    Municipality = apps.get_model("projects", "Municipality")
    for name, slug, number in MEMBERS:
        Municipality.objects.get_or_create(
            slug=slug, defaults={"name": name, "number": number, "is_member": True}
        )


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("projects", "Application"), SEARCH_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("projects", "Application"), SEARCH_INDEX)


class Migration(migrations.Migration):
    replaces = [
        ("projects", "0002_secretariat_permissions"),
        ("projects", "0003_member_municipalities"),
        ("projects", "0004_case_handling"),
        ("projects", "0005_case_handling_permissions"),
        ("projects", "0006_final_report_draft"),
        ("projects", "0007_secretariat_unlocks_accounts"),
        ("projects", "0008_decision_meeting"),
        ("projects", "0009_application_search_index"),
        ("projects", "0010_performance_indexes"),
        ("projects", "0011_application_submitted_index"),
        ("projects", "0012_single_line_text"),
        ("projects", "0013_secretariat_reads_mail"),
    ]

    dependencies = [
        ("projects", "0001_initial"),
        ("programme", "0002_commitment_projects"),
        ("meetings", "0002_agendaitem_applications"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(add_members, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
