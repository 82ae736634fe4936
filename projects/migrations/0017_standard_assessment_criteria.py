"""Every existing call gets the programme's three standard assessment criteria (as a new call
gets them from projects.services.assessment), each with its first version in the history; and
the secretariat keeps the criteria (inline on the call) and reads their history."""

from django.db import migrations
from django.utils import timezone

from hamarregion.group_permissions import group_permissions

# The criteria as they were when this migration was written; the model's STANDARD_CRITERIA may
# change later without changing what this migration did.
STANDARD_CRITERIA = [
    (
        "Samsvar med satsingsområdet",
        "Hvor godt prosjektet svarer på satsingsområdet og delmålene i handlingsprogrammet.",
    ),
    ("Regional effekt", "Hvor mye prosjektet gir regionen som helhet, ut over én kommune."),
    ("Medfinansiering", "Hvor stor del av prosjektet som finansieres av andre enn regionrådet."),
]

SECRETARIAT = {
    "assessmentcriterion": ["add", "change", "delete", "view"],
    "historicalassessmentcriterion": ["view"],
}


def add_standard_criteria(apps, schema_editor):
    FundingCall = apps.get_model("projects", "FundingCall")
    Criterion = apps.get_model("projects", "AssessmentCriterion")
    History = apps.get_model("projects", "HistoricalAssessmentCriterion")
    now = timezone.now()
    for call in FundingCall.objects.exclude(assessment_criteria__isnull=False):
        for order, (title, description) in enumerate(STANDARD_CRITERIA, start=1):
            criterion = Criterion.objects.create(
                funding_call=call, title=title, description=description, order=order
            )
            History.objects.create(
                id=criterion.pk,
                funding_call_id=call.pk,
                title=title,
                description=description,
                order=order,
                history_date=now,
                history_type="+",
            )


def remove_standard_criteria(apps, schema_editor):
    titles = [title for title, _description in STANDARD_CRITERIA]
    apps.get_model("projects", "AssessmentCriterion").objects.filter(
        title__in=titles, scores__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0016_assessment_criteria_and_scores"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(add_standard_criteria, remove_standard_criteria),
        group_permissions("projects", "Sekretariat", SECRETARIAT),
    ]
