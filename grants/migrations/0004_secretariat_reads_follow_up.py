"""The secretariat reads the progress reports, change requests and progress reminders in admin.
It changes them only through the services (marking a report as read, deciding a request),
which check that the user is the secretariat (projects.permissions.is_secretariat)."""

from django.db import migrations

from hamarregion.group_permissions import group_permissions

SECRETARIAT = {
    "progressreport": ["view"],
    "progressreminder": ["view"],
    "changerequest": ["view"],
    "budgetchangeline": ["view"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0003_progress_reports_and_change_requests"),
        ("projects", "0002_groups_and_members"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [group_permissions("grants", "Sekretariat", SECRETARIAT)]
