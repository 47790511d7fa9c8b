"""The ``smenet`` command: serve, manage, match, import, backup, restore (docs/contracts.md,
"Command line")."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

EXIT_BAD_INPUT = 2


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def cmd_manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["smenet manage", *args])
    return 0


def cmd_serve(ns: argparse.Namespace) -> int:
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    print(
        f"SMENET: database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
        f" ({settings.DATABASES['default']['NAME']})",
        flush=True,
    )
    logins: list[tuple[str, str, str]] = []
    with _setup_lock():  # several servers may start at once on one database
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference_data", verbosity=1)
        call_command("rebuild_search_index", if_empty=True, verbosity=0)
        from smenet.search.services import reindex_if_stale

        if reindex_if_stale() is not None:
            print(
                "SMENET: the search index was built with another analysis; the task worker is"
                " indexing it again (searches keep answering meanwhile).",
                flush=True,
            )
        if not ns.no_demo:
            from smenet.demo.loader import demo_logins, load_demo_data

            load_demo_data(verbosity=1)
            logins = demo_logins()
    _collect_static()
    from smenet.services_directory.tasks import schedule_sweep

    schedule_sweep()  # the daily check of services nobody confirmed for a year
    from smenet.jobs.tasks import schedule_prune

    schedule_prune()  # the daily deletion of old job files (SMENET_JOB_FILES_DAYS)

    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    python = sys.executable
    worker_command = [python, "-m", "smenet.cli", "manage", "db_worker", "--interval", "1"]
    worker = None if ns.no_worker else subprocess.Popen(worker_command, env=env)
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--config",
            "python:config.gunicorn",
            "--bind",
            f"{ns.host}:{ns.port}",
            "--workers",
            str(ns.workers),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "5",
        ],
        env=env,
    )
    host = "[" + ns.host + "]" if ":" in ns.host else ns.host
    url = f"http://{host}:{ns.port}/"
    print(f"\nSMENET is serving on {url}  (Arabic: {url}ar/  French: {url}fr/)", flush=True)
    print(f"API: {url}api/v1/  docs: {url}api/v1/docs/  back office: {url}admin/", flush=True)
    if logins:
        print("Demo logins (sample accounts; password for all of them below):", flush=True)
        for email, role, password in logins:
            print(f"  {email:38} {role:28} {password}", flush=True)
    print("Stop with Ctrl+C.", flush=True)

    stopping = False

    def stop(_signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    try:
        while not stopping:
            if server.poll() is not None:
                code = server.returncode or 1
                print("SMENET: the web server stopped.", file=sys.stderr)
                break
            if worker is not None and worker.poll() is not None:
                print("SMENET: the task worker stopped; restarting it.", file=sys.stderr)
                worker = subprocess.Popen(worker_command, env=env)
            time.sleep(0.5)
    finally:
        processes = [p for p in (server, worker) if p is not None]
        for proc in processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in processes:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return code


@contextlib.contextmanager
def _setup_lock():
    """On PostgreSQL, one server at a time migrates and loads data (an advisory lock); the
    others wait, then find nothing left to do."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext('smenet-setup'))")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtext('smenet-setup'))")


def _static_fingerprint() -> str:
    """Names, sizes and times of the static source files: unchanged means nothing to collect."""
    import hashlib

    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(STATIC_IGNORE):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# The unused ReDoc bundle is large; with source maps left uncompressed (settings), collecting
# static files on the first start takes seconds instead of minutes.
STATIC_IGNORE = ["redoc", "*.md"]


def _collect_static() -> None:
    from django.conf import settings
    from django.core.management import call_command

    stamp = Path(settings.STATIC_ROOT) / ".smenet-fingerprint"
    fingerprint = _static_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=STATIC_IGNORE)
    stamp.write_text(fingerprint)


def cmd_match(ns: argparse.Namespace) -> int:
    """The matching engine on a file, without a database."""
    from smenet.capacity.matching import MatchingInputError, run_json

    try:
        text = Path(ns.input).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot read {ns.input}: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnicodeDecodeError:
        print(f"error: {ns.input} is not UTF-8 text", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = run_json(text)
    except MatchingInputError as exc:
        for error in exc.errors:
            print(f"error: {ns.input}: {error.path}: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    output = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if ns.output:
        try:
            Path(ns.output).write_text(output, encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {ns.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        sys.stdout.write(output)
    return 0


def cmd_import(ns: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("smenet_import", ns.kind, ns.file)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def cmd_backup(ns: argparse.Namespace) -> int:
    """An online, consistent backup: database, uploaded files, manifest with checksums."""
    _setup_django()
    from smenet.common.backup import BackupError, backup

    try:
        backup(ns.destination, log=lambda line: print(line, flush=True))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def cmd_restore(ns: argparse.Namespace) -> int:
    """Restore a backup into an empty database and storage, then rebuild the search index."""
    _setup_django()
    from django.conf import settings

    from smenet.common.backup import BackupError, restore

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    try:
        restore(ns.source, log=lambda line: print(line, flush=True))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smenet", description="The OIC SME Network platform.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="migrate, load data, and serve the platform")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2, help="web server processes")
    serve.add_argument("--no-demo", action="store_true", help="do not load the demo data")
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="web server only (run task workers apart: smenet manage db_worker)",
    )

    match = sub.add_parser("match", help="run the matching engine on a JSON file")
    match.add_argument("--input", required=True)
    match.add_argument("--output")

    imp = sub.add_parser("import", help="bulk import, all or nothing")
    imp.add_argument("kind", help="what to import, e.g. best-practices")
    imp.add_argument("file")

    backup = sub.add_parser("backup", help="back up the database and uploaded files, online")
    backup.add_argument("destination", help="a folder that does not exist yet (or is empty)")

    restore = sub.add_parser("restore", help="restore a backup into an empty database")
    restore.add_argument("source", help="a folder written by smenet backup")

    sub.add_parser("manage", help="any Django management command", add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        return cmd_manage(argv[1:])
    ns = build_parser().parse_args(argv)
    if ns.command == "serve":
        return cmd_serve(ns)
    if ns.command == "match":
        return cmd_match(ns)
    if ns.command == "import":
        return cmd_import(ns)
    if ns.command == "backup":
        return cmd_backup(ns)
    if ns.command == "restore":
        return cmd_restore(ns)
    return 1


if __name__ == "__main__":
    sys.exit(main())
