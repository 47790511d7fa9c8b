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
import math
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def setup_database(keep: str | None = None) -> callable:
    """A database of the benchmark's own; with ``keep`` a named one left in place (reused)."""
    url = os.environ.get("DATABASE_URL", "")
    cleanup = lambda: None  # noqa: E731
    if url.startswith("postgres"):
        import psycopg

        name = f"smenet_bench_{keep or uuid.uuid4().hex[:8]}"
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
            path = Path(tempfile.gettempdir()) / f"smenet-bench-{keep}"
            path.mkdir(exist_ok=True)
            os.environ["SMENET_DATA_DIR"] = str(path)
        else:
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


def judged(half: str | None = "test", only: str | None = None) -> None:
    """nDCG@10 and recall@10 of every system, in the same run, overall, per language and per
    kind, on one half of the judged set (tune on ``tuning``; report ``test``)."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from smenet.knowledge.importer import import_best_practices
    from smenet.search import evaluation, vectors
    from smenet.search.backends import backend_for
    from smenet.search.indexing import rebuild
    from smenet.search.selectors import _nearest, hidden_from, search

    corpus, queries = evaluation.load_judged()
    queries = evaluation.split(queries, half)
    import_best_practices(evaluation.JUDGED_DIR / "corpus.jsonl")
    rebuild()
    start = time.perf_counter()
    vectors.rebuild()
    print(f"vectors: {time.perf_counter() - start:.1f} s")
    user = AnonymousUser()
    backend = backend_for(connection)

    def engine(**kwargs):
        def run(q):
            hits = search(user=user, q=q["q"], types=["best_practice"], limit=10, **kwargs).hits
            return [h.ref for h in hits]

        return run

    def dense_only(q):
        from smenet.search.models import SearchDocument

        nearest = _nearest(backend, q["q"], ["best_practice"], None, hidden_from(user))
        pks = nearest([])[:10] if nearest is not None else []
        refs = dict(SearchDocument.objects.filter(pk__in=pks).values_list("pk", "ref"))
        return [refs[pk] for pk in pks if pk in refs]

    runs = {
        "plain FTS5": evaluation.fts5_baseline(corpus),
        "FTS5 folded+prefix": evaluation.fts5_folded_baseline(corpus),
        "today's engine": engine(semantic=False, expand=False),
        "lexical+expansions": engine(semantic=False),
        "dense only": dense_only,
        f"hybrid ({connection.vendor})": engine(),
    }
    if connection.vendor == "postgresql":
        cursor = connection.cursor()
        runs["PostgreSQL language configs"] = evaluation.postgres_baseline(cursor, corpus)
    if only:
        runs = {k: v for k, v in runs.items() if only in k}
    results = {name: evaluation.evaluate(queries, run) for name, run in runs.items()}
    keys = sorted(
        next(iter(results.values())), key=lambda k: (k.startswith("kind:"), k != "all", k)
    )
    print(f"judged set: {len(corpus)} documents, {len(queries)} queries ({half or 'all'} half)")
    print("nDCG@10 / recall@10")
    print(f"{'':18}" + "".join(f"{name[:22]:>24}" for name in results))
    for key in keys:
        n = int(next(iter(results.values()))[key]["queries"])
        cells = "".join(
            f"{r[key]['ndcg@10']:>15.3f} / {r[key]['recall@10']:.3f}" for r in results.values()
        )
        print(f"{key + f' ({n})':18}{cells}")


#: Queries with operators and phrases, in the four languages (the first benchmark's set).
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


def query_set(corpus: str) -> dict[str, list[str]]:
    """The mixed query set: the judged set's 120 queries (ar/en/fr/tr), the operator/phrase
    queries above, and single frequent words (broad: the worst case of a real index)."""
    from search_corpus import LANGS, broad_words

    from smenet.search import evaluation

    _, judged_queries = evaluation.load_judged()
    broad = [w for lang in LANGS for w in broad_words(lang, 3)] if corpus == "realistic" else []
    return {"judged": [q["q"] for q in judged_queries], "operators": QUERIES, "broad": broad}


def _measure(fn, queries: list[str], rounds: int) -> tuple[list[float], list[int]]:
    for q in queries:  # warm up
        fn(q)
    times, counts = [], []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            counts.append(fn(q))
            times.append((time.perf_counter() - t) * 1000)
    return times, counts


def _after_saves(fn, queries: list[str], rounds: int) -> tuple[list[float], list[int]]:
    """``fn`` timed as the first search after another process saved a document, on about 40
    queries of the set (spread over it): one stored vector rewritten (with a new time and
    token, as ``vectors.store`` does), then the search, which brings this process's copy up
    to date first (the write is not timed)."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from smenet.search import vectors
    from smenet.search.models import SearchVector

    pks = list(SearchVector.objects.values_list("pk", flat=True))
    chosen = random.Random(5)
    queries = queries[:: max(1, len(queries) // 40)]  # at most about 40 of each set
    for q in queries:  # warm up
        fn(q)
    times, counts = [], []
    for _ in range(rounds):
        for q in queries:
            pk, other = chosen.choice(pks), chosen.choice(pks)
            with transaction.atomic():
                vector = SearchVector.objects.filter(pk=other).values_list("vector", flat=True)[0]
                SearchVector.objects.filter(pk=pk).update(vector=vector, updated_at=timezone.now())
                vectors._stamp()
            with vectors._lock:  # as if this process's check interval had passed
                vectors._state["checked"] = 0.0
            t = time.perf_counter()
            counts.append(fn(q))
            times.append((time.perf_counter() - t) * 1000)
    return times, counts


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def _store_vectors(generated, cache: Path | None, sample: int | None = None) -> None:
    """Embed the generated documents through the worker's code path (``vectors.store``), one
    process, with progress; or load vectors embedded by an earlier run from ``cache``. With
    ``sample``, only the first ``sample`` documents are embedded (the rate and the time a full
    re-embedding would take are printed as an extrapolation) and every other document gets
    the vector of sample document ``i % sample``: search latency depends on the number of
    vectors, not on their values, and the generator repeats its sentences anyway."""
    import numpy as np

    from smenet.search import semantic, vectors
    from smenet.search.models import SearchVector

    if sample is not None and sample < len(generated):
        start = time.perf_counter()
        vectors.store("best_practice", generated[:sample])
        elapsed = time.perf_counter() - start
        rate = sample / elapsed
        print(
            f"embedding {sample} documents: {elapsed:.1f} s, {rate:.0f} docs/s (one process); "
            f"a full re-embedding of {len(generated)} would take "
            f"{len(generated) / rate / 60:.0f} min (extrapolated)",
            flush=True,
        )
        by_id = dict(SearchVector.objects.values_list("object_id", "vector"))
        sample_vectors = [bytes(by_id[d.object_id]) for d in generated[:sample]]
        rows = (
            SearchVector(
                type="best_practice",
                object_id=d.object_id,
                model=semantic.MODEL_ID,
                checksum="copied",
                vector=sample_vectors[i % sample],
            )
            for i, d in enumerate(generated[sample:], start=sample)
        )
        start = time.perf_counter()
        batch: list[SearchVector] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                SearchVector.objects.bulk_create(batch)
                batch = []
        SearchVector.objects.bulk_create(batch)
        print(f"vectors of the other documents copied: {time.perf_counter() - start:.1f} s")
        return

    if cache is not None and cache.exists():
        start = time.perf_counter()
        data = np.load(cache)
        by_id = {int(i): v for i, v in zip(data["ids"], data["vectors"], strict=True)}
        rows = [
            SearchVector(
                type="best_practice",
                object_id=d.object_id,
                model=semantic.MODEL_ID,
                checksum=semantic.checksum(semantic.document_texts(d.titles, d.bodies, d.keywords)),
                vector=by_id[d.object_id].tobytes(),
            )
            for d in generated
            if d.object_id in by_id
        ]
        SearchVector.objects.bulk_create(rows, batch_size=2000)
        print(f"vectors loaded from {cache}: {time.perf_counter() - start:.1f} s (not embedding)")
        return
    start = time.perf_counter()
    last = [start]

    def progress(done: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= 60 or done == len(generated):
            last[0] = now
            print(
                f"  embedded {done}/{len(generated)} ({done / (now - start):.0f} docs/s)",
                flush=True,
            )

    vectors.store("best_practice", generated, progress=progress)
    elapsed = time.perf_counter() - start
    print(f"re-embedding: {elapsed:.1f} s, {len(generated) / elapsed:.0f} docs/s (one process)")
    if cache is not None:
        pairs = SearchVector.objects.filter(type="best_practice").values_list("object_id", "vector")
        ids = np.array([o for o, _ in pairs], dtype=np.int64)
        matrix = np.vstack([np.frombuffer(bytes(v), dtype=np.float16) for _, v in pairs])
        np.savez(cache, ids=ids, vectors=matrix)


def scale(
    docs: int,
    corpus: str,
    workers: int,
    rounds: int,
    reuse: bool,
    with_vectors: bool = True,
    cache: Path | None = None,
    sample: int | None = None,
    only_kinds: Sequence[str] = (),
) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from search_corpus import CORPORA

    from smenet.search.backends import backend_for
    from smenet.search.indexing import bulk_index
    from smenet.search.models import SearchDocument
    from smenet.search.query import compile_query
    from smenet.search.selectors import hidden_from, parse, search

    print(f"back end: {connection.vendor}; corpus: {corpus}; documents: {docs}; workers: {workers}")
    if not reuse or not SearchDocument.objects.filter(type="best_practice").exists():
        # The documents are generated first: indexing throughput is analysis and storage,
        # not the benchmark's own generator (~0.3 ms a document, a fifth of the work).
        start = time.perf_counter()
        generated = list(CORPORA[corpus](docs))
        print(f"generating: {time.perf_counter() - start:.1f} s (not part of indexing)")
        start = time.perf_counter()
        bulk_index("best_practice", generated, workers=workers)
        elapsed = time.perf_counter() - start
        print(f"indexing: {elapsed:.1f} s, {docs / elapsed:.0f} docs/s")
        if with_vectors:
            _store_vectors(generated, cache, sample)
        del generated
    backend = backend_for(connection)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE search_index_pg")
            cur.execute("VACUUM ANALYZE search_searchdocument")
            cur.execute("SHOW shared_buffers")
            print(f"PostgreSQL shared_buffers: {cur.fetchone()[0]}")
    print(f"index size: {backend.size_bytes(connection) / 2**20:.1f} MiB (back-end table, index)")
    user = AnonymousUser()
    sets = query_set(corpus)
    if with_vectors:
        import resource

        from smenet.search import semantic, vectors

        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        index = vectors.vector_index()
        print(
            f"vector index: {len(index) if index else 0} rows, "
            f"{(index.nbytes() if index else 0) / 2**20:.0f} MiB in memory "
            f"({'float32, exact' if index is not None and index.bits is None else 'float16 + sign bits'}),"
            f" loaded in {time.perf_counter() - start:.1f} s; process peak RSS "
            f"{before / 2**10:.0f} -> {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB"
        )
        semantic.query_vector("warm up")

    def baseline(q: str) -> int:
        """Same-run baseline: count and rank by scoring every match (no tiers, no window),
        as the first version did (it also joined every match to the documents table)."""
        compiled = compile_query(parse(q), None, hidden_from(user))
        if compiled.match is None:
            return 0
        count = backend.count(connection, compiled.match)
        backend.scored(connection, compiled.match, compiled.match, limit=20, offset=0)
        return count

    every: dict[str, list[float]] = {
        "api": [],
        "page": [],
        "lexical": [],
        "baseline": [],
        "saved": [],
    }
    print(
        f"{'queries':10} {'n':>4} {'kind':8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
        f"{'median hits':>12}"
    )
    for name, queries in sets.items():
        if not queries:
            continue
        kinds = {
            "api": lambda q: search(user=user, q=q).count,
            "page": lambda q: search(user=user, q=q, facets=True).count,
            "lexical": lambda q: search(user=user, q=q, semantic=False).count,
            "baseline": baseline,
        }
        for kind, fn in kinds.items():
            if only_kinds and kind not in only_kinds:
                continue
            times, counts = _measure(fn, queries, rounds)
            every[kind].extend(times)
            print(
                f"{name:10} {len(queries):4} {kind:8} {statistics.median(times):10.1f} "
                f"{_p95(times):8.1f} {max(times):8.1f} {statistics.median(counts):12.0f}"
            )
        if with_vectors and "saved" in only_kinds:
            times, counts = _after_saves(lambda q: search(user=user, q=q).count, queries, rounds)
            kind = "saved"
            every[kind].extend(times)
            print(
                f"{name:10} {len(queries):4} {kind:8} {statistics.median(times):10.1f} "
                f"{_p95(times):8.1f} {max(times):8.1f} {statistics.median(counts):12.0f}"
            )
    for kind, times in every.items():
        if not times:
            continue
        print(
            f"{'all':10} {'':4} {kind:8} {statistics.median(times):10.1f} {_p95(times):8.1f} "
            f"{max(times):8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    jd = sub.add_parser("judged")
    jd.add_argument("--half", choices=("tuning", "test", "all"), default="test")
    jd.add_argument("--only", help="systems whose name contains this")
    sc = sub.add_parser("scale")
    sc.add_argument("--docs", type=int, default=200_000)
    sc.add_argument("--corpus", choices=("realistic", "worst"), default="realistic")
    sc.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    sc.add_argument("--rounds", type=int, default=3)
    sc.add_argument(
        "--keep", metavar="NAME", help="keep the database under this name and reuse its index"
    )
    sc.add_argument("--no-vectors", action="store_true", help="lexical index only")
    sc.add_argument(
        "--vectors-cache", type=Path, help="save the vectors here, or load them from here"
    )
    sc.add_argument(
        "--embed-sample",
        type=int,
        metavar="N",
        help="embed only N documents (rate extrapolated); the others reuse their vectors",
    )
    sc.add_argument(
        "--kinds",
        default="",
        help="comma-separated subset of api,page,lexical,baseline,saved (default: the first four; saved: the first search after another process saved a document)",
    )
    ns = parser.parse_args()
    cleanup = setup_database(getattr(ns, "keep", None))
    try:
        if ns.cmd == "judged":
            judged(None if ns.half == "all" else ns.half, ns.only)
        else:
            scale(
                ns.docs,
                ns.corpus,
                ns.workers,
                ns.rounds,
                reuse=bool(ns.keep),
                with_vectors=not ns.no_vectors,
                cache=ns.vectors_cache,
                sample=ns.embed_sample,
                only_kinds=[k for k in ns.kinds.split(",") if k],
            )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
