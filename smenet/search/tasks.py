"""Background work of the search app (django-tasks; run by ``db_worker`` in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def update_index(type_name: str, object_ids: list[int]) -> int:
    """Bring the index entries of these objects up to date with the database, then their
    vectors and the vocabulary (each its own task: the lexical index is ready first)."""
    from .indexing import index_objects
    from .registry import types
    from .vectors import enabled

    if type_name not in types():
        return 0
    count = index_objects(type_name, object_ids)
    if enabled():
        update_vectors.enqueue(type_name=type_name, object_ids=object_ids)
    refresh_vocabulary.enqueue()
    return count


@task()
def update_vectors(type_name: str, object_ids: list[int]) -> int:
    """Compute the sentence vectors of these objects (those whose text changed)."""
    from .registry import types
    from .vectors import embed_objects

    if type_name not in types():
        return 0
    return embed_objects(type_name, object_ids)


@task()
def refresh_vocabulary() -> int:
    """Copy the index vocabulary for typo corrections (skipped when copied recently)."""
    from .vocabulary import refresh

    return refresh() or 0
