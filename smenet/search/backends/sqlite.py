# ruff: noqa: S608 -- SQL is built from constant table names and placeholders only; user text is always a parameter.
"""SQLite FTS5 storage of the analysed terms (see base.py for what every back end offers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..analysis import CONCEPT_PREFIX
from ..query import And, AndNot, Node, Or, Phrase, Term
from .base import Backend


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

    def vocabulary(self, connection: Any, min_documents: int = 1) -> list[tuple[str, int]]:
        with connection.cursor() as cur:
            cur.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{self.TABLE}_vocab "
                f"USING fts5vocab(main, {self.TABLE}, row)"
            )
            cur.execute(
                f"SELECT term, doc FROM temp.{self.TABLE}_vocab "
                "WHERE doc >= %s AND (instr(term, ':') = 0 OR term LIKE %s)",
                [min_documents, CONCEPT_PREFIX + "%"],
            )
            return [(str(t), int(n)) for t, n in cur.fetchall()]

    #: Up to this many keys, a node made only of tags (filters and permissions, as for the
    #: nearest documents by vector) is checked against the keys' stored tags read by rowid:
    #: FTS5 cannot restrict a MATCH to a list of rowids, and the key range of candidates
    #: spread over the whole index spans every document (21 ms at 20,000 documents, 0.7 ms
    #: by rowid).
    TAG_LOOKUP_MAX = 500

    def matching(self, connection: Any, node: Node | None, keys: Sequence[int]) -> set[int]:
        if node is None or not keys or len(keys) > self.TAG_LOOKUP_MAX or not _tags_only(node):
            return super().matching(connection, node, keys)
        wanted = sorted(set(keys))
        marks = ", ".join(["%s"] * len(wanted))
        rows = self._execute(
            connection, f"SELECT rowid, tags FROM {self.TABLE} WHERE rowid IN ({marks})", wanted
        )
        return {int(k) for k, tags in rows if _holds(node, frozenset((tags or "").split()))}

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


def _tags_only(node: Node) -> bool:
    """Whether ``node`` tests filter tags only (``key:value`` terms, no words or phrases)."""
    if isinstance(node, Term):
        return ":" in node.term and not node.term.startswith("concept:")
    if isinstance(node, Or | And):
        return all(_tags_only(item) for item in node.items)
    if isinstance(node, AndNot):
        return _tags_only(node.positive) and _tags_only(node.negative)
    return False


def _holds(node: Node, tags: frozenset[str]) -> bool:
    """``node`` evaluated on a document's tags (as FTS5 would match its tags column)."""
    if isinstance(node, Term):
        return node.term in tags
    if isinstance(node, Or):
        return any(_holds(item, tags) for item in node.items)
    if isinstance(node, And):
        return all(_holds(item, tags) for item in node.items)
    if isinstance(node, AndNot):
        return _holds(node.positive, tags) and not _holds(node.negative, tags)
    raise TypeError(node)  # pragma: no cover - _tags_only let it through
