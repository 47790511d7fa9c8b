"""The subject taxonomy moves out of capacity into its own ground-floor app."""


import django.db.models.deletion
import parler.fields
import parler.models
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('capacity', '0001_initial'),
    ]

    operations = [
        # The tables were created by capacity 0001 and keep their names (db_table): only Django's
        # idea of which app owns the model changes; no row is copied or moved (decision 0016).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Subject',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=60, unique=True, verbose_name='code')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='display order')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                    ],
                    options={
                        'verbose_name': 'subject',
                        'verbose_name_plural': 'subjects',
                        'db_table': 'capacity_subject',
                        'ordering': ['order', 'code'],
                    },
                    bases=(parler.models.TranslatableModelMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='SubjectTranslation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('master', parler.fields.TranslationsForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='taxonomy.subject')),
                    ],
                    options={
                        'verbose_name': 'subject Translation',
                        'db_table': 'capacity_subject_translation',
                        'db_tablespace': '',
                        'managed': True,
                        'default_permissions': (),
                        'constraints': [models.UniqueConstraint(fields=('language_code', 'master'), name='capacity_subject_translation_uniq_lang')],
                    },
                    bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
                ),
            ],
            database_operations=[],
        ),
    ]
