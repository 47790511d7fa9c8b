"""Benchmark of the plan import (issue 10 §2): a 2,500-row file and a 50,000-row XLSX.

In a throwaway SQLite database (production settings: WAL, IMMEDIATE transactions, busy timeout)
it builds a file of ``--rows`` rows (objectives × outcomes × actions, each action with a lead,
subjects, dates and an indicator) and measures, each ``--reps`` times (median):

- **baseline (same run)**: the way imports worked before decision 0014 — one transaction that
  deletes the draft's items and creates every row again;
- **import, new plan**: ``imports.plan_import`` into an empty draft (batches of 100 rows);
- **re-import unchanged**: the export of that plan imported again (nothing is written);
- **re-import, 10 % changed**: the export with one title in ten changed;
- **another person's save during the import**: a thread saves an institution every 0.3 s while
  the import runs; the slowest save and how many failed, for the baseline and the new import;
- **50,000-row XLSX**: the time until the import refuses it (row cap), against the time the old
  code spent only reading the whole sheet before starting its minutes-long import.

Usage::

    .venv/bin/python benchmarks/bench_plan_import.py [--rows 2500] [--reps 3] [--big 50000]
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(db_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["SMENET_DATA_DIR"] = db_dir
    os.environ["DATABASE_URL"] = ""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from smenet.registry.reference import load_reference_data

    load_reference_data()


def plan_file(rows: int) -> bytes:
    """A CSV of about ``rows`` items: objectives × 5 outcomes × 9 actions."""
    from smenet.plans.exports import COLUMNS
    from smenet.registry.models import Institution

    leads = list(Institution.objects.order_by("acronym").values_list("acronym", flat=True)[:20])
    per_objective = 1 + 5 + 5 * 9
    objectives = max(1, round(rows / per_objective))
    lines = [",".join(COLUMNS)]

    def line(**cells: str) -> None:
        blank = dict.fromkeys(COLUMNS, "")
        blank.update(cells)
        lines.append(",".join(blank[c] for c in COLUMNS))

    n = 0
    for o in range(1, objectives + 1):
        line(number=str(o), title_en=f"Objective {o}", title_ar=f"الهدف {o}", lead=leads[0])
        for u in range(1, 6):
            line(number=f"{o}.{u}", title_en=f"Outcome {o}.{u}", title_fr=f"Résultat {o}.{u}")
            for a in range(1, 10):
                n += 1
                line(
                    number=f"{o}.{u}.{a}",
                    title_en=f"Action {o}.{u}.{a}",
                    title_fr=f"Action {o}.{u}.{a}",
                    lead=leads[n % len(leads)],
                    start="2026-01-01",
                    end="2027-12-31",
                    subjects="access-to-finance",
                    budget="10000",
                    weight="1",
                    indicator_en=f"Indicator {n}",
                    target="10",
                    baseline="0",
                )
    return ("\n".join(lines) + "\n").encode()


def new_draft(code: str):
    from smenet.plans import services

    plan = services.plan_create(
        actor=None,
        code=code,
        titles={"en": "Benchmark plan"},
        period_start=datetime.date(2025, 10, 7),
        period_end=datetime.date(2028, 10, 6),
    )
    return plan.versions.get()


def baseline_import(version, content: bytes) -> None:
    """The pre-0014 import: one transaction, delete every item, create every row."""
    from django.db import transaction

    from smenet.plans import imports, services

    header, raw = imports.read_rows("plan.csv", content)
    rows = imports.parse(version, raw)
    with transaction.atomic():
        version.items.filter(parent__isnull=True).delete()
        made = {}
        for row in rows:
            made[row.number] = services.item_create(
                actor=None,
                version=version,
                parent=made.get(row.parent) if row.parent else None,
                titles=row.titles,
                descriptions=row.descriptions,
                lead=row.lead,
                partners=row.partners,
                start=row.start,
                end=row.end,
                subjects=row.subjects,
                budget=row.budget,
                currency=row.currency or "USD",
                funding_source=row.funding_source,
                weight=row.weight,
                indicators=row.indicators,
            )


def secretariat():
    from smenet.registry.choices import Role
    from smenet.registry.models import User
    from smenet.registry.services import role_assign, user_create

    user = User.objects.filter(email="bench@smenet.example").first()
    if user is None:
        user = user_create(actor=None, email="bench@smenet.example", full_name="Bench Secretariat")
        role_assign(actor=None, user=user, role=Role.SECRETARIAT)
    return user


def with_saves_alongside(work) -> tuple[float, dict[str, float]]:
    """Run ``work()`` while another thread saves an institution every 0.3 s (its own
    connection, as another web worker would); the work's time and the saves' figures."""
    from django.db import connection

    from smenet.registry import services
    from smenet.registry.models import Institution

    stop = threading.Event()
    latencies: list[float] = []
    failures: list[str] = []

    actor = secretariat()

    def saver() -> None:
        inst = Institution.objects.order_by("pk").last()
        while not stop.is_set():
            started = time.perf_counter()
            try:
                current = Institution.objects.get(pk=inst.pk)
                services.institution_update(
                    actor=actor,
                    institution=current,
                    expected_version=current.version,
                    phone=f"+{int(time.time() * 1000) % 10**9}",
                )
            except Exception as exc:  # what another user would see as an error page
                failures.append(type(exc).__name__)
            latencies.append(time.perf_counter() - started)
            stop.wait(0.3)
        connection.close()

    thread = threading.Thread(target=saver)
    thread.start()
    started = time.perf_counter()
    work()
    took = time.perf_counter() - started
    stop.set()
    thread.join()
    return took, {
        "saves": len(latencies),
        "slowest": max(latencies) if latencies else 0.0,
        "median": statistics.median(latencies) if latencies else 0.0,
        "failed": len(failures),
    }


def big_xlsx(rows: int) -> bytes:
    from openpyxl import Workbook

    from smenet.plans.exports import COLUMNS

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("plan")
    sheet.append(COLUMNS)
    for i in range(1, rows + 1):
        sheet.append([str(i), f"Objective {i}", "", "", "", "", "", "", *[""] * (len(COLUMNS) - 8)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2500)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--big", type=int, default=50000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.db import connection

        from smenet.common.errors import ValidationFailed
        from smenet.plans import exports, imports

        content = plan_file(args.rows)
        rows = content.count(b"\n") - 1
        print(
            f"# Plan import benchmark — {datetime.date.today()} — {platform.node()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"SQLite {connection.Database.sqlite_version}"
        )
        print(f"\nRows: {rows}; runs: {args.reps} (median)\n")
        results: dict[str, list[float]] = {}
        saves: dict[str, list[dict[str, float]]] = {"baseline": [], "import": []}
        for rep in range(args.reps):
            base = new_draft(f"base-{rep}")
            took, figures = with_saves_alongside(lambda v=base: baseline_import(v, content))
            results.setdefault("baseline: one transaction, replace all", []).append(took)
            saves["baseline"].append(figures)

            version = new_draft(f"new-{rep}")
            took, figures = with_saves_alongside(
                lambda v=version: imports.plan_import(
                    actor=None, version=v, name="plan.csv", content=content
                )
            )
            results.setdefault("import, new plan (batches)", []).append(took)
            saves["import"].append(figures)

            export = exports.plan_csv(version)
            started = time.perf_counter()
            summary = imports.plan_import(actor=None, version=version, name="p.csv", content=export)
            results.setdefault("re-import unchanged", []).append(time.perf_counter() - started)
            assert summary.unchanged == rows, summary

            text = export.decode("utf-8-sig").splitlines()
            changed = [
                line.replace("Action ", "Action* ", 1) if i % 10 == 0 else line
                for i, line in enumerate(text)
            ]
            started = time.perf_counter()
            imports.plan_import(
                actor=None, version=version, name="p.csv", content="\n".join(changed).encode()
            )
            results.setdefault("re-import, 10 % changed", []).append(time.perf_counter() - started)

        base_median = statistics.median(results["baseline: one transaction, replace all"])
        print("| run | median (s) | ratio to baseline |")
        print("|---|---|---|")
        for name, times in results.items():
            median = statistics.median(times)
            print(f"| {name} | {median:.2f} | {median / base_median:.2f} |")

        print("\nAnother person's save during the import (a save every 0.3 s):\n")
        print("| during | saves | median (s) | slowest (s) | failed |")
        print("|---|---|---|---|---|")
        for name, runs in saves.items():
            print(
                f"| {name} | {sum(r['saves'] for r in runs):.0f} "
                f"| {statistics.median(r['median'] for r in runs):.3f} "
                f"| {max(r['slowest'] for r in runs):.2f} "
                f"| {sum(r['failed'] for r in runs):.0f} |"
            )

        data = big_xlsx(args.big)
        print(f"\n{args.big:,}-row XLSX ({len(data) / 2**20:.1f} MB):\n")
        version = new_draft("big")
        refusal = []
        for _rep in range(args.reps):
            started = time.perf_counter()
            try:
                imports.plan_import(actor=None, version=version, name="big.xlsx", content=data)
            except ValidationFailed as exc:
                message = exc.errors["file"][0]
            refusal.append(time.perf_counter() - started)
        from openpyxl import load_workbook

        started = time.perf_counter()
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        whole = len(list(wb.active.iter_rows(values_only=True)))
        read_all = time.perf_counter() - started
        print("| what | seconds |")
        print("|---|---|")
        print(f"| refused by the row cap (median) | {statistics.median(refusal):.2f} |")
        print(f"| before: only reading all {whole:,} rows, before importing any | {read_all:.2f} |")
        print(f"\nMessage: {message}")


if __name__ == "__main__":
    main()
