"""Decision.meeting leaves governance; events 0004 has copied every link (decision 0017)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_mandate_no_overlap"),
        ("events", "0004_meeting_decisions"),
    ]

    operations = [
        migrations.RemoveField(model_name="decision", name="meeting"),
        migrations.RemoveField(model_name="historicaldecision", name="meeting"),
    ]
