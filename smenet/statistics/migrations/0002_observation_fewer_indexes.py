"""Observation's foreign keys that nothing filters by lose their own index (an import writes
each of half a million rows into every index). Only the indexes are dropped, by name, so that
SQLite does not rebuild the table five times (what AlterField would do)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
        ("statistics", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="observation",
                    name="definition",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="The country whose national SME definition the figure was computed under.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registry.country",
                        verbose_name="national SME definition of",
                    ),
                ),
                migrations.AlterField(
                    model_name="observation",
                    name="indicator",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="observations",
                        to="statistics.indicator",
                        verbose_name="indicator",
                    ),
                ),
                migrations.AlterField(
                    model_name="observation",
                    name="round",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="statistics.dataround",
                        verbose_name="data round",
                    ),
                ),
                migrations.AlterField(
                    model_name="observation",
                    name="submitted_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="submitted by",
                    ),
                ),
                migrations.AlterField(
                    model_name="observation",
                    name="verified_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="verified by",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "statistics_observation_definition_id_f4e18c20"',
                    'CREATE INDEX "statistics_observation_definition_id_f4e18c20" ON "statistics_observation" ("definition_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "statistics_observation_indicator_id_4e6c02b3"',
                    'CREATE INDEX "statistics_observation_indicator_id_4e6c02b3" ON "statistics_observation" ("indicator_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "statistics_observation_round_id_ebae1238"',
                    'CREATE INDEX "statistics_observation_round_id_ebae1238" ON "statistics_observation" ("round_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "statistics_observation_submitted_by_id_ebfe745a"',
                    'CREATE INDEX "statistics_observation_submitted_by_id_ebfe745a" ON "statistics_observation" ("submitted_by_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "statistics_observation_verified_by_id_3f7fed39"',
                    'CREATE INDEX "statistics_observation_verified_by_id_3f7fed39" ON "statistics_observation" ("verified_by_id")',
                ),
            ],
        ),
    ]
