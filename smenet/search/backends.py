# ruff: noqa: S608 -- SQL is built from constant table names and placeholders only; user text is always a parameter.
"""Storage of analysed terms: SQLite FTS5 or PostgreSQL tsvector + GIN, behind one interface.

Both receive the same analysed terms (indexing.py) and render the same boolean tree
(query.py), so they return the same matches. Ranking adds, on both: 4 when every query word
is in the title, 2 when the words appear as a phrase, plus the engine's own text score
squashed into [0, 1) (FTS5 ``bm25`` with column weights; PostgreSQL ``ts_rank`` with weights
A/B/D), and recency as the tie-breaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .query import And, AndNot, CompiledQuery, Node, Or, Phrase, Term

DOC_TABLE = "search_searchdocument"
#: PostgreSQL keeps word positions up to 16383; we stay below so phrases agree with FTS5.
MAX_POSITION = 16000


@dataclass(frozen=True, slots=True)
class Row:
    doc_id: int
    title: Sequence[str]
    body: Sequence[str]
    tags: Sequence[str]


class Backend:
    vendor = ""

    def create_tables(self, connection: Any) -> None:
        raise NotImplementedError

    def drop_tables(self, connection: Any) -> None:
        raise NotImplementedError

    def write(self, connection: Any, rows: Sequence[Row]) -> None:
        raise NotImplementedError

    def delete(self, connection: Any, doc_ids: Sequence[int]) -> None:
        raise NotImplementedError

    def clear(self, connection: Any) -> None:
        raise NotImplementedError

    def render(self, node: Node) -> str:
        raise NotImplementedError

    def size_bytes(self, connection: Any) -> int:
        raise NotImplementedError

    # -- queries shared by both (differences are in _from/_where/_score) --------------------

    def _from(self) -> str:
        raise NotImplementedError

    def _where(self) -> str:
        raise NotImplementedError

    def _score(self, compiled: CompiledQuery) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def count(self, connection: Any, compiled: CompiledQuery) -> int:
        if compiled.match is None:
            return 0
        sql = f"SELECT count(*) FROM {self._from()} WHERE {self._where()}"
        with connection.cursor() as cur:
            cur.execute(sql, [self.render(compiled.match)])
            return int(cur.fetchone()[0])

    def ranked(
        self, connection: Any, compiled: CompiledQuery, *, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """``(document id, score)``, best first."""
        if compiled.match is None:
            return []
        score, params = self._score(compiled)
        sql = (
            f"SELECT d.id, {score} AS score FROM {self._from()} WHERE {self._where()} "
            "ORDER BY score DESC, COALESCE(d.date, '0001-01-01') DESC, d.id DESC "
            "LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [*params, self.render(compiled.match), limit, offset])
            return [(int(i), float(s)) for i, s in cur.fetchall()]

    def facet_rows(
        self, connection: Any, match: Node | None
    ) -> list[tuple[str, str, str, str, int]]:
        """``(type, country, languages, subjects, count)`` groups of the matching documents."""
        if match is None:
            return []
        sql = (
            f"SELECT d.type, d.country, d.languages, d.subjects, count(*) FROM {self._from()} "
            f"WHERE {self._where()} GROUP BY d.type, d.country, d.languages, d.subjects"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [self.render(match)])
            return [tuple(r) for r in cur.fetchall()]  # type: ignore[misc]


class SqliteBackend(Backend):
    vendor = "sqlite"
    TABLE = "search_fts"
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

    def write(self, connection: Any, rows: Sequence[Row]) -> None:
        if not rows:
            return
        with connection.cursor() as cur:
            cur.executemany(
                f"INSERT OR REPLACE INTO {self.TABLE}(rowid, title, body, tags) "
                "VALUES (%s, %s, %s, %s)",
                [(r.doc_id, " ".join(r.title), " ".join(r.body), " ".join(r.tags)) for r in rows],
            )

    def delete(self, connection: Any, doc_ids: Sequence[int]) -> None:
        with connection.cursor() as cur:
            for start in range(0, len(doc_ids), 500):
                chunk = list(doc_ids[start : start + 500])
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
            return f"({self.render(node.positive)}) NOT ({self.render(node.negative)})"
        raise TypeError(node)

    def _from(self) -> str:
        return f"{self.TABLE} JOIN {DOC_TABLE} d ON d.id = {self.TABLE}.rowid"

    def _where(self) -> str:
        return f"{self.TABLE} MATCH %s"

    def _score(self, compiled: CompiledQuery) -> tuple[str, list[Any]]:
        parts, params = [], []
        for node, weight in ((compiled.title, 4), (compiled.phrase, 2)):
            if node is not None:
                parts.append(
                    f"(CASE WHEN {self.TABLE}.rowid IN (SELECT rowid FROM {self.TABLE} "
                    f"WHERE {self.TABLE} MATCH %s) THEN {weight} ELSE 0 END)"
                )
                params.append(self.render(node))
        bm25 = f"bm25({self.TABLE}, 10.0, 2.0, 0.5)"
        parts.append(f"((0.0 - {bm25}) / (1.0 - {bm25}))")
        return " + ".join(parts), params


def _pg_quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(Backend):
    vendor = "postgresql"
    TABLE = "search_index_pg"

    def create_tables(self, connection: Any) -> None:
        with connection.cursor() as cur:
            # No foreign key: Django's test flush truncates the documents table on its own.
            cur.execute(
                f"CREATE TABLE IF NOT EXISTS {self.TABLE} "
                "(doc_id bigint PRIMARY KEY, tsv tsvector NOT NULL)"
            )
            cur.execute(
                f"CREATE INDEX IF NOT EXISTS {self.TABLE}_tsv ON {self.TABLE} USING gin (tsv)"
            )

    def drop_tables(self, connection: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {self.TABLE}")

    @staticmethod
    def tsvector(row: Row) -> str:
        """A tsvector literal with the FTS5 layout: one position per term, weight A for the
        title, B for the text, D for tags, a gap between columns so no phrase spans two."""
        positions: dict[str, list[str]] = {}
        pos = 1
        for terms, weight in ((row.title, "A"), (row.body, "B"), (row.tags, "D")):
            for term in terms:
                if pos > MAX_POSITION:
                    break
                positions.setdefault(term, []).append(f"{pos}{weight}")
                pos += 1
            pos += 1
        return " ".join(f"{_pg_quote(t)}:{','.join(p[:255])}" for t, p in positions.items())

    def write(self, connection: Any, rows: Sequence[Row]) -> None:
        if not rows:
            return
        with connection.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {self.TABLE} (doc_id, tsv) VALUES (%s, %s::tsvector) "
                "ON CONFLICT (doc_id) DO UPDATE SET tsv = EXCLUDED.tsv",
                [(r.doc_id, self.tsvector(r)) for r in rows],
            )

    def delete(self, connection: Any, doc_ids: Sequence[int]) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {self.TABLE} WHERE doc_id = ANY(%s)", [list(doc_ids)])

    def clear(self, connection: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {self.TABLE}")

    def size_bytes(self, connection: Any) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_total_relation_size(%s)", [self.TABLE])
            return int(cur.fetchone()[0] or 0)

    def render(self, node: Node) -> str:
        if isinstance(node, Term):
            return _pg_quote(node.term) + (":A" if node.title_only else "")
        if isinstance(node, Phrase):
            return "(" + " <-> ".join(_pg_quote(t) for t in node.terms) + ")"
        if isinstance(node, Or):
            return "(" + " | ".join(self.render(i) for i in node.items) + ")"
        if isinstance(node, And):
            return "(" + " & ".join(self.render(i) for i in node.items) + ")"
        if isinstance(node, AndNot):
            return f"({self.render(node.positive)}) & !({self.render(node.negative)})"
        raise TypeError(node)

    def _from(self) -> str:
        return f"{self.TABLE} i JOIN {DOC_TABLE} d ON d.id = i.doc_id"

    def _where(self) -> str:
        return "i.tsv @@ %s::tsquery"

    def _score(self, compiled: CompiledQuery) -> tuple[str, list[Any]]:
        parts, params = [], []
        for node, weight in ((compiled.title, 4), (compiled.phrase, 2)):
            if node is not None:
                parts.append(f"(CASE WHEN i.tsv @@ %s::tsquery THEN {weight} ELSE 0 END)")
                params.append(self.render(node))
        parts.append("ts_rank('{0.05, 0.1, 0.4, 1.0}', i.tsv, %s::tsquery, 32)")
        params.append(self.render(compiled.match) if compiled.match is not None else "")
        return " + ".join(parts), params


_BACKENDS: dict[str, Backend] = {"sqlite": SqliteBackend(), "postgresql": PostgresBackend()}


def backend_for(connection: Any) -> Backend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"search has no back end for {connection.vendor}") from None
