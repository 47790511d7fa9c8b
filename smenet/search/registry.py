"""The registry of indexable types: how an app plugs its content into the one search index.

An app describes each searchable model once, in its ``AppConfig.ready``::

    from smenet.search.registry import IndexableType, register
    register(IndexableType(name="event", label=_("Event"), model=Meeting, documents=event_docs))

``documents(ids)`` yields an ``IndexDocument`` for every object among ``ids`` (all objects when
``ids`` is None) that should be in the index; an id it does not yield is removed from it. After
a write the app's service calls ``smenet.search.indexing.schedule(name, ids)``, which re-indexes
through the task worker once the transaction commits.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

#: Who may see a document: everyone, signed-in network members, or its owner institution's
#: focal points with the Secretariat and Bureau.
PUBLIC, MEMBERS, RESTRICTED = "public", "members", "restricted"
VISIBILITIES = (PUBLIC, MEMBERS, RESTRICTED)


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """What the index needs to know about one object, independent of its model."""

    object_id: int
    url: str
    titles: Mapping[str, str]
    #: ``{lang: [text, …]}``: the searchable text fields of each language version.
    bodies: Mapping[str, Sequence[str]] = field(default_factory=dict)
    ref: str | None = None
    country: str = ""
    subjects: Sequence[str] = ()
    date: datetime.date | None = None
    visibility: str = PUBLIC
    institution_id: int | None = None
    original_language: str = ""
    #: Words that identify the object in every language (acronyms, codes): added to the title.
    keywords: Sequence[str] = ()
    #: Illustrative demo content: badged "sample" in results.
    sample: bool = False


@dataclass(frozen=True, slots=True)
class IndexableType:
    name: str
    label: Any  # a lazy translated string
    model: type[models.Model]
    documents: Callable[[Iterable[int] | None], Iterable[IndexDocument]]
    #: Index on every save of the model (and its parler translations) by signal: for apps whose
    #: services do not call ``indexing.schedule`` themselves.
    follow_saves: bool = False


_TYPES: dict[str, IndexableType] = {}


def register(indexable: IndexableType) -> None:
    if indexable.name in _TYPES and _TYPES[indexable.name] is not indexable:
        if _TYPES[indexable.name].model is not indexable.model:
            raise ValueError(f"search type {indexable.name!r} is already registered")
    _TYPES[indexable.name] = indexable
    if indexable.follow_saves:
        from .indexing import follow_saves

        follow_saves(indexable)


def get_type(name: str) -> IndexableType:
    return _TYPES[name]


def types() -> dict[str, IndexableType]:
    return dict(_TYPES)


#: Every type the search API accepts (docs/contracts.md), registered or not yet built.
CONTRACT_TYPES = (
    "institution",
    "best_practice",
    "publication",
    "event",
    "news",
    "service",
    "indicator",
    "plan_item",
)
