"""Writes of the search app that people start (the index itself is written by the task
worker, ``indexing`` and ``vectors``)."""

from __future__ import annotations

from smenet.jobs import selectors as job_selectors
from smenet.jobs import services as job_services
from smenet.jobs.choices import JobStatus
from smenet.jobs.models import Job
from smenet.registry import roles
from smenet.registry.types import Viewer

from . import indexing
from .jobs import REINDEX, reindex_title


def reindex_start(*, actor: Viewer | None) -> Job:
    """Queue the re-indexing of everything (Secretariat only; ``actor=None``: the platform
    itself). A re-indexing already queued or running is returned instead of a second one."""
    roles.require_secretariat(actor)  # type: ignore[arg-type]
    running = job_selectors.job_reusable(key=REINDEX)
    if running is not None and running.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        return running
    return job_services.job_start(
        owner=actor, kind=REINDEX, title=reindex_title(Job(kind=REINDEX)), key=REINDEX
    )


def reindex_if_stale() -> Job | None:
    """At start-up: re-index in the worker when the stored index was built with another
    analysis than the running code's (``indexing.index_state``); searches keep answering from
    the previous entries meanwhile."""
    if indexing.index_state() != "stale":
        return None
    return reindex_start(actor=None)
