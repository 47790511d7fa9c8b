"""The subject taxonomy leaves capacity: its models and the foreign keys to them change owner
in Django's state only; the tables stay where they are (decision 0016)."""

import django.db.models.deletion
from django.db import migrations, models


MODELS = ("subject", "subjecttranslation")


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def _move_content_types(apps, schema_editor):
    # Admin log entries and permissions keep pointing at the same rows.
    _relabel(apps, "capacity", "taxonomy")


def _restore_content_types(apps, schema_editor):
    _relabel(apps, "taxonomy", "capacity")


class Migration(migrations.Migration):
    dependencies = [
        ("capacity", "0002_protect_submitted_work"),
        ("taxonomy", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="answer",
                    name="subject",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="answers",
                        to="taxonomy.subject",
                        verbose_name="subject",
                    ),
                ),
                migrations.AlterField(
                    model_name="activity",
                    name="subject",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="activities",
                        to="taxonomy.subject",
                        verbose_name="subject",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactivity",
                    name="subject",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="taxonomy.subject",
                        verbose_name="subject",
                    ),
                ),
                migrations.AlterField(
                    model_name="proposal",
                    name="subject",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="taxonomy.subject",
                        verbose_name="subject",
                    ),
                ),
                migrations.DeleteModel(
                    name="SubjectTranslation",
                ),
                migrations.DeleteModel(
                    name="Subject",
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_types, _restore_content_types),
    ]
