"""``db_worker`` of django-tasks-db, made to survive the database going away for a while.

The stock worker stops on any database error outside the moment it claims a task ("database is
locked" while it marks a result, a PostgreSQL restart, a dropped connection): under a long
import on SQLite it crash-looped. This one logs the error, drops the connection, waits (1 s,
doubling to 30 s) and carries on. A task's own transient errors are retried by the task (see
``jobs.services``). This app is listed before ``django_tasks_db`` so that this command wins.
"""

from __future__ import annotations

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")

TRANSIENT = (OperationalError, InterfaceError)
MAX_PAUSE = 30.0


class Worker(db_worker.Worker):
    def run(self) -> None:
        pause = 1.0
        while self.running:
            try:
                super().run()
                return
            except TRANSIENT as exc:
                logger.warning("worker: database error, retrying in %.0f s: %s", pause, exc)
                for conn in connections.all():
                    conn.close()
                time.sleep(pause)
                pause = min(MAX_PAUSE, pause * 2)


class Command(db_worker.Command):
    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
