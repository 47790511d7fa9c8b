"""Index terms of words and texts: script routing, stemming per profile, positions."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from .arabic import _arabic
from .languages import (
    _ARABIC_SCRIPT,
    _LATIN_PROFILES,
    CONCEPT_PREFIX,
    _profile,
    _snowball,
    _stopwords,
)
from .normalise import _script, normalize
from .tokenise import tokenize

MAX_TERM_CHARS: Final = 100


@functools.lru_cache(maxsize=131072)
def _analyze_word(word: str, profile: str) -> str | None:
    """Index term for one normalised word under an analysis profile (None = stop word).

    Words are routed by script: Arabic-script words always take the Arabic pipeline (except
    for Persian/Urdu-like languages), and a language's stemmer only sees words in its own
    script; everything else is kept as the normalised word.
    """
    if len(word) > MAX_TERM_CHARS:  # a pasted blob, not a word: PostgreSQL refuses > 2 kB
        word = word[:MAX_TERM_CHARS]
    script = _script(word)
    if script == "arabic":
        if profile == _ARABIC_SCRIPT:
            return None if word in _stopwords("ur") else word
        return _arabic(word)
    if (script == "latin" and profile in _LATIN_PROFILES) or (
        script == "cyrillic" and profile == "ru"
    ):
        if word in _stopwords(profile):
            return None
        stem = _snowball(profile, word)
        # Stemmers may emit letters we fold (Turkish appends "ı"): fold again.
        return stem if stem.isascii() else (normalize(stem) or word)
    return word


# --------------------------------------------------------------------------------------
# Document analysis
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    """One index term and the position of its word in the text (stop words keep theirs)."""

    term: str
    position: int


def analyze(text: str, lang: str | None) -> list[Token]:
    """Normalise, tokenise, drop stop words and stem ``text`` written in ``lang``.

    ``lang`` is an ISO 639-1 code (region suffixes and case are ignored). ar/en/fr/tr/ru/id
    are stemmed with Snowball (Arabic with the extra steps of ``_arabic``); other languages
    are normalised only. With an unknown or ``None`` language, Arabic-script words still take
    the Arabic pipeline and the rest is normalised only. Positions count every word,
    including dropped stop words, so phrase offsets agree between documents and queries.
    ``analyze(normalize(x), lang) == analyze(x, lang)``.
    """
    return _analyze_profile(text, _profile(lang))


def _analyze_profile(text: str, profile: str) -> list[Token]:
    if not isinstance(text, str) or not text:
        return []
    out: list[Token] = []
    for pos, word in enumerate(tokenize(text)):
        term = _analyze_word(word, profile)
        if term is not None:
            out.append(Token(term, pos))
    return out


def analyze_terms(text: str, lang: str | None) -> list[str]:
    """The index terms of ``analyze(text, lang)`` without positions (stop words dropped):
    what indexing stores, at a fraction of the cost of building ``Token`` objects."""
    if not isinstance(text, str) or not text:
        return []
    profile = _profile(lang)
    analysed = map(functools.partial(_analyze_word, profile=profile), tokenize(text))
    return [term for term in analysed if term is not None]


def index_positions(
    tokens: Iterable[Token], extra_terms: Iterable[str] = ()
) -> dict[str, list[int]]:
    """Build ``{term: [positions]}`` for ``Query.matches``; extra terms (concepts) get ``[]``."""
    index: dict[str, list[int]] = {}
    for tok in tokens:
        index.setdefault(tok.term, []).append(tok.position)
    for term in extra_terms:
        index.setdefault(term, [])
    return index


def concept_term(code: str) -> str:
    """Synthetic index term for a thesaurus concept or subject code (``concept:<code>``)."""
    return CONCEPT_PREFIX + code
