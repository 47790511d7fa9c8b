"""Hostile input on the roster (issue 10 §3): the vetting and withdrawal buttons refuse bad
input with a 4xx and write nothing, the API refuses unknown fields, and CVs follow the upload
policy (by content, size cap, served as attachments)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smenet.api.testing import problem
from smenet.common import uploads
from smenet.experts.choices import Vetting
from smenet.experts.models import Expert

from .factories import make_expert

pytestmark = pytest.mark.django_db
HOSTILE = "ab\x00cd"


def _state(expert: Expert) -> tuple:
    expert.refresh_from_db()
    return (
        expert.version,
        expert.vetting,
        expert.listing,
        expert.consent_withdrawn_at,
        expert.history.count(),
    )


@pytest.mark.parametrize(
    "data",
    [
        {"vetting": HOSTILE},
        {"vetting": "vetted\u202e"},
        {"vetting": "excellent"},
        {},
        {"vetting": "vetted", "note": HOSTILE},
    ],
    ids=["nul", "rlo", "unknown", "missing", "unknown-field"],
)
def test_vetting_with_bad_input_is_a_400_and_writes_nothing(client, world, data):
    expert = make_expert(institution=world["a"], vetted=False)
    before = _state(expert)
    client.force_login(world["sec"])
    response = client.post(f"/experts/{expert.pk}/vet/", data)
    assert response.status_code == 400
    assert _state(expert) == before


def test_vetting_refused_to_a_focal_point_writes_nothing(client, world):
    expert = make_expert(institution=world["a"], vetted=False)
    before = _state(expert)
    client.force_login(world["fa"])
    response = client.post(f"/experts/{expert.pk}/vet/", {"vetting": Vetting.VETTED})
    assert response.status_code == 403
    assert _state(expert) == before


def test_vetting_with_good_input_is_recorded(client, world):
    expert = make_expert(institution=world["a"], vetted=False)
    client.force_login(world["sec"])
    response = client.post(f"/experts/{expert.pk}/vet/", {"vetting": Vetting.VETTED})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.vetting == Vetting.VETTED


@pytest.mark.parametrize(
    "extra",
    [{"listing": HOSTILE}, {"show": "contact\u202e"}, {"listing": "public"}],
    ids=["nul-listing", "rlo-show", "consent-fields"],
)
def test_withdrawal_takes_nothing_but_itself(client, world, extra):
    expert = make_expert(institution=world["a"])
    before = _state(expert)
    client.force_login(world["sec"])
    response = client.post(f"/experts/{expert.pk}/consent/", {"withdraw": "1", **extra})
    assert response.status_code == 400
    assert _state(expert) == before
    assert before[3] is None  # still consented


def test_withdrawal_from_its_own_form_withdraws(client, world):
    expert = make_expert(institution=world["a"])
    client.force_login(world["sec"])
    page = client.get(f"/experts/{expert.pk}/consent/").content.decode()
    assert 'id="withdraw-form"' in page
    response = client.post(f"/experts/{expert.pk}/consent/", {"withdraw": "1"})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.consent_withdrawn_at is not None


@pytest.mark.parametrize(
    "body, field",
    [
        ({"fullname": "Typo"}, "fullname"),
        ({"full_name": "x" * 201}, "full_name"),
        ({"subjects": {"access-to-finance": 4}}, "subjects"),
        ({"languages": ["x" * 9]}, "languages"),
    ],
)
def test_api_refuses_unknown_fields_and_values_past_their_column(as_user, world, body, field):
    expert = make_expert(institution=world["a"])
    before = _state(expert)
    response = as_user(world["fa"]).patch(
        f"/api/v1/experts/{expert.pk}/", {"version": expert.version, **body}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in problem(response)["errors"]
    assert _state(expert) == before


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("cv.pdf", b"MZ\x90\x00 not a pdf", "is not a PDF file"),
        ("cv.html", b"<script>alert(1)</script>", "are not accepted"),
        ("cv.docx", b"%PDF-1.4\n", "is not a Word file"),
        ("cv.pdf", b"", "empty"),
    ],
    ids=["exe-named-pdf", "html", "pdf-named-docx", "empty"],
)
def test_cv_upload_follows_the_upload_policy(client, world, name, content, message):
    expert = make_expert(institution=world["a"])
    before = _state(expert)
    client.force_login(world["fa"])
    page = client.get(f"/experts/{expert.pk}/edit/")
    assert 'accept=".pdf,.doc,.docx,.odt"' in page.content.decode()
    data = {
        "version": expert.version,
        "full_name": expert.full_name,
        "availability": expert.availability,
        "cv": SimpleUploadedFile(name, content),
    }
    response = client.post(f"/experts/{expert.pk}/edit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _state(expert) == before
    assert not expert.cv


def test_cv_over_the_cap_is_refused(client, world, settings):
    settings.SMENET_MAX_UPLOAD_BYTES = 64
    expert = make_expert(institution=world["a"])
    client.force_login(world["fa"])
    data = {
        "version": expert.version,
        "full_name": expert.full_name,
        "availability": expert.availability,
        "cv": SimpleUploadedFile("cv.pdf", uploads.sample("pdf") + b"%" * 100),
    }
    response = client.post(f"/experts/{expert.pk}/edit/", data)
    assert response.status_code == 400
    expert.refresh_from_db()
    assert not expert.cv


def test_cv_is_served_as_an_attachment_that_runs_nothing(client, world):
    expert = make_expert(
        institution=world["a"],
        full_name="Shown CV",
        cv=SimpleUploadedFile("cv.pdf", uploads.sample("pdf")),
        show=("cv",),
    )
    client.force_login(world["fb"])
    response = client.get(f"/experts/{expert.pk}/cv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
