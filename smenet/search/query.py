"""Turn an analysed ``Query`` (analysis.py) into a small boolean tree both back ends render.

The tree is the single definition of what matches: SQLite renders it as an FTS5 query,
PostgreSQL as a ``tsquery``, from the same terms, so both return the same documents.
Index layout it assumes (see indexing.py): three columns, ``title`` (title words, keywords and
title concepts), ``body`` (text words), ``tags`` (concept terms and ``key:value`` filter tags);
within a column, terms sit at consecutive positions (stop words dropped on both sides).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .analysis import CONCEPT_PREFIX, Query, QueryTerm

#: Beyond this many alternative spellings a phrase is matched as plain words (both back ends).
MAX_PHRASE_VARIANTS = 32
#: The phrase that only ranks (not typed in quotes) is tried in at most this many spellings:
#: each is a position-checked phrase for the engine, the dearest part of a query.
RANK_PHRASE_VARIANTS = 8


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    title_only: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AndNot:
    positive: Node
    negative: Node


Node = Term | Phrase | Or | And | AndNot


def any_of(items: Iterable[Node]) -> Node | None:
    unique = tuple(dict.fromkeys(items))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else Or(unique)


def all_of(items: Iterable[Node | None]) -> Node | None:
    kept = tuple(dict.fromkeys(i for i in items if i is not None))
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else And(kept)


def _words(term: QueryTerm) -> list[str]:
    return sorted(a for a in term.alternatives if not a.startswith(CONCEPT_PREFIX))


def _term(term: QueryTerm, title_only: bool = False) -> Node | None:
    return any_of(Term(a, title_only) for a in sorted(term.alternatives))


def phrase_of(
    terms: Sequence[QueryTerm],
    concepts: Iterable[str] = (),
    max_variants: int = MAX_PHRASE_VARIANTS,
) -> Node | None:
    """The words at consecutive positions, in any of their spellings, or a phrase concept."""
    choices = [_words(t) for t in terms]
    variants: list[Node] = []
    size = 1
    for c in choices:
        size *= max(1, len(c))
    if len(terms) > 1 and all(choices) and size <= max_variants:
        variants = [Phrase(tuple(combo)) for combo in itertools.product(*choices)]
    elif len(terms) == 1 and choices[0]:
        variants = [Term(w) for w in choices[0]]
    variants.extend(Term(c) for c in sorted(concepts))
    return any_of(variants)


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    #: What a document must satisfy (user query and filters); None: nothing matches.
    match: Node | None
    #: Every query word in the title: ranks first.
    title: Node | None
    #: All query words as one phrase (title or text): ranks next.
    phrase: Node | None


def compile_query(
    query: Query, filters: Node | None = None, hidden: Node | None = None
) -> CompiledQuery:
    """``filters``: what every match must also satisfy; ``hidden``: what no match may satisfy
    (the permission rule: an exclusion costs the engines far less than a required tag that
    nearly every document has)."""
    if not query:
        return CompiledQuery(None, None, None)
    required: list[Node | None] = [_term(t) for t in query.terms]
    for ph in query.phrases:
        node = phrase_of(ph.terms, ph.concepts)
        if node is not None and any(isinstance(n, Phrase) for n in _flatten(node)):
            required.append(node)
    positive = all_of(required)
    negatives = [_term(t) for t in query.excluded] + [
        phrase_of(p.terms) for p in query.excluded_phrases
    ]
    negative = any_of(n for n in [*negatives, hidden] if n is not None)
    match = all_of([positive, filters])
    if match is not None and negative is not None:
        match = AndNot(match, negative)
    title = all_of(_term(t, title_only=True) for t in query.terms)
    ordered = sorted(query.terms, key=lambda t: t.position)
    phrase = None
    if len(ordered) > 1:
        node = phrase_of(ordered, max_variants=RANK_PHRASE_VARIANTS)
        if node is not None and all(isinstance(n, Phrase) for n in _flatten(node)):
            phrase = node
    return CompiledQuery(match, title, phrase)


def _flatten(node: Node) -> list[Node]:
    if isinstance(node, Or | And):
        return [leaf for item in node.items for leaf in _flatten(item)]
    return [node]


def tag(key: str, value: object) -> str:
    """A filter tag term, such as ``type:best_practice`` or ``country:aze``."""
    return f"{key}:{str(value).lower()}"


def tags_any(key: str, values: Iterable[object]) -> Node | None:
    return any_of(Term(tag(key, v)) for v in values)
