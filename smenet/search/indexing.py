"""Index writes: analyse ``IndexDocument``s once (analysis.py) and store them in the back end.

Writers never index inline: ``schedule(type, ids)`` collects ids during the transaction and,
on commit, enqueues one ``update_index`` task per type (django-tasks), so a request is not
slowed down and a rolled-back change is never indexed.
"""

from __future__ import annotations

import collections
import concurrent.futures
import csv
import functools
import hashlib
import itertools
import multiprocessing
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from smenet.taxonomy.subjects import SUBJECTS_CSV  # subject names are thesaurus concepts

from .analysis import (
    DEFAULT_THESAURUS_CSV,
    Thesaurus,
    ThesaurusEntry,
    analyze_terms,
    concept_term,
    normalize,
)
from .backends import BACKENDS, MAX_POSITION, Backend, backend_for, index_key
from .models import SearchDocument
from .query import tag
from .registry import RESTRICTED, IndexableType, IndexDocument, get_type, types

#: Text kept per language for excerpts (the index itself holds every word).
EXCERPT_CHARS = 3000
BATCH = 1000


#: Every ``thesaurus*.csv`` of the data directory is loaded (editable data: one file per
#: contribution, see their headers).
THESAURUS_FILES = sorted(DEFAULT_THESAURUS_CSV.parent.glob("thesaurus*.csv"))
#: Institutions and partners of the registry's reference data: acronyms and names as concepts.
ORGANISATION_FILES = [
    Path(__file__).resolve().parents[1] / "registry" / "data" / name
    for name in ("institutions.csv", "partners.csv")
]
_NATIVE_LANGUAGE = {"AZE": "az", "TUR": "tr", "IDN": "id", "MYS": "ms", "BRN": "ms", "IRN": "fa"}


@functools.cache
def thesaurus() -> Thesaurus:
    entries = Thesaurus.read_subjects_csv(SUBJECTS_CSV)
    for path in THESAURUS_FILES:
        entries += Thesaurus.read_thesaurus_csv(path)
    entries += organisation_entries()
    return Thesaurus(entries + broader_entries(entries))


BROADER_CSV = DEFAULT_THESAURUS_CSV.parent / "broader.csv"


def broader_entries(
    entries: Sequence[ThesaurusEntry], path: Path = BROADER_CSV
) -> list[ThesaurusEntry]:
    """Every term of a narrower concept also as a term of its broader one (``broader.csv``)."""
    broader: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(line for line in handle if not line.startswith("#"))
        header = next(rows, None)
        if header != ["narrower", "broader"]:
            raise ValueError(f"{path}: header must be 'narrower,broader'")
        for number, row in enumerate(rows, start=2):
            if len(row) != 2 or not all(row):
                raise ValueError(f"{path}: line {number}: expected narrower,broader")
            broader.setdefault(row[0].strip(), set()).add(row[1].strip())
    return [
        ThesaurusEntry(wider, e.lang, e.term)
        for e in entries
        for wider in sorted(broader.get(e.code, ()))
    ]


def organisation_entries() -> list[ThesaurusEntry]:
    """One concept per institution or partner of the reference data (``org-<acronym>``): its
    acronym and its names, so a query for "KOSGEB" finds texts that spell the name out, and
    the other way round. A one-word native name is left out (Tamkeen's «تمكين» is also the
    ordinary word for empowerment)."""
    out: list[ThesaurusEntry] = []
    for path in ORGANISATION_FILES:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                acronym = (row.get("acronym") or "").strip()
                code = "org-" + "-".join(re.findall(r"[a-z0-9]+", normalize(acronym)))
                if code == "org-":
                    continue
                out.append(ThesaurusEntry(code, "xx", acronym))
                name = (row.get("name_en") or row.get("name") or "").strip()
                if len(name.split()) > 1:
                    out.append(ThesaurusEntry(code, "en", name))
                native = (row.get("name_native") or "").strip()
                if len(native.split()) > 1 and native != name:
                    lang = _NATIVE_LANGUAGE.get((row.get("iso3") or "").upper(), "")
                    if not lang:
                        lang = "ar" if re.search("[\u0600-\u06ff]", native) else "fr"
                    out.append(ThesaurusEntry(code, lang, native))
    return out


def analyse(type_name: str, doc: IndexDocument) -> tuple[list[str], list[str], list[str]]:
    """The (title, body, tags) terms of a document, in the layout query.py expects."""
    th = thesaurus()
    title: list[str] = []
    title_concepts: set[str] = set()
    for lang, text in doc.titles.items():
        if text:
            terms = analyze_terms(text, lang)
            title.extend(terms)
            title_concepts.update(th.concept_terms(terms, lang))
    for keyword in doc.keywords:
        title.extend(analyze_terms(keyword, None))
    title.extend(sorted(title_concepts))
    body: list[str] = []
    concepts: set[str] = {concept_term(code) for code in doc.subjects}
    budget = MAX_POSITION - len(title) - 64
    for lang, texts in doc.bodies.items():
        for text in texts:
            if text and len(body) < budget:
                terms = analyze_terms(text, lang)
                body.extend(terms[: budget - len(body)])
                concepts.update(th.concept_terms(terms, lang))
    tags = [tag("type", type_name), tag("vis", doc.visibility)]
    if doc.visibility == RESTRICTED and doc.institution_id is not None:
        tags.append(tag("owner", doc.institution_id))
    if doc.country:
        tags.append(tag("country", doc.country))
    tags.extend(tag("lang", lang) for lang in _languages(doc))
    tags.extend(tag("subject", code) for code in doc.subjects)
    tags.extend(sorted(concepts - title_concepts))
    return title, body, tags


def _languages(doc: IndexDocument) -> list[str]:
    langs = {lang for lang, text in doc.titles.items() if text}
    langs.update(lang for lang, texts in doc.bodies.items() if any(texts))
    return sorted(langs)


def _excerpt_texts(doc: IndexDocument) -> dict[str, str]:
    out = {}
    for lang, texts in doc.bodies.items():
        text = "\n".join(t for t in texts if t)
        if text:
            out[lang] = text[:EXCERPT_CHARS]
    return out


def _prepare(vendor: str, type_name: str, doc: IndexDocument) -> tuple[dict[str, Any], tuple]:
    """Everything the writer needs for one document: its row fields and the back end's
    encoded terms. Pure (no database), so it runs in worker processes as well."""
    title, body, tags = analyse(type_name, doc)
    fields = {
        "type": type_name,
        "object_id": doc.object_id,
        "ref": doc.ref,
        "url": doc.url,
        "titles": {k: v for k, v in doc.titles.items() if v},
        "texts": _excerpt_texts(doc),
        "languages": ",".join(_languages(doc)),
        "country": doc.country or "",
        "subjects": ",".join(doc.subjects),
        "date": doc.date,
        "visibility": doc.visibility,
        "institution_id": doc.institution_id,
        "sample": doc.sample,
    }
    return fields, BACKENDS[vendor].encode(title, body, tags)


def _prepare_batch(
    vendor: str, type_name: str, batch: list[IndexDocument]
) -> list[tuple[dict[str, Any], tuple]]:
    return [_prepare(vendor, type_name, d) for d in batch]


def _batches(docs: Iterable[IndexDocument], size: int) -> Iterator[list[IndexDocument]]:
    batch: list[IndexDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pool(workers: int) -> concurrent.futures.ProcessPoolExecutor | None:
    """A pool of analysis processes (fork: children inherit the loaded thesaurus and never
    touch the database), or None where fork is unavailable."""
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    thesaurus()  # load once in the parent, inherited by every child
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork")
    )


def index_documents(
    type_name: str,
    docs: Iterable[IndexDocument],
    *,
    remove_ids: Iterable[int] = (),
    workers: int = 1,
) -> int:
    """Replace the index entries of ``docs`` (and drop ``remove_ids``); returns how many.

    With ``workers`` > 1 the documents are analysed in that many processes while this one
    writes the batches already analysed (for rebuilds and bulk imports; the task worker's small
    updates stay in-process).
    """
    backend = backend_for(connection)
    prepare = functools.partial(_prepare_batch, connection.vendor, type_name)
    batches = _batches(docs, BATCH)
    head = list(itertools.islice(batches, 2))
    pool = _pool(workers) if len(head) > 1 else None  # one batch: not worth a process
    total = 0
    try:
        if pool is None:
            prepared: Iterable[list[tuple[dict[str, Any], tuple]]] = map(
                prepare, itertools.chain(head, batches)
            )
        else:
            # Bounded read-ahead: at most 2 batches per worker in flight.
            prepared = _bounded_map(
                pool, prepare, itertools.chain(head, batches), ahead=2 * workers
            )
        for batch in prepared:
            _write_batch(backend, type_name, batch)
            total += len(batch)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    remove = list(remove_ids)
    if remove:
        remove_objects(type_name, remove)
    return total


def _bounded_map(
    pool: concurrent.futures.Executor, fn: Any, items: Iterable[Any], *, ahead: int
) -> Iterator[Any]:
    """``pool.map`` in order, without reading the whole input first."""
    pending: collections.deque[concurrent.futures.Future[Any]] = collections.deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _write_batch(
    backend: Backend, type_name: str, batch: list[tuple[dict[str, Any], tuple]]
) -> None:
    ids = [fields["object_id"] for fields, _ in batch]
    with transaction.atomic():
        _delete(backend, SearchDocument.objects.filter(type=type_name, object_id__in=ids))
        rows = backend.insert_documents(
            connection, [SearchDocument(**fields) for fields, _ in batch]
        )
        backend.write(
            connection,
            [
                (index_key(r.pk, r.date), *encoded)
                for r, (_, encoded) in zip(rows, batch, strict=True)
            ],
        )


def _delete(backend: Backend, documents: QuerySet[SearchDocument]) -> None:
    old = list(documents.values_list("id", "date"))
    if old:
        backend.delete(connection, [index_key(pk, date) for pk, date in old])
        SearchDocument.objects.filter(id__in=[pk for pk, _ in old]).delete()


def bulk_index(type_name: str, docs: Iterable[IndexDocument], *, workers: int = 1) -> int:
    """Index many new documents at once (first loads, benchmarks): as ``index_documents``, in
    one transaction, letting the back end build its index once at the end."""
    backend = backend_for(connection)
    with transaction.atomic(), backend.bulk_load(connection):
        count = index_documents(type_name, docs, workers=workers)
    from .vocabulary import refresh

    refresh(force=True)
    return count


def remove_objects(type_name: str, object_ids: Sequence[int]) -> None:
    backend = backend_for(connection)
    with transaction.atomic():
        _delete(backend, SearchDocument.objects.filter(type=type_name, object_id__in=object_ids))


def index_objects(type_name: str, object_ids: Sequence[int]) -> int:
    """Re-index these objects of a registered type (removing those that no longer qualify).

    Read and written in one transaction that first waits for any other one re-indexing
    (``Backend.lock_index_writes``): a re-analysis of the whole index running beside the task
    worker's updates never writes back a copy older than the one an update stored."""
    indexable = get_type(type_name)
    wanted = set(object_ids)
    with transaction.atomic(), translation.override("en"):  # addresses without a prefix
        backend_for(connection).lock_index_writes(connection)
        docs = list(indexable.documents(sorted(wanted)))
        found = {d.object_id for d in docs}
        return index_documents(type_name, docs, remove_ids=sorted(wanted - found))


def rebuild(type_names: Iterable[str] | None = None, *, workers: int = 1) -> dict[str, int]:
    """Drop and rebuild the index of the given types (all registered types by default; the
    index is then current, ``index_state``)."""
    backend = backend_for(connection)
    names = list(type_names) if type_names is not None else sorted(types())
    counts: dict[str, int] = {}
    with transaction.atomic(), translation.override("en"):
        if type_names is None:
            backend.clear(connection)
            SearchDocument.objects.all().delete()
        with backend.bulk_load(connection):
            for name in names:
                _delete(backend, SearchDocument.objects.filter(type=name))
                counts[name] = index_documents(
                    name, get_type(name).documents(None), workers=workers
                )
        if type_names is None:
            mark_current()
        from .vocabulary import refresh

        refresh(force=True)
    return counts


# -- the analysis the index was built with ---------------------------------------------------

#: Raise when a change outside the analysis package and its data changes what is stored for a
#: document (the back ends' encoding, ``analyse``): the index is then re-analysed.
ANALYSIS_VERSION = 1
ANALYSIS_SOURCES = sorted((Path(__file__).resolve().parent / "analysis").glob("*.py"))
ANALYSIS_DATA = sorted(
    {*DEFAULT_THESAURUS_CSV.parent.glob("*.csv"), *DEFAULT_THESAURUS_CSV.parent.glob("*.tsv")}
    | {Path(SUBJECTS_CSV), *ORGANISATION_FILES}
)


@functools.cache
def analysis_fingerprint() -> str:
    """What the stored terms of a document depend on besides its text: the analysis code, its
    data files (thesaurus, plurals, subjects, organisations), the stemmer library's version
    and ``ANALYSIS_VERSION``. A comment edited in the analysis code also changes it: one
    re-analysis too many is cheaper than a stale index nobody notices (a tokeniser change
    once needed a manual rebuild on every installation)."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{ANALYSIS_VERSION}|{version('PyStemmer')}".encode())
    for path in [*ANALYSIS_SOURCES, *ANALYSIS_DATA]:
        digest.update(f"|{path.name}|".encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def index_state() -> str:
    """``"empty"`` (no document indexed), ``"current"`` (built with this analysis) or
    ``"stale"`` (built with another one, or before the analysis was recorded)."""
    from .models import SearchIndexState

    if not SearchDocument.objects.exists():
        return "empty"
    state = SearchIndexState.objects.filter(pk=1).first()
    return "current" if state and state.analysis == analysis_fingerprint() else "stale"


def mark_current() -> None:
    """Record that every document is now indexed with this analysis."""
    from django.utils import timezone

    from .models import SearchIndexState

    SearchIndexState.objects.update_or_create(
        pk=1, defaults={"analysis": analysis_fingerprint(), "built_at": timezone.now()}
    )


def reanalyse(progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Index every object of every type again with this analysis, a batch at a time, each
    in a short transaction of its own: searches keep finding the previous entries of the
    documents not yet reached and other saves wait for one batch at most (``rebuild`` is one
    transaction: on SQLite it holds every writer for its whole length). Entries of objects
    gone or no longer qualifying are removed. Safe to run again after an interruption. The
    index is then current. ``progress(done, total)`` after each batch."""
    plan: list[tuple[str, list[int]]] = []
    for name in sorted(types()):
        model = get_type(name).model
        found = set(model._default_manager.values_list("pk", flat=True))
        found |= set(SearchDocument.objects.filter(type=name).values_list("object_id", flat=True))
        plan.append((name, sorted(found)))
    total = sum(len(ids) for _, ids in plan)
    done = 0
    counts: dict[str, int] = {}
    if progress is not None:
        progress(0, total)
    for name, object_ids in plan:
        counts[name] = 0
        for start in range(0, len(object_ids), BATCH):
            chunk = object_ids[start : start + BATCH]
            counts[name] += index_objects(name, chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    # Types no longer registered leave nothing behind.
    for name in set(SearchDocument.objects.values_list("type", flat=True).distinct()) - set(
        types()
    ):
        gone = list(SearchDocument.objects.filter(type=name).values_list("object_id", flat=True))
        for start in range(0, len(gone), BATCH):
            remove_objects(name, gone[start : start + BATCH])
    mark_current()
    from .vocabulary import refresh

    refresh(force=True)
    return counts


# -- scheduling ------------------------------------------------------------------------------


def schedule(type_name: str, object_ids: Iterable[int]) -> None:
    """Re-index these objects once the current transaction commits (through the task worker)."""
    pending: dict[str, set[int]] = connection.__dict__.setdefault("_search_pending", {})
    pending.setdefault(type_name, set()).update(int(i) for i in object_ids if i is not None)
    transaction.on_commit(_flush_pending)


def _flush_pending() -> None:
    from .tasks import update_index

    pending: dict[str, set[int]] = connection.__dict__.pop("_search_pending", {})
    for type_name, ids in sorted(pending.items()):
        if ids:
            update_index.enqueue(type_name=type_name, object_ids=sorted(ids))


def follow_saves(indexable: IndexableType) -> None:
    """Schedule re-indexing on every save/delete of the model and of its parler translations."""
    model = indexable.model

    def on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
        schedule(indexable.name, [instance.pk])

    def on_translation(sender: Any, instance: Any, **kwargs: Any) -> None:
        schedule(indexable.name, [instance.master_id])

    uid = f"search-{indexable.name}"
    post_save.connect(on_change, sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=uid + "-delete")
    parler_meta = getattr(model, "_parler_meta", None)
    if parler_meta is not None:
        for translations_model in parler_meta.get_all_models():
            post_save.connect(
                on_translation,
                sender=translations_model,
                weak=False,
                dispatch_uid=uid + "-tr-save",
            )
