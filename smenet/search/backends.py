# ruff: noqa: S608 -- SQL is built from constant table names and placeholders only; user text is always a parameter.
"""Storage of analysed terms: SQLite FTS5 or PostgreSQL tsvector + GIN, behind one interface.

Both receive the same analysed terms (indexing.py) and render the same boolean tree
(query.py), so they return the same matches. Ranking adds, on both: 4 when every query word
is in the title, 2 when the words appear as a phrase, plus the engine's own text score
squashed into [0, 1) (FTS5 ``bm25`` with column weights; PostgreSQL ``ts_rank`` with weights
A/B/D), and recency as the tie-breaker.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator, Sequence
from typing import Any

from .query import And, AndNot, Node, Or, Phrase, Term

DOC_TABLE = "search_searchdocument"
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


class Backend:
    vendor = ""
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

    @contextlib.contextmanager
    def bulk_load(self, connection: Any) -> Iterator[None]:
        """Around loading many documents at once (a rebuild): the engine may defer its index
        work to the end. Call inside a transaction."""
        yield

    def render(self, node: Node) -> str:
        raise NotImplementedError

    def size_bytes(self, connection: Any) -> int:
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

    def count_and_edge(self, connection: Any, node: Node, n: int) -> tuple[int, int | None]:
        """How many documents match ``node``, and the key of the ``n``-th newest (None when
        there are at most ``n``)."""
        total = self.count(connection, node)
        return total, (self.nth_newest(connection, node, n) if total > n else None)

    def scored(
        self,
        connection: Any,
        node: Node,
        score_node: Node,
        *,
        limit: int,
        offset: int,
        floor: int | None = None,
    ) -> list[tuple[int, float]]:
        """``(key, score)`` of the matches of ``node`` with key ≥ ``floor``, best text score
        (of ``score_node``) first, newest first among equals."""
        order = f"score {self.SCORE_ORDER}, {self.KEY} DESC"
        return self._page(connection, node, score_node, order, ">=", floor, limit, offset)

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
        order = f"{self.KEY} DESC"
        return self._page(connection, node, score_node, order, "<", below, limit, offset)

    def _page(
        self,
        connection: Any,
        node: Node,
        score_node: Node,
        order: str,
        bound_op: str,
        bound: int | None,
        limit: int,
        offset: int,
    ) -> list[tuple[int, float]]:
        frm, where = self._match_sql()
        params: list[Any] = [*self._score_params(score_node), self.render(node)]
        if bound is not None:
            where += f" AND {self.KEY} {bound_op} %s"
            params.append(bound)
        rows = self._execute(
            connection,
            f"SELECT {self.KEY}, {self._score_expression()} AS score FROM {frm} WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [(int(k), self._squash(float(s))) for k, s in rows]

    def facet_rows(
        self, connection: Any, node: Node | None, above: int | None = None
    ) -> list[tuple[str, str, str, str, int]]:
        """``(type, country, languages, subjects, count)`` groups of the matching documents
        (with key > ``above``, when given)."""
        if node is None:
            return []
        frm, where = self._match_sql()
        key = f"{self.TABLE}.{self.KEY}"
        bounds = f" AND {key} > %s" if above is not None else ""
        sql = (
            f"SELECT d.type, d.country, d.languages, d.subjects, count(*) FROM {frm} "
            f"JOIN {DOC_TABLE} d ON d.id = ({key} & {KEY_MASK}) "
            f"WHERE {where}{bounds} GROUP BY d.type, d.country, d.languages, d.subjects"
        )
        params: list[Any] = [self.render(node)] + ([above] if above is not None else [])
        return [tuple(r) for r in self._execute(connection, sql, params)]  # type: ignore[misc]


class SqliteBackend(Backend):
    vendor = "sqlite"
    TABLE = "search_fts"
    KEY = "rowid"
    SCORE_ORDER = "ASC"
    # Terms arrive analysed; the tokenizer must only split on spaces and keep them intact:
    # marks (M*) are word characters, ":-_" are kept for concept and filter tags.
    TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' tokenchars ':-_'"

    def create_tables(self, connection: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.TABLE} USING fts5("
                f'title, body, tags, tokenize="{self.TOKENIZE}")'
            )

    def drop_tables(self, connection: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {self.TABLE}")

    def encode(self, title: Sequence[str], body: Sequence[str], tags: Sequence[str]) -> tuple:
        return " ".join(title), " ".join(body), " ".join(tags)

    def write(self, connection: Any, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cur:
            cur.executemany(
                f"INSERT OR REPLACE INTO {self.TABLE}(rowid, title, body, tags) "
                "VALUES (%s, %s, %s, %s)",
                rows,
            )

    def delete(self, connection: Any, keys: Sequence[int]) -> None:
        with connection.cursor() as cur:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join(["%s"] * len(chunk))
                cur.execute(f"DELETE FROM {self.TABLE} WHERE rowid IN ({marks})", chunk)

    def clear(self, connection: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {self.TABLE}")

    def size_bytes(self, connection: Any) -> int:
        with connection.cursor() as cur:
            try:
                cur.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE %s", [self.TABLE + "%"])
                return int(cur.fetchone()[0] or 0)
            except Exception:  # dbstat is an optional SQLite module
                return 0

    def render(self, node: Node) -> str:
        if isinstance(node, Term):
            quoted = '"' + node.term.replace('"', '""') + '"'
            return f"title : {quoted}" if node.title_only else quoted
        if isinstance(node, Phrase):
            return '"' + " ".join(t.replace('"', '""') for t in node.terms) + '"'
        if isinstance(node, Or):
            return "(" + " OR ".join(self.render(i) for i in node.items) + ")"
        if isinstance(node, And):
            return "(" + " AND ".join(self.render(i) for i in node.items) + ")"
        if isinstance(node, AndNot):
            return f"(({self.render(node.positive)}) NOT ({self.render(node.negative)}))"
        raise TypeError(node)

    def _match_sql(self) -> tuple[str, str]:
        return self.TABLE, f"{self.TABLE} MATCH %s"

    def _score_expression(self) -> str:
        # Column weights: title 10, text 2, tags 0.5; scores the MATCH expression itself.
        return f"bm25({self.TABLE}, 10.0, 2.0, 0.5)"

    def _score_params(self, score_node: Node) -> list[Any]:
        return []

    @staticmethod
    def _squash(raw: float) -> float:
        return -raw / (1.0 - raw) if raw < 0 else 0.0


#: Prefix of the title copies of terms in PostgreSQL (analysed terms never contain it).
TITLE_MARK = "^"


def _pg_quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(Backend):
    vendor = "postgresql"
    TABLE = "search_index_pg"
    KEY = "doc_id"

    def create_tables(self, connection: Any) -> None:
        with connection.cursor() as cur:
            # No foreign key: Django's test flush truncates the documents table on its own.
            cur.execute(
                f"CREATE TABLE IF NOT EXISTS {self.TABLE} "
                "(doc_id bigint PRIMARY KEY, tsv tsvector NOT NULL)"
            )
            cur.execute(self._CREATE_INDEX)

    _CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_tsv ON {TABLE} USING gin (tsv)"

    @contextlib.contextmanager
    def bulk_load(self, connection: Any) -> Iterator[None]:
        # Building a GIN index once is several times faster than growing it row by row.
        with connection.cursor() as cur:
            cur.execute(f"DROP INDEX IF EXISTS {self.TABLE}_tsv")
        yield
        with connection.cursor() as cur:
            cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cur.execute(self._CREATE_INDEX)

    def drop_tables(self, connection: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {self.TABLE}")

    def encode(self, title: Sequence[str], body: Sequence[str], tags: Sequence[str]) -> tuple:
        return (self.tsvector(title, body, tags),)

    @staticmethod
    def tsvector(title: Sequence[str], body: Sequence[str], tags: Sequence[str]) -> str:
        """A tsvector literal with the FTS5 layout: one position per term, weight A for the
        title, B for the text, D for tags, a gap between columns so no phrase spans two; and
        each title term once more as ``^term`` (no position), so "in the title" is a plain
        index look-up (a weight-restricted query would make GIN re-check every candidate)."""
        positions: dict[str, list[str]] = {}
        pos = 1
        for terms, weight in ((title, "A"), (body, "B"), (tags, "D")):
            for term in terms:
                if pos > MAX_POSITION:
                    break
                positions.setdefault(term, []).append(f"{pos}{weight}")
                pos += 1
            pos += 1
        lexemes = [f"{_pg_quote(t)}:{','.join(p[:255])}" for t, p in positions.items()]
        lexemes.extend(_pg_quote(TITLE_MARK + t) for t in dict.fromkeys(title))
        return " ".join(lexemes)

    def write(self, connection: Any, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {self.TABLE} (doc_id, tsv) VALUES (%s, %s::tsvector) "
                "ON CONFLICT (doc_id) DO UPDATE SET tsv = EXCLUDED.tsv",
                rows,
            )

    def delete(self, connection: Any, keys: Sequence[int]) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {self.TABLE} WHERE doc_id = ANY(%s)", [list(keys)])

    def clear(self, connection: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {self.TABLE}")

    def size_bytes(self, connection: Any) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_total_relation_size(%s)", [self.TABLE])
            return int(cur.fetchone()[0] or 0)

    def render(self, node: Node) -> str:
        if isinstance(node, Term):
            return _pg_quote(TITLE_MARK + node.term if node.title_only else node.term)
        if isinstance(node, Phrase):
            return "(" + " <-> ".join(_pg_quote(t) for t in node.terms) + ")"
        if isinstance(node, Or):
            return "(" + " | ".join(self.render(i) for i in node.items) + ")"
        if isinstance(node, And):
            return "(" + " & ".join(self.render(i) for i in node.items) + ")"
        if isinstance(node, AndNot):
            return f"(({self.render(node.positive)}) & !({self.render(node.negative)}))"
        raise TypeError(node)

    def count_and_edge(self, connection: Any, node: Node, n: int) -> tuple[int, int | None]:
        # One pass over the matching rows instead of two (each visits every matching heap page).
        rows = self._execute(
            connection,
            f"SELECT count(*), (array_agg({self.KEY} ORDER BY {self.KEY} DESC))[%s] "
            f"FROM {self.TABLE} WHERE tsv @@ %s::tsquery",
            [n, self.render(node)],
        )
        total, edge = int(rows[0][0]), rows[0][1]
        return total, (int(edge) if total > n and edge is not None else None)

    def _match_sql(self) -> tuple[str, str]:
        return self.TABLE, "tsv @@ %s::tsquery"

    def _score_expression(self) -> str:
        # Weights D, C, B, A (tags, -, text, title); normalisation 32: rank / (rank + 1).
        return "ts_rank('{0.05, 0.1, 0.4, 1.0}', tsv, %s::tsquery, 32)"

    def _score_params(self, score_node: Node) -> list[Any]:
        return [self.render(score_node)]

    @staticmethod
    def _squash(raw: float) -> float:
        return raw


BACKENDS: dict[str, Backend] = {"sqlite": SqliteBackend(), "postgresql": PostgresBackend()}


def backend_for(connection: Any) -> Backend:
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"search has no back end for {connection.vendor}") from None
