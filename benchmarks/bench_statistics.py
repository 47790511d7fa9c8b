"""Scale benchmark of SME statistics: 57 areas × 300 indicators × 30 years (513,000
observations), on SQLite or PostgreSQL.

1. Import: the whole data set as a plain CSV file into an empty database (parse, check, write),
   then the same file again (nothing changes), then the same data as generic SDMX-ML (read,
   check, compare: nothing changes).
   The import is timed ``--import-reps`` times (the table emptied in between), against reading
   and checking the same file without writing as a same-run baseline; medians.
2. Pages: the indicator page, the country profile and the map, rendered in-process through
   Django's test client (server time: URL routing to the last byte of the response), each
   ``--reps`` times for random indicators/countries after a warm-up; medians and p95, against
   the home page in the same run as a baseline.

Usage::

    .venv/bin/python benchmarks/bench_statistics.py [--reps 40] [--years 30] [--indicators 300]
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/smenet_bench_stats \\
        .venv/bin/python benchmarks/bench_statistics.py
(the PostgreSQL database is dropped and created again).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(tmp: str, *, fresh: bool = True) -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    if fresh and url.startswith("sqlite"):
        Path(f"{tmp}/bench.sqlite3").unlink(missing_ok=True)
    if fresh and url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.setdefault("SMENET_DATA_DIR", tmp)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    # Pages render without collected static files (no manifest in a throwaway directory).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def make_indicators(n: int) -> list[str]:
    from smenet.common.reference import load_reference_data
    from smenet.common.translation import set_translations
    from smenet.statistics.models import Indicator

    load_reference_data()
    codes = []
    for i in range(n):
        code = f"BENCH_{i:03d}"
        ind = Indicator(
            code=code,
            unit="PC",
            decimals=1,
            min_value=0,
            max_value=100,
            order=200 + i,
            category=["enterprises", "employment", "output", "finance", "trade"][i % 5],
        )
        set_translations(
            ind,
            {
                "name": {
                    "en": f"Benchmark indicator {i}",
                    "ar": f"مؤشر الاختبار {i}",
                    "fr": f"Indicateur de test {i}",
                }
            },
        )
        ind.save()
        codes.append(code)
    return codes


def make_csv(codes: list[str], areas: list[str], years: list[int], rng: random.Random) -> bytes:
    lines = ["indicator,ref_area,period,value,unit,obs_status,source,definition"]
    for code in codes:
        for area in areas:
            level = rng.uniform(5, 95)
            for year in years:
                level = min(100.0, max(0.0, level + rng.uniform(-2, 2)))
                lines.append(
                    f"{code},{area},{year},{level:.1f},PC,A,https://example.org/{area.lower()},"
                )
    return ("\n".join(lines) + "\n").encode()


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def page_times(client, paths: list[str], reps: int) -> list[float]:
    for path in paths[:3]:
        client.get(path)  # warm-up
    out = []
    for i in range(reps):
        path = paths[i % len(paths)]
        start = time.perf_counter()
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--import-reps", type=int, default=3, help="imports timed (median)")
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--skip-sdmx", action="store_true", help="skip the SDMX-ML read-back")
    parser.add_argument(
        "--data-dir",
        help="keep the SQLite database here (default: a temporary directory); with --pages-only, "
        "reuse the database a previous run left there (PostgreSQL: the database is kept too)",
    )
    parser.add_argument(
        "--pages-only", action="store_true", help="time the pages on the data already imported"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.data_dir:
            os.makedirs(args.data_dir, exist_ok=True)
        engine = setup_django(args.data_dir or tmp, fresh=not args.pages_only)
        from django.test import Client

        from smenet.statistics import exports
        from smenet.statistics.areas import area_index
        from smenet.statistics.importer import import_statistics_data, read_records
        from smenet.statistics.models import Observation

        rng = random.Random(15)
        if args.pages_only:
            from smenet.statistics.models import Indicator

            codes = list(
                Indicator.objects.filter(code__startswith="BENCH_")
                .order_by("code")
                .values_list("code", flat=True)
            )
        else:
            codes = make_indicators(args.indicators)
        areas = [a.code for a in area_index().countries]
        years = list(range(2025 - args.years, 2025))
        data = b"" if args.pages_only else make_csv(codes, areas, years, rng)
        n = len(areas) * len(codes) * len(years)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "select sqlite_version()"
                if connection.vendor == "sqlite"
                else "show server_version"
            )
            version = cursor.fetchone()[0]
        print(
            f"# SME statistics benchmark — {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC — "
            f"{platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}), "
            f"{engine} {version}, load average {os.getloadavg()[0]:.1f}"
        )
        print(
            f"data: {len(areas)} areas × {len(codes)} indicators × {len(years)} years = {n:,} observations, CSV {len(data) / 1e6:.1f} MB"
        )

        if not args.pages_only:
            # Same-run baseline: reading and checking the file alone (no database write).
            base_times = []
            for _rep in range(args.import_reps):
                seconds, (_fmt, records, errors) = timed(
                    lambda: read_records(data, name="bench.csv")
                )
                assert not errors and len(records) == n
                base_times.append(seconds)
            base = statistics.median(base_times)
            print(
                f"baseline, read and check the plain CSV only (median of {args.import_reps}): "
                f"{base:.1f} s = {n / base:,.0f} observations/s"
            )
            times = []
            for rep in range(args.import_reps):
                if rep:  # empty the table (no revisions or submissions point at it here)
                    from django.db import connection as conn

                    with conn.cursor() as cursor:
                        cursor.execute(
                            f"DELETE FROM {conn.ops.quote_name(Observation._meta.db_table)}"
                        )
                seconds, result = timed(lambda: import_statistics_data(data, name="bench.csv"))
                assert result.created == n
                times.append(seconds)
            seconds = statistics.median(times)
            print(
                f"import plain CSV into an empty table (median of {args.import_reps}: "
                f"{', '.join(f'{t:.1f}' for t in times)} s): {seconds:.1f} s = "
                f"{n / seconds:,.0f} observations/s, {seconds / base:.2f} × the baseline"
            )
            seconds, result = timed(lambda: import_statistics_data(data, name="bench.csv"))
            print(
                f"re-import of the same file: {seconds:.1f} s = {n / seconds:,.0f} observations/s (unchanged {result.unchanged:,})"
            )
            if args.skip_sdmx:
                xml = b""
            else:
                xml = "".join(
                    exports.generic_xml(exports.rows_of(Observation.objects.all()))
                ).encode()
            if xml:
                seconds, (fmt, records, errors) = timed(lambda: read_records(xml, name="bench.xml"))
                assert not errors and len(records) == Observation.objects.count()
                print(
                    f"read and check generic SDMX-ML ({len(xml) / 1e6:.0f} MB): {seconds:.1f} s = {n / seconds:,.0f} observations/s"
                )
                seconds, result = timed(lambda: import_statistics_data(xml, name="bench.xml"))
                print(
                    f"import of that SDMX-ML (all unchanged): {seconds:.1f} s = {n / seconds:,.0f} observations/s"
                )

        client = Client()
        sample_codes = rng.sample(codes, min(10, len(codes)))
        sample_areas = rng.sample(areas, min(10, len(areas)))
        pages = {
            "home page (baseline)": ["/"],
            "indicator page": [f"/statistics/indicators/{c}/" for c in sample_codes],
            "country profile": [f"/statistics/countries/{a}/" for a in sample_areas],
            "map": [f"/statistics/map/?indicator={c}" for c in sample_codes],
            "indicator page (ar)": [f"/ar/statistics/indicators/{c}/" for c in sample_codes],
            "map (ar)": [f"/ar/statistics/map/?indicator={c}" for c in sample_codes],
        }
        print(f"load average before the pages: {os.getloadavg()[0]:.1f}")
        base = None
        print(f"\npage | median ms | p95 ms | × baseline (median) | n={args.reps}")
        print("---|---|---|---|")
        for label, paths in pages.items():
            times = page_times(client, paths, args.reps)
            median = statistics.median(times)
            base = base or median
            print(f"{label} | {median:.1f} | {p95(times):.1f} | {median / base:.1f}")


if __name__ == "__main__":
    main()
