"""The task the worker runs for every job."""

from django_tasks import task


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
