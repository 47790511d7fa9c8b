"""Plan imports and the General Assembly report run as jobs in the task worker (issue 10 §2):
progress, result, caps with clear messages, batches that let other people save meanwhile."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from smenet.jobs.choices import JobStatus
from smenet.jobs.models import Job
from smenet.plans import imports, services
from smenet.plans.exports import COLUMNS, plan_csv
from smenet.plans.models import PlanItem

from .factories import task_force_user

HEADER = ",".join(COLUMNS)


def _rows(n: int, prefix: str = "Objective") -> bytes:
    blank = dict.fromkeys(COLUMNS, "")
    lines = [HEADER]
    for i in range(1, n + 1):
        blank.update(number=str(i), title_en=f"{prefix} {i}")
        lines.append(",".join(blank[c] for c in COLUMNS))
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.django_db
def test_import_page_runs_a_job_and_shows_what_it_did(
    client, draft, django_capture_on_commit_callbacks
):
    tf = task_force_user()
    client.force_login(tf)
    code = draft["plan"].code
    upload = SimpleUploadedFile("plan.csv", plan_csv(draft["version"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ar/plan/{code}/v1/import/", {"file": upload})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ar/jobs/{job.pk}/"
    assert (job.status, job.owner, job.language) == (JobStatus.SUCCEEDED, tf, "ar")
    page = client.get(response["Location"]).content.decode()
    assert 'dir="rtl"' in page and job.message in page and "8" in job.message
    assert f'/plan/{code}/?v=1"' in page


@pytest.mark.django_db
def test_import_errors_are_shown_on_the_job_page_and_nothing_is_saved(
    client, draft, django_capture_on_commit_callbacks
):
    client.force_login(task_force_user())
    before = list(PlanItem.objects.values_list("pk", "version"))
    bad = f"{HEADER}\n1,Obj,,,,,,NOPE,,,,,,,,,,,,,,,,,\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/plan/{draft['plan'].code}/v1/import/", {"file": SimpleUploadedFile("p.csv", bad)}
        )
    page = client.get(response["Location"]).content.decode()
    assert "line 2" in page and "Unknown institution NOPE" in page
    assert Job.objects.get().status == JobStatus.FAILED
    assert list(PlanItem.objects.values_list("pk", "version")) == before


@pytest.mark.django_db
def test_import_upload_caps(client, draft, monkeypatch):
    client.force_login(task_force_user())
    url = f"/plan/{draft['plan'].code}/v1/import/"
    response = client.post(url, {"file": SimpleUploadedFile("p.txt", b"x")})
    assert response.status_code == 400 and ".csv" in response.content.decode()
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", b"x" * 101)})
    assert response.status_code == 400 and "split it" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_too_many_rows_are_refused_before_anything_is_read_further(draft, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 10)
    from smenet.common.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        imports.plan_import(
            actor=task_force_user(), version=draft["version"], name="p.csv", content=_rows(11)
        )
    assert "more than 10 rows" in exc.value.errors["file"][0]


@pytest.mark.django_db
def test_import_api_answers_202_with_the_job(as_user, draft, django_capture_on_commit_callbacks):
    client = as_user(task_force_user())
    url = f"/api/v1/plans/{draft['plan'].code}/versions/1/import/"
    upload = SimpleUploadedFile("plan.csv", plan_csv(draft["version"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": upload}, format="multipart")
    assert response.status_code == 202, response.content
    job_url = response["Location"]
    body = client.get(job_url).json()
    assert body["status"] == "succeeded" and body["percent"] == 100 and "8" in body["message"]
    refused = client.post(url, {"file": SimpleUploadedFile("p.doc", b"x")}, format="multipart")
    assert refused.status_code == 400 and refused.json()["errors"]["file"]


@pytest.mark.django_db
def test_import_api_is_refused_to_whoever_may_not_draft(as_user, adopted, focal_point_of):
    url = f"/api/v1/plans/{adopted['plan'].code}/versions/1/import/"
    upload = SimpleUploadedFile("plan.csv", b"number\n")
    response = as_user(focal_point_of(adopted["a"])).post(url, {"file": upload}, format="multipart")
    assert response.status_code in (403, 404)
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_the_report_is_made_once_by_the_worker_and_then_served(
    client, draft, django_capture_on_commit_callbacks
):
    client.force_login(task_force_user())
    code = draft["plan"].code
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(f"/plan/{code}/report.xlsx?lang=fr")
    assert waiting.status_code == 202 and 'http-equiv="refresh"' in waiting.content.decode()
    ready = client.get(f"/plan/{code}/report.xlsx?lang=fr")
    assert ready.status_code == 200 and b"".join(ready.streaming_content).startswith(b"PK")
    assert Job.objects.count() == 1  # served again, not made again
    services.item_update(
        actor=task_force_user(),
        item=draft["actions"][0],
        expected_version=1,
        titles={"en": "Changed"},
    )
    again = client.get(f"/plan/{code}/report.xlsx?lang=fr")
    assert again.status_code == 202 and 'http-equiv="refresh"' in again.content.decode()
    assert Job.objects.count() == 2  # the data changed: a new report is on its way


# --- A save made during an import succeeds (both databases, real threads) ---------------------


def test_a_save_during_a_long_import_succeeds(transactional_db, as_user, secretariat_user):
    """An import of 600 rows runs in one thread (in batches); meanwhile another person saves an
    institution through the API: the save answers 200 while the import is still running."""
    from smenet.plans.tests.factories import plan_with_items
    from smenet.registry.tests.factories import InstitutionFactory

    _plan, version, _actions = plan_with_items(objectives=1, actions=1)
    inst = InstitutionFactory()
    tf = task_force_user()
    progress: list[int] = []
    outcome: dict[str, object] = {}

    def run_import():
        try:
            outcome["summary"] = imports.plan_import(
                actor=tf,
                version=version,
                name="big.csv",
                content=_rows(600, "Row"),
                progress=lambda done, total: progress.append(done),
                batch_size=50,
            )
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connection.close()

    worker = threading.Thread(target=run_import)
    worker.start()
    deadline = time.monotonic() + 120
    while not progress and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    response = as_user(secretariat_user).patch(
        f"/api/v1/institutions/{inst.slug}/", {"version": 1, "phone": "+90 312"}, format="json"
    )
    took = time.monotonic() - started
    still_running = worker.is_alive()
    worker.join(timeout=300)
    assert response.status_code == 200, response.content
    assert still_running, "the import ended before the save: make it bigger"
    assert took < 10
    assert "error" not in outcome, outcome.get("error")
    summary = outcome["summary"]
    assert (summary.created, summary.removed) == (600, 3)  # the file has keys: new rows are new
    assert progress == sorted(progress) and progress[-1] == 603
