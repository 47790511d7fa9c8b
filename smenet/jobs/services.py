"""Starting, running and finishing background jobs. A job's work is a *runner* registered by
the app that owns it (``register``); the runner reports progress and returns an ``Outcome``.

The task worker runs ``job_run``. A domain refusal (bad file…) fails the job with its errors in
the owner's language; a transient database error ("database is locked", connection lost) puts
it back in the queue with a growing delay, up to ``MAX_ATTEMPTS``: runners are written to be
re-run safely (the plan import merges by key).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smenet.common.errors import DomainError
from smenet.registry.types import Viewer

from .choices import JobStatus
from .models import Job

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
TRANSIENT = (OperationalError, InterfaceError)
Progress = Callable[[int, int], None]


@dataclass
class Outcome:
    message: str
    content: bytes | None = None
    filename: str = ""
    content_type: str = ""
    errors: dict[str, list[str]] | None = None  # finished, with rows it could not apply


Runner = Callable[[Job, Progress], Outcome]
RUNNERS: dict[str, Runner] = {}


def register(kind: str) -> Callable[[Runner], Runner]:
    def decorate(runner: Runner) -> Runner:
        RUNNERS[kind] = runner
        return runner

    return decorate


#: How a kind of job is titled, composed when shown, in the reader's language, from the job's
#: params: the title stored at the start is in its starter's language and freezes the names it
#: quotes (a plan renamed since, a reader who switched to Arabic). See ``selectors.job_title``.
Titler = Callable[[Job], str]
TITLES: dict[str, Titler] = {}


def register_title(kind: str) -> Callable[[Titler], Titler]:
    def decorate(titler: Titler) -> Titler:
        TITLES[kind] = titler
        return titler

    return decorate


def job_start(
    *,
    owner: Viewer | None,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    upload: tuple[str, bytes] | None = None,
    return_url: str = "",
    key: str = "",
) -> Job:
    """Record the job and queue it once the caller's transaction commits."""
    if kind not in RUNNERS:
        raise ValueError(f"unknown job kind {kind!r}")
    with transaction.atomic():
        job = Job(
            kind=kind,
            owner=owner if owner is not None and owner.is_authenticated else None,
            language=(translation.get_language() or "en").split("-")[0],
            title=title[:300],
            params=params or {},
            return_url=return_url,
            key=key[:200],
        )
        job.save()
        if upload is not None:
            name, content = upload
            job.input.save(name.rsplit("/", 1)[-1][-100:], ContentFile(content), save=True)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int, delay: float = 0) -> None:
    from .tasks import run_job

    if delay:
        from django_tasks import default_task_backend

        if default_task_backend.supports_defer:
            run_job.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
                job_id
            )
            return
    run_job.enqueue(job_id)


def job_progress(job_id: int, done: int, total: int) -> None:
    """A one-row write of its own, outside the runner's transaction when it has none."""
    Job.objects.filter(pk=job_id).update(done=done, total=total, updated_at=timezone.now())


def job_run(job_id: int) -> str:
    """Run a queued job to its end (called by the task worker). Returns its final status."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return "gone" if job is None else job.status
    job.status = JobStatus.RUNNING
    job.attempts += 1
    job.started_at = job.started_at or timezone.now()
    job.save(update_fields=["status", "attempts", "started_at", "updated_at"])
    runner = RUNNERS[job.kind]
    with translation.override(job.language):
        try:
            outcome = runner(job, lambda done, total: job_progress(job.pk, done, total))
        except DomainError as exc:
            return _finish(
                job, JobStatus.FAILED, _("Nothing was done; see the errors below."), exc.errors
            )
        except TRANSIENT as exc:
            if job.attempts < MAX_ATTEMPTS:
                logger.warning("job %s: transient database error, retrying: %s", job.pk, exc)
                Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
                _enqueue(job.pk, delay=2**job.attempts)
                return JobStatus.QUEUED
            logger.exception("job %s: database unavailable", job.pk)
            return _finish(
                job,
                JobStatus.FAILED,
                _("The database stayed busy; nothing more was done. Start it again later."),
            )
        except Exception:
            logger.exception("job %s failed", job.pk)
            return _finish(
                job,
                JobStatus.FAILED,
                _("Something went wrong on our side; the Secretariat has been told."),
            )
    if outcome.content is not None:
        job.result.save(outcome.filename, ContentFile(outcome.content), save=False)
        job.result_name = outcome.filename
        job.result_type = outcome.content_type
    return _finish(job, JobStatus.SUCCEEDED, outcome.message, outcome.errors)


def _finish(job: Job, status: str, message: str, errors: dict[str, list[str]] | None = None) -> str:
    job.refresh_from_db(fields=["done", "total"])
    job.status = status
    job.message = message
    job.errors = {str(k): [str(m) for m in v] for k, v in (errors or {}).items()}
    job.finished_at = timezone.now()
    if status == JobStatus.SUCCEEDED and job.total:
        job.done = job.total
    job.save()
    return status


def jobs_prune(*, now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Delete the uploaded input and the result file of jobs finished more than ``days`` ago
    (``SMENET_JOB_FILES_DAYS``): uploads may carry personal data and results are regenerated on
    demand. The job's record stays (who ran what, its message and errors); its page says the
    file is gone. Returns the number of jobs whose files were deleted."""
    from django.conf import settings

    days = settings.SMENET_JOB_FILES_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    stale = (
        Job.objects.filter(finished_at__lt=cutoff)
        .exclude(input="", result="")
        .only("pk", "input", "result")
    )
    pruned = 0
    for job in stale.iterator(chunk_size=500):
        for field in (job.input, job.result):
            if field.name:
                field.storage.delete(field.name)  # a file already gone is no error
        # The row is cleared only after its files are gone: a crash in between leaves a row
        # the next run prunes again, never a file that nothing points to.
        Job.objects.filter(pk=job.pk).update(
            input="", result="", files_pruned_at=timezone.now(), updated_at=timezone.now()
        )
        pruned += 1
    return pruned
