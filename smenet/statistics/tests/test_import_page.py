"""The import page: the Secretariat uploads a file, the import runs as a job (the test task
backend runs it at once) and the job's page shows the outcome or the line errors."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smenet.jobs.models import Job
from smenet.statistics.models import Observation

GOOD = (
    "indicator,ref_area,period,value,unit,obs_status,source,definition\n"
    "SME_EMP_SHARE,AZE,2019,43.7,,,https://example.org/aze,\n"
    "SME_COUNT,TUR,2020,3200000,,,,\n"
)


def upload(text: str, name: str = "figures.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_import_runs_as_a_job_with_its_outcome_on_the_job_page(
    client, indicators, secretariat_user, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user)
    assert client.get("/statistics/import/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/statistics/import/", {"file": upload(GOOD)})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.kind == "statistics.import" and job.status == "succeeded"
    assert (job.done, job.total) == (2, 2)
    assert Observation.objects.count() == 2
    html = client.get(f"/ar/jobs/{job.pk}/").content.decode()
    assert "/statistics/import/" in html  # the way back
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Read 2 observations: 2 new, 0 revised, 0 unchanged." in page


def test_a_bad_file_fails_the_job_with_line_errors_and_saves_nothing(
    client, indicators, secretariat_user, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user)
    bad = GOOD + "SME_EMP_SHARE,XXX,2020,12,,,,\nSME_EMP_SHARE,TUR,2020,-4,,,,\n"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/statistics/import/", {"file": upload(bad)})
    job = Job.objects.get()
    assert job.status == "failed"
    errors = job.errors["figures.csv"]
    assert any("ligne 4" in e and "XXX" in e for e in errors), errors  # in French, by line
    assert any("ligne 5" in e for e in errors)
    assert Observation.objects.count() == 0
    html = client.get(job.get_absolute_url()).content.decode()
    assert "XXX" in html and 'id="job-errors"' in html


@pytest.mark.parametrize(
    ("files", "message"),
    [({}, "Choose a file to import."), ({"file": upload("", "empty.csv")}, "The file is empty.")],
)
def test_upload_refusals_stay_on_the_form(client, indicators, secretariat_user, files, message):
    client.force_login(secretariat_user)
    response = client.post("/statistics/import/", files)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_only_the_secretariat_imports(client, indicators, focal_point_of):
    from smenet.registry.models import Country
    from smenet.registry.tests.factories import InstitutionFactory

    focal = focal_point_of(InstitutionFactory(country=Country.objects.get(iso3="AZE")))
    client.force_login(focal)
    assert client.get("/statistics/import/").status_code == 403
    assert client.post("/statistics/import/", {"file": upload(GOOD)}).status_code == 403
    assert not Job.objects.exists()
    client.logout()
    assert client.get("/statistics/import/").status_code == 302  # to the login page


@pytest.mark.django_db
def test_progress_is_reported_after_each_chunk(indicators, monkeypatch):
    from smenet.statistics import services
    from smenet.statistics.importer import import_statistics_data

    monkeypatch.setattr(services, "CHUNK", 2)
    rows = "".join(f"SME_EMP_SHARE,{a},2020,{i},,,,\n" for i, a in enumerate(["AZE", "TUR", "EGY"]))
    seen: list[tuple[int, int]] = []
    import_statistics_data(
        (GOOD.splitlines()[0] + "\n" + rows + "SME_COUNT,TUR,2020,5,,,,\n").encode(),
        name="x.csv",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(0, 4), (2, 4), (4, 4)]
    assert Observation.objects.count() == 4
