"""Background tasks of capacity building (run by the db_worker; enqueued after commit). Thin:
the work is in ``notifications.py``."""

from __future__ import annotations

from django_tasks import task

from smenet.common.notifications import retry_unless_sent


@task()
@retry_unless_sent
def send_cycle_reminders(cycle_id: int, institution_ids: list[int]) -> int:
    from .notifications import send_cycle_reminders as send

    return send(cycle_id=cycle_id, institution_ids=institution_ids)
