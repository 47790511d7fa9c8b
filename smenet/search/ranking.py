"""Ranking in two tiers with a scoring window, on top of a back end's primitives.

The order of the matches of a compiled query is, on both back ends:

1. the tier: every query word in the title (4), or not (0);
2. inside a tier's window, the words as a phrase (+2) plus the engine's text score (FTS5
   bm25 / ts_rank, squashed into [0, 1));
3. recency (the document date, then the newest row) among equal scores.

The **window** of a tier is its ``window()`` newest matches (``settings.SEARCH_RANK_WINDOW``,
500). A tier with more matches (a broad query) has its window ranked as above and the rest
following newest first, so the work per query is bounded whatever the index size: each tier
costs one pass that counts its matches and returns the keys of its window (keys are
date-ordered: ``backends.index_key``), and the phrase check and scoring look only at the
window. For ordinary queries every tier fits in its window and the ranking is exact.

The phrase is a bonus inside the window, not a tier of its own, because checking word
positions is the dearest part of a query on PostgreSQL (each candidate's tsvector is read
back from the table): a tier of 15,000 matches would cost 15,000 such reads (decision 0013).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from .backends import Backend, Window, doc_pk
from .query import AndNot, CompiledQuery, Node, all_of

DEFAULT_WINDOW = 500
TITLE_BONUS = 4
PHRASE_BONUS = 2


@dataclass(frozen=True, slots=True)
class Tier:
    node: Node
    bonus: int


@dataclass(slots=True)
class Newest:
    """The ``size`` newest matches of a ranked query across its tiers, gathered by
    ``ranked`` from the windows it reads anyway (the facets count them instead of asking the
    engine for the matches a second time): the tiers partition the matches, so the newest
    ``size`` of their windows' keys are the newest ``size`` matches."""

    size: int
    count: int = 0
    keys: list[int] = field(default_factory=list)

    def add(self, win: Window) -> None:
        self.count += win.count
        self.keys = list(heapq.merge(self.keys, win.keys, reverse=True))[: self.size]

    @property
    def complete(self) -> bool:
        return self.count <= len(self.keys)

    @classmethod
    def of(cls, size: int) -> Newest | None:
        """A collector of ``size`` keys, or None when none are wanted (``size`` 0)."""
        return cls(size) if size else None


def window() -> int:
    return int(getattr(settings, "SEARCH_RANK_WINDOW", DEFAULT_WINDOW))


def tiers(compiled: CompiledQuery) -> list[Tier]:
    """The tiers of a compiled query, best first; together they partition its matches."""
    m, t = compiled.match, compiled.title
    if m is None:
        return []
    if t is None:
        return [Tier(m, 0)]
    both = all_of([m, t])
    assert both is not None  # neither m nor t is None
    return [Tier(both, TITLE_BONUS), Tier(AndNot(m, t), 0)]


def ranked(
    backend: Backend,
    connection: Any,
    compiled: CompiledQuery,
    *,
    limit: int,
    offset: int,
    size: int | None = None,
    newest: Newest | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """The number of matches, and ``(document id, score)`` of matches ``offset`` to
    ``offset + limit``, best first. ``newest``: filled in with the newest matches (each
    tier's window is then read to at least ``newest.size`` keys)."""
    if compiled.match is None:
        return 0, []
    size = size or window()
    end = offset + max(limit, 0)
    found: list[tuple[int, float]] = []
    start = 0
    for tier in tiers(compiled):
        if newest is not None:
            win = backend.window(connection, tier.node, max(size, newest.size))
            newest.add(win)
            win = Window(win.count, win.keys[:size])
        elif start >= end:  # the page is full: only the count of the tier is needed
            start += backend.count(connection, tier.node)
            continue
        else:
            win = backend.window(connection, tier.node, size)
        lo, hi = max(0, offset - start), min(win.count, end - start)
        if lo < hi:
            page = _tier_page(backend, connection, tier, compiled, win, lo, hi)
            found.extend((doc_pk(key), score) for key, score in page)
        start += win.count
    return start, found


def _tier_page(
    backend: Backend,
    connection: Any,
    tier: Tier,
    compiled: CompiledQuery,
    win: Window,
    lo: int,
    hi: int,
) -> list[tuple[int, float]]:
    """Positions ``lo`` to ``hi`` of a tier: its window ranked, then the rest newest first."""
    assert compiled.match is not None
    page: list[tuple[int, float]] = []
    size = len(win.keys)
    if lo < size:
        scored = backend.window_scores(connection, tier.node, compiled.match, compiled.phrase, win)
        ordered = sorted(
            ((key, tier.bonus + PHRASE_BONUS * phrase + score) for key, score, phrase in scored),
            key=lambda item: (-item[1], -item[0]),
        )
        page += ordered[lo : min(hi, size)]
    if hi > size and not win.complete:
        rest = backend.newest(
            connection,
            tier.node,
            compiled.match,
            limit=hi - max(lo, size),
            offset=max(lo, size) - size,
            below=win.keys[-1],
        )
        with_phrase = (
            backend.matching(connection, all_of([tier.node, compiled.phrase]), [k for k, _ in rest])
            if compiled.phrase is not None
            else set()
        )
        page += [
            (key, tier.bonus + PHRASE_BONUS * (key in with_phrase) + score) for key, score in rest
        ]
    return page
