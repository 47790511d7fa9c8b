"""The one way to change a versioned record (``VersionedModel``) without losing anyone's edit.

A page or API client reads a record at version *n* and sends *n* back with its change. The
service then, inside its own transaction:

1. re-reads the row **locked** (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the project's
   ``IMMEDIATE`` transactions take the database's write lock at ``BEGIN``, so writers queue up
   and each one reads what the previous one committed),
2. compares the version it was sent with the locked row's (a mismatch is ``Conflict``, 409,
   naming who changed it),
3. bumps the version and attributes the history row to the actor.

What a view read before the transaction is never trusted: two requests carrying the same version
at the same moment are serialised by the lock, and the second one sees the first one's version.
``status_change`` does the same for a workflow step, with the from-state checked on the locked
row. Decision 0019; the generated test is ``common/tests/test_concurrency.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db import connection, models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .errors import Conflict, DomainError
from .services import attribute_history, check_version

if TYPE_CHECKING:
    from .actors import Person

M = TypeVar("M", bound=models.Model)


def _locked_queryset(instance: M, queryset: QuerySet[M] | None) -> QuerySet[M]:
    if not connection.in_atomic_block:
        raise RuntimeError("versioning must run inside the service's transaction")
    qs = queryset if queryset is not None else type(instance)._default_manager.all()
    return qs.select_for_update()


def lock(instance: M, *, queryset: QuerySet[M] | None = None) -> M:
    """Reload ``instance`` in place from its row, locked until the end of the transaction (the
    caller's object is the one that changes, so callers holding it see the new state)."""
    instance.refresh_from_db(from_queryset=_locked_queryset(instance, queryset))
    return instance


def bump(instance: Any, *, actor: Person | None) -> None:
    """The record changes: next version, history written in the actor's name on save."""
    instance.version += 1
    attribute_history(instance, actor)


def edit(
    instance: M,
    *,
    actor: Person | None,
    expected_version: int | None,
    queryset: QuerySet[M] | None = None,
    conflict: Callable[[M, int], Conflict] | None = None,
) -> M:
    """Lock, check ``expected_version`` (``None``: the caller has no copy to be stale, e.g. the
    system), bump. Returns the record, reloaded and locked, for the caller to change and save."""
    current = _locked_at(instance, expected_version, queryset, conflict)
    bump(current, actor=actor)
    return current


def _locked_at(
    instance: M,
    expected_version: int | None,
    queryset: QuerySet[M] | None,
    conflict: Callable[[M, int], Conflict] | None = None,
    check: Callable[[M], None] | None = None,
) -> M:
    """Lock the row and check it on a fresh copy; only a write that may go ahead reloads the
    caller's object. A refused one (stale version, wrong state) leaves the caller's object as it
    was: a page that re-renders it after the 409 still carries the version its user read, so
    the next save is checked again instead of silently overwriting the other person's edit."""
    fresh = _locked_queryset(instance, queryset).get(pk=instance.pk)
    if expected_version is not None and expected_version != cast(Any, fresh).version:
        if conflict is not None:
            raise conflict(fresh, expected_version)
        check_version(fresh, expected_version)
    if check is not None:
        check(fresh)
    return lock(instance, queryset=queryset)


def locked_version(instance: models.Model) -> int:
    """The row's version, locked, without reloading ``instance`` (whose unsaved changes stay)."""
    return (
        _locked_queryset(instance, None)
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .get()
    )


def status_change(
    instance: M,
    *,
    actor: Person | None,
    to: str,
    allowed_from: Collection[str],
    expected_version: int | None = None,
    field: str = "status",
    queryset: QuerySet[M] | None = None,
    refuse: Callable[[M], DomainError] | None = None,
) -> tuple[M, str]:
    """A workflow step: lock, check the version and that the locked record's ``field`` is one
    of ``allowed_from``, set it to ``to``, bump. Returns the record (unsaved) and the state it
    left, for the caller's own fields, transition log and side effects."""

    def check(fresh: M) -> None:
        state = getattr(fresh, field)
        if state in allowed_from:
            return
        if refuse is not None:
            raise refuse(fresh)
        display = getattr(fresh, f"get_{field}_display", lambda: state)()
        raise Conflict(
            _("This record is %(status)s now; reload it to see what changed.")
            % {"status": display},
            code="wrong_status",
            field=field,
        )

    current = _locked_at(instance, expected_version, queryset, check=check)
    previous = getattr(current, field)
    setattr(current, field, to)
    bump(current, actor=actor)
    return current, previous
