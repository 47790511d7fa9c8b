"""`smenet import best-practices FILE.jsonl` (docs/contracts.md): all or nothing, line-numbered
errors naming the field, exit 2 on bad input, re-import updates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from smenet.knowledge.choices import PracticeStatus
from smenet.knowledge.models import BestPractice
from smenet.search.models import SearchDocument

ROOT = Path(__file__).resolve().parents[3]

GOOD = {
    "ref": "bp-0001",
    "country": "AZE",
    "institution": "KOBIA",
    "subjects": ["access-to-finance"],
    "original_language": "az",
    "year": 2024,
    "title": {"az": "Güzəştli kreditlər", "en": "Concessional loans"},
    "summary": {"en": "Loans at lower rates for small firms."},
    "body": {"en": "Full text.", "ar": "النص الكامل."},
}


def write(tmp_path: Path, *records, raw: str | None = None) -> Path:
    path = tmp_path / f"bp-{uuid.uuid4().hex[:6]}.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text(raw if raw is not None else "\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path) -> str:
    with translation.override("en"):  # as the CLI runs (an earlier test may leave another active)
        call_command("smenet_import", "best-practices", str(path))
    return "ok"


@pytest.fixture
def refdata(reference_data):
    return reference_data


def test_import_creates_then_updates_by_ref(refdata, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, GOOD, {**GOOD, "ref": "bp-0002", "status": "draft"}))
    bp = BestPractice.objects.get(ref="bp-0001")
    assert bp.institution.acronym == "KOBİA"
    assert bp.status == PracticeStatus.PUBLISHED
    assert list(bp.subjects.values_list("code", flat=True)) == ["access-to-finance"]
    assert bp.safe_translation_getter("title", language_code="az") == "Güzəştli kreditlər"
    assert BestPractice.objects.get(ref="bp-0002").status == PracticeStatus.DRAFT
    assert SearchDocument.objects.filter(type="best_practice").count() == 2

    changed = {**GOOD, "title": {"en": "Concessional loans, second edition"}, "year": 2025}
    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, changed))
    assert BestPractice.objects.count() == 2
    bp.refresh_from_db()
    assert bp.year == 2025
    assert bp.safe_translation_getter("title", language_code="en").endswith("second edition")
    assert SearchDocument.objects.filter(type="best_practice").count() == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"ref": "bp-9", "country": "AZE", "title": {"en": "x"}', "line 2: invalid JSON"),
        (
            {**GOOD, "ref": "bp-9", "country": "XXX"},
            'line 2: country: unknown ISO alpha-3 code "XXX"',
        ),
        (
            {k: v for k, v in GOOD.items() if k != "title"} | {"ref": "bp-9"},
            "line 2: title: required",
        ),
        ({**GOOD, "ref": "bp-9", "title": {"en": ""}}, "line 2: title: required"),
        (
            {**GOOD, "ref": "bp-9", "subjects": ["astrology"]},
            'line 2: subjects: unknown subject "astrology"',
        ),
        (
            {**GOOD, "ref": "bp-9", "institution": "NOPE"},
            'line 2: institution: unknown institution "NOPE"',
        ),
        ({**GOOD, "ref": ""}, "line 2: ref: required"),
        ({**GOOD, "ref": "bp-9", "status": "submitted"}, "line 2: status"),
        ({**GOOD, "ref": "bp-9", "year": "2024"}, "line 2: year"),
        ({**GOOD, "ref": "bp-9", "original_language": "english"}, "line 2: original_language"),
        ({**GOOD, "ref": "bp-9", "colour": "red"}, "line 2: colour: unknown field"),
        ("[1, 2]", "line 2: expected a JSON object"),
        ({**GOOD}, 'line 2: ref: "bp-0001" already appears on line 1'),
    ],
)
def test_bad_line_fails_the_whole_file(refdata, tmp_path, line, expected):
    path = write(tmp_path, GOOD, line)
    with pytest.raises(CommandError) as exc:
        run(path)
    assert expected in str(exc.value)
    assert "Nothing was imported" in str(exc.value)
    assert not BestPractice.objects.exists()


def test_every_error_is_reported(refdata, tmp_path):
    path = write(
        tmp_path,
        {**GOOD, "country": "XXX"},
        {**GOOD, "ref": "bp-2", "subjects": ["nope"], "institution": "NOPE"},
    )
    with pytest.raises(CommandError) as exc:
        run(path)
    message = str(exc.value)
    assert "line 1: country" in message
    assert "line 2: subjects" in message and "line 2: institution" in message


def test_missing_file_and_unknown_kind(refdata, tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "absent.jsonl")
    with pytest.raises(CommandError):
        call_command("smenet_import", "unicorns", str(write(tmp_path, GOOD)))


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

    name = f"smenet_import_{uuid.uuid4().hex[:8]}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_cli_exit_codes_and_messages(cli_env, tmp_path):
    for args in (("manage", "migrate", "-v0"), ("manage", "load_reference_data")):
        assert smenet(*args, env=cli_env).returncode == 0
    bad = write(tmp_path, GOOD, {**GOOD, "ref": "bp-2", "country": "XXX"}, "{oops")
    result = smenet("import", "best-practices", str(bad), env=cli_env)
    assert result.returncode == 2, result.stderr
    assert 'line 2: country: unknown ISO alpha-3 code "XXX"' in result.stderr
    assert "line 3: invalid JSON" in result.stderr
    good = write(tmp_path, GOOD)
    for _ in range(2):  # the second run updates
        result = smenet("import", "best-practices", str(good), env=cli_env)
        assert result.returncode == 0, result.stderr
    assert "1 best practices: 0 new, 1 updated" in result.stdout
    count = smenet(
        "manage",
        "shell",
        "-c",
        "from smenet.knowledge.models import BestPractice as B; print(B.objects.count())",
        env=cli_env,
    )
    assert count.stdout.strip().splitlines()[-1] == "1"
