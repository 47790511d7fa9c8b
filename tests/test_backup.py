"""`smenet backup` and `smenet restore` (issue 10 §5): a backup taken while a writer keeps
saving restores every row, file and search result of a consistent moment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WRITER = """
import pathlib, time
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from smenet.common import uploads
from smenet.knowledge import services
from smenet.registry.models import Country, Institution

stop, count = pathlib.Path({stop!r}), pathlib.Path({count!r})
aze = Country.objects.get(iso3="AZE")
kobia = Institution.objects.get(acronym="KOBİA")
n = 0
while not stop.exists():
    n += 1
    with transaction.atomic():  # a practice, its translation, history and file: all or nothing
        practice = services.best_practice_create(
            actor=None, country=aze, institution=kobia, ref=f"zebra-{{n}}",
            texts={{"title": {{"en": f"Zebra crossing number {{n}}"}}}}, status="published",
        )
        services.best_practice_attach(
            actor=None, practice=practice,
            file=SimpleUploadedFile(f"zebra-{{n}}.pdf", uploads.sample("pdf")),
        )
    partial = count.with_suffix(".partial")
    partial.write_text(str(n))
    partial.replace(count)  # atomic: the test never reads a half-written number
    time.sleep(0.05)
"""

FILES = """
import datetime
from django.core.files.uploadedfile import SimpleUploadedFile
from smenet.common import uploads
from smenet.knowledge import services
from smenet.registry.models import User
services.publication_create(
    actor=None, texts={"title": {"en": "SME finance report", "ar": "تقرير تمويل"}},
    files={"en": SimpleUploadedFile("finance.pdf", uploads.sample("pdf")),
           "ar": SimpleUploadedFile("finance-ar.pdf", uploads.sample("pdf") + b"ar")},
    kind="report", date=datetime.date(2025, 10, 7), confidentiality="public",
)
"""

# Every table as sorted rows, the files of the storage with their checksums, and the answers
# of the search API to a few queries.
SNAPSHOT = """
import hashlib, json
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from smenet.common.backup import _storage_files

tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        if table.startswith(("smenet_cache", "django_session", "search_")):
            continue
        cursor.execute(f'SELECT * FROM "{table}"')
        tables[table] = sorted(json.dumps([str(v) for v in row]) for row in cursor.fetchall())
files = {}
for name in _storage_files(default_storage):
    with default_storage.open(name, "rb") as handle:
        files[name] = hashlib.sha256(handle.read()).hexdigest()
from django.contrib.auth.models import AnonymousUser
from smenet.search import selectors
client = Client()
search, lexical = {}, {}
for q in ["finance", "تمويل", "export promotion", "digital", "women", "zebra crossing"]:
    body = client.get("/api/v1/search/", {"q": q, "page_size": 200}).json()
    search[q] = [(r["type"], r["ref"], r["title"]) for r in body["results"]]
    # The words alone, without the typo and transliteration expansion: which index terms
    # expand a word depends on the vocabulary, refreshed by the task worker (none runs here).
    found = selectors.search(user=AnonymousUser(), q=q, limit=200, semantic=False, expand=False)
    lexical[q] = [(h.type, h.ref, h.title) for h in found.hits]
print("SNAPSHOT" + json.dumps(
    {"tables": tables, "files": files, "search": search, "lexical": lexical}
))
"""


def smenet(env, *args, timeout=900):
    return subprocess.run(
        [sys.executable, "-m", "smenet.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(env) -> dict:
    result = smenet(
        {**env, "SMENET_ALLOWED_HOSTS": "testserver"}, "manage", "shell", "-c", SNAPSHOT
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.split("SNAPSHOT", 1)[1])


def wait_for(path: Path, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text() and int(path.read_text()) >= at_least:
            return int(path.read_text())
        time.sleep(0.1)
    raise AssertionError(f"the writer made fewer than {at_least} practices")


def test_backup_while_writing_restores_every_row_file_and_search_result(
    serve_database, another_database, tmp_path
):
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    source, target = {**base, **serve_database}, {**base, **another_database}
    for step in (
        ("manage", "migrate", "-v0"),
        ("manage", "load_reference_data"),
        ("manage", "load_demo_data"),
        ("manage", "shell", "-c", FILES),
        ("manage", "rebuild_search_index", "--workers", "1"),
    ):
        result = smenet(source, *step)
        assert result.returncode == 0, (step, result.stderr[-3000:])

    stop, count = tmp_path / "stop", tmp_path / "count"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "smenet.cli",
            "manage",
            "shell",
            "-c",
            WRITER.format(stop=str(stop), count=str(count)),
        ],
        cwd=ROOT,
        env=source,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(count, 3)
        backup = smenet(source, "backup", str(tmp_path / "backup"))
        assert backup.returncode == 0, backup.stderr[-3000:]
        written_at_end_of_backup = int(count.read_text())
        wait_for(count, written_at_end_of_backup + 3)  # the writes went on
    finally:
        stop.write_text("stop")
        _out, errors = writer.communicate(timeout=120)
    assert writer.returncode == 0, errors[-3000:]
    # The writer's practices are indexed by the task worker; none runs here, so index them.
    assert smenet(source, "manage", "rebuild_search_index", "--workers", "1").returncode == 0

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["database"]["sha256"] and manifest["files"]
    restore = smenet(target, "restore", str(tmp_path / "backup"))
    assert restore.returncode == 0, restore.stderr[-3000:]
    assert "search index rebuilt" in restore.stdout

    before, after = snapshot(source), snapshot(target)

    # The writer touched these tables only (practices, their translations, history, files and
    # index tasks); every other table is restored row for row.
    def written(table: str) -> bool:
        return table.startswith(
            ("knowledge_bestpractice", "knowledge_historicalbestpractice", "django_tasks_")
        )

    for table, rows in before["tables"].items():
        restored = after["tables"].get(table)
        assert restored is not None, f"{table} is missing after the restore"
        if written(table):
            assert set(restored) <= set(rows), f"{table}: rows that never existed"
        else:
            assert restored == rows, f"{table} differs after the restore"
    # A consistent moment: practices 1..k, each with its file, k among those the writer made.
    # Counted on the words alone: the search by meaning may add a few other documents.
    zebras = sorted(
        int(ref.removeprefix("zebra-")) for _t, ref, _ in after["lexical"]["zebra crossing"]
    )
    assert zebras == list(range(1, len(zebras) + 1))
    assert 3 <= len(zebras) < int(count.read_text())
    zebra_files = {n.rsplit("/", 1)[-1] for n in after["files"] if "zebra-" in n}
    assert {f"zebra-{n}.pdf" for n in zebras} <= zebra_files  # a file saved after the
    # snapshot, before its row committed, may come along too: extra, never missing
    # Every restored file is the one that was saved, byte for byte.
    assert all(before["files"][name] == digest for name, digest in after["files"].items())
    assert set(before["files"]) - set(after["files"]) <= {
        n for n in before["files"] if "zebra-" in n
    }

    # The same documents found, the writer's aside (how many of them the snapshot holds
    # varies; scores, and with them the order, move with the number of documents). Compared
    # on the words alone: the nearest documents by meaning are a fixed number, so a few more or
    # fewer writer's documents can push another document in or out of them, in any copy.
    def others(results):
        return sorted((r for r in results if not str(r[1] or "").startswith("zebra-")), key=repr)

    for q, results in before["lexical"].items():
        if q != "zebra crossing":
            assert others(after["lexical"][q]) == others(results), q
    # The restored index answers by meaning too (vectors rebuilt by the restore). Not for the
    # writer's own words: before the backup no worker has embedded the writer's documents, after
    # the restore they all have vectors, and the nearest documents by meaning (a fixed number)
    # can then be the writer's alone, depending on how many of them the snapshot holds.
    assert {q for q, results in after["search"].items() if others(results)} - {
        "zebra crossing"
    } == {q for q, results in before["search"].items() if others(results)} - {"zebra crossing"}

    again = smenet(target, "restore", str(tmp_path / "backup"))
    assert again.returncode == 2 and "not empty" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_touched(serve_database, tmp_path):
    env = {**os.environ, **serve_database, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    assert smenet(env, "manage", "migrate", "-v0").returncode == 0
    assert smenet(env, "backup", str(tmp_path / "b")).returncode == 0
    taken = smenet(env, "backup", str(tmp_path / "b"))
    assert taken.returncode == 2 and "not an empty folder" in taken.stderr
    database = next((tmp_path / "b").glob("database.*"))
    with database.open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\xff\xff")
    result = smenet(env, "restore", str(tmp_path / "b"))
    assert result.returncode == 2 and "checksum" in result.stderr
