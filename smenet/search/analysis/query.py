"""Query parsing: words, phrases, exclusions, each word with the index terms it may match."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

from .languages import (
    _ARABIC_SCRIPT,
    _PROFILE_SCRIPT,
    _QUERY_PROFILES_BY_SCRIPT,
    CONCEPT_PREFIX,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    _profile,
    guess_language,
)
from .normalise import _CONTROL_SPACE_RE, _INVISIBLE_RE, _script
from .terms import _analyze_word
from .tokenise import tokenize

# --------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One query word: a document satisfies it if it contains *any* of ``alternatives``.

    ``alternatives`` holds the word's index term under every analyser that could have
    indexed the matching document (e.g. the en, fr, tr and id stems of a Latin word, and the
    plain normalised word), plus ``concept:<code>`` terms added by ``Thesaurus.expand_query``.
    ``position`` indexes ``Query.words`` and gives phrase offsets; for excluded terms it
    counts excluded words instead (they are not in ``Query.words``).
    """

    text: str
    alternatives: frozenset[str]
    position: int

    def matches(self, doc: Mapping[str, Collection[int]]) -> bool:
        return any(a in doc for a in self.alternatives)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Consecutive query words that must occur at the same relative positions.

    Offsets come from ``QueryTerm.position`` (stop-word gaps included). ``concepts`` are
    ``concept:<code>`` terms: when the whole phrase names a thesaurus concept, a document
    carrying that concept term satisfies the phrase too (cross-lingual phrase search).
    """

    terms: tuple[QueryTerm, ...]
    concepts: frozenset[str] = frozenset()

    def matches(self, doc: Mapping[str, Collection[int]]) -> bool:
        if any(c in doc for c in self.concepts):
            return True
        if not self.terms:
            return False
        first, rest = self.terms[0], self.terms[1:]
        for alt in first.alternatives:
            for origin in doc.get(alt, ()):
                if all(
                    any(
                        origin + t.position - first.position in doc.get(a, ())
                        for a in t.alternatives
                    )
                    for t in rest
                ):
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: an AND of OR-sets, plus positional and negative constraints.

    Representation (what a search backend must implement; ``matches`` is the reference):

    * ``terms``: every positive query word, phrase words included. A document matches only
      if, for **each** term, it contains **at least one** of ``term.alternatives`` (AND of
      ORs). Repeated words may appear more than once.
    * ``phrases``: each must also match positionally (see ``Phrase``); single-word quotes are
      plain terms.
    * ``excluded`` / ``excluded_phrases`` (from a leading ``-``): the document must match
      none of them.
    * ``words``: normalised positive words including stop words, indexed by
      ``QueryTerm.position``; kept so the thesaurus can re-analyse the query.
    * A query with no positive term or phrase (empty input, only stop words, operators or
      exclusions) is falsy and matches nothing.
    """

    terms: tuple[QueryTerm, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    excluded: tuple[QueryTerm, ...] = ()
    excluded_phrases: tuple[Phrase, ...] = ()
    words: tuple[str, ...] = ()
    lang: str | None = None
    truncated: bool = False
    #: The language the query seems to be written in when none was given (or None).
    guess: str | None = None

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def is_empty(self) -> bool:
        return not self

    def index_terms(self) -> frozenset[str]:
        """All alternatives of positive terms except concept terms (for highlighting)."""
        return frozenset(
            a for t in self.terms for a in t.alternatives if not a.startswith(CONCEPT_PREFIX)
        )

    def matches(self, doc: Mapping[str, Collection[int]]) -> bool:
        """Reference evaluation against ``{index term: positions}`` (see ``index_positions``)."""
        if not self:
            return False
        return (
            all(t.matches(doc) for t in self.terms)
            and all(p.matches(doc) for p in self.phrases)
            and not any(t.matches(doc) for t in self.excluded)
            and not any(p.matches(doc) for p in self.excluded_phrases)
        )


_QUOTES: Final = '"“”„‟«»＂'
_DASHES: Final = "-−－"
_OPERATORS: Final = frozenset({"AND", "OR", "NOT", "NEAR", "&&", "||"})
_NEAR_RE: Final = re.compile(r"NEAR/\d*")


def _query_profiles(word: str, profile: str | None) -> tuple[str, ...]:
    if profile is not None:
        return (profile,)
    return _QUERY_PROFILES_BY_SCRIPT.get(_script(word), ())


_TR_VOWELS: Final = "aeiou"


def _turkish_bases(word: str) -> list[str]:
    """The word without a Turkish/Azerbaijani possessive or compound ending after a vowel,
    folded (ı -> i, ğ -> g): "garantisi" -> "garanti", "bankasi" -> "banka", "destegi" ->
    "destek", "sahibkarligi" -> "sahibkarliq". Snowball's Turkish stemmer sees the folded
    word and keeps these endings ("garantisi" -> "garantis"), so "kredi garantisi" missed
    "Kredi garanti sistemi". Query side only: the base is one more alternative."""
    if len(word) < 5 or not word.isascii() or word[-1] not in "iu":
        return []
    out = []
    if word[-2] == "s" and word[-3] in _TR_VOWELS:
        out.append(word[:-2])
    elif word[-2] == "g" and word[-3] in _TR_VOWELS:
        out += [word[:-2] + "k", word[:-2] + "q"]
    return out


def _alternatives(
    word: str, profile: str | None, guess: str | None = None
) -> frozenset[str] | None:
    """Index terms a query word may match; None if it is a stop word.

    Without a language, the word's form under every analyser of its script is an
    alternative; it is a stop word if the guessed language (when it is written in the word's
    script) says so, and otherwise if any of those analysers says so.
    """
    forms = {word}
    stop = False
    for p in _query_profiles(word, profile):
        form = _analyze_word(word, p)
        if form is None:
            stop = True
        else:
            forms.add(form)
    if "tr" in _query_profiles(word, profile):
        for base in _turkish_bases(word):
            form = _analyze_word(base, "tr")
            if form:
                forms.add(form)
    if profile is None and guess is not None:
        guessed = _profile(guess)
        script = _script(word)
        if _PROFILE_SCRIPT.get(guessed) == script or (
            guessed == _ARABIC_SCRIPT and script == "arabic"
        ):
            stop = _analyze_word(word, guessed) is None
    return None if stop else frozenset(forms)


def _segments(text: str) -> list[tuple[bool, bool, str]]:
    """Split raw query text into (negated, quoted, text) chunks; unbalanced quotes run to the end."""
    out: list[tuple[bool, bool, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        negated = False
        if c in _DASHES:
            j = i
            while j < n and text[j] in _DASHES:
                j += 1
            if j >= n or text[j].isspace():
                i = j
                continue
            negated, i, c = True, j, text[j]
        if c in _QUOTES:
            j = i + 1
            while j < n and text[j] not in _QUOTES:
                j += 1
            out.append((negated, True, text[i + 1 : j]))
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        out.append((negated, False, text[i:j]))
        i = j
    return out


def analyze_query(text: str | None, lang: str | None = None) -> Query:
    """Parse a user's query into a ``Query``; never raises on any input.

    Syntax: words are required; ``"quoted words"`` (straight, curly or guillemet quotes;
    an unbalanced quote runs to the end) are phrases; a leading ``-`` excludes a word or a
    phrase. ``AND``/``OR``/``NOT``/``NEAR`` and punctuation such as ``* ( ) : ^`` are
    ignored. Input beyond ``MAX_QUERY_CHARS`` characters and terms beyond
    ``MAX_QUERY_TERMS`` are dropped (``truncated`` is then True).

    With ``lang=None`` each word is analysed by every applicable analyser (Arabic for Arabic
    script; English, French, Turkish and Indonesian for Latin; Russian for Cyrillic), and a
    word that is a stop word in any of them is dropped. With a language, only that
    language's analyser is used (plus script routing, as for documents). The plain
    normalised word is always an alternative, for documents indexed unstemmed.
    """
    if not isinstance(text, str):
        return Query(lang=lang if isinstance(lang, str) else None)
    truncated = len(text) > MAX_QUERY_CHARS
    text = _INVISIBLE_RE.sub("", _CONTROL_SPACE_RE.sub(" ", text[:MAX_QUERY_CHARS]))
    profile = _profile(lang) if lang else None
    guess = guess_language(text) if profile is None else None

    words: list[str] = []
    terms: list[QueryTerm] = []
    phrases: list[Phrase] = []
    excluded: list[QueryTerm] = []
    excluded_phrases: list[Phrase] = []
    excluded_words = 0  # position counter for excluded words (they are not in ``words``)
    count = 0
    for negated, quoted, chunk in _segments(text):
        if not quoted and (chunk in _OPERATORS or _NEAR_RE.fullmatch(chunk)):
            continue
        chunk_terms: list[QueryTerm] = []
        for word in tokenize(chunk):
            if count >= MAX_QUERY_TERMS:
                truncated = True
                break
            if negated:
                position = excluded_words
                excluded_words += 1
            else:
                position = len(words)
                words.append(word)
            alts = _alternatives(word, profile, guess)
            if alts is not None:
                chunk_terms.append(QueryTerm(word, alts, position))
                count += 1
        is_phrase = quoted and len(chunk_terms) > 1
        if negated:
            # An excluded phrase excludes the sequence, not each of its words.
            if is_phrase:
                excluded_phrases.append(Phrase(tuple(chunk_terms)))
            else:
                excluded.extend(chunk_terms)
        else:
            terms.extend(chunk_terms)
            if is_phrase:
                phrases.append(Phrase(tuple(chunk_terms)))
        if truncated:
            break
    return Query(
        terms=tuple(terms),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        excluded_phrases=tuple(excluded_phrases),
        words=tuple(words),
        lang=lang if isinstance(lang, str) else None,
        truncated=truncated,
        guess=guess,
    )
