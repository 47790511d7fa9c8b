"""The meeting a decision was taken at moved from governance up to events without losing a
link (decision 0017)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0003_initial"), ("governance", "0003_mandate_no_overlap")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_decision_keeps_its_meeting():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        Body = old.get_model("governance", "Body")
        Decision = old.get_model("governance", "Decision")
        Meeting = old.get_model("events", "Meeting")
        day = datetime.date(2025, 10, 7)
        assembly = Body.objects.create(code="ga", kind="general_assembly", term_years=3)
        meeting = Meeting.objects.create(code="baku-2025", body=assembly, start=day)
        common = {"body": assembly, "date": day, "kind": "adoption", "voting": "unanimous"}
        taken = Decision.objects.create(reference="GA-1", meeting=meeting, **common)
        written = Decision.objects.create(reference="GA-2", **common)  # no meeting

        new = _migrate(latest)
        links = new.get_model("events", "MeetingDecision").objects.values_list(
            "decision_id", "meeting_id"
        )
        assert list(links) == [(taken.pk, meeting.pk)]
        fields = {f.name for f in new.get_model("governance", "Decision")._meta.get_fields()}
        assert "meeting" not in fields and written.pk
    finally:
        _migrate(latest)
