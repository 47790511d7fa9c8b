import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smenet.plans import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(adopted, focal_point_of, secretariat_user):
    version = adopted["version"]
    rnd = services.round_open(
        actor=secretariat_user,
        version=version,
        label="2026 H1",
        opens_on=datetime.date(2026, 1, 1),
        deadline=datetime.date(2099, 6, 30),
    )
    item = adopted["actions"][0]  # led by A
    focal = focal_point_of(adopted["a"])
    report = services.report_save(
        actor=focal,
        round=rnd,
        item=item,
        progress_status="on_track",
        percent=40,
        narrative="Going well",
    )
    file = services.evidence_add(
        actor=focal,
        report=report,
        title="Minutes",
        upload=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", "application/pdf"),
    )
    return {"file": file, "focal": focal, "plan": version.plan, **adopted}


def url(evidence):
    return f"/plan/{evidence['plan'].code}/evidence/{evidence['file'].pk}/"


def test_reviewers_and_the_reporter_download_the_file(
    client, evidence, secretariat_user, bureau_user
):
    for user in (secretariat_user, bureau_user, evidence["focal"]):
        client.force_login(user)
        response = client.get(url(evidence))
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
        assert response["Content-Disposition"].startswith("attachment")


def test_others_cannot_download(client, evidence, focal_point_of):
    assert client.get(url(evidence)).status_code == 302  # anonymous → log in
    client.force_login(focal_point_of(evidence["b"]))
    assert client.get(url(evidence)).status_code == 404  # A's report is not B's business
    client.force_login(evidence["focal"])
    assert client.get(f"/plan/{evidence['plan'].code}/evidence/999999/").status_code == 404
