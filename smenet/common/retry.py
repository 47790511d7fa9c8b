"""Queueing a task again after it lost the database (a PostgreSQL restart, "database is
locked" past the busy timeout): the one mechanism of the search tasks and the notice tasks."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

#: Attempts of one task before its error is left to the worker (the result is FAILED).
MAX_ATTEMPTS = 4
TRANSIENT = (OperationalError, InterfaceError)


def queue_again(
    label: str, again: Any, attempt: int, exc: BaseException, /, *args: Any, **kwargs: Any
) -> None:
    """Queue the task ``again`` with the same arguments and the next attempt number after a
    pause (2, 4, 8 s), once its broken connections are closed."""
    logger.warning("%s: database error, queued again (attempt %d): %s", label, attempt + 2, exc)
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:  # a broken connection is reopened by the next query
            conn.close_if_unusable_or_obsolete()
    from django_tasks import default_task_backend

    if default_task_backend.supports_defer:
        delay = datetime.timedelta(seconds=2 ** (attempt + 1))
        again = again.using(run_after=timezone.now() + delay)
    again.enqueue(*args, **kwargs, attempt=attempt + 1)
