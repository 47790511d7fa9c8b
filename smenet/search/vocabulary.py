"""The index vocabulary (``SearchTerm``) and the query expansions looked up in it.

The task worker copies the engine's vocabulary into ``SearchTerm`` after index changes
(``refresh``; at most once per ``SEARCH_VOCABULARY_INTERVAL`` seconds, and always after a
rebuild); each process keeps it in memory (``expansion.Vocabulary``) and reloads it when the
generation row changes. Queries are then expanded with typo corrections and transliterations
(``expand``), which search ranks below the exact matches.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from . import expansion
from .analysis import CONCEPT_PREFIX, Query, QueryTerm
from .backends import backend_for
from .models import SearchDocument, SearchTerm

GENERATION = ""  # the term of the row that counts refreshes
#: Above this many documents, terms of a single document are left out of the vocabulary.
SMALL_INDEX = 10_000

_lock = threading.Lock()
_state: dict[str, Any] = {"generation": None, "vocabulary": None, "refreshed": 0.0}


def refresh(*, force: bool = False) -> int | None:
    """Copy the engine's vocabulary into ``SearchTerm``; returns the number of terms (None
    when skipped because the last copy is recent)."""
    interval = float(getattr(settings, "SEARCH_VOCABULARY_INTERVAL", 0))
    now = time.monotonic()
    if not force and interval and now - _state["refreshed"] < interval:
        return None
    _state["refreshed"] = now
    backend = backend_for(connection)
    small = SearchDocument.objects.count() <= SMALL_INDEX
    rows = backend.vocabulary(connection, 1 if small else 2)
    with transaction.atomic():
        current = SearchTerm.objects.filter(term=GENERATION).values_list("documents", flat=True)
        generation = (current.first() or 0) + 1
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t[:100], documents=n) for t, n in rows if t],
            batch_size=5000,
            ignore_conflicts=True,
        )
        SearchTerm.objects.create(term=GENERATION, documents=generation)
    with _lock:  # this process's copy is stale even if a rolled-back copy had this generation
        _state.update(generation=None, vocabulary=None)
    return len(rows)


def vocabulary() -> expansion.Vocabulary | None:
    """This process's copy of the vocabulary, reloaded when its generation changed."""
    generation = (
        SearchTerm.objects.filter(term=GENERATION).values_list("documents", flat=True).first()
    )
    if generation is None:
        return None
    with _lock:
        if _state["generation"] != generation or _state["vocabulary"] is None:
            terms = dict(
                SearchTerm.objects.exclude(term=GENERATION).values_list("term", "documents")
            )
            _state.update(generation=generation, vocabulary=expansion.Vocabulary(terms))
        vocab: expansion.Vocabulary = _state["vocabulary"]
        return vocab


def loaded() -> expansion.Vocabulary | None:
    """This process's copy as last loaded by ``vocabulary`` (no query: for a search that
    has just expanded its query)."""
    with _lock:
        vocab: expansion.Vocabulary | None = _state["vocabulary"]
        return vocab


@dataclass(frozen=True, slots=True)
class Expanded:
    #: The query with corrections and transliterations as extra alternatives (None: none).
    query: Query | None
    #: Unknown query words (normalised) and the index term that probably was meant.
    replacements: dict[str, str] | None = None
    #: Whether any query word means something to the search: an index term of some
    #: document, a thesaurus concept, a typo correction or a transliteration. True when the
    #: vocabulary has not been copied yet (nothing can be said).
    recognised: bool = True

    def suggestion(self, raw: str, surface: dict[str, str] | None = None) -> str | None:
        """The query as the visitor probably meant it ("did you mean"): each unknown word
        replaced by the correction, written as a document writes it (``surface``: index term
        -> word), or None when no word was corrected."""
        if not self.replacements:
            return None
        from .analysis import normalize

        surface = surface or {}
        out = []
        for word in raw.split():
            key = normalize(word).strip("\"'«»“”.,;:!?()")
            fixed = self.replacements.get(key)
            out.append(surface.get(fixed, fixed) if fixed else word)
        return " ".join(out)


def closest(query: Query) -> Expanded:
    """For a query that found nothing: each word the index does not know, with the index
    term most like it (``Vocabulary.closest``) as its replacement (never searched)."""
    vocab = vocabulary()
    if vocab is None or not len(vocab):
        return Expanded(None)
    replacements = {}
    for t in query.terms:
        if any(a.startswith(CONCEPT_PREFIX) or vocab.df(a) > 0 for a in t.alternatives):
            continue
        found = vocab.closest(t.text)
        if found is not None:
            replacements[t.text] = found
    return Expanded(None, replacements or None)


def expand(query: Query) -> Expanded:
    """Typo corrections for words the index does not know (or hardly knows), and index terms
    in the other script with the same consonant skeleton, for every positive query word."""
    vocab = vocabulary() if query else None
    if vocab is None or not len(vocab):
        return Expanded(None)
    replacements: dict[str, str] = {}
    changed = False
    recognised = False
    terms: list[QueryTerm] = []
    for t in query.terms:
        words = {a for a in t.alternatives if not a.startswith(CONCEPT_PREFIX)}
        extra: set[str] = set(vocab.transliterations(t.text))
        known = vocab.known(words)
        recognised = recognised or known > 0 or len(words) < len(t.alternatives)
        if known <= expansion.RARE_DOCUMENTS:
            fixes: list[tuple[str, int]] = []
            for w in sorted(words):
                fixes.extend(vocab.corrections(w))
            fixes.sort(key=lambda td: (td[1], -vocab.df(td[0])))
            extra.update(f for f, _ in fixes[: expansion.MAX_CORRECTIONS])
            if fixes and known == 0:
                replacements[t.text] = fixes[0][0]
        extra -= t.alternatives
        if extra:
            changed = True
            t = replace(t, alternatives=t.alternatives | frozenset(extra))
        terms.append(t)
    expanded = replace(query, terms=tuple(terms)) if changed else None
    return Expanded(expanded, replacements or None, recognised or changed)


def forget() -> None:
    with _lock:
        _state.update(generation=None, vocabulary=None, refreshed=0.0)
