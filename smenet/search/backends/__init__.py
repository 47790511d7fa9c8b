"""Storage of analysed terms behind one interface: ``base`` (what ranking.py may ask of an
engine, and index keys), ``sqlite`` (FTS5) and ``postgresql`` (tsvector + GIN)."""

from __future__ import annotations

from typing import Any

from .base import DOC_TABLE, KEY_MASK, KEY_SHIFT, MAX_POSITION, Backend, Window, doc_pk, index_key
from .postgresql import TITLE_MARK, PostgresBackend
from .sqlite import SqliteBackend

__all__ = [
    "BACKENDS",
    "DOC_TABLE",
    "KEY_MASK",
    "KEY_SHIFT",
    "MAX_POSITION",
    "TITLE_MARK",
    "Backend",
    "PostgresBackend",
    "SqliteBackend",
    "Window",
    "backend_for",
    "doc_pk",
    "index_key",
]

BACKENDS: dict[str, Backend] = {"sqlite": SqliteBackend(), "postgresql": PostgresBackend()}


def backend_for(connection: Any) -> Backend:
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"search has no back end for {connection.vendor}") from None
