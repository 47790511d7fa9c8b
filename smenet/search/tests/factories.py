"""Documents for the search tests: one builder, each test module says only what differs."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from typing import Any

from smenet.search.registry import IndexDocument


def index_document(
    i: int,
    title: str,
    body: str = "",
    lang: str = "en",
    *,
    date: datetime.date | None = None,
    **kw: Any,
) -> IndexDocument:
    """Document ``i`` (ref ``r<i>``, address ``/x/<i>/``) with one title and body in ``lang``,
    dated 2020-01-<i> unless ``date`` says otherwise."""
    return IndexDocument(
        object_id=i,
        url=f"/x/{i}/",
        titles={lang: title},
        bodies={lang: [body]},
        ref=f"r{i}",
        date=date or datetime.date(2020, 1, i),
        **kw,
    )


@contextlib.contextmanager
def indexed_corpus(docs: list[IndexDocument], *, with_vectors: bool = False) -> Iterator[list]:
    """``docs`` indexed as best practices (and embedded, ``with_vectors``), the vocabulary
    read from them; this process's copies forgotten afterwards."""
    from smenet.search import indexing, vectors, vocabulary

    indexing.index_documents("best_practice", docs)
    if with_vectors:
        vectors.store("best_practice", docs)
    vocabulary.refresh(force=True)
    try:
        yield docs
    finally:
        if with_vectors:
            vectors.forget()
        vocabulary.forget()
