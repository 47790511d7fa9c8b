"""The taxonomy took the subjects over from capacity without moving a row (decision 0016)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("capacity", "0002_protect_submitted_work"), ("taxonomy", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_subjects_and_their_names_survive_the_move():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        OldSubject = old.get_model("capacity", "Subject")
        OldName = old.get_model("capacity", "SubjectTranslation")
        ContentType = old.get_model("contenttypes", "ContentType")
        ContentType.objects.get_or_create(app_label="capacity", model="subject")
        ContentType.objects.filter(app_label="taxonomy").delete()
        kept = OldSubject.objects.create(code="export-readiness", order=7, is_active=False)
        OldName.objects.create(master=kept, language_code="ar", name="الجاهزية للتصدير")

        new = _migrate(latest)
        Subject = new.get_model("taxonomy", "Subject")
        moved = Subject.objects.get(pk=kept.pk)
        assert (moved.code, moved.order, moved.is_active) == ("export-readiness", 7, False)
        assert [(t.language_code, t.name) for t in moved.translations.all()] == [
            ("ar", "الجاهزية للتصدير")
        ]
        labels = set(
            new.get_model("contenttypes", "ContentType")
            .objects.filter(model="subject")
            .values_list("app_label", flat=True)
        )
        assert labels == {"taxonomy"}
        # New subjects continue the same id sequence (PostgreSQL keeps the table's sequence).
        assert Subject.objects.create(code="new-one").pk > kept.pk
    finally:
        _migrate(latest)
