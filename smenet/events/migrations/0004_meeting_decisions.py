"""Which meeting took a decision is recorded here, in events, instead of on governance's
Decision: the link moves up so that governance no longer depends on events (decision 0017).
Every existing link is copied before governance 0004 drops the old column."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Decision = apps.get_model("governance", "Decision")
    MeetingDecision = apps.get_model("events", "MeetingDecision")
    MeetingDecision.objects.bulk_create(
        MeetingDecision(meeting_id=meeting_id, decision_id=decision_id)
        for decision_id, meeting_id in Decision.objects.filter(meeting__isnull=False)
        .order_by("pk")
        .values_list("pk", "meeting_id")
    )


def restore_links(apps, schema_editor):
    Decision = apps.get_model("governance", "Decision")
    MeetingDecision = apps.get_model("events", "MeetingDecision")
    for link in MeetingDecision.objects.all():
        Decision.objects.filter(pk=link.decision_id).update(meeting_id=link.meeting_id)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_initial"),
        ("governance", "0003_mandate_no_overlap"),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "decision",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meeting_link",
                        to="governance.decision",
                        verbose_name="decision",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decision_links",
                        to="events.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "decision taken at a meeting",
                "verbose_name_plural": "decisions taken at meetings",
            },
        ),
        migrations.RunPython(copy_links, restore_links),
    ]
