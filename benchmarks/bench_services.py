"""Benchmark of the services directory at 1,000 institutions × 10 services (issue 14).

Builds a database of its own (SQLite file, or a new PostgreSQL database when ``DATABASE_URL``
points at a server) with the reference data, 1,000 institutions spread over the 57 member states
and 10 services each (10,000 services in ar/en/fr, with eligibility, languages, costs and
facets), indexes them for search, then times whole requests through Django's test client (URL
routing, middleware, permission checks, templates or serializers) for the public finder, the
guided mode, the comparison, a service page and the API, with and without text queries:
median and p95 of the wall time and of the process's CPU time (on a shared machine the CPU
time is the steadier figure; on PostgreSQL it leaves out the server's share) and the number of
SQL queries of each. A same-run baseline answers the finder's
eligibility filters the naive way (every public service read, its JSON lists filtered in
Python) to show what the facet index buys.

The anonymous page cache (``common.pagecache``) is off unless ``--page-cache``: with it every
repeated request is a cache hit and the figures say nothing of the work. The finder's rendered
cards (``services_directory/cards.py``) are measured against a same-run baseline with them off
(every card read and rendered on every request), the requests interleaved.

Usage::

    .venv/bin/python benchmarks/bench_services.py [--institutions 1000] [--per 10] [--rounds 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres .venv/bin/python benchmarks/bench_services.py
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS_EN = [
    "export",
    "finance",
    "loan",
    "guarantee",
    "training",
    "coaching",
    "digital",
    "women",
    "youth",
    "halal",
    "agri-food",
    "textile",
    "tourism",
    "innovation",
    "quality",
    "market",
]
WORDS_AR = ["تمويل", "تدريب", "تصدير", "ضمان", "قروض", "رقمي", "المرأة", "الشباب", "حلال", "ابتكار"]
WORDS_FR = ["financement", "formation", "exportation", "garantie", "prêts", "numérique", "femmes"]
QUERIES = [
    "تمويل",
    "financement",
    "training",
    "export guarantee",
    "تدريب الشباب",
    "halal",
    "numérique",
]


def setup_database(keep: str | None = None) -> callable:
    """A database of the benchmark's own; with ``keep`` a named one left in place (reused)."""
    url = os.environ.get("DATABASE_URL", "")
    cleanup = lambda: None  # noqa: E731
    if url.startswith("postgres"):
        import psycopg

        name = f"smenet_bench_services_{keep or uuid.uuid4().hex[:8]}"
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name

        def cleanup() -> None:
            from django.db import connections

            connections.close_all()
            if not keep:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        os.environ["DATABASE_URL"] = ""
    if keep:
        path = Path(tempfile.gettempdir()) / f"smenet-bench-services-{keep}"
        path.mkdir(exist_ok=True)
        os.environ["SMENET_DATA_DIR"] = str(path)
    else:
        os.environ["SMENET_DATA_DIR"] = tempfile.mkdtemp(prefix="smenet-bench-services-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["SMENET_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return cleanup


def generate(institutions: int, per: int, seed: int = 14) -> None:
    """Bulk rows shaped exactly as ``service_create`` writes them (service, translations,
    facets): 10,000 calls of the service would time the generator, not the directory."""
    from django.db import transaction

    from smenet.common.translation import set_translations
    from smenet.registry.models import Country, Institution
    from smenet.services_directory.choices import ANY, FacetKind
    from smenet.services_directory.models import Service, ServiceFacet
    from smenet.services_directory.reference import categories, sectors

    rnd = random.Random(seed)
    countries = list(Country.objects.order_by("iso3"))
    have = Institution.objects.count()
    new = []
    for n in range(max(0, institutions - have)):
        inst = Institution(
            slug=f"bench-{n}",
            acronym=f"B{n:04d}",
            country=countries[n % len(countries)],
            membership_status="member",
        )
        set_translations(inst, {"name": {"en": f"Bench agency {n}", "ar": f"وكالة اختبار {n}"}})
        new.append(inst)
    with transaction.atomic():
        for inst in new:  # parler writes the translation with the object
            inst.save()
    agencies = list(Institution.objects.order_by("pk")[:institutions])
    cats, secs = list(categories()), list(sectors())
    Translation = Service._parler_meta.root_model
    today = datetime.date.today()
    with transaction.atomic():
        rows, texts, facets = [], [], []
        for inst in agencies:
            for k in range(per):
                sizes = rnd.sample(["micro", "small", "medium"], rnd.choice([0, 1, 2, 3]))
                stages = rnd.sample(["idea", "startup", "growth", "export"], rnd.choice([0, 1, 2]))
                sector_list = rnd.sample(secs, rnd.choice([0, 0, 1, 2, 3]))
                languages = rnd.sample(["ar", "en", "fr", "tr", "ru", "ms"], rnd.choice([1, 2, 3]))
                cost = rnd.choice(["", "free", "subsidised", "fee"])
                rows.append(
                    Service(
                        ref=f"bench-{inst.pk}-{k}",
                        institution=inst,
                        category=cats[(inst.pk + k) % len(cats)],
                        original_language=languages[0]
                        if languages[0] in ("ar", "en", "fr")
                        else "en",
                        sizes=sizes,
                        sectors=sector_list,
                        stages=stages,
                        languages=languages,
                        online=rnd.random() < 0.5,
                        in_person=rnd.random() < 0.7,
                        cost=cost,
                        cost_amount=100 if cost == "fee" else None,
                        cost_currency="USD" if cost == "fee" else "",
                        apply_url=f"https://agency{inst.pk}.example/apply/{k}",
                        cross_border=rnd.choice(["yes", "no", "no", "conditions"]),
                        review_status="published" if rnd.random() < 0.95 else "draft",
                        status="active" if rnd.random() < 0.95 else "suspended",
                        last_confirmed=today - datetime.timedelta(days=rnd.randint(0, 500)),
                    )
                )
        Service.objects.bulk_create(rows, batch_size=2000)
        for s in Service.objects.filter(ref__startswith="bench-").only(
            "pk", "sizes", "sectors", "stages", "languages", "category"
        ):
            words_en = " ".join(rnd.sample(WORDS_EN, 3))
            texts.append(
                Translation(
                    master_id=s.pk,
                    language_code="en",
                    title=f"{words_en.title()} service {s.pk}",
                    summary=f"Support for SMEs: {words_en}.",
                )
            )
            texts.append(
                Translation(
                    master_id=s.pk,
                    language_code="ar",
                    title=" ".join(rnd.sample(WORDS_AR, 3)),
                    summary="دعم المنشآت الصغيرة والمتوسطة: " + " ".join(rnd.sample(WORDS_AR, 3)),
                )
            )
            if rnd.random() < 0.5:
                texts.append(
                    Translation(
                        master_id=s.pk,
                        language_code="fr",
                        title=" ".join(rnd.sample(WORDS_FR, 3)).capitalize(),
                        summary="Appui aux PME.",
                    )
                )
            for field, kind in (
                ("sizes", FacetKind.SIZE),
                ("sectors", FacetKind.SECTOR),
                ("stages", FacetKind.STAGE),
            ):
                for value in getattr(s, field) or [ANY]:
                    facets.append(ServiceFacet(service_id=s.pk, kind=kind, value=value))
            for value in s.languages:
                facets.append(ServiceFacet(service_id=s.pk, kind=FacetKind.LANGUAGE, value=value))
        Translation.objects.bulk_create(texts, batch_size=5000)
        ServiceFacet.objects.bulk_create(facets, batch_size=5000)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def measure(client, path: str, rounds: int) -> tuple[list[float], int, int]:
    from django.db import connection

    response = client.get(path)  # warm up (and check)
    assert response.status_code == 200, (path, response.status_code)
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    times, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return times, cpu, len(executed), len(response.content)


def naive_filter(size: str, sector: str) -> int:
    """The same-run baseline: every public service read and its lists filtered in Python."""
    from smenet.services_directory.models import Service

    found = 0
    for sizes, sectors in (
        Service.objects.public().filter(status="active").values_list("sizes", "sectors")
    ):
        if (not sizes or size in sizes) and (not sectors or sector in sectors):
            found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--institutions", type=int, default=1000)
    parser.add_argument("--per", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", help="keep (and reuse) a database of this name")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after the warm-up, as a server's post-fork hook would: the p95 is "
        "then free of full collections of the start-up heap",
    )
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="keep the anonymous page cache on (repeated requests are then cache hits)",
    )
    args = parser.parse_args()
    if not args.page_cache:
        os.environ["SMENET_PAGE_CACHE"] = "0"
    # One client sends every request: the anonymous API limit (120/min in production) would
    # refuse most of them; it is raised, its counting still done (smenet.common.throttling).
    os.environ.setdefault("SMENET_API_ANON_RATE", "100000000/min")
    cleanup = setup_database(args.keep)
    try:
        from django.core.management import call_command
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections, connection
        from django.test import Client

        from smenet.registry.models import Institution
        from smenet.services_directory.models import Service

        # One connection for the whole run, so that the queries of a request can be counted.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        generated = indexed = 0.0
        if not Service.objects.filter(ref__startswith="bench-").exists():
            start = time.perf_counter()
            generate(args.institutions, args.per)
            generated = time.perf_counter() - start
            start = time.perf_counter()
            call_command("rebuild_search_index", verbosity=0)
            indexed = time.perf_counter() - start
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        services = Service.objects.count()
        print(
            f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
            f"Python {platform.python_version()} · {connection.vendor} · {datetime.date.today()}"
        )
        print(
            f"{Institution.objects.count()} institutions, {services} services "
            f"(generated in {generated:.1f} s, indexed in {indexed:.1f} s)"
        )
        sample = list(
            Service.objects.public().filter(status="active").values_list("pk", flat=True)[:4]
        )
        country = "MAR"
        paths = {
            "finder (no filter)": "/services/",
            "finder, filters": f"/services/?country={country}&size=small&sector=C&stage=growth",
            "finder, Arabic words": "/ar/services/?q=%D8%AA%D9%85%D9%88%D9%8A%D9%84",
            "finder, words + filters": "/fr/services/?q=financement&size=micro&cross_border=on",
            "finder, page 50": "/services/?page=50",
            "guided mode": f"/services/guide/?country={country}&size=small&sector=C&need=access-to-finance&need=training&language=ar",
            "compare 4": "/services/compare/?" + "&".join(f"id={pk}" for pk in sample),
            "service page": f"/services/{sample[0]}/",
            "API list": "/api/v1/services/",
            "API filters": f"/api/v1/services/?country={country}&category=training&size=small&language=ar",
            "API words": "/api/v1/services/?q=export%20guarantee",
            "API words + filters": "/api/v1/services/?q=%D8%AA%D8%AF%D8%B1%D9%8A%D8%A8&sector=C&page_size=50",
            "API detail": f"/api/v1/services/{sample[0]}/",
        }
        client = Client()
        if args.gc_freeze:
            import gc

            for path in paths.values():
                client.get(path)
            gc.collect()
            gc.freeze()
            print(f"gc.freeze(): {gc.get_freeze_count()} objects moved out of collections")
        every: list[float] = []
        every_cpu: list[float] = []
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        print(
            f"{'request':26} {'median ms':>10} {'p95 ms':>8} {'cpu med':>8} {'cpu p95':>8} "
            f"{'queries':>8} {'KiB':>6}"
        )

        def line(name: str, times: list[float], cpu: list[float], queries: str, size: str) -> None:
            print(
                f"{name:26} {statistics.median(times):10.1f} {p95(times):8.1f} "
                f"{statistics.median(cpu):8.1f} {p95(cpu):8.1f} {queries:>8} {size:>6}"
            )

        for name, path in paths.items():
            times, cpu, queries, size = measure(client, path, args.rounds)
            every.extend(times)
            every_cpu.extend(cpu)
            line(name, times, cpu, str(queries), f"{size / 1024:.0f}")
        word_times, word_cpu = [], []
        for q in QUERIES:
            from urllib.parse import quote

            times, cpu, _, _ = measure(
                client, f"/api/v1/services/?q={quote(q)}", max(3, args.rounds // 4)
            )
            word_times.extend(times)
            word_cpu.extend(cpu)
        line("API, 7 queries × rounds", word_times, word_cpu, "", "")
        every.extend(word_times)
        every_cpu.extend(word_cpu)
        line("all requests", every, every_cpu, "", "")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        # Same-run baseline for the finder's cards: off and on, interleaved round by round.
        from smenet.services_directory import cards

        finder_paths = {k: v for k, v in paths.items() if k.startswith("finder")}
        print(f"\nfinder cards, same run (load {os.getloadavg()[0]:.1f}):")
        print(
            f"{'request':26} {'off med':>8} {'off p95':>8} {'on med':>8} {'on p95':>8} {'cpu off':>8} {'cpu on':>8} {'q off':>6} {'q on':>5}"
        )
        totals = {False: ([], []), True: ([], [])}
        for name, path in finder_paths.items():
            got = {}
            for enabled in (False, True):
                cards.ENABLED = enabled
                got[enabled] = [measure(client, path, 1)]
            for _ in range(args.rounds - 1):
                for enabled in (False, True):
                    cards.ENABLED = enabled
                    got[enabled].append(measure(client, path, 1))
            row = []
            for enabled in (False, True):
                wall = [t for m in got[enabled] for t in m[0]]
                cpu = [t for m in got[enabled] for t in m[1]]
                totals[enabled][0].extend(wall)
                totals[enabled][1].extend(cpu)
                row.append((wall, cpu, got[enabled][0][2]))
            (w0, c0, q0), (w1, c1, q1) = row
            print(
                f"{name:26} {statistics.median(w0):8.1f} {p95(w0):8.1f} {statistics.median(w1):8.1f} "
                f"{p95(w1):8.1f} {statistics.median(c0):8.1f} {statistics.median(c1):8.1f} {q0:>6} {q1:>5}"
            )
        (w0, c0), (w1, c1) = totals[False], totals[True]
        print(
            f"{'finder, all':26} {statistics.median(w0):8.1f} {p95(w0):8.1f} {statistics.median(w1):8.1f} "
            f"{p95(w1):8.1f} {statistics.median(c0):8.1f} {statistics.median(c1):8.1f}"
        )
        print(
            f"ratios on/off: wall median × {statistics.median(w1) / statistics.median(w0):.2f}, "
            f"wall p95 × {p95(w1) / p95(w0):.2f}, CPU median × {statistics.median(c1) / statistics.median(c0):.2f}"
        )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        # Same-run baseline for the eligibility filters.
        from smenet.services_directory.selectors import Filters, service_list

        fast, slow = [], []
        for _ in range(args.rounds):
            t = time.perf_counter()
            service_list(
                user=None, filters=Filters(size="small", sector="C"), public_only=True
            ).count()
            fast.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            naive_filter("small", "C")
            slow.append((time.perf_counter() - t) * 1000)
        ratio = statistics.median(slow) / statistics.median(fast)
        print(
            f"size+sector count: facets {statistics.median(fast):.1f} ms, naive scan "
            f"{statistics.median(slow):.1f} ms (× {ratio:.1f})"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
