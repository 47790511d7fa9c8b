"""Several app servers and task workers on one database (issue 10 §6): two `smenet serve`
processes (each with its gunicorn and its task worker), each with its own data directory,
sharing only the database and the file storage configured through STORAGES."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from .test_cli import free_port

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "smenet-demo-2025"

QUEUE = """
import datetime
from django.db import transaction
from smenet.capacity import services
from smenet.registry.choices import Role
from smenet.registry.models import Institution
from smenet.registry.services import role_assign, user_create

institutions = list(Institution.objects.filter(country__isnull=False).order_by("pk")[:20])
for n, inst in enumerate(institutions):
    user = user_create(actor=None, email=f"queue{n}@example.org", full_name=f"Q {n}",
                       institution=inst)
    role_assign(actor=None, user=user, role=Role.FOCAL_POINT, institution=inst)
with transaction.atomic():
    cycle = services.cycle_create(actor=None, code="scale", titles={"en": "Scale"},
        opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2030, 1, 1),
        institutions=institutions)
    print("QUEUED", services.cycle_send_reminders(actor=None, cycle=cycle))
"""

COUNT = """
from collections import Counter
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from smenet.capacity.models import ReminderLog
# Only tasks that are due: a capability may schedule one for later (a sweep, a reminder).
due = DBTaskResult.objects.filter(Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now()))
statuses = Counter(due.values_list("status", flat=True))
per_institution = Counter(ReminderLog.objects.filter(cycle__code="scale")
                          .values_list("institution_id", flat=True))
workers = sorted({w for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
                  for w in ids})
print("COUNT", dict(statuses), max(per_institution.values() or [0]),
      len(per_institution), len(workers))
"""


class Browser:
    """A client with its own cookies (a user's browser)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:  # noqa: S310 (loopback)
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def login(self, base, email, password):
        self.request(base + "/login/")
        return self.request(
            base + "/login/",
            {
                "username": email,
                "password": password,
                "csrfmiddlewaretoken": self.cookie("csrftoken"),
            },
            {"Referer": base + "/login/"},
        )


def start(env, port, log: Path):
    handle = log.open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "smenet.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return process, base
        except OSError:
            pass
        assert process.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.5)


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "smenet.cli", "manage", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def two_servers(serve_database, tmp_path):
    shared = tmp_path / "shared-storage"
    database_url = serve_database["DATABASE_URL"] or f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    common = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url,
        "SMENET_STORAGE_OPTIONS": json.dumps({"location": str(shared)}),
    }
    envs = [{**common, "SMENET_DATA_DIR": str(tmp_path / name)} for name in ("a", "b")]
    processes, bases = [], []
    try:
        for name, env in zip(("a", "b"), envs, strict=True):
            process, base = start(env, free_port(), tmp_path / f"{name}.log")
            processes.append(process)
            bases.append(base)
        yield {"bases": bases, "env": envs[0], "shared": shared, "tmp": tmp_path}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def test_two_servers_and_two_workers_share_jobs_sessions_limits_files_and_cache(two_servers):
    a, b = two_servers["bases"]
    env = two_servers["env"]

    # Sessions: logged in through A, recognised by B.
    browser = Browser()
    status, _headers, _body = browser.login(a, "secretariat@smenet.example", PASSWORD)
    assert status == 200  # redirected to the home page, signed in
    status, _headers, body = browser.request(b + "/knowledge/my-practices/")
    assert status == 200 and "Sample Secretariat Officer" in body.decode()

    # Each queued job runs once, whichever worker takes it.
    queued = manage(env, "shell", "-c", QUEUE)
    assert "QUEUED 20" in queued.stdout, queued.stderr[-2000:]
    deadline = time.monotonic() + 180
    while True:
        counts = manage(env, "shell", "-c", COUNT).stdout
        match = re.search(r"COUNT (\{.*\}) (\d+) (\d+) (\d+)", counts)
        statuses, most, institutions, workers = match.groups() if match else ("", 0, 0, 0)
        if "'READY'" not in statuses and "'RUNNING'" not in statuses and int(institutions) >= 20:
            break
        assert time.monotonic() < deadline, counts
        time.sleep(1)
    assert int(most) == 1 and int(institutions) == 20  # one reminder each, never two
    assert "FAILED" not in statuses

    # Files go through STORAGES: uploaded through A, served by B, kept in the shared storage.
    status, _h, body = Browser().request(
        a + "/api/v1/auth/token/",
        json.dumps({"email": "secretariat@smenet.example", "password": PASSWORD}).encode(),
        {"Content-Type": "application/json"},
    )
    token = json.loads(body)["token"]
    boundary = "smenet-boundary"
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    parts = [
        ("kind", "report"),
        ("date", "2026-01-01"),
        ("title.en", "Shared storage"),
    ]
    payload = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in parts
    ) + (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files.en"; '
        f'filename="shared.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + pdf
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, _h, body = Browser().request(
        a + "/api/v1/publications/",
        payload,
        {
            "Authorization": f"Token {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    assert status == 201, body
    file_url = json.loads(body)["files"]["en"]
    status, headers, served = Browser().request(b + file_url)
    assert status == 200 and served == pdf
    assert headers["Content-Disposition"].startswith("attachment")
    stored = list(two_servers["shared"].rglob("*.pdf"))
    assert [p.read_bytes() for p in stored] == [pdf]
    assert not list((two_servers["tmp"] / "a").rglob("shared*.pdf"))

    # The page cache is shared too: a page cached through A is a hit on B (retried: a task
    # finishing meanwhile, e.g. indexing the upload above, rightly makes every entry stale).
    for _attempt in range(20):
        Browser().request(a + "/members/")
        status, headers, _ = Browser().request(b + "/members/")
        if headers.get("X-Cache") == "hit":
            break
        time.sleep(0.5)
    assert status == 200 and headers.get("X-Cache") == "hit"

    # Rate limits: failed logins alternating between the servers add up to one count (last:
    # the address, loopback, is locked out afterwards).
    guesser = Browser()
    email = f"nobody-{uuid.uuid4().hex[:6]}@example.org"
    statuses = [guesser.login((a, b)[n % 2], email, "wrong")[0] for n in range(12)]
    assert statuses[:9] == [400] * 9 and set(statuses[10:]) == {429}, statuses
