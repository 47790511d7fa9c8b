"""Tiered ranking with a bounded scoring window, date-ordered keys and parallel indexing,
through the selector on the real back end (SQLite or PostgreSQL, whichever the suite runs on)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from smenet.search import indexing
from smenet.search.backends import backend_for, base, doc_pk, index_key
from smenet.search.models import SearchDocument
from smenet.search.registry import IndexDocument
from smenet.search.selectors import search

from .factories import index_document

pytestmark = pytest.mark.django_db
START = datetime.date(2020, 1, 1)


def _doc(i: int, title: str, body: str, days: int | None = None) -> IndexDocument:
    return index_document(
        i, title, body, date=START + datetime.timedelta(days=i if days is None else days)
    )


@pytest.fixture
def mixed():
    """5 documents with both words in the title, 9 with them in the text only (some as a
    phrase), 4 that do not match; dates increase with the id."""
    docs = [_doc(i, f"Export finance {i}", "support") for i in range(1, 6)]
    docs += [_doc(i, f"Centre {i}", "export finance here") for i in range(6, 10)]
    docs += [_doc(i, f"Office {i}", "finance for firms that export") for i in range(10, 15)]
    docs += [_doc(i, f"Unrelated {i}", "tourism and crafts") for i in range(15, 19)]
    indexing.index_documents("best_practice", docs)
    return docs


def _all_pages(q: str, page: int = 4) -> list[str]:
    refs: list[str] = []
    offset = 0
    while True:
        hits = search(user=AnonymousUser(), q=q, offset=offset, limit=page).hits
        if not hits:
            return refs
        refs.extend(h.ref for h in hits)
        offset += page


def _tier(ref: str) -> int:
    i = int(ref[1:])
    return 0 if i <= 5 else 1 if i <= 9 else 2


@pytest.mark.parametrize("window", [2000, 9, 3, 1])
def test_pages_cover_every_match_once_title_tier_first(settings, mixed, window):
    settings.SEARCH_RANK_WINDOW = window
    refs = _all_pages("export finance")
    assert sorted(refs, key=lambda r: int(r[1:])) == [f"r{i}" for i in range(1, 15)]
    assert len(refs) == len(set(refs)) == search(user=AnonymousUser(), q="export finance").count
    assert {_tier(r) for r in refs[:5]} == {0}  # every word in the title, whatever the window
    if window >= 9:  # every tier fits in its window: title, then phrase, then scattered
        tiers = [_tier(r) for r in refs]
        assert tiers == sorted(tiers), refs


def test_the_phrase_ranks_first_inside_the_window(settings, mixed):
    # Text-only tier: r6-r9 have the phrase, r10-r14 scattered words; newest is r14.
    settings.SEARCH_RANK_WINDOW = 6  # the window is r14..r9: one phrase document in it
    refs = _all_pages("export finance")
    assert refs[5] == "r9"
    assert set(refs[6:11]) == {"r10", "r11", "r12", "r13", "r14"}
    assert refs[11:] == ["r8", "r7", "r6"]  # beyond the window: newest first
    settings.SEARCH_RANK_WINDOW = 3  # window r14..r12: no phrase in it
    refs = _all_pages("export finance")
    assert refs[3:5] == ["r2", "r1"]  # title tier beyond its window of 3
    assert set(refs[5:8]) == {"r12", "r13", "r14"}
    assert refs[8:] == ["r11", "r10", "r9", "r8", "r7", "r6"]


def test_beyond_the_window_matches_follow_newest_first(settings, mixed):
    settings.SEARCH_RANK_WINDOW = 2
    refs = _all_pages("finance", page=3)
    body = [r for r in refs if _tier(r) > 0]
    # Text-only tier (9 documents): its 2 newest ranked by score, then the other 7 newest first.
    assert set(body[:2]) == {"r13", "r14"}
    assert body[2:] == ["r12", "r11", "r10", "r9", "r8", "r7", "r6"]


def test_scores_show_title_and_phrase_bonuses(mixed):
    hits = search(user=AnonymousUser(), q="export finance", limit=20).hits
    by_ref = {h.ref: h.score for h in hits}
    assert all(6 <= by_ref[f"r{i}"] < 7 for i in range(1, 6))  # title (4) + phrase (2)
    assert all(2 <= by_ref[f"r{i}"] < 3 for i in range(6, 10))  # phrase in the text
    assert all(0 <= by_ref[f"r{i}"] < 1 for i in range(10, 15))  # scattered words


def test_equal_scores_are_ordered_newest_first(mixed):
    docs = [_doc(100 + i, "Twin practice", "same words", days=400 - 30 * i) for i in range(4)]
    indexing.index_documents("best_practice", docs)
    refs = [h.ref for h in search(user=AnonymousUser(), q="twin practice").hits]
    assert refs == ["r100", "r101", "r102", "r103"]


def test_keys_are_date_ordered_and_map_back_to_rows():
    early = index_key(7, datetime.date(2001, 1, 1))
    late = index_key(3, datetime.date(2025, 1, 1))
    undated = index_key(9, None)
    assert undated < early < late
    assert (doc_pk(early), doc_pk(late), doc_pk(undated)) == (7, 3, 9)
    with pytest.raises(ValueError):
        index_key(0, None)


def test_reindexing_replaces_the_entry_under_its_new_date(mixed):
    indexing.index_documents("best_practice", [_doc(3, "Export finance 3", "x", days=9000)])
    backend = backend_for(connection)
    assert SearchDocument.objects.filter(type="best_practice", object_id=3).count() == 1
    total = sum(1 for _ in SearchDocument.objects.all())
    from smenet.search.query import Term

    assert backend.count(connection, Term("type:best_practice")) == total
    hits = search(user=AnonymousUser(), q="export finance", limit=5).hits
    assert hits[0].ref == "r3"  # newest of the title tier now (equal scores otherwise)


def test_parallel_indexing_gives_the_same_index(monkeypatch):
    monkeypatch.setattr(indexing, "BATCH", 7)  # 40 documents: 6 batches, so a pool is used
    docs = [_doc(i, f"Title {i} export", f"body {i} finance crafts") for i in range(1, 41)]
    assert indexing.index_documents("best_practice", docs, workers=2) == 40
    parallel = {
        q: [(h.ref, h.score) for h in search(user=AnonymousUser(), q=q, limit=50).hits]
        for q in ("export", "finance crafts", "title 17")
    }
    rows = sorted(SearchDocument.objects.values_list("object_id", "titles", "texts", "date"))
    indexing.rebuild(["best_practice"])  # the registered type has no objects: empties it
    assert not SearchDocument.objects.filter(type="best_practice").exists()
    assert indexing.index_documents("best_practice", docs, workers=1) == 40
    serial = {
        q: [(h.ref, h.score) for h in search(user=AnonymousUser(), q=q, limit=50).hits]
        for q in parallel
    }
    assert serial == parallel
    assert len(parallel["export"]) == 40 and parallel["title 17"][0][0] == "r17"
    assert (
        sorted(SearchDocument.objects.values_list("object_id", "titles", "texts", "date")) == rows
    )


def test_facets_count_the_newest_matches_of_a_broad_query(settings, mixed):
    settings.SEARCH_FACET_WINDOW = 4
    result = search(user=AnonymousUser(), q="finance", facets=True)
    assert result.count == 14
    assert result.facets_sampled == 4
    assert dict(result.facets["type"]) == {"best_practice": 4}
    settings.SEARCH_FACET_WINDOW = 100
    result = search(user=AnonymousUser(), q="finance", facets=True)
    assert result.facets_sampled is None
    assert dict(result.facets["type"]) == {"best_practice": 14}


@pytest.mark.django_db(transaction=True)
def test_flush_leaves_no_orphaned_index_entries():
    from django.core.management import call_command

    from smenet.search.query import Term

    indexing.index_documents("best_practice", [_doc(1, "Export finance", "x")])
    backend = backend_for(connection)
    assert backend.count(connection, Term("type:best_practice")) == 1
    call_command("flush", interactive=False, verbosity=0)
    assert not SearchDocument.objects.exists()
    assert backend.count(connection, Term("type:best_practice")) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [(["no_such_type"], "Unknown types: no_such_type"), (["--workers", "0"], "--workers")],
)
def test_rebuild_command_refuses_bad_arguments_and_changes_nothing(mixed, args, message):
    from django.core.management import CommandError, call_command

    before = sorted(SearchDocument.objects.values_list("id", flat=True))
    with pytest.raises(CommandError, match=message):
        call_command("rebuild_search_index", *args)
    assert sorted(SearchDocument.objects.values_list("id", flat=True)) == before


def test_rebuild_warns_when_postgresql_cannot_cache_the_index(mixed):
    backend = backend_for(connection)
    if connection.vendor != "postgresql":
        assert backend.memory_note(connection) is None  # SQLite has no such setting
        return
    assert backend.memory_note(connection) is None  # a few rows fit in any shared_buffers
    note = backend.memory_note(connection, buffers=1024)
    assert note is not None and "shared_buffers (0 MiB)" in note
    assert "at least 1 MiB" in note


def test_the_stored_entry_has_the_layout_queries_assume():
    """Title, text and tags in order with a gap between columns; on PostgreSQL weights A/B/D
    and the ``^term`` title copies, written through binary COPY."""
    backend = backend_for(connection)
    key = index_key(4242, datetime.date(2024, 5, 1))
    encoded = backend.encode(["export", "finance", "l'état"], ["export"], ["type:best_practice"])
    backend.write(connection, [(key, *encoded)])
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT tsv::text FROM search_index_pg WHERE doc_id = %s", [key])
            assert cur.fetchone()[0] == (
                "'^export' '^finance' '^l''état' 'export':1A,5B 'finance':2A "
                "'l''état':3A 'type:best_practice':7"
            )
        else:
            cur.execute("SELECT title, body, tags FROM search_fts WHERE rowid = %s", [key])
            assert cur.fetchone() == ("export finance l'état", "export", "type:best_practice")
    from smenet.search.query import Phrase, Term

    assert backend.count(connection, Phrase(("export", "finance"))) == 1
    assert backend.count(connection, Phrase(("finance", "export"))) == 0  # no phrase over columns
    assert backend.count(connection, Term("export", title_only=True)) == 1
    assert backend.count(connection, Term("l'état")) == 1


def test_a_huge_word_is_indexed_cut_short_on_both_engines():
    """PostgreSQL refuses lexemes over 2 kB; a pasted blob must not break indexing."""
    blob = "ab" * 3000
    indexing.index_documents("best_practice", [_doc(1, "Export blob", f"{blob} finance")])
    assert search(user=AnonymousUser(), q="finance").count == 1
    assert search(user=AnonymousUser(), q=blob).count == 1  # the query is cut the same way
    assert search(user=AnonymousUser(), q="ab" * 40).count == 0  # a shorter prefix is not it


@pytest.mark.parametrize("window", [1, 3, 5, 6, 13, 14, 15, 100])
@pytest.mark.parametrize("rank_window", [2, 500])
def test_unfiltered_facets_count_the_newest_matches_the_ranking_read(
    settings, monkeypatch, window, rank_window
):
    """Without filters the facets count the newest matches the ranking's tier windows read
    (``ranking.Newest``) instead of asking the engine for them again: the same groups as
    the engine's own pass over the matches, whether the newest lie in the title tier, the
    text tier or across both, and whatever the scoring window."""
    from smenet.search.query import compile_query
    from smenet.search.selectors import facet_counts, parse

    countries = ["AZE", "TUR", "SAU", "EGY", "MYS"]
    day = START + datetime.timedelta(days=1)
    docs = [  # the title matches are the oldest: the newest matches cross the tiers
        index_document(
            i,
            f"Export finance {i}",
            "support",
            date=day + datetime.timedelta(i),
            country=countries[i % 5],
        )
        for i in range(1, 6)
    ]
    docs += [
        index_document(
            i,
            f"Office {i}",
            "finance for firms that export",
            date=day + datetime.timedelta(i),
            country=countries[i % 3],
        )
        for i in range(6, 15)
    ]
    indexing.index_documents("best_practice", docs)
    monkeypatch.setattr(base, "GROUP_CHUNK", 4)  # groups summed over several statements
    settings.SEARCH_FACET_WINDOW = window
    settings.SEARCH_RANK_WINDOW = rank_window
    settings.SEARCH_SEMANTIC = False
    backend = backend_for(connection)
    node = compile_query(parse("export finance"), None, None).match
    expected_rows, expected_sampled = backend.facet_rows(connection, node, window)
    # With a filter the facets ask the engine (the ranking read the filtered matches only).
    filtered = search(user=AnonymousUser(), q="export finance", facets=True, country="AZE")

    def no_second_pass(*args, **kwargs):
        raise AssertionError("the facets asked the engine for the matches again")

    monkeypatch.setattr(type(backend), "facet_rows", no_second_pass)
    result = search(user=AnonymousUser(), q="export finance", facets=True)
    assert result.count == 14
    assert result.facets == facet_counts(expected_rows)
    assert (result.facets_sampled is not None) == expected_sampled == (window < 14)
    assert filtered.facets == result.facets
