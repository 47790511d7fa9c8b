"""Background jobs: started after commit, run by the worker, progress and result visible to the
owner and the Secretariat only, domain refusals reported, transient database errors retried."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from smenet.jobs import services
from smenet.jobs.choices import JobStatus
from smenet.jobs.models import Job

pytestmark = pytest.mark.django_db

calls: list[int] = []


@services.register("test.echo")
def _echo(job, progress):
    for done in range(1, 4):
        progress(done, 3)
    return services.Outcome(
        message="Done.", content=b"a,b\n1,2\n", filename="out.csv", content_type="text/csv"
    )


@services.register("test.refuse")
def _refuse(job, progress):
    from smenet.common.errors import ValidationFailed

    raise ValidationFailed({"line 2": ["Unknown institution NOPE."]})


@services.register("test.flaky")
def _flaky(job, progress):
    calls.append(job.pk)
    if len(calls) < 3:
        raise OperationalError("database is locked")
    return services.Outcome(message="Done at last.")


@services.register("test.broken")
def _broken(job, progress):
    raise RuntimeError("bug")


@pytest.fixture
def owner(db):
    from smenet.registry.tests.factories import UserFactory

    return UserFactory(full_name="Job Owner")


def _start(owner, kind, capture):
    with capture(execute=True):
        job = services.job_start(owner=owner, kind=kind, title="A job")
    job.refresh_from_db()
    return job


def test_a_job_runs_after_commit_and_its_result_downloads(
    client, owner, django_capture_on_commit_callbacks
):
    job = _start(owner, "test.echo", django_capture_on_commit_callbacks)
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.SUCCEEDED, 3, 3, 100)
    client.force_login(owner)
    page = client.get(f"/ar/jobs/{job.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'dir="rtl"' in html and "Done." in html
    assert 'http-equiv="refresh"' not in html  # finished: no more refreshing
    download = client.get(f"/jobs/{job.pk}/result/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"a,b\n1,2\n"
    assert 'filename="out.csv"' in download["Content-Disposition"]


def test_a_queued_job_page_refreshes_itself(client, owner):
    job = services.job_start(owner=owner, kind="test.echo", title="Waiting")  # not committed
    client.force_login(owner)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' in html and "<progress" in html


def test_only_the_owner_and_the_secretariat_see_a_job(
    client, api, owner, secretariat_user, django_capture_on_commit_callbacks
):
    from smenet.registry.tests.factories import UserFactory

    job = _start(owner, "test.echo", django_capture_on_commit_callbacks)
    client.force_login(UserFactory())
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/result/").status_code == 404
    api.force_authenticate(UserFactory())
    assert api.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    api.force_authenticate(secretariat_user)
    data = api.get(f"/api/v1/jobs/{job.pk}/").json()
    assert data["status"] == "succeeded" and data["percent"] == 100
    assert data["result_url"] == f"/jobs/{job.pk}/result/"
    api.force_authenticate(None)
    assert api.get(f"/api/v1/jobs/{job.pk}/").status_code in (401, 403)  # 401: issue 10 §4
    client.logout()
    assert client.get(f"/jobs/{job.pk}/").status_code == 302  # to the login page


def test_a_refusal_fails_the_job_with_its_errors(owner, django_capture_on_commit_callbacks):
    job = _start(owner, "test.refuse", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert job.errors == {"line 2": ["Unknown institution NOPE."]}
    assert not job.result


def test_a_transient_database_error_is_retried(owner, django_capture_on_commit_callbacks):
    calls.clear()
    job = _start(owner, "test.flaky", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 3 and len(calls) == 3


def test_a_bug_fails_the_job_without_details(owner, django_capture_on_commit_callbacks):
    job = _start(owner, "test.broken", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED and "bug" not in job.message


def test_a_job_in_french_reports_in_french(owner, django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("fr"):
        job = _start(owner, "test.refuse", django_capture_on_commit_callbacks)
    assert job.language == "fr" and job.message.startswith("Rien")


def test_nothing_runs_for_a_rolled_back_start(owner, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.job_start(owner=owner, kind="test.echo", title="x")
            raise RuntimeError("rolled back")
    assert callbacks == [] and not Job.objects.exists()


def test_the_same_work_reuses_a_job_and_a_failure_is_shown_for_a_minute(
    owner, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from smenet.jobs.selectors import job_reusable

    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(owner=owner, kind="test.refuse", title="x", key="same")
    assert job_reusable(key="same") == job  # failed just now: shown, not started again
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(minutes=2))
    assert job_reusable(key="same") is None
    assert job_reusable(key="other") is None
