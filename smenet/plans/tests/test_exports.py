import io
import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from smenet.common.errors import ValidationFailed
from smenet.plans import exports, imports, services
from smenet.plans.models import PlanItem

from .factories import task_force_user

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


def test_arabic_pdf_has_the_title_in_logical_order_and_embedded_fonts(draft, tmp_path):
    pdf = exports.report_pdf(draft["version"], lang="ar")
    text = _text(pdf)
    assert "خطة عمل الشبكة" in text  # the plan's Arabic title, read right-to-left in logical order
    assert "شبكة المنشآت الصغيرة والمتوسطة" in text  # the interface in Arabic
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert any("Naskh" in r for r in rows)
    assert all(re.search(r"\byes\s+yes\b", r) for r in rows), fonts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_in_english_and_french(draft, lang):
    text = _text(exports.report_pdf(draft["version"], lang=lang))
    assert "Action 0" in text and "Objective 1" in text


def test_pdf_and_xlsx_views(client, draft, django_capture_on_commit_callbacks):
    """The worker makes the file (decision 0020); the same URL then serves it."""
    client.force_login(task_force_user())
    code = draft["plan"].code
    for path, magic in (
        (f"/plan/{code}/report.pdf?lang=ar", b"%PDF"),
        (f"/plan/{code}/report.xlsx?lang=fr", b"PK"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(path).status_code == 202
        response = client.get(path)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(magic)


def test_export_then_import_round_trip_keeps_keys(draft):
    tf = task_force_user()
    version = draft["version"]
    keys = set(version.items.values_list("key", flat=True))
    content = exports.plan_csv(version)
    assert (
        imports.plan_import(actor=tf, version=version, name="plan.csv", content=content).total == 8
    )
    assert set(version.items.values_list("key", flat=True)) == keys
    xlsx = exports.plan_xlsx(version)
    assert imports.plan_import(actor=tf, version=version, name="plan.xlsx", content=xlsx).total == 8
    assert version.items.get(key=draft["actions"][0].key).indicators.count() == 1


HEADER = ",".join(exports.COLUMNS)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (["1,Obj,,,,,,NOPE,,,,,,,,,,,,,,,"], ["line 2", "Unknown institution NOPE"]),
        (
            ["1,Obj,,,,,,,,,,,,,,,,,,,,,", "1.1.1,Deep,,,,,,,,,,,,,,,,,,,,,"],
            ["line 3", "parent 1.1"],
        ),
        (["1,Obj,,,,,,,,2026-13-01,,,,,,,,,,,,,"], ["line 2", "not a date"]),
        (["1,Obj,,,,,,,,,,astrology,,,,,,,,,,,"], ["line 2", "Unknown subject astrology"]),
        (["1,Obj,,,,,,,,,,,,,,,,,,,,,", "2,,,,,,,,,,,,,,,,,,,,,,"], ["line 3", "title"]),
        (["1,Obj,,,,,,,,,,,,,,,Ind,,,,,,"], ["line 2", "target"]),
    ],
)
def test_import_failures_name_the_line_and_write_nothing(draft, rows, expected):
    version = draft["version"]
    before = list(PlanItem.objects.order_by("pk").values_list("pk", "version"))
    content = ("\n".join([HEADER, *rows]) + "\n").encode()
    with pytest.raises(ValidationFailed) as exc:
        imports.plan_import(actor=task_force_user(), version=version, name="p.csv", content=content)
    flat = " ".join(f"{k}: {' '.join(v)}" for k, v in exc.value.errors.items())
    for fragment in expected:
        assert fragment in flat, flat
    assert list(PlanItem.objects.order_by("pk").values_list("pk", "version")) == before


def test_import_bad_files(draft):
    tf = task_force_user()
    with pytest.raises(ValidationFailed):
        imports.plan_import(actor=tf, version=draft["version"], name="p.xlsx", content=b"not a zip")
    with pytest.raises(ValidationFailed) as exc:
        imports.plan_import(
            actor=tf, version=draft["version"], name="p.csv", content=b"foo,bar\n1,2\n"
        )
    assert "line 1" in exc.value.errors


def test_import_into_an_adopted_version_is_refused(adopted):
    from smenet.common.errors import PermissionDenied

    content = exports.plan_csv(adopted["version"])
    with pytest.raises(PermissionDenied):
        imports.plan_import(
            actor=task_force_user(), version=adopted["version"], name="p.csv", content=content
        )
    _ = services  # services drive the import; imported for readers
