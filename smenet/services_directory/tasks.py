"""Background work of the services directory (run by the db_worker; enqueued after commit)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

from smenet.common.notifications import retry_unless_sent

#: The daily sweep runs at this hour (UTC), when the network's offices are mostly closed.
SWEEP_HOUR = 3


@task()
@retry_unless_sent
def send_service_notification(event: str, object_id: int, ids: list[int]) -> int:
    from .notifications import notify

    return notify(event=event, object_id=object_id, ids=ids)


@task()
def sweep_unconfirmed_services() -> int:
    """Queue the next day's sweep, then flag services unconfirmed for a year and remind their
    focal points (the chain is started by ``smenet serve`` and ``schedule_sweep``). Queued
    first: a sweep that fails (a lost connection) must not end the daily chain until the next
    restart; tomorrow's sweep catches up on what this one missed."""
    from .services import services_flag_unconfirmed

    schedule_sweep(force=True)
    flagged = services_flag_unconfirmed()
    return sum(len(ids) for ids in flagged.values())


def next_sweep_at(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    when = now.astimezone(datetime.UTC).replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    return when if when > now else when + datetime.timedelta(days=1)


def schedule_sweep(*, force: bool = False) -> bool:
    """Queue the next daily sweep unless one is already waiting (``force``: from the sweep
    itself, which is running and so no longer waiting). A back end that cannot defer tasks
    (the immediate one of the tests) gets none: run ``smenet manage services_sweep`` instead."""
    if not default_task_backend.supports_defer:
        return False
    if not force and _sweep_waiting():
        return False
    sweep_unconfirmed_services.using(run_after=next_sweep_at()).enqueue()
    return True


def _sweep_waiting() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another back end: it keeps its own queue
        return False
    name = f"{sweep_unconfirmed_services.module_path}"
    return DBTaskResult.objects.filter(task_path=name, status="READY").exists()
