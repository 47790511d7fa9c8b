"""One upload policy (decision 0029): type by content, size caps, served as attachments — for
publications, best-practice attachments, evidence and imports alike."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from smenet.api.testing import problem
from smenet.common import uploads

HTML = b"<!doctype html><script>alert(document.cookie)</script>"
FAKES = [
    ("report.pdf", HTML),  # a web page named .pdf
    ("photo.png", b"GIF89a" + b"\x00" * 20),
    ("data.xlsx", uploads.sample("docx")),  # a Word file named .xlsx
    ("slides.pptx", b"PK\x03\x04 not a zip"),
    ("table.csv", b"a,b\n\x00\x01\x02"),
    ("page.html", HTML),
    ("run.exe", b"MZ\x90\x00"),
    ("empty.pdf", b""),
]


@pytest.mark.parametrize("purpose", sorted(uploads.POLICIES))
@pytest.mark.parametrize(("name", "content"), FAKES)
def test_every_purpose_refuses_a_file_whose_content_is_not_its_type(purpose, name, content):
    with pytest.raises(ValidationError) as info:
        uploads.check(SimpleUploadedFile(name, content), purpose=purpose)
    assert info.value.code in ("file_type", "file_empty")


@pytest.mark.parametrize(
    ("purpose", "kind", "content_type"),
    [
        ("publication", "pdf", "application/pdf"),
        ("attachment", "png", "image/png"),
        ("evidence", "docx", uploads.TYPES["docx"].content_type),
        ("import", "xlsx", uploads.TYPES["xlsx"].content_type),
        ("import", "csv", "text/csv"),
    ],
)
def test_real_files_pass_with_the_content_type_of_their_format(purpose, kind, content_type):
    upload = SimpleUploadedFile(f"file.{kind}", uploads.sample(kind), "text/html")
    assert uploads.check(upload, purpose=purpose) == content_type  # not what the browser said


def test_size_caps_follow_the_purpose_and_the_global_limit(settings):
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * uploads.MB))
    with pytest.raises(ValidationError) as info:
        uploads.check(big, purpose="evidence")  # 10 MB
    assert info.value.code == "file_size"
    assert uploads.check(big, purpose="publication") == "application/pdf"  # 20 MB
    settings.SMENET_MAX_UPLOAD_BYTES = 5 * uploads.MB
    with pytest.raises(ValidationError):
        uploads.check(big, purpose="publication")


@pytest.mark.django_db
class TestThroughTheInterfaces:
    def test_api_publication_with_a_fake_pdf_is_400_and_nothing_saved(
        self, as_user, secretariat_user
    ):
        from smenet.knowledge.models import Publication

        response = as_user(secretariat_user).post(
            "/api/v1/publications/",
            {
                "kind": "report",
                "date": "2025-10-07",
                "title.en": "Report",
                "files.en": SimpleUploadedFile("report.pdf", HTML, "application/pdf"),
            },
            format="multipart",
        )
        assert response.status_code == 400
        assert "files" in problem(response)["errors"]
        assert not Publication.objects.exists()

    def test_evidence_with_a_fake_pdf_is_refused(self, secretariat_user, focal_point_of):
        from smenet.common.errors import DomainError
        from smenet.plans import services
        from smenet.plans.tests.factories import adopt, plan_with_items
        from smenet.registry.tests.factories import InstitutionFactory

        lead = InstitutionFactory()
        _plan, version, actions = plan_with_items(leads=[lead])
        adopt(version, secretariat_user)
        rnd = services.round_open(
            actor=secretariat_user,
            version=version,
            label="H1",
            opens_on=datetime.date(2026, 1, 1),
            deadline=datetime.date(2099, 1, 1),
        )
        focal = focal_point_of(lead)
        report = services.report_save(
            actor=focal, round=rnd, item=actions[0], progress_status="on_track", percent=5
        )
        with pytest.raises(DomainError) as info:
            services.evidence_add(
                actor=focal, report=report, title="x", upload=SimpleUploadedFile("e.pdf", HTML)
            )
        assert info.value.field == "file" and info.value.code == "file_type"
        evidence = services.evidence_add(
            actor=focal,
            report=report,
            title="Minutes",
            upload=SimpleUploadedFile("minutes.pdf", uploads.sample("pdf"), "text/html"),
        )
        assert evidence.content_type == "application/pdf"

    def test_plan_import_page_refuses_a_file_that_is_not_csv_or_xlsx(self, client):
        from smenet.plans.tests.factories import plan_with_items, task_force_user

        plan, version, _items = plan_with_items()
        client.force_login(task_force_user())
        response = client.post(
            f"/plan/{plan.code}/v{version.number}/import/",
            {"file": SimpleUploadedFile("plan.xlsx", HTML)},
        )
        assert response.status_code == 400
        assert "whatever its name says" in response.content.decode()

    def test_files_are_served_as_attachments_that_cannot_run(self, client, secretariat_user):
        from smenet.knowledge import services
        from smenet.knowledge.choices import Confidentiality

        publication = services.publication_create(
            actor=secretariat_user,
            texts={"title": {"en": "Report"}},
            files={"en": SimpleUploadedFile("report.pdf", uploads.sample("pdf"))},
            kind="report",
            date=datetime.date(2025, 10, 7),
            confidentiality=Confidentiality.PUBLIC,
        )
        response = client.get(f"/knowledge/publications/{publication.pk}/files/en/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
