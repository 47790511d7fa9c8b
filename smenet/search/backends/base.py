# ruff: noqa: S608 -- SQL is built from constant table names and placeholders only; user text is always a parameter.
"""Storage of analysed terms: SQLite FTS5 or PostgreSQL tsvector + GIN, behind one interface.

Both receive the same analysed terms (indexing.py) and render the same boolean tree
(query.py), so they return the same matches. They offer ranking.py the same primitives:
counts, windows (the count and the keys of the newest matches), the engine's text score of a
window squashed into [0, 1) (FTS5 ``bm25`` with column weights; PostgreSQL ``ts_rank`` with
weights A/B/D) and pages in key (recency) order.
"""

from __future__ import annotations

import contextlib
import datetime
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..query import Node, all_of

DOC_TABLE = "search_searchdocument"
#: Documents grouped per statement (``Backend.groups``).
GROUP_CHUNK = 10_000
#: PostgreSQL keeps word positions up to 16383; we stay below so phrases agree with FTS5.
MAX_POSITION = 16000
#: Index keys put the document's date above its row id, so key order is recency order
#: (date, then newest row): both engines walk a match list in key order without scoring it.
KEY_SHIFT = 32
KEY_MASK = (1 << KEY_SHIFT) - 1


def index_key(pk: int, date: datetime.date | None) -> int:
    """The back-end key of a document row: ``(date ordinal << 32) | row id`` (no date: 0)."""
    if not 0 < pk <= KEY_MASK:
        raise ValueError(f"search document id out of range: {pk}")
    return ((date.toordinal() if date else 0) << KEY_SHIFT) | pk


def doc_pk(key: int) -> int:
    return int(key) & KEY_MASK


@dataclass(frozen=True, slots=True)
class Window:
    """The newest matches of a query: how many match in all, and the keys of the newest
    (newest first; all of them when ``count`` <= the window's size)."""

    count: int
    keys: tuple[int, ...]

    @property
    def complete(self) -> bool:
        return self.count <= len(self.keys)


class Backend:
    vendor = ""
    #: The back-end table (each back end names its own).
    TABLE: str
    #: Column holding the key in the back-end table (FTS5 ``rowid``, ``doc_id``).
    KEY = ""

    def create_tables(self, connection: Any) -> None:
        raise NotImplementedError

    def drop_tables(self, connection: Any) -> None:
        raise NotImplementedError

    def encode(self, title: Sequence[str], body: Sequence[str], tags: Sequence[str]) -> tuple:
        """The analysed terms of one document as the values ``write`` stores (pure)."""
        raise NotImplementedError

    def write(self, connection: Any, rows: Sequence[tuple]) -> None:
        """Store ``(index key, *encode(...))`` rows."""
        raise NotImplementedError

    def delete(self, connection: Any, keys: Sequence[int]) -> None:
        raise NotImplementedError

    def clear(self, connection: Any) -> None:
        raise NotImplementedError

    def lock_index_writes(self, connection: Any) -> None:
        """Within the caller's transaction, wait for any other transaction that re-indexes
        objects, so that what one reads and writes is not overwritten by an older copy
        (``indexing.index_objects``). Nothing to do where a write transaction already holds
        the database's write lock from its start (SQLite's IMMEDIATE transactions)."""

    def insert_documents(self, connection: Any, documents: Sequence[Any]) -> list[Any]:
        """Insert new ``SearchDocument`` instances; returns them with their ids."""
        from ..models import SearchDocument

        return SearchDocument.objects.bulk_create(documents)

    @contextlib.contextmanager
    def bulk_load(self, connection: Any) -> Iterator[None]:
        """Around loading many documents at once (a rebuild): the engine may defer its index
        work to the end. Call inside a transaction."""
        yield

    def render(self, node: Node) -> str:
        raise NotImplementedError

    def memory_note(self, connection: Any, buffers: int | None = None) -> str | None:
        """Advice when the engine's cache is too small for the index (None: nothing to say).
        ``buffers``: the cache size in bytes (default: the server's setting)."""
        return None

    def size_bytes(self, connection: Any) -> int:
        raise NotImplementedError

    def vocabulary(self, connection: Any, min_documents: int = 1) -> list[tuple[str, int]]:
        """``(term, documents)`` of every word and concept term in the index (no filter
        tags), read from the engine's own statistics."""
        raise NotImplementedError

    # -- the engine-specific SQL --------------------------------------------------------------

    #: Direction of the raw score from best to worst (bm25: lower is better).
    SCORE_ORDER = "DESC"

    def _match_sql(self) -> tuple[str, str]:
        """``(FROM clause, WHERE clause with one %s for the rendered match)``."""
        raise NotImplementedError

    def _score_expression(self) -> str:
        """SQL of the engine's raw text score of a matching row."""
        raise NotImplementedError

    def _score_params(self, score_node: Node) -> list[Any]:
        """Parameters of ``_score_expression`` (before the match parameter)."""
        raise NotImplementedError

    @staticmethod
    def _squash(raw: float) -> float:
        """The engine's raw text score as a number in [0, 1), higher is better."""
        raise NotImplementedError

    # -- queries shared by both ------------------------------------------------------------------

    def _execute(self, connection: Any, sql: str, params: Sequence[Any]) -> list[tuple]:
        with connection.cursor() as cur:
            cur.execute(sql, list(params))
            return cur.fetchall()

    def count(self, connection: Any, node: Node | None) -> int:
        """How many documents match ``node`` (the back-end table alone: no join)."""
        if node is None:
            return 0
        frm, where = self._match_sql()
        return int(
            self._execute(
                connection, f"SELECT count(*) FROM {frm} WHERE {where}", [self.render(node)]
            )[0][0]
        )

    def nth_newest(self, connection: Any, node: Node, n: int) -> int | None:
        """The key of the ``n``-th newest match (1-based), None if there are fewer."""
        frm, where = self._match_sql()
        rows = self._execute(
            connection,
            f"SELECT {self.KEY} FROM {frm} WHERE {where} ORDER BY {self.KEY} DESC "
            "LIMIT 1 OFFSET %s",
            [self.render(node), n - 1],
        )
        return int(rows[0][0]) if rows else None

    def window(self, connection: Any, node: Node, size: int) -> Window:
        """How many documents match ``node``, and the keys of the ``size`` newest."""
        frm, where = self._match_sql()
        keys = self._execute(
            connection,
            f"SELECT {self.KEY} FROM {frm} WHERE {where} ORDER BY {self.KEY} DESC LIMIT %s",
            [self.render(node), size],
        )
        total = len(keys) if len(keys) < size else self.count(connection, node)
        return Window(total, tuple(int(k) for (k,) in keys))

    def window_scores(
        self,
        connection: Any,
        node: Node,
        score_node: Node,
        phrase: Node | None,
        window: Window,
    ) -> list[tuple[int, float, bool]]:
        """``(key, text score of score_node, contains phrase)`` of every key of ``window``
        (the newest matches of ``node``), in no particular order."""
        if not window.keys:
            return []
        frm, where = self._match_sql()
        rows = self._execute(
            connection,
            f"SELECT {self.KEY}, {self._score_expression()} FROM {frm} "
            f"WHERE {where} AND {self.KEY} >= %s",
            [*self._score_params(score_node), self.render(node), window.keys[-1]],
        )
        in_window = set(window.keys)
        with_phrase = (
            self.matching(connection, all_of([node, phrase]), window.keys)
            if phrase is not None
            else set()
        )
        return [
            (int(k), self._squash(float(s)), int(k) in with_phrase)
            for k, s in rows
            if int(k) in in_window
        ]

    def matching(self, connection: Any, node: Node | None, keys: Sequence[int]) -> set[int]:
        """Which of ``keys`` match ``node``."""
        if node is None or not keys:
            return set()
        frm, where = self._match_sql()
        rows = self._execute(
            connection,
            f"SELECT {self.KEY} FROM {frm} WHERE {where} AND {self.KEY} BETWEEN %s AND %s",
            [self.render(node), min(keys), max(keys)],
        )
        wanted = set(keys)
        return {int(k) for (k,) in rows if int(k) in wanted}

    def scored(
        self,
        connection: Any,
        node: Node,
        score_node: Node,
        *,
        limit: int,
        offset: int,
    ) -> list[tuple[int, float]]:
        """``(key, score)`` of the matches of ``node``, best text score (of ``score_node``)
        first, newest first among equals: every match scored (the benchmark's baseline)."""
        order = f"score {self.SCORE_ORDER}, {self.KEY} DESC"
        return self._page(connection, node, score_node, order, None, limit, offset)

    def newest(
        self,
        connection: Any,
        node: Node,
        score_node: Node,
        *,
        limit: int,
        offset: int,
        below: int | None = None,
    ) -> list[tuple[int, float]]:
        """``(key, score)`` of the matches of ``node`` with key < ``below``, newest first:
        the engine walks its match list in key order and stops at the page (no sort)."""
        return self._page(connection, node, score_node, f"{self.KEY} DESC", below, limit, offset)

    def _page(
        self,
        connection: Any,
        node: Node,
        score_node: Node,
        order: str,
        below: int | None,
        limit: int,
        offset: int,
    ) -> list[tuple[int, float]]:
        frm, where = self._match_sql()
        params: list[Any] = [*self._score_params(score_node), self.render(node)]
        if below is not None:
            where += f" AND {self.KEY} < %s"
            params.append(below)
        rows = self._execute(
            connection,
            f"SELECT {self.KEY}, {self._score_expression()} AS score FROM {frm} WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [(int(k), self._squash(float(s))) for k, s in rows]

    def groups(self, connection: Any, pks: Sequence[int]) -> list[tuple[str, str, str, str, int]]:
        """``(type, country, languages, subjects, count)`` groups of these documents."""
        totals: Counter[tuple[str, str, str, str]] = Counter()
        for start in range(0, len(pks), GROUP_CHUNK):  # SQLite's limit on parameters
            chunk = list(pks[start : start + GROUP_CHUNK])
            marks = ",".join(["%s"] * len(chunk))
            for *key, n in self._execute(
                connection,
                f"SELECT type, country, languages, subjects, count(*) FROM {DOC_TABLE} "
                f"WHERE id IN ({marks}) GROUP BY type, country, languages, subjects",
                chunk,
            ):
                totals[tuple(key)] += n
        return [(*key, n) for key, n in totals.items()]

    def facet_rows(
        self, connection: Any, node: Node | None, size: int
    ) -> tuple[list[tuple[str, str, str, str, int]], bool]:
        """``(type, country, languages, subjects, count)`` groups of the ``size`` newest
        documents matching ``node``, and whether more documents match (facets sampled)."""
        if node is None:
            return [], False
        edge = self.nth_newest(connection, node, size + 1)
        frm, where = self._match_sql()
        key = f"{self.TABLE}.{self.KEY}"
        bounds = f" AND {key} > %s" if edge is not None else ""
        sql = (
            f"SELECT d.type, d.country, d.languages, d.subjects, count(*) FROM {frm} "
            f"JOIN {DOC_TABLE} d ON d.id = ({key} & {KEY_MASK}) "
            f"WHERE {where}{bounds} GROUP BY d.type, d.country, d.languages, d.subjects"
        )
        params: list[Any] = [self.render(node)] + ([edge] if edge is not None else [])
        rows = [tuple(r) for r in self._execute(connection, sql, params)]
        return rows, edge is not None
