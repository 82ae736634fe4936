"""The tables as the models hold them (see projects/migrations/0002_groups_and_members.py)."""

import django.db.models.deletion
import hamarregion.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '__first__'),
        ('programme', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Guest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', hamarregion.fields.SingleLineCharField(help_text='Organisasjonen, for eksempel «NHO».', max_length=200, unique=True, verbose_name='navn')),
                ('role', hamarregion.fields.SingleLineCharField(blank=True, help_text='Hvem som møter for organisasjonen, med tittel, for eksempel «regiondirektør». Ikke navn eller kontaktopplysninger: dette vises offentlig.', max_length=200, verbose_name='rolle')),
            ],
            options={
                'verbose_name': 'gjest',
                'verbose_name_plural': 'gjester',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalGuest',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', hamarregion.fields.SingleLineCharField(db_index=True, help_text='Organisasjonen, for eksempel «NHO».', max_length=200, verbose_name='navn')),
                ('role', hamarregion.fields.SingleLineCharField(blank=True, help_text='Hvem som møter for organisasjonen, med tittel, for eksempel «regiondirektør». Ikke navn eller kontaktopplysninger: dette vises offentlig.', max_length=200, verbose_name='rolle')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical gjest',
                'verbose_name_plural': 'historical gjester',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMeeting',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', hamarregion.fields.SingleLineCharField(max_length=200, verbose_name='tittel')),
                ('starts_at', models.DateTimeField(verbose_name='tidspunkt')),
                ('place', hamarregion.fields.SingleLineCharField(max_length=200, verbose_name='sted')),
                ('description', models.TextField(blank=True, help_text='Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...).', verbose_name='beskrivelse')),
                ('minutes', models.TextField(blank=True, help_text='Vises offentlig først når sekretariatet publiserer protokollen (handlingen «Publiser protokollen» i møtelisten). Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...).', verbose_name='protokoll')),
                ('minutes_published_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='protokoll publisert')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='sist endret')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical møte',
                'verbose_name_plural': 'historical møter',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Meeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', hamarregion.fields.SingleLineCharField(max_length=200, verbose_name='tittel')),
                ('starts_at', models.DateTimeField(verbose_name='tidspunkt')),
                ('place', hamarregion.fields.SingleLineCharField(max_length=200, verbose_name='sted')),
                ('description', models.TextField(blank=True, help_text='Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...).', verbose_name='beskrivelse')),
                ('minutes', models.TextField(blank=True, help_text='Vises offentlig først når sekretariatet publiserer protokollen (handlingen «Publiser protokollen» i møtelisten). Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...).', verbose_name='protokoll')),
                ('minutes_published_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='protokoll publisert')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='sist endret')),
            ],
            options={
                'verbose_name': 'møte',
                'verbose_name_plural': 'møter',
                'ordering': ['-starts_at', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('minutes_published_at__isnull', True), models.Q(('minutes', ''), _negated=True), _connector='OR'), name='meeting_published_minutes_not_empty', violation_error_message='En publisert protokoll kan ikke være tom.')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAgendaItem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='saksnummer')),
                ('title', hamarregion.fields.SingleLineCharField(max_length=300, verbose_name='tittel')),
                ('description', models.TextField(blank=True, help_text='Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...).', verbose_name='beskrivelse')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting', verbose_name='møte')),
            ],
            options={
                'verbose_name': 'historical sak',
                'verbose_name_plural': 'historical saksliste',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='saksnummer')),
                ('title', hamarregion.fields.SingleLineCharField(max_length=300, verbose_name='tittel')),
                ('description', models.TextField(blank=True, help_text='Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...).', verbose_name='beskrivelse')),
                ('focus_areas', models.ManyToManyField(blank=True, related_name='agenda_items', to='programme.focusarea', verbose_name='satsingsområder')),
                ('guests', models.ManyToManyField(blank=True, related_name='agenda_items', to='meetings.guest', verbose_name='gjester')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_items', to='meetings.meeting', verbose_name='møte')),
            ],
            options={
                'verbose_name': 'sak',
                'verbose_name_plural': 'saksliste',
                'ordering': ['meeting', 'number', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('meeting', 'number'), name='agenda_item_number_unique_in_meeting', violation_error_message='En annen sak i møtet har dette saksnummeret.')],
            },
        ),
    ]
