"""The agenda items' applications: a step of its own because projects' first migration links
to meetings. Replaces the meetings migrations before the squash (see projects/migrations/0002_groups_and_members.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('meetings', '0002_secretariat_permissions'),
        ('meetings', '0003_single_line_text'),
    ]

    dependencies = [
        ('meetings', '0001_initial'),
        ('projects', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='agendaitem',
            name='applications',
            field=models.ManyToManyField(blank=True, help_text='Søknader som ble behandlet i saken. Offentlig vises bare innvilgede prosjekter.', related_name='agenda_items', to='projects.application', verbose_name='søknader'),
        ),
    ]
