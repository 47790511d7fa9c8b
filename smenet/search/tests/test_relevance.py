"""Relevance regression on the judged set, in both modes of issue 16 (hybrid, and lexical only
when ``SEARCH_SEMANTIC`` is off): runs on whichever database the suite uses (SQLite by default,
PostgreSQL with DATABASE_URL), so both back ends must stay above the floors. The floors sit a
little below the figures measured on the same subset (docs/performance.md)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.knowledge.importer import import_best_practices
from smenet.search import evaluation, vectors, vocabulary
from smenet.search.indexing import rebuild
from smenet.search.selectors import search

FLOORS = {
    "hybrid": {"all": 0.70, "language": 0.5, "kind": 0.25},
    "lexical": {"all": 0.55, "language": 0.4, "kind": 0.0},
}


@pytest.fixture
def judged(reference_data, tmp_path, settings):
    settings.SEARCH_VOCABULARY_INTERVAL = 10**6  # one copy after the rebuild, not one a save
    corpus, queries = evaluation.load_judged()
    path = tmp_path / "judged.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in corpus), "utf-8")
    import_best_practices(path)
    rebuild(["best_practice"])
    vectors.rebuild(["best_practice"])
    settings.SEARCH_VOCABULARY_INTERVAL = 0
    yield corpus, queries[::3]  # a subset keeps the test fast
    vectors.forget()
    vocabulary.forget()


def test_both_modes_stay_above_their_floors_and_hybrid_beats_lexical_only(judged, settings):
    """One import and one run per mode (the judged set is the slow part of the search tests)."""
    corpus, queries = judged

    def ours(q):
        hits = search(user=AnonymousUser(), q=q["q"], types=["best_practice"], limit=10).hits
        return [h.ref for h in hits]

    plain = evaluation.evaluate(queries, evaluation.fts5_baseline(corpus))
    measured = {}
    for mode in ("hybrid", "lexical"):
        settings.SEARCH_SEMANTIC = mode == "hybrid"
        mine = measured[mode] = evaluation.evaluate(queries, ours)
        floors = FLOORS[mode]
        assert mine["all"]["ndcg@10"] >= floors["all"], (mode, mine["all"])
        for key, figures in mine.items():
            floor = floors["kind"] if key.startswith("kind:") else floors["language"]
            if key != "all":
                assert figures["ndcg@10"] >= floor, (mode, key, figures)
        assert mine["all"]["ndcg@10"] > plain["all"]["ndcg@10"] + 0.3, mode
    assert measured["hybrid"]["all"]["ndcg@10"] > measured["lexical"]["all"]["ndcg@10"] + 0.03
