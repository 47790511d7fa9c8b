"""The search tasks queue themselves again when they lose the database half-way (a restart,
a lock held past the busy timeout): the work is idempotent, and a task that simply failed
would leave those objects' index entries stale until their next save."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from smenet.registry.tests.factories import InstitutionFactory
from smenet.search import indexing, tasks
from smenet.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _failing(times: int, calls: list[list[int]]):
    real = indexing.index_objects

    def index_objects(type_name: str, object_ids: list[int]) -> int:
        calls.append(list(object_ids))
        if len(calls) <= times:
            raise OperationalError("server closed the connection unexpectedly")
        return real(type_name, object_ids)

    return index_objects


def test_an_index_task_that_loses_the_database_runs_again_and_indexes(monkeypatch):
    institution = InstitutionFactory()
    SearchDocument.objects.filter(type="institution").delete()
    calls: list[list[int]] = []
    monkeypatch.setattr(indexing, "index_objects", _failing(2, calls))
    tasks.update_index.enqueue(type_name="institution", object_ids=[institution.pk])
    assert calls == [[institution.pk]] * 3
    assert SearchDocument.objects.filter(type="institution", object_id=institution.pk).exists()


def test_an_index_task_gives_up_after_its_attempts_and_fails(monkeypatch):
    institution = InstitutionFactory()
    SearchDocument.objects.filter(type="institution").delete()
    calls: list[list[int]] = []
    monkeypatch.setattr(indexing, "index_objects", _failing(99, calls))
    with pytest.raises(OperationalError):
        tasks.update_index.call(type_name="institution", object_ids=[institution.pk], attempt=3)
    assert len(calls) == 1
    tasks.update_index.enqueue(type_name="institution", object_ids=[institution.pk])
    assert len(calls) == 1 + tasks.MAX_ATTEMPTS
    assert not SearchDocument.objects.filter(type="institution").exists()
