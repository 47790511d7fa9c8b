"""``smenet backup DEST`` and ``smenet restore SRC`` (docs/contracts.md "Command line",
decision 0031).

A backup is a folder: ``database.sqlite3`` (SQLite's online backup API: one consistent copy
that includes what is still in the write-ahead log) or ``database.pgdump`` (``pg_dump`` in its
custom format, one consistent snapshot), then ``media/`` — every file of the default storage,
copied *after* the database so that each file the snapshot refers to is there — and
``manifest.json`` with the size and SHA-256 of each file. The server keeps running meanwhile.

A restore checks every checksum first, then refuses unless the target is empty (no table in the
database, no file in the storage), loads the database, copies the files back through the storage
(an object store works too), applies any newer migrations, empties the cache and rebuilds the
search index.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _database() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.DATABASES["default"])


def _engine() -> str:
    engine = _database()["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"backups support SQLite and PostgreSQL, not {engine}")


# --- PostgreSQL client programs -----------------------------------------------------------------


def _pg_program(name: str) -> str:
    folder = os.environ.get("SMENET_PG_BIN")
    if folder:
        return str(Path(folder) / name)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def _pg_major(program: str) -> int:
    output = subprocess.run(  # noqa: S603 — a PostgreSQL client program, arguments as a list
        [program, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise BackupError(f"cannot read the version of {program}: {output!r}")
    return int(match.group(1))


def _server_major() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = _database()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{flag}={db[key]}")
    args.append(f"--dbname={db['NAME']}")
    return env, args


def _check_client(program: str) -> None:
    client, server = _pg_major(program), _server_major()
    if client < server:
        raise BackupError(
            f"{Path(program).name} is version {client} but the server is {server}: install the "
            f"PostgreSQL {server} client programs (or set SMENET_PG_BIN to their folder)"
        )


# --- backup ----------------------------------------------------------------------------------


def _storage_files(storage: Any, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _storage_files(storage, f"{folder}/{name}" if folder else name)


def _copy_database(target: Path) -> str:
    engine = _engine()
    if engine == "sqlite":
        name = "database.sqlite3"
        source = sqlite3.connect(str(_database()["NAME"]), timeout=60)
        copy = sqlite3.connect(str(target / name))
        try:
            with copy:
                source.backup(copy)  # one step: a consistent copy, writers only wait
        finally:
            copy.close()
            source.close()
        return name
    name = "database.pgdump"
    program = _pg_program("pg_dump")
    _check_client(program)
    env, args = _pg_env_and_args()
    result = subprocess.run(  # noqa: S603 — pg_dump, arguments as a list
        [program, "--format=custom", "--no-owner", "--no-privileges", f"--file={target / name}"]
        + args,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return name


def backup(destination: str | Path, *, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Write a backup folder at ``destination`` (which must not exist or be empty)."""
    from django.core.files.storage import default_storage
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    import smenet

    destination = Path(destination).resolve()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(f"{destination} exists and is not an empty folder")
    started = datetime.datetime.now(datetime.UTC)
    destination.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        database = _copy_database(work)
        log(f"database: {database} ({(work / database).stat().st_size} bytes)")
        files: dict[str, dict[str, Any]] = {}
        media = work / "media"
        for name in _storage_files(default_storage):
            target = media / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with default_storage.open(name, "rb") as source, target.open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
            except FileNotFoundError:  # removed while we were copying
                continue
            files[f"media/{name}"] = {"size": target.stat().st_size, "sha256": _sha256(target)}
        log(f"files: {len(files)}")
        applied = list(
            MigrationRecorder(connection).applied_migrations()
        )  # the schema the copy has
        manifest = {
            "format": FORMAT,
            "smenet": getattr(smenet, "__version__", "0"),
            "engine": _engine(),
            "created": started.isoformat(timespec="seconds"),
            "database": {
                "file": database,
                "size": (work / database).stat().st_size,
                "sha256": _sha256(work / database),
            },
            "files": files,
            "migrations": len(applied),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        if destination.exists():
            destination.rmdir()
        work.rename(destination)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    log(f"backup written to {destination}")
    return manifest


# --- restore ---------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} is not a backup ({MANIFEST} missing or unreadable)") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def verify(source: str | Path) -> dict[str, Any]:
    """Every file of the backup is present with the size and checksum the manifest records."""
    source = Path(source).resolve()
    manifest = read_manifest(source)
    expected = {manifest["database"]["file"]: manifest["database"], **manifest["files"]}
    for name, meta in expected.items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if path.stat().st_size != meta["size"] or _sha256(path) != meta["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    return manifest


def _require_empty_target() -> None:
    from django.core.files.storage import default_storage
    from django.db import connection

    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"the database is not empty ({len(tables)} tables): restore only into a new, empty "
            "database (or data directory)"
        )
    if next(_storage_files(default_storage), None) is not None:
        raise BackupError("the file storage is not empty: restore only into an empty one")


def _load_database(source: Path, manifest: dict[str, Any]) -> None:
    from django.db import connection

    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"this backup is of a {manifest['engine']} database; the configured one is {engine}"
        )
    file = source / manifest["database"]["file"]
    if engine == "sqlite":
        connection.close()
        target = Path(str(_database()["NAME"]))
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        backup_db = sqlite3.connect(str(file))
        live = sqlite3.connect(str(target))
        try:
            with live:
                backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
        return
    program = _pg_program("pg_restore")
    _check_client(program)
    env, args = _pg_env_and_args()
    connection.close()
    result = subprocess.run(  # noqa: S603 — pg_restore, arguments as a list
        [
            program,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *args,
            str(file),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def restore(source: str | Path, *, log: Callable[[str], None] = print) -> dict[str, Any]:
    from django.core.cache import cache
    from django.core.files.base import File
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    source = Path(source).resolve()
    manifest = verify(source)
    log(f"backup of {manifest['created']} verified ({len(manifest['files'])} files)")
    _require_empty_target()
    _load_database(source, manifest)
    log("database restored")
    for name in manifest["files"]:
        stored = name.removeprefix("media/")
        with (source / name).open("rb") as handle:
            saved = default_storage.save(stored, File(handle, name=stored))
        if saved != stored:
            raise BackupError(f"the storage renamed {stored} to {saved}")
    log(f"files restored: {len(manifest['files'])}")
    call_command("migrate", interactive=False, verbosity=0)
    cache.clear()
    call_command("rebuild_search_index", verbosity=0)
    log("search index rebuilt")
    return manifest
