"""The services import from the pages, run as a job: a focal point imports its own
institution's services only (drafts until the Secretariat publishes them), all or nothing,
every error by line on the job page in the user's language."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smenet.jobs.choices import JobStatus
from smenet.jobs.models import Job
from smenet.services_directory.choices import ReviewStatus
from smenet.services_directory.models import Service

from .factories import ServiceFactory
from .test_import import HEADER, row, write

pytestmark = pytest.mark.django_db
URL = "/services/import/"


def upload(tmp_path, *rows) -> SimpleUploadedFile:
    path = write(
        tmp_path, *[{"review_status": "", **r} for r in rows], header=[*HEADER, "review_status"]
    )
    return SimpleUploadedFile("services.csv", path.read_bytes(), "text/csv")


def post(client, file, capture, url=URL):
    with capture(execute=True):
        return client.post(url, {"file": file})


def test_focal_point_imports_its_own_services_as_drafts(
    client, world, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(world["fa"])
    page = client.get(URL)
    assert page.status_code == 200 and 'id="import-form"' in page.content.decode()
    file = upload(
        tmp_path,
        row(ref="a-1"),
        row(ref="a-2", review_status="submitted", title_en="Export desk"),
    )
    response = post(client, file, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.SUCCEEDED and job.owner == world["fa"], job.errors
    assert "2 new" in job.message
    stored = dict(Service.objects.values_list("ref", "review_status"))
    assert stored == {"a-1": ReviewStatus.DRAFT, "a-2": ReviewStatus.SUBMITTED}
    assert set(Service.objects.values_list("institution", flat=True)) == {world["a"].pk}


@pytest.mark.parametrize(
    ("make_row", "expected"),
    [
        (lambda w: row(ref="b-1", institution="BBB"), "line 3: institution"),
        (lambda w: row(ref="b-known"), "line 3: ref: b-known is another institution's"),
        (lambda w: row(ref="a-9", review_status="published"), "line 3: review_status"),
        (lambda w: row(ref="a-9", cost_currency=""), "line 3: cost_currency"),
    ],
)
def test_one_refused_line_saves_nothing_and_the_job_page_names_it(
    client, world, tmp_path, django_capture_on_commit_callbacks, make_row, expected
):
    ServiceFactory(institution=world["b"], ref="b-known")
    before = list(Service.objects.values_list("pk", "version"))
    client.force_login(world["fa"])
    file = upload(tmp_path, row(ref="a-1"), make_row(world))
    response = post(client, file, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert any(expected in m for m in job.errors["file"]), job.errors
    assert list(Service.objects.values_list("pk", "version")) == before
    page = client.get(response["Location"]).content.decode()
    assert expected.split(":")[0] in page


def test_errors_in_arabic_for_an_arabic_page(
    client, world, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(world["fa"])
    file = upload(tmp_path, row(ref="b-1", institution="BBB"))
    post(client, file, django_capture_on_commit_callbacks, url="/ar/services/import/")
    job = Job.objects.get()
    assert job.language == "ar" and job.status == JobStatus.FAILED
    message = job.errors["file"][0]
    assert "السطر 2" in message and "institution" in message, message


def test_secretariat_imports_for_any_institution_published(
    client, world, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(world["sec"])
    file = upload(tmp_path, row(ref="a-1"), row(ref="b-1", institution="BBB"))
    post(client, file, django_capture_on_commit_callbacks)
    assert Job.objects.get().status == JobStatus.SUCCEEDED
    assert set(Service.objects.values_list("review_status", flat=True)) == {"published"}


def test_who_may_import_and_bad_files(client, world, tmp_path, django_user_model):
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user(email="x@example.org"))
    assert client.get(URL).status_code in (403, 404)
    client.force_login(world["fa"])
    response = client.post(URL, {"file": SimpleUploadedFile("s.txt", b"x")})
    assert response.status_code == 400 and ".csv" in response.content.decode()
    assert not Job.objects.exists()
