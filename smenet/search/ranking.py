"""Ranking in tiers, on top of a back end's primitives (count, scored page, newest page).

The order of the matches of a compiled query is, on both back ends:

1. the tier: every query word in the title *and* the words as a phrase (score 6 + text
   score), every word in the title (4 + …), the phrase elsewhere (2 + …), the rest (0 + …);
2. within a tier, the engine's text score (FTS5 bm25 / ts_rank, squashed into [0, 1));
3. recency (the document date, then the newest row) among equal scores.

Each tier is its own boolean query, so the engine counts it without scoring, and only the
tiers that reach the requested page are scored. A tier with more than ``window`` matches
(a broad query: a single common word) has its ``window`` newest matches ranked by text
score and the rest following newest first, so scoring work stays bounded whatever the index
size: the engine finds the window's edge and pages by walking its match lists in key order
(keys are date-ordered: backends.index_key). The window is large enough that ranking of
ordinary queries is exact; ``settings.SEARCH_RANK_WINDOW`` changes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .backends import Backend, doc_pk
from .query import AndNot, CompiledQuery, Node, all_of, any_of

DEFAULT_WINDOW = 500


@dataclass(frozen=True, slots=True)
class Tier:
    node: Node
    bonus: int


def window() -> int:
    return int(getattr(settings, "SEARCH_RANK_WINDOW", DEFAULT_WINDOW))


def tiers(compiled: CompiledQuery) -> list[Tier]:
    """The tiers of a compiled query, best first; together they partition its matches."""
    m, t, p = compiled.match, compiled.title, compiled.phrase
    if m is None:
        return []
    if t is None and p is None:
        return [Tier(m, 0)]
    if p is None:
        assert t is not None
        return [Tier(all_of([m, t]), 4), Tier(AndNot(m, t), 0)]  # type: ignore[arg-type]
    if t is None:
        return [Tier(all_of([m, p]), 2), Tier(AndNot(m, p), 0)]  # type: ignore[arg-type]
    return [
        Tier(all_of([m, t, p]), 6),  # type: ignore[arg-type]
        Tier(AndNot(all_of([m, t]), p), 4),  # type: ignore[arg-type]
        Tier(AndNot(all_of([m, p]), t), 2),  # type: ignore[arg-type]
        Tier(AndNot(m, any_of([t, p])), 0),  # type: ignore[arg-type]
    ]


def ranked(
    backend: Backend,
    connection: Any,
    compiled: CompiledQuery,
    *,
    total: int,
    limit: int,
    offset: int,
    size: int | None = None,
) -> list[tuple[int, float]]:
    """``(document id, score)`` of matches ``offset`` to ``offset + limit``, best first.
    ``total`` is the number of matches (``backend.count`` of ``compiled.match``)."""
    if compiled.match is None or limit <= 0:
        return []
    size = size or window()
    end = offset + limit
    found: list[tuple[int, float]] = []
    start = 0
    levels = tiers(compiled)
    for i, tier in enumerate(levels):
        if start >= min(end, total):
            break
        if i == len(levels) - 1:
            n, edge = total - start, None
            if n > size:
                edge = backend.nth_newest(connection, tier.node, size)
        else:
            n, edge = backend.count_and_edge(connection, tier.node, size)
        if n > 0 and start + n > offset:
            lo, hi = max(0, offset - start), min(n, end - start)
            page = _tier_page(backend, connection, tier.node, compiled.match, n, lo, hi, size, edge)
            found.extend((doc_pk(key), tier.bonus + score) for key, score in page)
        start += n
    return found


def _tier_page(
    backend: Backend,
    connection: Any,
    node: Node,
    score_node: Node,
    n: int,
    lo: int,
    hi: int,
    size: int,
    floor: int | None,
) -> Sequence[tuple[int, float]]:
    """Positions ``lo`` to ``hi`` of a tier of ``n`` matches whose ``size``-th newest has
    key ``floor`` (None: at most ``size`` matches, or the index changed under us)."""
    if n <= size or floor is None:
        return backend.scored(connection, node, score_node, limit=hi - lo, offset=lo)
    page: list[tuple[int, float]] = []
    if lo < size:
        page += backend.scored(
            connection, node, score_node, limit=min(hi, size) - lo, offset=lo, floor=floor
        )
    if hi > size:
        skip = max(lo, size) - size
        page += backend.newest(
            connection, node, score_node, limit=hi - max(lo, size), offset=skip, below=floor
        )
    return page


def facet_edge(backend: Backend, connection: Any, node: Node | None, size: int) -> int | None:
    """None when ``node`` has at most ``size`` matches (facets count them all); otherwise
    the key of the newest match beyond them (facets count the ``size`` newest, above it)."""
    if node is None:
        return None
    return backend.nth_newest(connection, node, size + 1)
