"""Index writes: analyse ``IndexDocument``s once (analysis.py) and store them in the back end.

Writers never index inline: ``schedule(type, ids)`` collects ids during the transaction and,
on commit, enqueues one ``update_index`` task per type (django-tasks), so a request is not
slowed down and a rolled-back change is never indexed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from smenet.capacity.taxonomy import SUBJECTS_CSV  # subject names are thesaurus concepts

from .analysis import DEFAULT_THESAURUS_CSV, Thesaurus, analyze, concept_term
from .backends import MAX_POSITION, Row, backend_for
from .models import SearchDocument
from .query import tag
from .registry import RESTRICTED, IndexableType, IndexDocument, get_type, types

#: Text kept per language for excerpts (the index itself holds every word).
EXCERPT_CHARS = 3000
BATCH = 1000


@functools.cache
def thesaurus() -> Thesaurus:
    return Thesaurus.from_files(subjects_csv=SUBJECTS_CSV, thesaurus_csv=DEFAULT_THESAURUS_CSV)


def _terms(text: str, lang: str | None) -> tuple[list[str], list[Any]]:
    tokens = analyze(text, lang)
    return [t.term for t in tokens], tokens


def analyse(type_name: str, doc: IndexDocument) -> tuple[list[str], list[str], list[str]]:
    """The (title, body, tags) terms of a document, in the layout query.py expects."""
    th = thesaurus()
    title: list[str] = []
    title_concepts: set[str] = set()
    for lang, text in doc.titles.items():
        if text:
            terms, tokens = _terms(text, lang)
            title.extend(terms)
            title_concepts.update(th.concept_terms(tokens, lang))
    for keyword in doc.keywords:
        title.extend(_terms(keyword, None)[0])
    title.extend(sorted(title_concepts))
    body: list[str] = []
    concepts: set[str] = {concept_term(code) for code in doc.subjects}
    budget = MAX_POSITION - len(title) - 64
    for lang, texts in doc.bodies.items():
        for text in texts:
            if text and len(body) < budget:
                terms, tokens = _terms(text, lang)
                body.extend(terms[: budget - len(body)])
                concepts.update(th.concept_terms(tokens, lang))
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


def index_documents(
    type_name: str, docs: Iterable[IndexDocument], *, remove_ids: Iterable[int] = ()
) -> int:
    """Replace the index entries of ``docs`` (and drop ``remove_ids``); returns how many."""
    backend = backend_for(connection)
    total = 0
    batch: list[IndexDocument] = []

    def flush() -> None:
        nonlocal total
        ids = [d.object_id for d in batch]
        analysed = [analyse(type_name, d) for d in batch]
        with transaction.atomic():
            old = list(
                SearchDocument.objects.filter(type=type_name, object_id__in=ids).values_list(
                    "id", flat=True
                )
            )
            if old:
                backend.delete(connection, old)
                SearchDocument.objects.filter(id__in=old).delete()
            rows = SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        type=type_name,
                        object_id=d.object_id,
                        ref=d.ref,
                        url=d.url,
                        titles={k: v for k, v in d.titles.items() if v},
                        texts=_excerpt_texts(d),
                        languages=",".join(_languages(d)),
                        country=d.country or "",
                        subjects=",".join(d.subjects),
                        date=d.date,
                        visibility=d.visibility,
                        institution_id=d.institution_id,
                    )
                    for d in batch
                ]
            )
            backend.write(
                connection,
                [Row(r.pk, t, b, g) for r, (t, b, g) in zip(rows, analysed, strict=True)],
            )
        total += len(batch)
        batch.clear()

    for doc in docs:
        batch.append(doc)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    remove = list(remove_ids)
    if remove:
        remove_objects(type_name, remove)
    return total


def remove_objects(type_name: str, object_ids: Sequence[int]) -> None:
    backend = backend_for(connection)
    with transaction.atomic():
        old = list(
            SearchDocument.objects.filter(type=type_name, object_id__in=object_ids).values_list(
                "id", flat=True
            )
        )
        if old:
            backend.delete(connection, old)
            SearchDocument.objects.filter(id__in=old).delete()


def index_objects(type_name: str, object_ids: Sequence[int]) -> int:
    """Re-index these objects of a registered type (removing those that no longer qualify)."""
    indexable = get_type(type_name)
    wanted = set(object_ids)
    with translation.override("en"):  # addresses without a language prefix
        docs = list(indexable.documents(sorted(wanted)))
        found = {d.object_id for d in docs}
        return index_documents(type_name, docs, remove_ids=sorted(wanted - found))


def rebuild(type_names: Iterable[str] | None = None) -> dict[str, int]:
    """Drop and rebuild the index of the given types (all registered types by default)."""
    backend = backend_for(connection)
    names = list(type_names) if type_names is not None else sorted(types())
    counts: dict[str, int] = {}
    with transaction.atomic(), translation.override("en"):
        if type_names is None:
            backend.clear(connection)
            SearchDocument.objects.all().delete()
        for name in names:
            old = list(SearchDocument.objects.filter(type=name).values_list("id", flat=True))
            backend.delete(connection, old)
            SearchDocument.objects.filter(type=name).delete()
            counts[name] = index_documents(name, get_type(name).documents(None))
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
