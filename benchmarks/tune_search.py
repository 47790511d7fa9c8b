"""Tune the fusion settings on the tuning half of the judged set only (never on the test half).

  python benchmarks/tune_search.py

Imports the judged set once into a database of its own, then evaluates the hybrid search for
each combination of RRF constant, semantic weight and similarity floor, printing nDCG@10
overall and the worst language and kind. The chosen values go into the settings' defaults
(``selectors.DEFAULT_*``) by hand, with the figures in decision 0024.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import setup_database  # noqa: E402


def main() -> None:
    cleanup = setup_database()
    try:
        from django.conf import settings
        from django.contrib.auth.models import AnonymousUser

        from smenet.knowledge.importer import import_best_practices
        from smenet.search import evaluation, vectors
        from smenet.search.indexing import rebuild
        from smenet.search.selectors import search

        _, queries = evaluation.load_judged()
        tuning = evaluation.split(queries, "tuning")
        import_best_practices(evaluation.JUDGED_DIR / "corpus.jsonl")
        rebuild()
        vectors.rebuild()
        user = AnonymousUser()

        def run(q):
            hits = search(user=user, q=q["q"], types=["best_practice"], limit=10).hits
            return [h.ref for h in hits]

        grid = itertools.product((60.0,), (0.5, 1.0), (0.1,), (0.0, 0.5, 1.0, 2.0), (2, 3, 5))
        rows = []
        for k, weight, floor, feedback, documents in grid:
            settings.SEARCH_RRF_K, settings.SEARCH_SEMANTIC_WEIGHT = k, weight
            settings.SEARCH_SEMANTIC_MIN = floor
            settings.SEARCH_FEEDBACK_WEIGHT = feedback
            settings.SEARCH_FEEDBACK_DOCUMENTS = documents
            r = evaluation.evaluate(tuning, run)
            langs = {key: v["ndcg@10"] for key, v in r.items() if key != "all"}
            worst = min(langs, key=langs.__getitem__)
            rows.append((r["all"]["ndcg@10"], k, weight, floor, feedback, documents))
            print(
                f"k={k:5} weight={weight:4} floor={floor:4} feedback={feedback:4} x{documents} "
                f"nDCG@10={r['all']['ndcg@10']:.3f} worst {worst} {langs[worst]:.3f}",
                flush=True,
            )
        best = max(rows)
        print("best:", best)
    finally:
        cleanup()


if __name__ == "__main__":
    main()
