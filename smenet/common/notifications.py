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
import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.core import mail
from django.utils.module_loading import import_string

from .retry import MAX_ATTEMPTS, TRANSIENT, queue_again

__all__ = ["MAX_ATTEMPTS", "retry_unless_sent", "send_mail", "send_mass_mail", "send_messages"]

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
            again = import_string(f"{func.__module__}.{func.__name__}")  # the task itself
            queue_again(func.__name__, again, attempt, exc, *args, **kwargs)
            return 0
        finally:
            _sending.reset(token)

    return run
