"""A job's title is composed when it is shown, in the reader's language, from what the job
works on (issue 11 §9): an import started on the English site reads in Arabic on the Arabic
site, and shows the plan's name as it is now."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smenet.common.formatting import FSI, LRI, PDI
from smenet.common.translation import set_translations
from smenet.jobs.models import Job
from smenet.plans.exports import plan_csv

from .factories import task_force_user

pytestmark = pytest.mark.django_db


def heading(html: str) -> str:
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


@pytest.fixture
def started(client, draft, django_capture_on_commit_callbacks):
    """An import started on the English site (the job is queued, not run)."""
    client.force_login(task_force_user())
    upload = SimpleUploadedFile("plan.csv", plan_csv(draft["version"]))
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/plan/{draft['plan'].code}/v1/import/", {"file": upload})
    return Job.objects.get()


def test_the_job_title_is_in_the_readers_language(client, draft, started):
    assert started.title.startswith("Import of plan.csv into Test plan")  # stored: the starter's
    arabic = heading(client.get(f"/ar/jobs/{started.pk}/").content.decode())
    assert "Import of" not in arabic
    assert arabic.startswith("استيراد")
    assert f"{FSI}خطة عمل الشبكة{PDI}" in arabic and f"{FSI}plan.csv{PDI}" in arabic
    french = heading(client.get(f"/fr/jobs/{started.pk}/").content.decode())
    assert "Plan de test" in french and "Import of" not in french


def test_the_job_title_names_the_plan_as_it_is_now_with_its_years_left_to_right(
    client, draft, started
):
    plan = draft["plan"]
    set_translations(plan, {"title": {"ar": "خطة العمل 2025–2028"}})
    plan.save()
    arabic = heading(client.get(f"/ar/jobs/{started.pk}/").content.decode())
    assert f"{FSI}خطة العمل {LRI}2025–2028{PDI}{PDI}" in arabic


def test_a_job_whose_plan_version_is_gone_keeps_its_stored_title(client, draft, started):
    started.params = {**started.params, "version": 0}
    started.save()
    assert heading(client.get(f"/ar/jobs/{started.pk}/").content.decode()) == started.title
