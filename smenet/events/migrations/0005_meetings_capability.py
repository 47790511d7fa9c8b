"""The meetings capability (issue 13, decision 0027): agenda, participation, documents, minutes,
follow-up, calendar addresses; the register number on MeetingDecision. Start and end become
date-times in the next migration."""

import django.db.models.deletion
import parler.fields
import parler.models
import simple_history.models
import smenet.events.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_meeting_decisions'),
        ('governance', '0004_decision_meeting_moves_to_events'),
        ('plans', '0002_protect_reported_work'),
        ('registry', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('order', models.PositiveSmallIntegerField(default=1, verbose_name='order')),
                ('starts_at', models.DateTimeField(blank=True, null=True, verbose_name='from')),
                ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='until')),
                ('presenter_names', models.CharField(blank=True, max_length=300, verbose_name='presenters')),
            ],
            options={
                'verbose_name': 'agenda item',
                'verbose_name_plural': 'agenda items',
                'ordering': ['meeting', 'order', 'pk'],
            },
            bases=(parler.models.TranslatableModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='AgendaItemTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('title', models.CharField(max_length=500, verbose_name='title')),
                ('description', models.TextField(blank=True, max_length=5000, verbose_name='description')),
            ],
            options={
                'verbose_name': 'agenda item Translation',
                'db_table': 'events_agendaitem_translation',
                'db_tablespace': '',
                'managed': True,
                'default_permissions': (),
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='AgendaVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='version')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('circulated', 'Circulated'), ('final', 'Final')], default='draft', max_length=12, verbose_name='status')),
                ('snapshot', models.JSONField(blank=True, default=list, verbose_name='items')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
            ],
            options={
                'verbose_name': 'agenda version',
                'verbose_name_plural': 'agenda versions',
                'ordering': ['meeting', '-number'],
            },
        ),
        migrations.CreateModel(
            name='CalendarToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=64, unique=True, verbose_name='token')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
            ],
            options={
                'verbose_name': 'calendar address',
                'verbose_name_plural': 'calendar addresses',
            },
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('symbol', models.CharField(max_length=120, unique=True, verbose_name='symbol')),
                ('kind', models.CharField(choices=[('agenda', 'Agenda'), ('working_paper', 'Working paper'), ('report', 'Report'), ('minutes', 'Minutes'), ('presentation', 'Presentation'), ('information', 'Information note')], max_length=16, verbose_name='type')),
                ('audience', models.CharField(choices=[('public', 'Public'), ('members', 'Members of the network'), ('bureau', 'Bureau'), ('task_force', 'Task force')], default='public', max_length=12, verbose_name='confidentiality')),
                ('original_language', models.CharField(default='en', max_length=8, verbose_name='original language')),
                ('is_sample', models.BooleanField(default=False, verbose_name='sample data')),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documents',
                'ordering': ['meeting', 'symbol'],
            },
            bases=(parler.models.TranslatableModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='DocumentFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('file', models.FileField(upload_to='meetings/documents/%Y/', verbose_name='file')),
                ('content_type', models.CharField(blank=True, max_length=100, verbose_name='type')),
                ('size', models.PositiveIntegerField(default=0, verbose_name='size')),
                ('text', models.TextField(blank=True, help_text='For search.', verbose_name='text')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('replaced_at', models.DateTimeField(blank=True, null=True, verbose_name='replaced at')),
            ],
            options={
                'verbose_name': 'language version',
                'verbose_name_plural': 'language versions',
                'ordering': ['document', 'language', '-uploaded_at'],
            },
        ),
        migrations.CreateModel(
            name='DocumentTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('title', models.CharField(max_length=500, verbose_name='title')),
            ],
            options={
                'verbose_name': 'document Translation',
                'db_table': 'events_document_translation',
                'db_tablespace': '',
                'managed': True,
                'default_permissions': (),
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='FollowUpAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('due_on', models.DateField(verbose_name='due')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='open', max_length=12, verbose_name='status')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='completed on')),
            ],
            options={
                'verbose_name': 'follow-up action',
                'verbose_name_plural': 'follow-up actions',
                'ordering': ['due_on', 'pk'],
            },
            bases=(parler.models.TranslatableModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='FollowUpActionTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('title', models.CharField(max_length=500, verbose_name='action')),
                ('note', models.TextField(blank=True, max_length=5000, verbose_name='note')),
            ],
            options={
                'verbose_name': 'follow-up action Translation',
                'db_table': 'events_followupaction_translation',
                'db_tablespace': '',
                'managed': True,
                'default_permissions': (),
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalAgendaItem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('order', models.PositiveSmallIntegerField(default=1, verbose_name='order')),
                ('starts_at', models.DateTimeField(blank=True, null=True, verbose_name='from')),
                ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='until')),
                ('presenter_names', models.CharField(blank=True, max_length=300, verbose_name='presenters')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical agenda item',
                'verbose_name_plural': 'historical agenda items',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('symbol', models.CharField(db_index=True, max_length=120, verbose_name='symbol')),
                ('kind', models.CharField(choices=[('agenda', 'Agenda'), ('working_paper', 'Working paper'), ('report', 'Report'), ('minutes', 'Minutes'), ('presentation', 'Presentation'), ('information', 'Information note')], max_length=16, verbose_name='type')),
                ('audience', models.CharField(choices=[('public', 'Public'), ('members', 'Members of the network'), ('bureau', 'Bureau'), ('task_force', 'Task force')], default='public', max_length=12, verbose_name='confidentiality')),
                ('original_language', models.CharField(default='en', max_length=8, verbose_name='original language')),
                ('is_sample', models.BooleanField(default=False, verbose_name='sample data')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical document',
                'verbose_name_plural': 'historical documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalFollowUpAction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('due_on', models.DateField(verbose_name='due')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='open', max_length=12, verbose_name='status')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='completed on')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical follow-up action',
                'verbose_name_plural': 'historical follow-up actions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalFollowUpActionTranslation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('title', models.CharField(max_length=500, verbose_name='action')),
                ('note', models.TextField(blank=True, max_length=5000, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical follow-up action Translation',
                'verbose_name_plural': 'historical follow-up action Translations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMeetingDecision',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(null=True, verbose_name='number in the register')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical decision taken at a meeting',
                'verbose_name_plural': 'historical decisions taken at meetings',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMeetingDecision_plan_items',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': 'HistoricalMeetingDecision_plan_items',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMeetingTranslation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('description', models.TextField(blank=True, max_length=20000, verbose_name='description')),
                ('venue', models.CharField(blank=True, max_length=300, verbose_name='venue')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical meeting Translation',
                'verbose_name_plural': 'historical meeting Translations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMinutes',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('status', models.CharField(choices=[('none', 'Not drafted'), ('draft', 'Draft'), ('circulated', 'Circulated for comments'), ('adopted', 'Adopted'), ('published', 'Published')], default='draft', max_length=12, verbose_name='status')),
                ('language', models.CharField(default='en', max_length=8, verbose_name='language')),
                ('text', models.TextField(max_length=200000, verbose_name='text')),
                ('comment_deadline', models.DateTimeField(blank=True, null=True, verbose_name='comments until')),
                ('circulated_at', models.DateTimeField(blank=True, null=True, verbose_name='circulated at')),
                ('adoption_method', models.CharField(blank=True, choices=[('at_meeting', 'Adopted at a meeting'), ('silence', 'Adopted by silence procedure')], max_length=12, verbose_name='adopted how')),
                ('adopted_at', models.DateTimeField(blank=True, null=True, verbose_name='adopted at')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical minutes',
                'verbose_name_plural': 'historical minutes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalParticipant',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('full_name', models.CharField(max_length=200, verbose_name='full name')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                ('function', models.CharField(blank=True, max_length=200, verbose_name='function')),
                ('organisation', models.CharField(blank=True, help_text='For open registrations.', max_length=200, verbose_name='organisation')),
                ('passport_number', models.CharField(blank=True, max_length=30, verbose_name='passport number')),
                ('language', models.CharField(default='en', max_length=8, verbose_name='language of correspondence')),
                ('status', models.CharField(choices=[('nominated', 'Nominated'), ('registered', 'Registered'), ('approved', 'Approved'), ('refused', 'Not approved'), ('withdrawn', 'Withdrawn')], default='nominated', max_length=12, verbose_name='status')),
                ('attended', models.BooleanField(blank=True, null=True, verbose_name='attended')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical participant',
                'verbose_name_plural': 'historical participants',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('quota', models.PositiveSmallIntegerField(verbose_name='delegates allowed')),
                ('status', models.CharField(choices=[('invited', 'Invited'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='invited', max_length=10, verbose_name='status')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'ordering': ['meeting', 'institution__acronym'],
            },
        ),
        migrations.CreateModel(
            name='Minutes',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('status', models.CharField(choices=[('none', 'Not drafted'), ('draft', 'Draft'), ('circulated', 'Circulated for comments'), ('adopted', 'Adopted'), ('published', 'Published')], default='draft', max_length=12, verbose_name='status')),
                ('language', models.CharField(default='en', max_length=8, verbose_name='language')),
                ('text', models.TextField(max_length=200000, verbose_name='text')),
                ('comment_deadline', models.DateTimeField(blank=True, null=True, verbose_name='comments until')),
                ('circulated_at', models.DateTimeField(blank=True, null=True, verbose_name='circulated at')),
                ('adoption_method', models.CharField(blank=True, choices=[('at_meeting', 'Adopted at a meeting'), ('silence', 'Adopted by silence procedure')], max_length=12, verbose_name='adopted how')),
                ('adopted_at', models.DateTimeField(blank=True, null=True, verbose_name='adopted at')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
            ],
            options={
                'verbose_name': 'minutes',
                'verbose_name_plural': 'minutes',
            },
        ),
        migrations.CreateModel(
            name='MinutesComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision', models.PositiveSmallIntegerField(verbose_name='on revision')),
                ('text', models.TextField(max_length=10000, verbose_name='comment')),
                ('is_objection', models.BooleanField(default=False, verbose_name='objection')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
            ],
            options={
                'verbose_name': 'comment on the minutes',
                'verbose_name_plural': 'comments on the minutes',
                'ordering': ['minutes', 'created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='MinutesRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='revision')),
                ('text', models.TextField(verbose_name='text')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
            ],
            options={
                'verbose_name': 'revision of the minutes',
                'verbose_name_plural': 'revisions of the minutes',
                'ordering': ['minutes', 'number'],
            },
        ),
        migrations.CreateModel(
            name='Participant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('full_name', models.CharField(max_length=200, verbose_name='full name')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                ('function', models.CharField(blank=True, max_length=200, verbose_name='function')),
                ('organisation', models.CharField(blank=True, help_text='For open registrations.', max_length=200, verbose_name='organisation')),
                ('passport_number', models.CharField(blank=True, max_length=30, verbose_name='passport number')),
                ('language', models.CharField(default='en', max_length=8, verbose_name='language of correspondence')),
                ('status', models.CharField(choices=[('nominated', 'Nominated'), ('registered', 'Registered'), ('approved', 'Approved'), ('refused', 'Not approved'), ('withdrawn', 'Withdrawn')], default='nominated', max_length=12, verbose_name='status')),
                ('attended', models.BooleanField(blank=True, null=True, verbose_name='attended')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
            ],
            options={
                'verbose_name': 'participant',
                'verbose_name_plural': 'participants',
                'ordering': ['meeting', 'institution__acronym', 'full_name'],
            },
        ),
        migrations.CreateModel(
            name='ReminderLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=20, verbose_name='kind')),
                ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='sent at')),
                ('recipients', models.JSONField(default=list, verbose_name='recipients')),
            ],
            options={
                'verbose_name': 'reminder',
                'verbose_name_plural': 'reminders',
                'ordering': ['-sent_at'],
            },
        ),
        migrations.CreateModel(
            name='SymbolRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('prefix', models.CharField(help_text='For example GA or BUR.', max_length=20, verbose_name='symbol of the body')),
                ('pattern', models.CharField(default='SMENET/{body}/{year}/{session}/{kind}.{n}', help_text='Placeholders: {body}, {year}, {session}, {kind}, {n}.', max_length=120, verbose_name='pattern')),
            ],
            options={
                'verbose_name': 'document symbol rule',
                'verbose_name_plural': 'document symbol rules',
            },
        ),
        migrations.AlterModelOptions(
            name='meetingdecision',
            options={'ordering': ['meeting', 'number'], 'verbose_name': 'decision taken at a meeting', 'verbose_name_plural': 'decisions taken at meetings'},
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='all_day',
            field=models.BooleanField(default=False, help_text='The hours are not known or not relevant: shown and exported as dates.', verbose_name='whole days'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='audience',
            field=models.CharField(choices=[('public', 'Public'), ('members', 'Members of the network'), ('bureau', 'Bureau'), ('task_force', 'Task force')], default='public', max_length=12, verbose_name='who may see it'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='capacity',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='places'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='is_sample',
            field=models.BooleanField(default=False, verbose_name='sample data'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='join_url',
            field=models.URLField(blank=True, help_text='Shown only to registered participants.', max_length=500, verbose_name='join link'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='kind',
            field=models.CharField(choices=[('statutory', 'Meeting of a body'), ('workshop', 'Workshop'), ('webinar', 'Webinar'), ('training', 'Training session'), ('conference', 'Conference')], default='statutory', max_length=16, verbose_name='type'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='mode',
            field=models.CharField(choices=[('in_person', 'In person'), ('online', 'Online'), ('hybrid', 'Hybrid')], default='in_person', max_length=12, verbose_name='mode'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='number',
            field=models.PositiveSmallIntegerField(blank=True, help_text="The body's session number in the year; used in document symbols.", null=True, verbose_name='session number'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='postponed_from',
            field=models.DateTimeField(blank=True, null=True, verbose_name='originally planned for'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='quota_per_institution',
            field=models.PositiveSmallIntegerField(default=2, verbose_name='delegates per institution'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='registration_open',
            field=models.BooleanField(default=False, help_text='Anyone may register (webinars, open workshops), not only invited delegates.', verbose_name='open registration'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='sequence',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='calendar sequence'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='status',
            field=models.CharField(choices=[('planned', 'Planned'), ('confirmed', 'Confirmed'), ('held', 'Held'), ('postponed', 'Postponed'), ('cancelled', 'Cancelled')], default='planned', max_length=12, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='status_reason',
            field=models.TextField(blank=True, max_length=2000, verbose_name='reason'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='time_zone',
            field=models.CharField(default='UTC', help_text='An IANA name such as Asia/Baku.', max_length=64, validators=[smenet.events.models.validate_time_zone], verbose_name='time zone of the venue'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='version',
            field=models.PositiveIntegerField(default=1, verbose_name='version'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='all_day',
            field=models.BooleanField(default=False, help_text='The hours are not known or not relevant: shown and exported as dates.', verbose_name='whole days'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='audience',
            field=models.CharField(choices=[('public', 'Public'), ('members', 'Members of the network'), ('bureau', 'Bureau'), ('task_force', 'Task force')], default='public', max_length=12, verbose_name='who may see it'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='capacity',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='places'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='is_sample',
            field=models.BooleanField(default=False, verbose_name='sample data'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='join_url',
            field=models.URLField(blank=True, help_text='Shown only to registered participants.', max_length=500, verbose_name='join link'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='kind',
            field=models.CharField(choices=[('statutory', 'Meeting of a body'), ('workshop', 'Workshop'), ('webinar', 'Webinar'), ('training', 'Training session'), ('conference', 'Conference')], default='statutory', max_length=16, verbose_name='type'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='mode',
            field=models.CharField(choices=[('in_person', 'In person'), ('online', 'Online'), ('hybrid', 'Hybrid')], default='in_person', max_length=12, verbose_name='mode'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='number',
            field=models.PositiveSmallIntegerField(blank=True, help_text="The body's session number in the year; used in document symbols.", null=True, verbose_name='session number'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='postponed_from',
            field=models.DateTimeField(blank=True, null=True, verbose_name='originally planned for'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='quota_per_institution',
            field=models.PositiveSmallIntegerField(default=2, verbose_name='delegates per institution'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='registration_open',
            field=models.BooleanField(default=False, help_text='Anyone may register (webinars, open workshops), not only invited delegates.', verbose_name='open registration'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='sequence',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='calendar sequence'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='status',
            field=models.CharField(choices=[('planned', 'Planned'), ('confirmed', 'Confirmed'), ('held', 'Held'), ('postponed', 'Postponed'), ('cancelled', 'Cancelled')], default='planned', max_length=12, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='status_reason',
            field=models.TextField(blank=True, max_length=2000, verbose_name='reason'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='time_zone',
            field=models.CharField(default='UTC', help_text='An IANA name such as Asia/Baku.', max_length=64, validators=[smenet.events.models.validate_time_zone], verbose_name='time zone of the venue'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='version',
            field=models.PositiveIntegerField(default=1, verbose_name='version'),
        ),
        migrations.AddField(
            model_name='meetingdecision',
            name='number',
            field=models.PositiveSmallIntegerField(null=True, verbose_name='number in the register'),
        ),
        migrations.AddField(
            model_name='meetingdecision',
            name='plan_items',
            field=models.ManyToManyField(blank=True, related_name='decisions', to='plans.planitem', verbose_name='action-plan items'),
        ),
        migrations.AddField(
            model_name='meetingtranslation',
            name='venue',
            field=models.CharField(blank=True, max_length=300, verbose_name='venue'),
        ),
        migrations.AlterField(
            model_name='meetingtranslation',
            name='description',
            field=models.TextField(blank=True, max_length=20000, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_items', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='parent',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='events.agendaitem', verbose_name='parent item'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='plan_items',
            field=models.ManyToManyField(blank=True, related_name='agenda_items', to='plans.planitem', verbose_name='action-plan items'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='presenters',
            field=models.ManyToManyField(blank=True, related_name='+', to='registry.institution', verbose_name='presenting institutions'),
        ),
        migrations.AddField(
            model_name='meetingdecision',
            name='agenda_item',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decision_links', to='events.agendaitem', verbose_name='agenda item'),
        ),
        migrations.AddField(
            model_name='agendaitemtranslation',
            name='master',
            field=parler.fields.TranslationsForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='events.agendaitem'),
        ),
        migrations.AddField(
            model_name='agendaversion',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AddField(
            model_name='agendaversion',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_versions', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='calendartoken',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_tokens', to=settings.AUTH_USER_MODEL, verbose_name='account'),
        ),
        migrations.AddField(
            model_name='document',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='documents',
            field=models.ManyToManyField(blank=True, related_name='agenda_items', to='events.document', verbose_name='documents'),
        ),
        migrations.AddField(
            model_name='documentfile',
            name='document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='files', to='events.document', verbose_name='document'),
        ),
        migrations.AddField(
            model_name='documentfile',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by'),
        ),
        migrations.AddField(
            model_name='documenttranslation',
            name='master',
            field=parler.fields.TranslationsForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='events.document'),
        ),
        migrations.AddField(
            model_name='followupaction',
            name='decision',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_up_actions', to='governance.decision', verbose_name='decision'),
        ),
        migrations.AddField(
            model_name='followupaction',
            name='owner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_up_actions', to='registry.institution', verbose_name='owner'),
        ),
        migrations.AddField(
            model_name='followupaction',
            name='plan_items',
            field=models.ManyToManyField(blank=True, related_name='follow_up_actions', to='plans.planitem', verbose_name='action-plan items'),
        ),
        migrations.AddField(
            model_name='followupactiontranslation',
            name='master',
            field=parler.fields.TranslationsForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='events.followupaction'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='parent',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.agendaitem', verbose_name='parent item'),
        ),
        migrations.AddField(
            model_name='historicaldocument',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaldocument',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='historicalfollowupaction',
            name='decision',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.decision', verbose_name='decision'),
        ),
        migrations.AddField(
            model_name='historicalfollowupaction',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfollowupaction',
            name='owner',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.institution', verbose_name='owner'),
        ),
        migrations.AddField(
            model_name='historicalfollowupactiontranslation',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfollowupactiontranslation',
            name='master',
            field=parler.fields.TranslationsForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.followupaction'),
        ),
        migrations.AddField(
            model_name='historicalmeetingdecision',
            name='agenda_item',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.agendaitem', verbose_name='agenda item'),
        ),
        migrations.AddField(
            model_name='historicalmeetingdecision',
            name='decision',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.decision', verbose_name='decision'),
        ),
        migrations.AddField(
            model_name='historicalmeetingdecision',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalmeetingdecision',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='historicalmeetingdecision_plan_items',
            name='history',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='events.historicalmeetingdecision'),
        ),
        migrations.AddField(
            model_name='historicalmeetingdecision_plan_items',
            name='meetingdecision',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meetingdecision'),
        ),
        migrations.AddField(
            model_name='historicalmeetingdecision_plan_items',
            name='planitem',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.planitem'),
        ),
        migrations.AddField(
            model_name='historicalmeetingtranslation',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalmeetingtranslation',
            name='master',
            field=parler.fields.TranslationsForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meeting'),
        ),
        migrations.AddField(
            model_name='historicalminutes',
            name='adopted_by_meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meeting', verbose_name='adopted at the meeting'),
        ),
        migrations.AddField(
            model_name='historicalminutes',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalminutes',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='decided_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='institution',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.institution', verbose_name='institution'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='nationality',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.country', verbose_name='nationality'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='nominated_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='nominated by'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='user',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='account'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='institution',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meeting_invitations', to='registry.institution', verbose_name='institution'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='invited_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited by'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invitations', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='minutes',
            name='adopted_by_meeting',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='events.meeting', verbose_name='adopted at the meeting'),
        ),
        migrations.AddField(
            model_name='minutes',
            name='meeting',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='minutes', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='minutescomment',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author'),
        ),
        migrations.AddField(
            model_name='minutescomment',
            name='institution',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.institution', verbose_name='institution'),
        ),
        migrations.AddField(
            model_name='minutescomment',
            name='minutes',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='events.minutes', verbose_name='minutes'),
        ),
        migrations.AddField(
            model_name='minutesrevision',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AddField(
            model_name='minutesrevision',
            name='minutes',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='revisions', to='events.minutes', verbose_name='minutes'),
        ),
        migrations.AddField(
            model_name='participant',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by'),
        ),
        migrations.AddField(
            model_name='participant',
            name='institution',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='meeting_participants', to='registry.institution', verbose_name='institution'),
        ),
        migrations.AddField(
            model_name='participant',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='participants', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='participant',
            name='nationality',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.country', verbose_name='nationality'),
        ),
        migrations.AddField(
            model_name='participant',
            name='nominated_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='nominated by'),
        ),
        migrations.AddField(
            model_name='participant',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meeting_participations', to=settings.AUTH_USER_MODEL, verbose_name='account'),
        ),
        migrations.AddField(
            model_name='reminderlog',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='events.meeting', verbose_name='meeting'),
        ),
        migrations.AddField(
            model_name='symbolrule',
            name='body',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='symbol_rule', to='governance.body', verbose_name='body'),
        ),
        migrations.AddConstraint(
            model_name='agendaitemtranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'master'), name='events_agendaitem_translation_uniq_lang'),
        ),
        migrations.AddConstraint(
            model_name='agendaversion',
            constraint=models.UniqueConstraint(fields=('meeting', 'number'), name='agenda_version_unique'),
        ),
        migrations.AddConstraint(
            model_name='calendartoken',
            constraint=models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True)), fields=('user',), name='one_live_calendar_token'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('starts_at__isnull', True), ('ends_at__gt', models.F('starts_at')), _connector='OR'), name='agenda_slot_end_after_start'),
        ),
        migrations.AddConstraint(
            model_name='documentfile',
            constraint=models.UniqueConstraint(condition=models.Q(('replaced_at__isnull', True)), fields=('document', 'language'), name='document_one_current_file_per_language'),
        ),
        migrations.AddConstraint(
            model_name='documenttranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'master'), name='events_document_translation_uniq_lang'),
        ),
        migrations.AddConstraint(
            model_name='followupactiontranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'master'), name='events_followupaction_translation_uniq_lang'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.UniqueConstraint(fields=('meeting', 'institution'), name='invitation_unique'),
        ),
        migrations.AddConstraint(
            model_name='minutesrevision',
            constraint=models.UniqueConstraint(fields=('minutes', 'number'), name='minutes_revision_unique'),
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=models.UniqueConstraint(fields=('meeting', 'email'), name='participant_once_per_meeting'),
        ),
    ]
