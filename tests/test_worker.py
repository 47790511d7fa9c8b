"""The real task worker (django-tasks database backend) runs what services queue after commit."""

import os
import subprocess
import sys
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
