"""Vectors of the search documents (semantic.py): stored with the index, computed by the task
worker after each save and by ``rebuild_search_index``, held in memory by each process.

A vector is keyed by the indexed object (type, object id), not by the search document row:
re-indexing replaces document rows, and re-embedding an unchanged text would be wasted work,
so a checksum of the embedded text decides whether a vector is recomputed. Search keeps
working without vectors (lexical only): while they are being computed, when the encoder is
missing, or when ``SEARCH_SEMANTIC`` is off.
"""

from __future__ import annotations

import datetime
import threading
import time
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils import translation

from . import semantic
from .models import SearchVector, SearchVectorStamp
from .registry import IndexDocument, get_type, types

#: Documents embedded per encoder call (the encoder is much faster on batches).
BATCH = 128

Progress = Callable[[str, int, int], None]


def enabled() -> bool:
    """Whether semantic retrieval is on (setting ``SEARCH_SEMANTIC``, default on)."""
    return bool(getattr(settings, "SEARCH_SEMANTIC", True)) and semantic.available()


def _texts(doc: IndexDocument) -> list[str]:
    return semantic.document_texts(doc.titles, doc.bodies, [*doc.keywords, *_gloss(doc)])


#: Concepts never glossed on the document side: the network's own subject, which nearly
#: every document of an SME platform names ("small firms", «المشاريع الصغيرة», "KOBİ"…
#: are terms of ``sme``). Glossed, "SME" joined most documents' vectors and said nothing
#: about any of them. A fixed set rather than a share of the documents: a document's vector
#: then depends on its own text only, never on how many other documents exist (a share
#: would change as documents are added and leave stored vectors silently stale).
UNGLOSSED: frozenset[str] = frozenset({"sme", "msme"})


def _gloss(doc: IndexDocument) -> list[str]:
    """English names of the thesaurus concepts a document's titles name, embedded with the
    document: the encoder knows English best and Urdu, Azerbaijani, Malay and Indonesian
    hardly at all, so such a document and a query that names the same concept (its words
    glossed the same way, selectors._gloss) meet on the English names. The network's own
    subject (``UNGLOSSED``) is left out."""
    from .indexing import thesaurus  # indexing imports this module

    th = thesaurus()
    codes: set[str] = set()
    for lang, text in doc.titles.items():
        if text:
            codes |= th.concepts_in(text, lang)
    codes -= UNGLOSSED
    out = []
    for code in sorted(codes):
        english = th.terms_for(code).get("en")
        if english:
            out.append(english[0])
    return out


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def store(
    type_name: str,
    docs: Iterable[IndexDocument],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Compute and store the vectors of ``docs`` whose text changed; returns how many were
    computed."""
    computed = 0
    seen = 0
    for chunk in _chunks(docs, BATCH):
        seen += len(chunk)
        ids = [d.object_id for d in chunk]
        known = dict(
            SearchVector.objects.filter(
                type=type_name, object_id__in=ids, model=semantic.MODEL_ID
            ).values_list("object_id", "checksum")
        )
        todo = []
        for doc in chunk:
            texts = _texts(doc)
            digest = semantic.checksum(texts)
            if known.get(doc.object_id) != digest:
                todo.append((doc.object_id, texts, digest))
        if todo:
            vectors = semantic.embed_documents([texts for _, texts, _ in todo])
            rows = [
                SearchVector(
                    type=type_name,
                    object_id=oid,
                    model=semantic.MODEL_ID,
                    checksum=digest,
                    vector=vec,
                )
                for (oid, _, digest), vec in zip(todo, vectors, strict=True)
                if vec is not None
            ]
            with transaction.atomic():
                SearchVector.objects.filter(
                    type=type_name, object_id__in=[oid for oid, _, _ in todo]
                ).delete()
                SearchVector.objects.bulk_create(rows)
                _stamp()
            _changed()
            computed += len(rows)
        if progress is not None:
            progress(seen)
    return computed


def remove(type_name: str, object_ids: Sequence[int]) -> None:
    with transaction.atomic():
        if SearchVector.objects.filter(type=type_name, object_id__in=list(object_ids)).delete()[0]:
            _stamp()
    _changed()


def embed_objects(type_name: str, object_ids: Sequence[int]) -> int:
    """Bring the vectors of these objects up to date (the task worker, after a save)."""
    if not enabled():
        return 0
    wanted = set(object_ids)
    with translation.override("en"):
        docs = list(get_type(type_name).documents(sorted(wanted)))
    remove(type_name, sorted(wanted - {d.object_id for d in docs}))
    return store(type_name, docs)


def rebuild(
    type_names: Iterable[str] | None = None, *, progress: Progress | None = None
) -> dict[str, int]:
    """Compute the vectors of every indexed object whose text changed since its vector was
    computed (all of them after a model change), type by type, reporting progress."""
    from .models import SearchDocument

    counts: dict[str, int] = {}
    if not enabled():
        return counts
    names = list(type_names) if type_names is not None else sorted(types())
    with transaction.atomic():
        if SearchVector.objects.exclude(model=semantic.MODEL_ID).delete()[0]:
            _stamp()
    for name in names:
        total = SearchDocument.objects.filter(type=name).count()
        report = (
            (lambda done, name=name, total=total: progress(name, done, total)) if progress else None
        )
        with translation.override("en"):
            counts[name] = store(name, get_type(name).documents(None), progress=report)
        present = SearchDocument.objects.filter(type=name).values("object_id")
        with transaction.atomic():
            if SearchVector.objects.filter(type=name).exclude(object_id__in=present).delete()[0]:
                _stamp()
    _changed()
    return counts


# -- the in-memory index of each process -------------------------------------------------------

_lock = threading.Lock()
#: ``token``: the stamp the copy was read under (``_UNREAD`` before the first read);
#: ``stamp``: how many vectors, and the newest one's time, when the copy was read.
_UNREAD = "unread"
_state: dict[str, Any] = {"token": _UNREAD, "stamp": None, "index": None, "checked": 0.0}


def _stamp() -> None:
    """Give the vectors a new token, in the caller's transaction (every write of vectors)."""
    token = uuid.uuid4().hex
    if not SearchVectorStamp.objects.filter(pk=1).update(token=token):
        SearchVectorStamp.objects.get_or_create(pk=1, defaults={"token": token})
        SearchVectorStamp.objects.filter(pk=1).update(token=token)  # lost a race to create


def _token() -> str | None:
    return SearchVectorStamp.objects.filter(pk=1).values_list("token", flat=True).first()


def _check_interval() -> float:
    """Seconds during which this process's copy is used without looking at the stored
    vectors' token (``SEARCH_VECTOR_CHECK_INTERVAL``). Writes made by this process are
    seen at once."""
    return float(getattr(settings, "SEARCH_VECTOR_CHECK_INTERVAL", 2.0))


#: Rows written this many seconds before the newest one a copy has seen are read again when
#: the token changes: a write whose transaction took its time before committing has rows
#: older than rows another write committed first (written in place: cheap to repeat).
RECENT = datetime.timedelta(seconds=30)


def vector_index() -> semantic.VectorIndex | None:
    """This process's copy of the stored vectors, brought up to date before each use: one
    look-up by key (the token that every write of vectors changes); when it changed, how
    many vectors there are and the newest one's time (both from one index), then the rows
    written since (``RECENT``; a full reload when rows disappeared). None when there are
    none."""
    now = time.monotonic()
    with _lock:
        cached: semantic.VectorIndex | None = _state["index"]
        if _state["token"] != _UNREAD and now - _state["checked"] < _check_interval():
            return cached
    token = _token()  # read before the rows: a write committed meanwhile changes it again
    with _lock:
        if _state["token"] == token:
            _state["checked"] = now
            return _state["index"]
    stamp = SearchVector.objects.filter(model=semantic.MODEL_ID).aggregate(
        n=Count("pk"), t=Max("updated_at")
    )
    if not stamp["n"]:
        with _lock:
            _state.update(token=token, stamp=None, index=None, checked=now)
        return None
    key = (stamp["n"], stamp["t"])
    with _lock:
        old: semantic.VectorIndex | None = _state["index"]
        rows = SearchVector.objects.filter(model=semantic.MODEL_ID)
        incremental = old is not None and _state["stamp"] is not None
        if incremental:
            rows = rows.filter(updated_at__gt=_state["stamp"][1] - RECENT)
        fresh = list(rows.values_list("type", "object_id", "vector"))
        ids: list[Hashable] = [(t, o) for t, o, _ in fresh]
        data = [bytes(v) for _, _, v in fresh]
        index = old.updated(ids, data) if incremental and old is not None else None
        if index is None or len(index) != stamp["n"]:
            if incremental:
                fresh = list(
                    SearchVector.objects.filter(model=semantic.MODEL_ID).values_list(
                        "type", "object_id", "vector"
                    )
                )
                ids = [(t, o) for t, o, _ in fresh]
                data = [bytes(v) for _, _, v in fresh]
            index = semantic.VectorIndex.build(ids, data)
        _state.update(token=token, stamp=key, index=index, checked=now)
        return index


def forget() -> None:
    """Drop this process's copy (tests, after the table was emptied)."""
    with _lock:
        _state.update(token=_UNREAD, stamp=None, index=None, checked=0.0)


def _changed() -> None:
    """Vectors were written or deleted here: the next search reads the token again. The
    copy's token is dropped too: a write rolled back later restores the previous token,
    which this copy (holding the rolled-back rows) must not pass for."""
    with _lock:
        _state.update(token=_UNREAD, checked=0.0)
