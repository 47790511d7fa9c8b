"""Search benchmarks (not part of the test suite).

  python benchmarks/bench_search.py judged            # relevance: ours vs two baselines
  python benchmarks/bench_search.py scale --docs 200000

Runs on a database of its own: a temporary SQLite file, or, when DATABASE_URL points at
PostgreSQL, a new database on that server (dropped at the end). ``judged`` imports the judged
set (benchmarks/search_judged) through the real importer and reports nDCG@10 and recall@10 per
query language for our search, plain SQLite FTS5 (default tokenizer) and, on PostgreSQL, the
built-in language configurations. ``scale`` generates multilingual documents, indexes them
through the real pipeline (analysis + back end) and measures throughput, index size and the
latency of the full search selector (count, ranking, excerpts) over a mixed query set.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_database() -> callable:
    url = os.environ.get("DATABASE_URL", "")
    cleanup = lambda: None  # noqa: E731
    if url.startswith("postgres"):
        import psycopg

        name = f"smenet_bench_{uuid.uuid4().hex[:8]}"
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name

        def cleanup() -> None:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        os.environ["DATABASE_URL"] = ""
        os.environ["SMENET_DATA_DIR"] = tempfile.mkdtemp(prefix="smenet-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["SMENET_BENCH"] = "1"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Index inline: the benchmark measures indexing, not the worker's queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    return cleanup


def judged() -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from smenet.knowledge.importer import import_best_practices
    from smenet.search import evaluation
    from smenet.search.indexing import rebuild
    from smenet.search.selectors import search

    corpus, queries = evaluation.load_judged()
    import_best_practices(evaluation.JUDGED_DIR / "corpus.jsonl")
    rebuild()

    def ours(q):
        hits = search(user=AnonymousUser(), q=q["q"], types=["best_practice"], limit=10).hits
        return [h.ref for h in hits]

    runs = {f"ours ({connection.vendor})": ours, "plain FTS5": evaluation.fts5_baseline(corpus)}
    if connection.vendor == "postgresql":
        cursor = connection.cursor()
        runs["PostgreSQL language configs"] = evaluation.postgres_baseline(cursor, corpus)
    print(f"judged set: {len(corpus)} documents, {len(queries)} queries")
    print(f"{'system':32} {'lang':5} {'nDCG@10':>8} {'recall@10':>10} {'queries':>8}")
    for name, run in runs.items():
        result = evaluation.evaluate(queries, run)
        for lang in ("ar", "en", "fr", "tr", "all"):
            r = result[lang]
            print(
                f"{name:32} {lang:5} {r['ndcg@10']:8.3f} {r['recall@10']:10.3f} {r['queries']:8.0f}"
            )


WORDS = {
    "en": "small business enterprise loan credit finance export market training women youth "
    "digital innovation guarantee cluster procurement agency programme support growth".split(),
    "fr": "petite entreprise prêt crédit financement exportation marché formation femmes jeunes "
    "numérique innovation garantie grappe marchés agence programme soutien croissance".split(),
    "ar": "المشاريع الصغيرة المنشآت قروض تمويل التصدير الأسواق التدريب النساء الشباب الرقمي "
    "الابتكار ضمانات العناقيد المشتريات الوكالة برنامج دعم النمو والمتوسطة".split(),
    "tr": "küçük işletme kredi finansman ihracat pazar eğitim kadın genç dijital inovasyon "
    "garanti küme ihale ajans program destek büyüme KOBİ girişimci".split(),
}
QUERIES = [
    "access to finance",
    "accès au financement",
    "الوصول إلى التمويل",
    "finansmana erişim",
    "export market",
    "تمويل المشاريع",
    "formation des jeunes",
    "kadın girişimci",
    "digital",
    '"small business"',
    "innovation garantie",
    "القروض الصغيرة",
    "programme -training",
    "KOBİ kredi",
    "women entrepreneurs",
    "procurement agency",
]


def generate(n: int, seed: int = 7):
    from smenet.search.registry import IndexDocument

    rng = random.Random(seed)
    langs = list(WORDS)
    countries = ["AZE", "TUR", "SAU", "MAR", "EGY", "IDN", "MYS", "PAK"]
    for i in range(1, n + 1):
        lang = langs[i % 4]
        words = WORDS[lang]
        title = " ".join(rng.choices(words, k=6))
        body = " ".join(rng.choices(words, k=80))
        yield IndexDocument(
            object_id=i,
            url=f"/knowledge/practices/{i}/",
            titles={lang: title},
            bodies={lang: [body]},
            ref=f"gen-{i}",
            country=countries[i % len(countries)],
            date=None,
        )


def scale(docs: int) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from smenet.search.backends import backend_for
    from smenet.search.indexing import index_documents
    from smenet.search.selectors import search

    start = time.perf_counter()
    index_documents("best_practice", generate(docs))
    elapsed = time.perf_counter() - start
    backend = backend_for(connection)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE search_index_pg") if connection.get_autocommit() else None
    size = backend.size_bytes(connection)
    user = AnonymousUser()
    for q in QUERIES:  # warm up
        search(user=user, q=q)
    times, counts = [], []
    for _ in range(5):
        for q in QUERIES:
            t = time.perf_counter()
            counts.append(search(user=user, q=q).count)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"back end: {connection.vendor}; documents: {docs}")
    print(f"indexing: {elapsed:.1f} s, {docs / elapsed:.0f} docs/s")
    print(f"index size: {size / 2**20:.1f} MiB (back-end table and its index)")
    print(
        f"query latency over {len(times)} searches: median {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms; median hits {statistics.median(counts):.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("judged")
    sc = sub.add_parser("scale")
    sc.add_argument("--docs", type=int, default=200_000)
    ns = parser.parse_args()
    cleanup = setup_database()
    try:
        judged() if ns.cmd == "judged" else scale(ns.docs)
    finally:
        cleanup()


if __name__ == "__main__":
    main()
