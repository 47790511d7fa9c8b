"""Old job files are deleted after the retention period (SMENET_JOB_FILES_DAYS); the job's
record stays, its page says the files are gone, and reusable work is done again."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from smenet.jobs import services
from smenet.jobs.models import Job
from smenet.jobs.selectors import job_reusable

pytestmark = pytest.mark.django_db


@services.register("test.retention")
def _with_result(job, progress):
    return services.Outcome(
        message="Made.", content=b"x,y\n", filename="made.csv", content_type="text/csv"
    )


@pytest.fixture
def owner(db):
    from smenet.registry.tests.factories import UserFactory

    return UserFactory(full_name="Job Owner")


def _finished_job(owner, capture, *, days_ago: float, key: str = "") -> Job:
    with capture(execute=True):
        job = services.job_start(
            owner=owner,
            kind="test.retention",
            title="Import",
            upload=("rows.csv", b"a,b\n1,2\n"),
            key=key,
        )
    Job.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    job.refresh_from_db()
    assert job.input and job.result
    return job


def test_files_older_than_the_period_are_deleted_and_the_record_stays(
    client, owner, django_capture_on_commit_callbacks, settings
):
    settings.SMENET_JOB_FILES_DAYS = 30
    old = _finished_job(owner, django_capture_on_commit_callbacks, days_ago=31)
    recent = _finished_job(owner, django_capture_on_commit_callbacks, days_ago=29)
    storage = old.result.storage
    old_files = [old.input.name, old.result.name]

    assert services.jobs_prune() == 1

    assert not any(storage.exists(name) for name in old_files)
    old.refresh_from_db()
    assert (old.input.name, old.result.name) == ("", "")
    assert old.files_pruned_at is not None and old.message == "Made."
    recent.refresh_from_db()
    assert storage.exists(recent.input.name) and storage.exists(recent.result.name)
    assert services.jobs_prune() == 0  # nothing left to delete: a second run changes nothing

    client.force_login(owner)
    page = client.get(f"/fr/jobs/{old.pk}/").content.decode()
    assert 'id="job-files-pruned"' in page and "30" in page
    assert 'id="job-download"' not in page
    assert client.get(f"/jobs/{old.pk}/result/").status_code == 404


def test_unfinished_jobs_keep_their_files(owner, settings):
    settings.SMENET_JOB_FILES_DAYS = 0
    job = services.job_start(  # queued, never run (the transaction is not committed)
        owner=owner, kind="test.retention", title="Queued", upload=("rows.csv", b"a\n")
    )
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert services.jobs_prune() == 0
    job.refresh_from_db()
    assert job.input.storage.exists(job.input.name)


def test_a_report_whose_file_was_deleted_is_made_again(
    owner, django_capture_on_commit_callbacks, settings
):
    settings.SMENET_JOB_FILES_DAYS = 30
    job = _finished_job(owner, django_capture_on_commit_callbacks, days_ago=40, key="report:1")
    assert job_reusable(key="report:1") == job
    services.jobs_prune()
    assert job_reusable(key="report:1") is None


def test_the_command_prunes_and_refuses_a_negative_period(
    owner, django_capture_on_commit_callbacks
):
    _finished_job(owner, django_capture_on_commit_callbacks, days_ago=3)
    out = io.StringIO()
    call_command("jobs_prune", "--days", "2", stdout=out)
    assert "1" in out.getvalue()
    with pytest.raises(SystemExit) as exit_:
        call_command("jobs_prune", "--days", "-1", stderr=io.StringIO())
    assert exit_.value.code == 2


def test_one_daily_run_waits_in_the_worker_queue(settings):
    """With the database back end (as ``smenet serve`` runs), one run waits at a time, at the
    prune hour; the run queues the next day's."""
    from django_tasks_db.models import DBTaskResult

    from smenet.jobs import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tasks.schedule_prune() is True
    assert tasks.schedule_prune() is False  # already waiting
    waiting = DBTaskResult.objects.get(task_path=tasks.prune_job_files.module_path)
    assert waiting.status == "READY" and waiting.run_after > timezone.now()
    assert waiting.run_after.hour == tasks.PRUNE_HOUR


def test_a_failed_run_still_queues_the_next_days(settings, monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.models import DBTaskResult

    from smenet.jobs import services as job_services
    from smenet.jobs import tasks

    def lost(**_kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(job_services, "jobs_prune", lost)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(OperationalError):
        tasks.prune_job_files.call()
    waiting = DBTaskResult.objects.get(task_path=tasks.prune_job_files.module_path)
    assert waiting.status == "READY" and waiting.run_after.hour == tasks.PRUNE_HOUR


def test_the_task_prunes(owner, django_capture_on_commit_callbacks, settings):
    from smenet.jobs.tasks import prune_job_files

    settings.SMENET_JOB_FILES_DAYS = 1
    _finished_job(owner, django_capture_on_commit_callbacks, days_ago=2)
    assert prune_job_files.enqueue().return_value == 1
