"""Meetings' start and end become aware date-times in the venue's zone (decision 0027).

Before, a meeting had dates only (and an optional end); every existing meeting becomes a
whole-day meeting in UTC from its start date to the end of its end date (or of its start date),
so nothing it said is lost or invented. Decisions already linked to a meeting get numbers in that
meeting's register, in the order of their references."""

import datetime

from django.db import migrations, models


def to_datetimes(apps, schema_editor):
    for name in ("Meeting", "HistoricalMeeting"):
        model = apps.get_model("events", name)
        for row in model.objects.all().iterator():
            first = row.start
            last = row.end or row.start
            row.start_at = datetime.datetime.combine(first, datetime.time(0), tzinfo=datetime.UTC)
            row.end_at = datetime.datetime.combine(
                last + datetime.timedelta(days=1), datetime.time(0), tzinfo=datetime.UTC
            )
            row.all_day = True
            row.save(update_fields=["start_at", "end_at", "all_day"])


def number_decisions(apps, schema_editor):
    MeetingDecision = apps.get_model("events", "MeetingDecision")
    numbers: dict[int, int] = {}
    for link in MeetingDecision.objects.order_by("meeting_id", "decision__reference", "pk"):
        numbers[link.meeting_id] = numbers.get(link.meeting_id, 0) + 1
        link.number = numbers[link.meeting_id]
        link.save(update_fields=["number"])


class Migration(migrations.Migration):
    dependencies = [("events", "0005_meetings_capability")]

    operations = [
        migrations.AddField("meeting", "start_at", models.DateTimeField(null=True)),
        migrations.AddField("meeting", "end_at", models.DateTimeField(null=True)),
        migrations.AddField("historicalmeeting", "start_at", models.DateTimeField(null=True)),
        migrations.AddField("historicalmeeting", "end_at", models.DateTimeField(null=True)),
        migrations.RunPython(to_datetimes, migrations.RunPython.noop),
        migrations.RemoveField("meeting", "start"),
        migrations.RemoveField("meeting", "end"),
        migrations.RemoveField("historicalmeeting", "start"),
        migrations.RemoveField("historicalmeeting", "end"),
        migrations.RenameField("meeting", "start_at", "start"),
        migrations.RenameField("meeting", "end_at", "end"),
        migrations.RenameField("historicalmeeting", "start_at", "start"),
        migrations.RenameField("historicalmeeting", "end_at", "end"),
        migrations.AlterField("meeting", "start", models.DateTimeField(verbose_name="start")),
        migrations.AlterField("meeting", "end", models.DateTimeField(verbose_name="end")),
        migrations.AlterField(
            "historicalmeeting", "start", models.DateTimeField(verbose_name="start")
        ),
        migrations.AlterField("historicalmeeting", "end", models.DateTimeField(verbose_name="end")),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["start"], name="events_meet_start_3d0938_idx"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["body", "start"], name="events_meet_body_id_8fc311_idx"),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__gt", models.F("start"))), name="meeting_end_after_start"
            ),
        ),
        migrations.RunPython(number_decisions, migrations.RunPython.noop),
        migrations.AlterField(
            "meetingdecision",
            "number",
            models.PositiveSmallIntegerField(verbose_name="number in the register"),
        ),
        migrations.AlterField(
            "historicalmeetingdecision",
            "number",
            models.PositiveSmallIntegerField(verbose_name="number in the register"),
        ),
        migrations.AddConstraint(
            model_name="meetingdecision",
            constraint=models.UniqueConstraint(
                fields=("meeting", "number"), name="register_number_unique"
            ),
        ),
    ]
