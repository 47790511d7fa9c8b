"""Compare search settings on both halves of the judged set, per kind and language.

  python benchmarks/search_experiment.py '{}' '{"SEARCH_SEMANTIC_WEIGHT": 0.7}' ...
  python benchmarks/search_experiment.py --calibrate   # the floor for unrecognised queries
  python benchmarks/search_experiment.py --show transliteration   # tuning-half queries of a kind

``--show KIND`` lists the tuning-half queries of one kind (never the test half's) with their
expansions and their first ten results (grade, language, subjects), to see why they miss.

Each argument is a JSON object of settings overrides (one configuration). The judged set is
imported once into a kept SQLite database (``smenet-bench-judged``) and reused by later runs.
Choose on the ``tuning`` columns; the ``test`` columns are for the report only.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import setup_database  # noqa: E402


def calibrate() -> None:
    """The similarity of the nearest document to generated gibberish (1-3 random "words" of
    3-10 letters in Latin, Arabic and Cyrillic script) that no vocabulary term, concept,
    correction or transliteration recognises: the floor for unrecognised queries is set
    above the 99th percentile (``selectors.DEFAULT_UNRECOGNISED_MIN``)."""
    import random

    import numpy as np
    from django.db import connection

    from smenet.search import evaluation, vocabulary
    from smenet.search.backends import backend_for
    from smenet.search.selectors import _gloss, _nearest, parse

    backend = backend_for(connection)
    rng = random.Random(11)
    alphabets = (
        "abcdefghijklmnopqrstuvwxyz",
        "abcdefghijklmnopqrstuvwxyz",
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
        "абвгдежзийклмнопрстуфхцчшщыэюя",
    )

    def word(alphabet: str) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 10)))

    texts = [
        " ".join(word(a) for _ in range(n)) for a in alphabets for n in (1, 2, 3) for _ in range(25)
    ]

    def top(q: str) -> tuple[bool, float]:
        query = parse(q)
        expanded = vocabulary.expand(query)
        nearest = _nearest(backend, q, None, None, None, gloss=_gloss(query, expanded))
        assert nearest is not None
        best = float(np.max(nearest.index.matrix @ nearest.vector))
        return expanded.recognised, best

    scores = [s for r, s in map(top, texts) if not r]
    print(f"gibberish: {len(texts)}, unrecognised: {len(scores)}")
    print(
        "nearest similarity, percentiles 50/90/95/99/max:",
        [round(float(np.percentile(scores, p)), 3) for p in (50, 90, 95, 99, 100)],
    )
    _, queries = evaluation.load_judged()
    for q in evaluation.split(queries, "tuning"):
        recognised, best = top(q["q"])
        if not recognised:
            print(f"unrecognised tuning query ({q['kind']}, {q['lang']}): {best:.3f} {q['q']}")


def show(kind: str) -> None:
    """The tuning-half queries of one kind: nDCG@10, expansions, first ten results."""
    from django.contrib.auth.models import AnonymousUser

    from smenet.search import evaluation, vocabulary
    from smenet.search.selectors import _gloss, parse, search, thesaurus

    corpus, queries = evaluation.load_judged()
    docs = {d["ref"]: d for d in corpus}
    for q in evaluation.split(queries, "tuning"):
        if q.get("kind") != kind:
            continue
        hits = search(user=AnonymousUser(), q=q["q"], types=["best_practice"], limit=10).hits
        ranked = [h.ref for h in hits]
        query = parse(q["q"])
        expanded = vocabulary.expand(query)
        if expanded.query is not None:
            expanded = replace(expanded, query=thesaurus().expand_alternatives(expanded.query))
        print(
            f"{q['lang']} {evaluation.ndcg(ranked, q['relevant']):.2f} {q['q']!r}  [{q['topic']}]"
        )
        for t in (expanded.query or query).terms:
            print(f"    {t.text}: {sorted(t.alternatives)}")
        print(f"    gloss: {_gloss(query, expanded)}")
        for ref in ranked:
            d = docs[ref]
            print(
                f"    {q['relevant'].get(ref, 0)} {d['original_language']} {d['subjects']}"
                f" {next(iter(d['title'].values()))[:60]}"
            )


def main() -> None:
    calibrating = "--calibrate" in sys.argv
    configs = [json.loads(a) for a in sys.argv[1:] if a.startswith("{")] or [{}]
    verbose = any(c.pop("_verbose", False) for c in configs)
    cleanup = setup_database("judged")
    try:
        from django.conf import settings
        from django.contrib.auth.models import AnonymousUser

        from smenet.knowledge.importer import import_best_practices
        from smenet.search import evaluation, vectors, vocabulary
        from smenet.search.indexing import rebuild
        from smenet.search.models import SearchDocument, SearchVector
        from smenet.search.selectors import search

        _, queries = evaluation.load_judged()
        if not SearchDocument.objects.filter(type="best_practice").exists():
            import_best_practices(evaluation.JUDGED_DIR / "corpus.jsonl")
        rebuild()
        vocabulary.refresh(force=True)
        if not SearchVector.objects.exists() or "--revectors" in sys.argv:
            vectors.rebuild()
        if calibrating:
            calibrate()
            return
        if "--show" in sys.argv:
            show(sys.argv[sys.argv.index("--show") + 1])
            return
        user = AnonymousUser()

        def run(q):
            hits = search(user=user, q=q["q"], types=["best_practice"], limit=10).hits
            return [h.ref for h in hits]

        base_scores = None
        for config in configs:
            missing = object()
            saved = {k: getattr(settings, k, missing) for k in config}
            for k, v in config.items():
                setattr(settings, k, v)
            per_query = {}
            out = {}
            for half in ("tuning", "test"):
                qs = evaluation.split(queries, half)
                out[half] = evaluation.evaluate(qs, run)
                for q in qs:
                    per_query[q["id"]] = (q, evaluation.ndcg(run(q), q["relevant"]))
            keys = sorted(out["test"], key=lambda k: (k.startswith("kind:"), k != "all", k))
            print(f"== {json.dumps(config)}")
            print(
                "  "
                + "  ".join(
                    f"{k.removeprefix('kind:')[:6]}={out['tuning'][k]['ndcg@10']:.3f}/{out['test'][k]['ndcg@10']:.3f}"
                    for k in keys
                ),
                flush=True,
            )
            if base_scores is not None and verbose:
                for qid, (q, s) in per_query.items():
                    b = base_scores[qid][1]
                    if abs(s - b) > 0.05 and q["split"] == "tuning":
                        print(f"    {q['kind']:14} {q['lang']} {b:.2f}->{s:.2f} {q['q']}")
            if base_scores is None:
                base_scores = per_query
            for k, v in saved.items():
                if v is missing:
                    delattr(settings, k)
                else:
                    setattr(settings, k, v)
    finally:
        cleanup()


if __name__ == "__main__":
    main()
