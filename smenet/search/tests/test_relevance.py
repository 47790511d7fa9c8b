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


@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_ndcg_stays_above_the_floor_and_beats_plain_fts5(judged, settings, mode):
    corpus, queries = judged
    settings.SEARCH_SEMANTIC = mode == "hybrid"

    def ours(q):
        hits = search(user=AnonymousUser(), q=q["q"], types=["best_practice"], limit=10).hits
        return [h.ref for h in hits]

    mine = evaluation.evaluate(queries, ours)
    plain = evaluation.evaluate(queries, evaluation.fts5_baseline(corpus))
    floors = FLOORS[mode]
    assert mine["all"]["ndcg@10"] >= floors["all"], mine["all"]
    for key, figures in mine.items():
        floor = floors["kind"] if key.startswith("kind:") else floors["language"]
        if key != "all":
            assert figures["ndcg@10"] >= floor, (key, figures)
    assert mine["all"]["ndcg@10"] > plain["all"]["ndcg@10"] + 0.3


def test_hybrid_beats_lexical_only(judged, settings):
    _, queries = judged

    def run(q):
        hits = search(user=AnonymousUser(), q=q["q"], types=["best_practice"], limit=10).hits
        return [h.ref for h in hits]

    settings.SEARCH_SEMANTIC = True
    hybrid = evaluation.evaluate(queries, run)["all"]["ndcg@10"]
    settings.SEARCH_SEMANTIC = False
    lexical = evaluation.evaluate(queries, run)["all"]["ndcg@10"]
    assert hybrid > lexical + 0.03
