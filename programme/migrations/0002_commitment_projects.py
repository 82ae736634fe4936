"""The commitments' projects: a step of its own because projects' first migration links to
the programme. Replaces the programme migrations before the squash (see projects/migrations/0002_groups_and_members.py)."""

import programme.models.commitments
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('programme', '0002_secretariat_group'),
        ('programme', '0003_history'),
        ('programme', '0004_commitments'),
        ('programme', '0005_commitment_permissions'),
        ('programme', '0006_single_line_text'),
        ('programme', '0007_english_versions'),
    ]

    dependencies = [
        ('programme', '0001_initial'),
        ('projects', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='commitment',
            name='projects',
            field=models.ManyToManyField(blank=True, help_text='Prosjekter med utviklingsmidler som følger opp forpliktelsen.', limit_choices_to=programme.models.commitments.funded_projects, related_name='commitments', to='projects.application', verbose_name='prosjekter'),
        ),
    ]
