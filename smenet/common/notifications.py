"""Sending e-mail from the task worker, and queueing a notice task again when it lost the
database before any of its messages went out.

A notice task reads the database (who to tell, in which language), then sends. A lost
connection while reading (a PostgreSQL restart, "database is locked" past the busy timeout)
used to fail the task: the notices were never sent. ``retry_unless_sent`` queues the task
again after a pause (2, 4, 8 s) instead, as long as none of its messages went out: once one
has, the error is left to the worker (the task fails) rather than risk sending twice. Notice
code sends through ``send_mail``, ``send_mass_mail`` and ``send_messages`` here, which note
that sending began.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.core import mail
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

#: Attempts of one task before its error is left to the worker (the result is FAILED).
MAX_ATTEMPTS = 4
TRANSIENT = (OperationalError, InterfaceError)

_sending: contextvars.ContextVar[bool] = contextvars.ContextVar("smenet_sending", default=False)


def _began() -> None:
    _sending.set(True)


def send_mail(subject: str, body: str, sender: str | None, recipients: list[str]) -> int:
    _began()  # before the call: a message may leave even if the call then fails
    return mail.send_mail(subject, body, sender, recipients)


def send_mass_mail(
    messages: Sequence[tuple[str, str, str | None, list[str]]], *, fail_silently: bool = False
) -> int:
    _began()
    return mail.send_mass_mail(tuple(messages), fail_silently=fail_silently)


def send_messages(messages: Sequence[mail.EmailMessage]) -> int:
    _began()
    return mail.get_connection().send_messages(list(messages)) or 0


def retry_unless_sent(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a notice task's function (under ``@task()``): it takes an extra ``attempt``
    argument, and a transient database error raised before any message was sent queues the
    task again with the same arguments and the next attempt number."""

    @functools.wraps(func)
    def run(*args: Any, attempt: int = 0, **kwargs: Any) -> Any:
        token = _sending.set(False)
        try:
            return func(*args, **kwargs)
        except TRANSIENT as exc:
            if _sending.get() or attempt + 1 >= MAX_ATTEMPTS:
                raise
            logger.warning(
                "%s: database error before sending, queued again (attempt %d): %s",
                func.__name__,
                attempt + 2,
                exc,
            )
            for conn in connections.all(initialized_only=True):
                if not conn.in_atomic_block:  # a broken connection is reopened by the next query
                    conn.close_if_unusable_or_obsolete()
            again = import_string(f"{func.__module__}.{func.__name__}")  # the task itself
            from django_tasks import default_task_backend

            if default_task_backend.supports_defer:
                delay = datetime.timedelta(seconds=2 ** (attempt + 1))
                again = again.using(run_after=timezone.now() + delay)
            again.enqueue(*args, **kwargs, attempt=attempt + 1)
            return 0
        finally:
            _sending.reset(token)

    return run
