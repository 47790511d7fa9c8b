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
import functools
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .query import And, AndNot, Node, Or, Phrase, Term, all_of

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

    def insert_documents(self, connection: Any, documents: Sequence[Any]) -> list[Any]:
        """Insert new ``SearchDocument`` instances; returns them with their ids."""
        from .models import SearchDocument

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
        return rows, edge is not None  # type: ignore[return-value]


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
#: tsvector position weights (top two bits) and the positions kept per lexeme.
_WEIGHT_A, _WEIGHT_B, _WEIGHT_D = 3 << 14, 2 << 14, 0
MAX_TERM_POSITIONS = 255
_INT32 = struct.Struct("!i")


@functools.cache
def _packer(positions: int) -> struct.Struct:
    """A lexeme's terminating NUL, its number of positions and the positions."""
    return struct.Struct(f"!xH{positions}H")


#: Binary COPY: signature, flags, header extension length.
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)


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
    def tsvector(title: Sequence[str], body: Sequence[str], tags: Sequence[str]) -> bytes:
        """A tsvector in PostgreSQL's binary format (what ``tsvectorrecv`` reads), with the
        FTS5 layout: one position per term, weight A for the title, B for the text, D for
        tags, a gap between columns so no phrase spans two; and each title term once more as
        ``^term`` (no position), so "in the title" is a plain index look-up (a
        weight-restricted query would make GIN re-check every candidate). Binary, because
        parsing the text form was most of the server's share of indexing."""
        positions: dict[str, list[int]] = {}
        get = positions.get
        pos = 1
        for terms, weight in ((title, _WEIGHT_A), (body, _WEIGHT_B), (tags, _WEIGHT_D)):
            n = max(0, min(len(terms), MAX_POSITION + 1 - pos))
            # Positions stay below 2**14, so "position | weight" is a plain sum.
            for term, weighted in zip(
                terms[:n], range(pos + weight, pos + weight + n), strict=True
            ):
                found = get(term)
                if found is None:
                    positions[term] = [weighted]
                elif len(found) < MAX_TERM_POSITIONS:
                    found.append(weighted)
            pos += n + 1
        entries = [(t.encode(), p) for t, p in positions.items()]
        entries.extend(((TITLE_MARK + t).encode(), []) for t in dict.fromkeys(title))
        entries.sort()  # PostgreSQL's lexeme order: bytes, shorter first (no re-sort needed)
        out = [_INT32.pack(len(entries))]
        append = out.append
        for lexeme, weighted in entries:
            append(lexeme)
            append(_packer(len(weighted)).pack(len(weighted), *weighted))
        return b"".join(out)

    # Index writes go through COPY: per-row INSERTs (and Django's bulk_create) cost the
    # parent process about as much time as analysing the documents does.

    def write(self, connection: Any, rows: Sequence[tuple]) -> None:
        """Store the entries of new documents (keys of rows just inserted: never present)."""
        if not rows:
            return
        data = [_COPY_SIGNATURE]
        for key, tsv in rows:
            data += (struct.pack("!hiqi", 2, 8, key, len(tsv)), tsv)
        data.append(struct.pack("!h", -1))
        with (
            connection.cursor() as cur,
            cur.cursor.copy(f"COPY {self.TABLE} (doc_id, tsv) FROM STDIN (FORMAT BINARY)") as copy,
        ):
            copy.write(b"".join(data))

    def insert_documents(self, connection: Any, documents: Sequence[Any]) -> list[Any]:
        if not documents:
            return []
        model = type(documents[0])
        meta = model._meta
        fields = [f for f in meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cur:
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(documents)],
            )
            ids = [int(pk) for (pk,) in cur.fetchall()]
            with cur.cursor.copy(
                f"COPY {meta.db_table} ({meta.pk.column}, {columns}) FROM STDIN"
            ) as copy:
                for pk, doc in zip(ids, documents, strict=True):
                    doc.pk = pk
                    copy.write_row(
                        [pk]
                        + [
                            f.get_db_prep_save(f.pre_save(doc, add=True), connection)
                            for f in fields
                        ]
                    )
        for doc in documents:
            doc._state.adding = False
            doc._state.db = connection.alias
        return list(documents)

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

    def memory_note(self, connection: Any, buffers: int | None = None) -> str | None:
        # Every query pass visits the table row of each match (decision 0013): when table and
        # index do not fit in shared_buffers, broad queries read from the OS cache or disk.
        with connection.cursor() as cur:
            cur.execute(
                "SELECT pg_relation_size(%s) + pg_indexes_size(%s), "
                "(SELECT setting::bigint * current_setting('block_size')::bigint "
                "FROM pg_settings WHERE name = 'shared_buffers')",
                [self.TABLE, self.TABLE],
            )
            needed, configured = (int(v) for v in cur.fetchone())
        buffers = configured if buffers is None else buffers
        if needed <= buffers:
            return None
        mib = 2**20
        return (
            f"The search index ({needed // mib} MiB) is larger than PostgreSQL's shared_buffers "
            f"({buffers // mib} MiB): broad queries will be slower. Set shared_buffers to at "
            f"least {-(-needed // mib)} MiB (PostgreSQL suggests 25% of the server's memory)."
        )

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

    # A bitmap scan visits the heap row of every match (for visibility, and for the positions
    # of a phrase), and reading a tsvector back is dear: so one pass per tier gives the count
    # and the window's keys, and the window is then scored by primary key.

    def window(self, connection: Any, node: Node, size: int) -> Window:
        rows = self._execute(
            connection,
            f"SELECT count(*), (array_agg(doc_id ORDER BY doc_id DESC))[1:%s] "
            f"FROM {self.TABLE} WHERE tsv @@ %s::tsquery",
            [size, self.render(node)],
        )
        total, keys = rows[0]
        return Window(int(total), tuple(int(k) for k in keys or ()))

    def window_scores(
        self,
        connection: Any,
        node: Node,
        score_node: Node,
        phrase: Node | None,
        window: Window,
    ) -> list[tuple[int, float, bool]]:
        if not window.keys:
            return []
        has_phrase = "tsv @@ %s::tsquery" if phrase is not None else "false"
        rows = self._execute(
            connection,
            f"SELECT doc_id, {self._score_expression()}, {has_phrase} FROM {self.TABLE} "
            "WHERE doc_id = ANY(%s)",
            [
                *self._score_params(score_node),
                *([self.render(phrase)] if phrase is not None else []),
                list(window.keys),
            ],
        )
        return [(int(k), float(s), bool(p)) for k, s, p in rows]

    def matching(self, connection: Any, node: Node | None, keys: Sequence[int]) -> set[int]:
        if node is None or not keys:
            return set()
        rows = self._execute(
            connection,
            f"SELECT doc_id FROM {self.TABLE} WHERE doc_id = ANY(%s) AND tsv @@ %s::tsquery",
            [list(keys), self.render(node)],
        )
        return {int(k) for (k,) in rows}

    def facet_rows(
        self, connection: Any, node: Node | None, size: int
    ) -> tuple[list[tuple[str, str, str, str, int]], bool]:
        if node is None:
            return [], False
        window = self.window(connection, node, size)
        rows = self._execute(
            connection,
            f"SELECT type, country, languages, subjects, count(*) FROM {DOC_TABLE} "
            "WHERE id = ANY(%s) GROUP BY type, country, languages, subjects",
            [[doc_pk(k) for k in window.keys]],
        )
        return [tuple(r) for r in rows], not window.complete  # type: ignore[misc]

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
