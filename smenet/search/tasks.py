"""Background work of the search app (django-tasks; run by ``db_worker`` in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def update_index(type_name: str, object_ids: list[int]) -> int:
    """Bring the index entries of these objects up to date with the database."""
    from .indexing import index_objects
    from .registry import types

    if type_name not in types():
        return 0
    return index_objects(type_name, object_ids)
