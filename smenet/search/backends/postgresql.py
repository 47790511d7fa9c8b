# ruff: noqa: S608 -- SQL is built from constant table names and placeholders only; user text is always a parameter.
"""PostgreSQL storage of the analysed terms: a binary tsvector per document and a GIN index."""

from __future__ import annotations

import contextlib
import functools
import struct
from collections.abc import Iterator, Sequence
from typing import Any

from ..analysis import CONCEPT_PREFIX
from ..query import And, AndNot, Node, Or, Phrase, Term
from .base import DOC_TABLE, MAX_POSITION, Backend, Window, doc_pk

#: Prefix of the title copies of terms in PostgreSQL (analysed terms never contain it).
TITLE_MARK = "^"
#: tsvector position weights (top two bits) and the positions kept per lexeme.
_WEIGHT_A, _WEIGHT_B, _WEIGHT_D = 3 << 14, 2 << 14, 0
MAX_TERM_POSITIONS = 255
#: The advisory lock key of index writes (``lock_index_writes``): any fixed number no other
#: part of the platform uses (the setup lock is ``hashtext('smenet-setup')``).
INDEX_WRITE_LOCK = 0x534D455345415243  # "SMESEARC"
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
        for lexeme, weights in entries:
            append(lexeme)
            append(_packer(len(weights)).pack(len(weights), *weights))
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

    def lock_index_writes(self, connection: Any) -> None:
        # Held until the transaction ends; one key for the whole index (writes are short).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s::bigint)", [INDEX_WRITE_LOCK])

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

    def vocabulary(self, connection: Any, min_documents: int = 1) -> list[tuple[str, int]]:
        # ts_stat reads every tsvector: the task worker runs this, never a request.
        rows = self._execute(
            connection,
            f"SELECT word, ndoc FROM ts_stat('SELECT tsv FROM {self.TABLE}') "
            "WHERE ndoc >= %s AND (strpos(word, ':') = 0 OR word LIKE %s) "
            "AND left(word, 1) <> %s",
            [min_documents, CONCEPT_PREFIX + "%", TITLE_MARK],
        )
        return [(str(t), int(n)) for t, n in rows]

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
        return self.groups(connection, [doc_pk(k) for k in window.keys]), not window.complete

    def groups(self, connection: Any, pks: Sequence[int]) -> list[tuple[str, str, str, str, int]]:
        if not pks:
            return []
        rows = self._execute(
            connection,
            f"SELECT type, country, languages, subjects, count(*) FROM {DOC_TABLE} "
            "WHERE id = ANY(%s) GROUP BY type, country, languages, subjects",
            [list(pks)],
        )
        return [tuple(r) for r in rows]

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
