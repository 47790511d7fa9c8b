"""Background work of the search app (django-tasks; run by ``db_worker`` in production).

Each task is idempotent (it brings the index, the vectors or the vocabulary up to date with
the database), so a task that loses its database connection half-way (a PostgreSQL restart,
"database is locked" beyond the busy timeout) is queued again after a pause (2, 4, 8 s)
instead of failing and leaving those objects' index entries stale until their next save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django_tasks import task

from smenet.common.retry import MAX_ATTEMPTS, TRANSIENT, queue_again

__all__ = ["MAX_ATTEMPTS", "refresh_vocabulary", "update_index", "update_vectors"]


def _retrying(name: str, attempt: int, work: Callable[[], int], again: Any, **kwargs: Any) -> int:
    """``work()``, or, on a transient database error, the task ``again`` queued again with
    ``kwargs`` and the next attempt number."""
    try:
        return work()
    except TRANSIENT as exc:
        if attempt + 1 >= MAX_ATTEMPTS:
            raise
        queue_again(name, again, attempt, exc, **kwargs)
        return 0


@task()
def update_index(type_name: str, object_ids: list[int], attempt: int = 0) -> int:
    """Bring the index entries of these objects up to date with the database, then their
    vectors and the vocabulary (each its own task: the lexical index is ready first)."""
    from .indexing import index_objects
    from .registry import types
    from .vectors import enabled

    if type_name not in types():
        return 0
    count = _retrying(
        "update_index",
        attempt,
        lambda: index_objects(type_name, object_ids),
        update_index,
        type_name=type_name,
        object_ids=object_ids,
    )
    if enabled():
        update_vectors.enqueue(type_name=type_name, object_ids=object_ids)
    refresh_vocabulary.enqueue()
    return count


@task()
def update_vectors(type_name: str, object_ids: list[int], attempt: int = 0) -> int:
    """Compute the sentence vectors of these objects (those whose text changed)."""
    from .registry import types
    from .vectors import embed_objects

    if type_name not in types():
        return 0
    return _retrying(
        "update_vectors",
        attempt,
        lambda: embed_objects(type_name, object_ids),
        update_vectors,
        type_name=type_name,
        object_ids=object_ids,
    )


@task()
def refresh_vocabulary(attempt: int = 0) -> int:
    """Copy the index vocabulary for typo corrections (skipped when copied recently)."""
    from .vocabulary import refresh

    return _retrying("refresh_vocabulary", attempt, lambda: refresh() or 0, refresh_vocabulary)
