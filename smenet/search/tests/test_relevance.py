"""Relevance regression on the judged set: runs on whichever database the suite uses (SQLite by
default, PostgreSQL with DATABASE_URL), so both back ends must stay above the floors."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.knowledge.importer import import_best_practices
from smenet.search import evaluation
from smenet.search.indexing import rebuild
from smenet.search.selectors import search

FLOORS = {"all": 0.6, "ar": 0.5, "en": 0.5, "fr": 0.5, "tr": 0.5}


@pytest.fixture
def judged(reference_data, tmp_path):
    corpus, queries = evaluation.load_judged()
    path = tmp_path / "judged.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in corpus), "utf-8")
    import_best_practices(path)
    rebuild(["best_practice"])
    return corpus, queries[::2]  # a subset keeps the test fast


def test_ndcg_stays_above_the_floor_and_beats_plain_fts5(judged):
    corpus, queries = judged

    def ours(q):
        return [
            h.ref
            for h in search(user=AnonymousUser(), q=q["q"], types=["best_practice"], limit=10).hits
        ]

    mine = evaluation.evaluate(queries, ours)
    plain = evaluation.evaluate(queries, evaluation.fts5_baseline(corpus))
    for lang, floor in FLOORS.items():
        assert mine[lang]["ndcg@10"] >= floor, (lang, mine[lang])
    assert mine["all"]["ndcg@10"] > plain["all"]["ndcg@10"] + 0.1
