"""Benchmark of the General Assembly progress report (PDF, WeasyPrint) for a plan of 200 items.

Builds, in a throwaway SQLite database, a plan of 10 objectives × 3 outcomes × 5 actions plus
indicators (10 + 30 + 150 = 190 items, topped up to 200 with 10 extra actions), with validated
progress on most actions; then renders the PDF in each language several times and reports the
median generation time, the page count and the size.

Usage::

    .venv/bin/python benchmarks/bench_plan_report.py [--reps 5] [--langs ar,en,fr]
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(db_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_dir}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_plan(n_items: int = 200):
    from smenet.common.reference import load_reference_data
    from smenet.plans import services
    from smenet.plans.models import PlanItem
    from smenet.registry.models import Institution

    load_reference_data()
    leads = list(Institution.objects.order_by("acronym")[:12])
    D = datetime.date
    plan = services.plan_create(
        actor=None,
        code="bench",
        period_start=D(2025, 10, 7),
        period_end=D(2028, 10, 6),
        titles={
            "en": "Action Plan 2025–2028 (benchmark)",
            "fr": "Plan d'action 2025-2028 (test)",
            "ar": "خطة عمل الشبكة 2025-2028 (اختبار الأداء)",
        },
    )
    version = plan.versions.get()
    count, n = 0, 0
    statuses = ["on_track", "at_risk", "delayed", "completed", "not_started", "on_track"]
    outcomes = []
    for o in range(10):
        obj = services.item_create(
            actor=None,
            version=version,
            lead=leads[o % len(leads)],
            titles={
                "en": f"Strategic objective {o + 1}: strengthen SME support",
                "fr": f"Objectif {o + 1}",
                "ar": f"الهدف الاستراتيجي {o + 1}: تعزيز دعم المنشآت الصغيرة والمتوسطة",
            },
        )
        count += 1
        for u in range(3):
            outcomes.append(
                services.item_create(
                    actor=None,
                    version=version,
                    parent=obj,
                    titles={"en": f"Outcome {o + 1}.{u + 1}", "ar": f"النتيجة {o + 1}.{u + 1}"},
                )
            )
            count += 1
    while count < n_items:
        outcome = outcomes[n % len(outcomes)]
        item = services.item_create(
            actor=None,
            version=version,
            parent=outcome,
            lead=leads[n % len(leads)],
            titles={
                "en": f"Action {n}: training workshop for SME advisers",
                "ar": f"الإجراء {n}: ورشة تدريبية لمستشاري المنشآت",
            },
            start=D(2026, 1, 1) + datetime.timedelta(days=7 * (n % 80)),
            end=D(2027, 6, 30) + datetime.timedelta(days=4 * (n % 100)),
            indicators=[
                {"names": {"en": "Participants", "ar": "المشاركون"}, "baseline": 0, "target": 40}
            ],
        )
        status = statuses[n % len(statuses)]
        PlanItem.objects.filter(pk=item.pk).update(
            status=status, percent=100 if status == "completed" else (n * 7) % 100
        )
        item.indicators.update(actual=n % 40, actual_on=D(2026, 6, 30))
        count += 1
        n += 1
    return version


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--langs", default="ar,en,fr")
    parser.add_argument("--items", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        import logging

        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        from pypdf import PdfReader

        from smenet.plans.exports import report_pdf

        version = build_plan(args.items)
        items = version.items.count()
        print(
            f"# Plan report benchmark — {datetime.date.today()} — {platform.node()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
        )
        print(f"\nItems: {items}; runs per language: {args.reps} (after one warm-up)\n")
        print("| language | median (s) | min (s) | pages | size (KiB) |")
        print("|---|---|---|---|---|")
        for lang in args.langs.split(","):
            report_pdf(version, lang=lang)  # warm-up: fonts, templates
            times = []
            for _ in range(args.reps):
                start = time.perf_counter()
                pdf = report_pdf(version, lang=lang)
                times.append(time.perf_counter() - start)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            print(
                f"| {lang} | {statistics.median(times):.2f} | {min(times):.2f} | {pages} | "
                f"{len(pdf) / 1024:.0f} |"
            )


if __name__ == "__main__":
    main()
