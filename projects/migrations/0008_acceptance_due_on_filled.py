"""Every grant gets its acceptance deadline, which the decision's constraint will require: three
weeks after the decision. A grant still waiting to be accepted gets at least three weeks from
today, so that no grantee meets a deadline that passed before acceptance existed."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

ACCEPTANCE_DAYS = 21


def fill(apps, schema_editor):
    Decision = apps.get_model("projects", "Decision")
    earliest_open = timezone.localdate() + timedelta(days=ACCEPTANCE_DAYS)
    undated = Decision.objects.filter(outcome="approved", acceptance_due_on__isnull=True)
    for decision in undated.select_related("application"):
        due = decision.decided_on + timedelta(days=ACCEPTANCE_DAYS)
        if decision.application.status == "approved":
            due = max(due, earliest_open)
        decision.acceptance_due_on = due
        decision.save(update_fields=["acceptance_due_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_grant_acceptance"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
