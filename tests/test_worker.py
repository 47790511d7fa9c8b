"""The real task worker (django-tasks database backend) runs what services queue after commit."""

import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ENQUEUE = """
import datetime
from django.db import transaction
from smenet.capacity import services
from smenet.registry.models import Institution, User
from smenet.registry.choices import Role
from smenet.registry.services import user_create, role_assign
kobia = Institution.objects.get(slug="kobia-aze")
user = user_create(actor=None, email="focal@example.org", full_name="Focal KOBIA", institution=kobia)
role_assign(actor=None, user=user, role=Role.FOCAL_POINT, institution=kobia)
with transaction.atomic():
    cycle = services.cycle_create(actor=None, code="w1", titles={"en": "W"},
        opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2030, 1, 1),
        institutions=[kobia])
    print("QUEUED", services.cycle_send_reminders(actor=None, cycle=cycle))
"""

COUNT = """
from smenet.capacity.models import ReminderLog
from django_tasks_db.models import DBTaskResult
print("LOGS", ReminderLog.objects.count(), "STATUS", list(DBTaskResult.objects.values_list("status", flat=True)))
"""


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "smenet.cli", "manage", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_db_worker_sends_queued_reminders(serve_database):
    env = {**os.environ, **serve_database, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    assert manage(env, "migrate", "-v0").returncode == 0
    assert manage(env, "load_reference_data").returncode == 0
    queued = manage(env, "shell", "-c", ENQUEUE)
    assert "QUEUED 1" in queued.stdout, queued.stderr
    before = manage(env, "shell", "-c", COUNT).stdout
    assert "LOGS 0" in before and "READY" in before
    worker = manage(env, "db_worker", "--batch", "--no-startup-delay")
    assert worker.returncode == 0, worker.stderr
    assert "Reminder: the w1 questionnaire" in worker.stdout  # the console e-mail back end
    after = manage(env, "shell", "-c", COUNT).stdout
    assert "LOGS 1" in after and "SUCCESSFUL" in after, after


# --- The worker survives the database going away for a while (issue 10 §2) -------------------

WAIT_FOR_LOGS = """
import time
from django_tasks_db.models import DBTaskResult
for _ in range(600):
    # The reminder task itself: reference data also queues search indexing tasks.
    if DBTaskResult.objects.filter(
        status="SUCCESSFUL", task_path="smenet.capacity.tasks.send_cycle_reminders"
    ).exists():
        print("DONE"); break
    time.sleep(0.1)
"""

#: Waits until the worker has run what was queued before the test (reference data queues the
#: search indexing of its indicators): the cut must find the worker polling, not in a task.
WAIT_FOR_IDLE = """
import time
from django_tasks_db.models import DBTaskResult
for _ in range(1200):
    if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
        print("IDLE"); break
    time.sleep(0.1)
"""


def _cut_the_database_off(env, seconds: float) -> None:
    """SQLite: hold the write lock longer than the worker's busy timeout. PostgreSQL: end the
    worker's connections, repeatedly, for the same time."""
    import time

    url = env.get("DATABASE_URL") or ""
    end = time.monotonic() + seconds
    if not url.startswith("postgres"):
        import sqlite3

        conn = sqlite3.connect(str(Path(env["SMENET_DATA_DIR"]) / "smenet.sqlite3"), timeout=30)
        conn.isolation_level = None
        conn.execute("BEGIN EXCLUSIVE")
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        while time.monotonic() < end:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            time.sleep(0.2)


def test_db_worker_survives_a_locked_or_lost_database_and_runs_the_next_task(serve_database):
    import time

    env = {
        **os.environ,
        **serve_database,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SMENET_SQLITE_TIMEOUT": "0.3",
    }
    assert manage(env, "migrate", "-v0").returncode == 0
    assert manage(env, "load_reference_data").returncode == 0
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "smenet.cli",
            "manage",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(worker.stdout.readline, "")))
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while not any("Starting worker" in line for line in lines):
            assert time.monotonic() < deadline and worker.poll() is None, "".join(lines)
            time.sleep(0.1)
        idle = manage(env, "shell", "-c", WAIT_FOR_IDLE)
        assert "IDLE" in idle.stdout, idle.stderr + "".join(lines)
        time.sleep(0.5)  # polling
        _cut_the_database_off(env, 3)
        assert worker.poll() is None, "".join(lines)
        queued = manage(env, "shell", "-c", ENQUEUE)
        assert "QUEUED 1" in queued.stdout, queued.stderr
        done = manage(env, "shell", "-c", WAIT_FOR_LOGS)
        assert "DONE" in done.stdout, done.stderr
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        reader.join(timeout=30)
    output = "".join(lines)
    assert "database error, retrying" in output, output
    assert "Reminder: the w1 questionnaire" in output
