"""`smenet import services FILE` (docs/contracts.md): CSV or XLSX, all or nothing, exit 2 with the
line of each error, and re-importing the same file changes nothing."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from smenet.registry.tests.factories import InstitutionFactory
from smenet.services_directory.importer import ImportFailed, import_services
from smenet.services_directory.models import Service, ServiceFacet
from smenet.services_directory.tabular import services_csv, services_xlsx

from .factories import ServiceFactory

ROOT = Path(__file__).resolve().parents[3]
HEADER = [
    "ref",
    "institution",
    "country",
    "category",
    "original_language",
    "title_en",
    "title_ar",
    "summary_en",
    "sizes",
    "sectors",
    "stages",
    "languages",
    "channels",
    "cost",
    "cost_amount",
    "cost_currency",
    "apply_url",
    "cross_border",
    "last_confirmed",
    "is_sample",
]


def row(**values):
    base = {
        "ref": "svc-1",
        "institution": "AAA",
        "country": "",
        "category": "training",
        "original_language": "en",
        "title_en": "Coaching",
        "title_ar": "إرشاد",
        "summary_en": "Coaching for founders.",
        "sizes": "micro;small",
        "sectors": "",
        "stages": "startup",
        "languages": "en ar",
        "channels": "online",
        "cost": "fee",
        "cost_amount": "100",
        "cost_currency": "EUR",
        "apply_url": "https://example.org/apply",
        "cross_border": "yes",
        "last_confirmed": "2026-01-15",
        "is_sample": "no",
    }
    base.update(values)
    return base


def write(tmp_path: Path, *rows, header=HEADER) -> Path:
    path = tmp_path / f"services-{uuid.uuid4().hex[:6]}.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow(r)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def agency(db):
    return InstitutionFactory(acronym="AAA")


def test_import_creates_and_reimport_changes_nothing(agency, tmp_path):
    path = write(
        tmp_path,
        row(),
        row(
            ref="svc-2",
            institution=agency.slug,
            category="incubation",
            cost="free",
            cost_amount="",
            cost_currency="",
        ),
    )
    result = import_services(path)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    service = Service.objects.get(ref="svc-1")
    assert service.review_status == "published" and service.cost_amount == 100
    assert service.sizes == ["micro", "small"] and service.languages == ["en", "ar"]
    assert service.online and not service.in_person and service.cross_border == "yes"
    assert str(service.last_confirmed) == "2026-01-15"
    histories = Service.history.count()
    again = import_services(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Service.history.count() == histories
    assert Service.objects.get(ref="svc-1").version == 1


def test_a_changed_row_updates_its_service(agency, tmp_path):
    import_services(write(tmp_path, row()))
    result = import_services(write(tmp_path, row(title_en="Coaching, renewed", sizes="")))
    assert (result.updated, result.unchanged) == (1, 0)
    service = Service.objects.get(ref="svc-1")
    assert service.safe_translation_getter("title", language_code="en") == "Coaching, renewed"
    assert set(
        ServiceFacet.objects.filter(service=service, kind="size").values_list("value", flat=True)
    ) == {"*"}


@pytest.mark.parametrize(
    "bad, expected",
    [
        (row(ref="svc-2", category="astrology"), "line 3: category: Unknown category astrology."),
        (row(ref="svc-2", country="XXX"), "line 3: country: unknown ISO alpha-3 code XXX."),
        (
            row(ref="svc-2", cost_currency=""),
            "line 3: cost_currency: Give the currency of the amount",
        ),
        (
            row(ref="svc-2", institution="NOBODY"),
            "line 3: institution: unknown institution NOBODY.",
        ),
        (row(ref="svc-2", sectors="C;Z"), "line 3: sectors: Unknown ISIC Rev. 4 section Z."),
        (
            row(ref="svc-2", last_confirmed="15/01/2026"),
            "line 3: last_confirmed: give a date as YYYY-MM-DD.",
        ),
        (row(ref="svc-2", title_en="", title_ar=""), "line 3: title:"),
        (row(ref="svc-1"), "line 3: ref: svc-1 is already on line 2."),
    ],
)
def test_one_bad_line_fails_the_whole_file(agency, tmp_path, bad, expected):
    with pytest.raises(ImportFailed) as exc:
        with translation.override("en"):
            import_services(write(tmp_path, row(), bad))
    assert any(e.startswith(expected) for e in exc.value.errors), exc.value.errors
    assert Service.objects.count() == 0 and ServiceFacet.objects.count() == 0


def test_unknown_column_and_missing_required_column(agency, tmp_path):
    with pytest.raises(ImportFailed) as exc:
        import_services(write(tmp_path, row(), header=[*HEADER, "colour"]))
    assert "line 1: colour: unknown column." in exc.value.errors
    with pytest.raises(ImportFailed) as exc:
        import_services(write(tmp_path, row(), header=[h for h in HEADER if h != "category"]))
    assert "line 1: Missing columns: category." in exc.value.errors


def test_not_a_table(agency, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ImportFailed):
        import_services(path)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ImportFailed):
        import_services(empty)


def test_export_then_import_changes_nothing_csv_and_xlsx(agency, tmp_path):
    ServiceFactory(
        institution=agency,
        texts={"title": {"en": "+Plus", "fr": "=Égal"}, "summary": {"ar": "ملخص"}},
        cost="subsidised",
        cost_amount="12.50",
        cost_currency="AZN",
        apply_phone="+994 12 000 00 00",
        sectors=["C", "G"],
        in_person=True,
    )
    archived = ServiceFactory(institution=agency, texts={"title": {"en": "Old"}})
    from smenet.services_directory import services

    services.service_archive(actor=None, service=archived)
    items = list(Service.objects.with_related().order_by("pk"))
    csv_path = tmp_path / "export.csv"
    csv_path.write_bytes(services_csv(items))
    xlsx_path = tmp_path / "export.xlsx"
    xlsx_path.write_bytes(services_xlsx(items))
    before = Service.history.count()
    for path in (csv_path, xlsx_path):
        result = import_services(path)
        assert (result.created, result.updated, result.unchanged) == (0, 0, 2), path
    assert Service.history.count() == before
    # Into an empty directory, the export recreates the same services.
    Service.objects.all().delete()
    assert import_services(xlsx_path).created == 2
    recreated = Service.objects.get(ref=items[0].ref)
    assert recreated.apply_phone == "+994 12 000 00 00"
    assert recreated.safe_translation_getter("title", language_code="fr") == "=Égal"
    assert Service.objects.get(ref=archived.ref).status == "archived"


def test_command_reports_and_refuses(agency, tmp_path):
    with translation.override("en"):
        call_command("smenet_import", "services", str(write(tmp_path, row())))
        with pytest.raises(CommandError) as exc:
            call_command(
                "smenet_import",
                "services",
                str(write(tmp_path, row(), row(ref="b", category="nope"))),
            )
    assert "line 3: category" in str(exc.value) and "Nothing was imported" in str(exc.value)


def smenet(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "smenet.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def cli_env(tmp_path):
    """A database of the CLI's own (SQLite file, or a new PostgreSQL database)."""
    url = os.environ.get("DATABASE_URL", "")
    env = {
        **os.environ,
        "SMENET_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    if not url.startswith("postgres"):
        env["DATABASE_URL"] = ""
        yield env
        return
    import psycopg

    name = f"smenet_svcimport_{uuid.uuid4().hex[:8]}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_cli_exit_2_names_the_line_and_reimport_is_a_noop(cli_env, tmp_path):
    for args in (("manage", "migrate", "-v0"), ("manage", "load_reference_data")):
        assert smenet(*args, env=cli_env).returncode == 0
    good = dict(row(institution="KOBIA", country="AZE"))
    bad = write(
        tmp_path,
        good,
        row(ref="svc-2", institution="KOBIA", cost="fee", cost_amount="5", cost_currency=""),
    )
    result = smenet("import", "services", str(bad), env=cli_env)
    assert result.returncode == 2, result.stderr
    assert "line 3: cost_currency:" in result.stderr
    path = write(tmp_path, good)
    first = smenet("import", "services", str(path), env=cli_env)
    assert first.returncode == 0 and "1 new" in first.stdout, first.stderr
    second = smenet("import", "services", str(path), env=cli_env)
    assert second.returncode == 0 and "0 new, 0 updated, 1 unchanged" in second.stdout, (
        second.stdout
    )
