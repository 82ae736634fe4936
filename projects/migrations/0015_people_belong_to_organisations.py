"""Each municipality gets its organisation, and each person their membership in it: the old
shared accounts become people of their municipality, with the applicant role; staff in the
secretariat's or the council's group become members of those organisations."""

from django.db import migrations, models
from django.db.models.deletion import PROTECT

SECRETARIAT = ("sekretariatet", "Sekretariatet for Hamarregionen IPR", "secretariat", "Sekretariat")
COUNCIL = ("regionradet", "Hamarregionen IPR – regionrådet", "council", "Rådsmedlem")
ROLE_OF_KIND = {"secretariat": "secretariat", "council": "council_member"}


def forwards(apps, schema_editor):
    Municipality = apps.get_model("projects", "Municipality")
    OldMembership = apps.get_model("projects", "Membership")
    Organisation = apps.get_model("accounts", "Organisation")
    Membership = apps.get_model("accounts", "Membership")
    User = apps.get_model("auth", "User")
    for municipality in Municipality.objects.all():
        organisation, _ = Organisation.objects.get_or_create(
            slug=municipality.slug,
            defaults={
                "name": municipality.name,
                "kind": "municipality" if municipality.is_member else "partner",
            },
        )
        municipality.organisation = organisation
        municipality.save(update_fields=["organisation"])
    for old in OldMembership.objects.select_related("municipality"):
        Membership.objects.get_or_create(
            person_id=old.user_id,
            organisation_id=old.municipality.organisation_id,
            defaults={"role": "applicant", "is_active": True},
        )
    for slug, name, kind, group in (SECRETARIAT, COUNCIL):
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
        for person in User.objects.filter(groups__name=group):
            Membership.objects.get_or_create(
                person=person,
                organisation=organisation,
                defaults={"role": ROLE_OF_KIND[kind], "is_active": True},
            )


def backwards(apps, schema_editor):
    OldMembership = apps.get_model("projects", "Membership")
    Membership = apps.get_model("accounts", "Membership")
    Municipality = apps.get_model("projects", "Municipality")
    for membership in Membership.objects.filter(
        role__in=["applicant", "organisation_admin"], is_active=True
    ):
        municipality = Municipality.objects.filter(
            organisation_id=membership.organisation_id
        ).first()
        if municipality is not None:
            OldMembership.objects.get_or_create(
                user_id=membership.person_id, municipality=municipality
            )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0014_workflow_states_of_acceptance_and_appeals"),
        ("accounts", "0003_secretariat_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="organisation",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=PROTECT,
                related_name="municipality",
                to="accounts.organisation",
                verbose_name="organisasjon",
            ),
        ),
        migrations.AddField(
            model_name="historicalmunicipality",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=models.DO_NOTHING,
                related_name="+",
                to="accounts.organisation",
                verbose_name="organisasjon",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="municipality", name="users"),
        migrations.DeleteModel(name="Membership"),
    ]
