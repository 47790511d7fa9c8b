# ruff: noqa: S608 -- SQL is built from constant table names and placeholders only; user text is always a parameter.
"""Relevance measures for the judged set (benchmarks/search_judged) and two baselines.

Used by the benchmark script and by the relevance regression test, so both compute the same
figures. nDCG@10 uses graded judgements (2: relevant, same language; 1: relevant, other
language); recall@10 is the share of relevant documents in the top 10, out of at most 10.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

JUDGED_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "search_judged"
K = 10


def load_judged(directory: Path = JUDGED_DIR) -> tuple[list[dict], list[dict]]:
    corpus = [
        json.loads(line)
        for line in (directory / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    queries = json.loads((directory / "queries.json").read_text(encoding="utf-8"))
    return corpus, queries


def ndcg(ranked: Sequence[str], relevant: Mapping[str, int], k: int = K) -> float:
    dcg = sum(relevant.get(r, 0) / math.log2(i + 2) for i, r in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: Sequence[str], relevant: Mapping[str, int], k: int = K) -> float:
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / min(k, len(relevant))


def evaluate(
    queries: Iterable[dict], run: Callable[[dict], Sequence[str]]
) -> dict[str, dict[str, float]]:
    """Mean nDCG@10 and recall@10 overall (``all``), per query language (``ar`` …) and per
    kind of query (``kind:typo`` …)."""
    sums: dict[str, list[float]] = {}
    for q in queries:
        ranked = run(q)
        for key in (q["lang"], f"kind:{q.get('kind', 'plain')}", "all"):
            acc = sums.setdefault(key, [0.0, 0.0, 0.0])
            acc[0] += ndcg(ranked, q["relevant"])
            acc[1] += recall(ranked, q["relevant"])
            acc[2] += 1
    return {
        key: {"ndcg@10": s[0] / s[2], "recall@10": s[1] / s[2], "queries": s[2]}
        for key, s in sums.items()
    }


def split(queries: Iterable[dict], half: str | None) -> list[dict]:
    """The queries of one half of the judged set (``tuning`` or ``test``; None: all)."""
    return [q for q in queries if half is None or q.get("split") == half]


def _all_text(doc: Mapping, lang: str | None = None) -> tuple[str, str]:
    fields = ("summary", "problem", "approach", "results", "lessons", "replication", "body")
    title = " ".join(v for k, v in doc["title"].items() if lang is None or k == lang)
    body = " ".join(
        v for f in fields for k, v in doc.get(f, {}).items() if lang is None or k == lang
    )
    return title, body


def fts5_baseline(corpus: Sequence[Mapping]) -> Callable[[dict], list[str]]:
    """Plain SQLite FTS5, default tokenizer (unicode61), query words ANDed, bm25 ranking."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(ref UNINDEXED, title, body)")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", [(d["ref"], *_all_text(d)) for d in corpus])

    def run(q: dict) -> list[str]:
        words = [w.replace('"', "") for w in q["q"].split()]
        expr = " AND ".join(f'"{w}"' for w in words if w)
        if not expr:
            return []
        try:
            rows = db.execute(
                "SELECT ref FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 10.0, 1.0) LIMIT ?",
                (expr, K),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    return run


def fts5_folded_baseline(corpus: Sequence[Mapping]) -> Callable[[dict], list[str]]:
    """SQLite FTS5 over our normalised text (Arabic letter folding, accents, case) with every
    query word as a prefix (``word*``), bm25 ranking: the strong simple baseline."""
    from .analysis import normalize, tokenize

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(ref UNINDEXED, title, body)")
    db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?)",
        [(d["ref"], *(normalize(t) for t in _all_text(d))) for d in corpus],
    )

    def run(q: dict) -> list[str]:
        words = tokenize(q["q"])
        expr = " AND ".join(f'"{w}"*' for w in words if w)
        if not expr:
            return []
        try:
            rows = db.execute(
                "SELECT ref FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 10.0, 1.0) LIMIT ?",
                (expr, K),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    return run


PG_CONFIGS = {"ar": "arabic", "en": "english", "fr": "french", "tr": "turkish"}


def postgres_baseline(cursor, corpus: Sequence[Mapping]) -> Callable[[dict], list[str]]:
    """PostgreSQL's built-in language configurations: each language version indexed with its
    language's configuration, the query parsed with the query language's one (websearch)."""
    cursor.execute("DROP TABLE IF EXISTS bench_pg_baseline")
    cursor.execute("CREATE TEMP TABLE bench_pg_baseline (ref text, tsv tsvector)")
    for d in corpus:
        langs = set(d["title"]) | set(d.get("summary", {}))
        parts, params = [], []
        for lang in sorted(langs):
            cfg = PG_CONFIGS.get(lang, "simple")
            title, body = _all_text(d, lang)
            parts.append(
                f"setweight(to_tsvector('{cfg}', %s), 'A') || setweight(to_tsvector('{cfg}', %s), 'B')"
            )
            params += [title, body]
        cursor.execute(
            f"INSERT INTO bench_pg_baseline VALUES (%s, {' || '.join(parts)})", [d["ref"], *params]
        )

    def run(q: dict) -> list[str]:
        cfg = PG_CONFIGS.get(q["lang"], "simple")
        cursor.execute(
            f"SELECT ref FROM bench_pg_baseline, websearch_to_tsquery('{cfg}', %s) query "
            "WHERE tsv @@ query ORDER BY ts_rank(tsv, query) DESC LIMIT %s",
            [q["q"], K],
        )
        return [r[0] for r in cursor.fetchall()]

    return run
