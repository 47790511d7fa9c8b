"""The task the worker runs for every job, and the daily deletion of old job files."""

import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

#: The daily deletion of old job files runs at this hour (UTC).
PRUNE_HOUR = 2


@task()
def run_job(job_id: int) -> str:
    from django.db import close_old_connections

    from .services import TRANSIENT, _enqueue, job_run

    try:
        return job_run(job_id)
    except TRANSIENT:  # the database failed before or after the runner: try the job again
        close_old_connections()
        _enqueue(job_id, delay=5)
        return "requeued"


@task()
def prune_job_files() -> int:
    """Queue tomorrow's run, then delete the files of jobs past the retention period (queued
    first: a run that fails must not end the daily chain until the next restart)."""
    from .services import jobs_prune

    schedule_prune(force=True)
    return jobs_prune()


def next_prune_at(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    when = now.astimezone(datetime.UTC).replace(hour=PRUNE_HOUR, minute=0, second=0, microsecond=0)
    return when if when > now else when + datetime.timedelta(days=1)


def schedule_prune(*, force: bool = False) -> bool:
    """Queue the next daily run unless one is already waiting (``force``: from the run itself).
    A back end that cannot defer tasks gets none: run ``smenet manage jobs_prune`` from cron."""
    if not default_task_backend.supports_defer:
        return False
    if not force and _prune_waiting():
        return False
    prune_job_files.using(run_after=next_prune_at()).enqueue()
    return True


def _prune_waiting() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another back end: it keeps its own queue
        return False
    return DBTaskResult.objects.filter(
        task_path=prune_job_files.module_path, status="READY"
    ).exists()
