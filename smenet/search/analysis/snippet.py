"""Excerpts with the matches marked, safe to put in a page; character trigrams."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from typing import Final

from .languages import _QUERY_PROFILES_BY_SCRIPT, CONCEPT_PREFIX, _profile
from .normalise import _DISPLAY_WORD_RE, _script
from .query import Query, QueryTerm, analyze_query
from .terms import _analyze_word
from .tokenise import tokenize

# --------------------------------------------------------------------------------------
# Snippets and trigrams
# --------------------------------------------------------------------------------------

# Characters that must not reach a page: controls, surrogates, bidi overrides/isolates.
_UNSAFE_DISPLAY_RE: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
_SPACE_RUN_RE: Final = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def _display_forms(word: str, profile: str) -> frozenset[str]:
    """Every index term an original-text word could have produced (for highlighting)."""
    forms: set[str] = set()
    for w in tokenize(word):
        forms.add(w)
        for p in (profile, *_QUERY_PROFILES_BY_SCRIPT.get(_script(w), ())):
            f = _analyze_word(w, p)
            if f is not None:
                forms.add(f)
    return frozenset(forms)


def _query_term_set(
    query_terms: Query | str | Iterable[str | QueryTerm], lang: str | None
) -> frozenset[str]:
    if isinstance(query_terms, str):
        query_terms = analyze_query(query_terms, lang)
    if isinstance(query_terms, Query):
        return query_terms.index_terms()
    out: set[str] = set()
    for t in query_terms:
        if isinstance(t, QueryTerm):
            out.update(a for a in t.alternatives if not a.startswith(CONCEPT_PREFIX))
        elif isinstance(t, str) and not t.startswith(CONCEPT_PREFIX):
            out.add(t)
    return frozenset(out)


def snippet(
    text: str,
    query_terms: Query | str | Iterable[str | QueryTerm],
    lang: str | None = None,
    max_chars: int = 200,
) -> str:
    """HTML-safe excerpt of ``text`` around the densest cluster of query matches.

    ``query_terms`` is a ``Query``, raw query text, or index terms / ``QueryTerm`` objects.
    Matching words are wrapped in ``<mark>…</mark>``; everything else is HTML-escaped, and
    control and bidi-override characters are blanked, so the result can be inserted into a
    page as is. Roughly ``max_chars`` characters of the original text are shown, cut at word
    boundaries, with ``…`` where text was cut. Without matches the start of the text is shown.
    """
    if not isinstance(text, str) or not text:
        return ""
    max_chars = max(1, int(max_chars))
    clean = _UNSAFE_DISPLAY_RE.sub(" ", text)
    wanted = _query_term_set(query_terms, lang)
    profile = _profile(lang)
    matches: list[tuple[int, int]] = []
    if wanted:
        for m in _DISPLAY_WORD_RE.finditer(clean):
            if _display_forms(m.group(), profile) & wanted:
                matches.append(m.span())

    n = len(clean)
    if matches:
        best_i, best_j, j = 0, 0, 0
        for i in range(len(matches)):
            j = max(j, i)
            while j + 1 < len(matches) and matches[j + 1][1] - matches[i][0] <= max_chars:
                j += 1
            if j - i > best_j - best_i:
                best_i, best_j = i, j
        first, last = matches[best_i][0], matches[best_j][1]
        slack = max(0, max_chars - (last - first))
        start = max(0, first - slack // 2)
        end = min(n, start + max(max_chars, last - first))
        if end - start < max_chars:
            start = max(0, end - max_chars)
        end = min(end, start + max_chars)  # a single over-long word is cut too
        lo, hi = first, min(last, end)
    else:
        start, end = 0, min(n, max_chars)
        lo, hi = end, 0

    # Do not start or end in the middle of a word (unless that word is a match).
    def is_word(k: int) -> bool:
        return 0 <= k < n and clean[k].isalnum()

    if start > 0 and is_word(start - 1):
        while start < lo and is_word(start):
            start += 1
    if end < n and is_word(end):
        k = end
        while k > max(hi, start) and is_word(k - 1):
            k -= 1
        if k > start:  # a window that is one long word is cut inside it
            end = k

    out: list[str] = []
    pos = start
    for s, e in matches:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)  # an over-long matching word is cut, still marked
        out.append(html.escape(clean[pos:s]))
        out.append("<mark>" + html.escape(clean[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(clean[pos:end]))
    body = _SPACE_RUN_RE.sub(" ", "".join(out)).strip()
    prefix = "…" if start > 0 and clean[:start].strip() else ""
    suffix = "…" if end < n and clean[end:].strip() else ""
    return prefix + body + suffix


def trigrams(term: str) -> frozenset[str]:
    """Character trigrams of a normalised word, padded like pg_trgm (``"  w"`` … ``"d "``).

    Meant for typo tolerance on Latin-script words (compare trigram sets with Jaccard
    similarity); it works on any script but is not useful for Arabic roots.
    """
    out: set[str] = set()
    for word in tokenize(term):
        padded = f"  {word} "
        out.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(out)


def surface_words(text: str, terms: Iterable[str], lang: str | None = None) -> dict[str, str]:
    """For each index term, a word of ``text`` that gives it (as written, in lower case): how
    a correction found in the index is shown to a visitor ("did you mean")."""
    wanted = set(terms)
    found: dict[str, str] = {}
    if not wanted or not isinstance(text, str):
        return found
    profile = _profile(lang)
    for m in _DISPLAY_WORD_RE.finditer(_UNSAFE_DISPLAY_RE.sub(" ", text)):
        for term in _display_forms(m.group(), profile) & wanted:
            found.setdefault(term, m.group().casefold())
        if len(found) == len(wanted):
            break
    return found
