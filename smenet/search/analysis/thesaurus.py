"""The thesaurus: concepts with terms in many languages, found in texts and queries."""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from os import PathLike
from typing import Final, NamedTuple

from .languages import (
    _ARABIC_SCRIPT,
    _OTHER,
    _PROFILE_SCRIPT,
    _THESAURUS_PROFILES_BY_SCRIPT,
    CONCEPT_PREFIX,
    DEFAULT_THESAURUS_CSV,
    STEMMED_LANGUAGES,
    _profile,
)
from .normalise import _script
from .query import Phrase, Query, QueryTerm
from .terms import Token, _analyze_profile, _analyze_word, concept_term
from .tokenise import tokenize

# --------------------------------------------------------------------------------------
# Thesaurus (cross-lingual concepts)
# --------------------------------------------------------------------------------------

_ALL_PROFILES: Final = (*sorted(STEMMED_LANGUAGES), _ARABIC_SCRIPT, _OTHER)
_CODE_RE: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


#: Query words that may stand between the words of a multi-word term (``expand_query``).
QUERY_GAP: Final = 1


def _run_end(terms: Sequence[str], start: int, seq: tuple[str, ...], gap: int) -> int | None:
    """The end of the first run from ``start`` that holds ``seq`` in order with at most
    ``gap`` other terms among its words (None: there is none)."""
    end = start
    for word in seq[1:]:
        try:
            found = terms.index(word, end + 1, end + 2 + gap)
        except ValueError:
            return None
        gap -= found - end - 1
        end = found
    return end + 1


class ThesaurusEntry(NamedTuple):
    """One term of a concept: ``("access-to-finance", "fr", "Accès au financement")``."""

    code: str
    lang: str
    term: str


class Thesaurus:
    """Concept codes with terms in several languages, matched as analysed token sequences.

    A concept is found in a text when the analysed tokens of one of its terms occur as a
    contiguous run of the text's analysed tokens (stop words skipped; in a query one other
    word may come between them, ``expand_query``), so "access to finance", "accès au
    financement", "الوصول إلى التمويل" and "finansmana erişim" all give ``access-to-finance``. Terms are analysed with the *text's* analyser, so the comparison
    is always like for like (see ``_usable`` for foreign terms); results are cached per
    analyser.

    Indexing emits ``concept:<code>`` (``concept_terms``) and ``expand_query`` adds the same
    term to matching query words, which is how an English query finds an Arabic document.
    """

    def __init__(self, entries: Iterable[ThesaurusEntry | tuple[str, str, str]]) -> None:
        self._entries: tuple[ThesaurusEntry, ...] = tuple(
            ThesaurusEntry(*e) for e in entries if e[0] and e[2] and e[2].strip()
        )
        self._patterns: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
        self._lock = threading.Lock()

    # -- loading ------------------------------------------------------------------------

    @classmethod
    def from_files(
        cls,
        subjects_csv: str | PathLike[str] | None = None,
        thesaurus_csv: str | PathLike[str] | None = DEFAULT_THESAURUS_CSV,
    ) -> Thesaurus:
        """Load the subject taxonomy (``code,en,fr,ar,...``) and/or a ``concept,lang,term`` CSV."""
        entries: list[ThesaurusEntry] = []
        if subjects_csv is not None:
            entries.extend(cls.read_subjects_csv(subjects_csv))
        if thesaurus_csv is not None:
            entries.extend(cls.read_thesaurus_csv(thesaurus_csv))
        return cls(entries)

    @staticmethod
    def read_subjects_csv(path: str | PathLike[str]) -> list[ThesaurusEntry]:
        """Entries from the subject taxonomy: column ``code`` plus one column per language."""
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "code" not in reader.fieldnames:
                raise ValueError(f"{path}: missing 'code' column")
            langs = [f for f in reader.fieldnames if f != "code"]
            out: list[ThesaurusEntry] = []
            for row in reader:
                code = (row.get("code") or "").strip()
                if not _CODE_RE.fullmatch(code):
                    raise ValueError(f"{path}:{reader.line_num}: invalid code {code!r}")
                for lang in langs:
                    term = (row.get(lang) or "").strip()
                    if term:
                        out.append(ThesaurusEntry(code, lang.strip(), term))
            return out

    @staticmethod
    def read_thesaurus_csv(path: str | PathLike[str]) -> list[ThesaurusEntry]:
        """Entries from a ``concept,lang,term`` CSV (header required, ``#`` lines are comments)."""
        out: list[ThesaurusEntry] = []
        with open(path, encoding="utf-8", newline="") as fh:
            rows = csv.reader(line for line in fh if line.strip() and not line.startswith("#"))
            header = next(rows, None)
            if header is None or [h.strip() for h in header] != ["concept", "lang", "term"]:
                raise ValueError(f"{path}: header must be 'concept,lang,term'")
            for row in rows:
                if len(row) != 3:
                    raise ValueError(f"{path}: expected 3 fields, got {row!r}")
                code, lang, term = (f.strip() for f in row)
                if not _CODE_RE.fullmatch(code) or not lang or not term:
                    raise ValueError(f"{path}: invalid row {row!r}")
                out.append(ThesaurusEntry(code, lang, term))
        return out

    # -- lookup -------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[ThesaurusEntry, ...]:
        return self._entries

    def codes(self) -> frozenset[str]:
        return frozenset(e.code for e in self._entries)

    def terms_for(self, code: str) -> dict[str, list[str]]:
        """``{lang: [terms]}`` for a concept (e.g. for labels or debugging)."""
        out: dict[str, list[str]] = {}
        for e in self._entries:
            if e.code == code:
                out.setdefault(e.lang, []).append(e.term)
        return out

    def _patterns_for(self, profile: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        patterns = self._patterns.get(profile)
        if patterns is None:
            with self._lock:
                patterns = self._patterns.get(profile)
                if patterns is None:
                    built: dict[str, list[tuple[tuple[str, ...], str]]] = {}
                    seen: set[tuple[tuple[str, ...], str]] = set()
                    for e in self._entries:
                        seq = tuple(t.term for t in _analyze_profile(e.term, profile))
                        if not seq or not self._usable(e, profile):
                            continue
                        if (seq, e.code) not in seen:
                            seen.add((seq, e.code))
                            built.setdefault(seq[0], []).append((seq, e.code))
                    self._patterns[profile] = patterns = built
        return patterns

    @staticmethod
    def _usable(entry: ThesaurusEntry, profile: str) -> bool:
        """Whether a term can be matched in text analysed with ``profile``.

        Terms in the profile's own language always can, and so can words in another script
        (an Arabic term in an English text takes the Arabic pipeline either way). A foreign
        term in the same script is used only if this stemmer leaves its words unchanged
        ("PME", "KOBİ" in an English text): stemming a foreign word with the wrong rules
        invents collisions (Turkish "faktoring" -> English stem "faktor"; "iş" -> "is", an
        English stop word, leaving "ortamı" alone to tag every such text).
        """
        own_script = _PROFILE_SCRIPT.get(profile)
        if own_script is None or _profile(entry.lang) == profile:
            return True
        return all(
            _analyze_word(w, profile) == w for w in tokenize(entry.term) if _script(w) == own_script
        )

    def _find(self, terms: Sequence[str], profile: str, gap: int = 0) -> list[tuple[str, int, int]]:
        """All (code, start, end) with ``terms[start:end]`` holding a concept's analysed term,
        its words in order with at most ``gap`` other terms among them."""
        patterns = self._patterns_for(profile)
        found: list[tuple[str, int, int]] = []
        for i, term in enumerate(terms):
            for seq, code in patterns.get(term, ()):
                end = _run_end(terms, i, seq, gap)
                if end is not None:
                    found.append((code, i, end))
        return found

    def concepts_in(
        self, text_or_tokens: str | Sequence[Token] | Sequence[str], lang: str | None
    ) -> frozenset[str]:
        """Concept codes whose terms occur in a text (or in tokens already analysed with ``lang``)."""
        profile = _profile(lang)
        if isinstance(text_or_tokens, str):
            terms = [t.term for t in _analyze_profile(text_or_tokens, profile)]
        else:
            terms = [t.term if isinstance(t, Token) else t for t in text_or_tokens]
        return frozenset(code for code, _, _ in self._find(terms, profile))

    def concept_terms(
        self, text: str | Sequence[Token] | Sequence[str], lang: str | None
    ) -> list[str]:
        """Sorted ``concept:<code>`` index terms to store with a document at index time."""
        return sorted(concept_term(c) for c in self.concepts_in(text, lang))

    def expand_query(self, query: Query) -> Query:
        """Add ``concept:<code>`` as an alternative to the query words that form a concept.

        For a concept made of words A and B the result is (A or C) and (B or C), which equals
        (A and B) or C: documents with the words still match, and so do documents in any
        language that carry the concept term C. A phrase made entirely of one concept's words
        is also satisfied by C. Exclusions are not expanded.

        A visitor's words may come between a term's words ("selling products abroad" for
        "selling abroad", "xaricə məhsul satmaq" for "xaricə satmaq"): up to ``QUERY_GAP``
        of them (stop words not counted), in the term's order, are part of the concept's
        span and take C too. A quoted phrase asks for its words as typed, so only a term
        with no word between its words makes it the concept. Documents are read as before
        (contiguous terms): measured, gaps there tagged more of them wrongly.
        """
        if not query.words:
            return query
        profile = _profile(query.lang) if query.lang else None
        if profile is not None:
            profiles: set[str] = {profile}
        else:
            profiles = {_OTHER}
            for w in query.words:
                profiles.update(_THESAURUS_PROFILES_BY_SCRIPT.get(_script(w), ()))
        by_position: dict[int, set[str]] = {}
        spans: list[tuple[str, frozenset[int]]] = []
        for p in sorted(profiles):
            seq = [
                (pos, f)
                for pos, w in enumerate(query.words)
                if (f := _analyze_word(w, p)) is not None
            ]
            analysed = [f for _, f in seq]
            for code, start, end in self._find(analysed, p, QUERY_GAP):
                for pos, _ in seq[start:end]:
                    by_position.setdefault(pos, set()).add(concept_term(code))
            for code, start, end in self._find(analysed, p):
                spans.append((concept_term(code), frozenset(pos for pos, _ in seq[start:end])))
        if not by_position:
            return query

        def expand(t: QueryTerm) -> QueryTerm:
            extra = by_position.get(t.position)
            return replace(t, alternatives=t.alternatives | extra) if extra else t

        phrases = []
        for ph in query.phrases:
            positions = {t.position for t in ph.terms}
            concepts = frozenset(c for c, covered in spans if positions <= covered)
            phrases.append(Phrase(tuple(expand(t) for t in ph.terms), ph.concepts | concepts))
        return replace(query, terms=tuple(expand(t) for t in query.terms), phrases=tuple(phrases))

    def expand_alternatives(self, query: Query) -> Query:
        """Add ``concept:<code>`` to query terms whose *alternatives* form a concept's term.

        ``expand_query`` reads the words as typed; a typo correction or a transliteration
        (an index term found for the word, e.g. «انكيوبيتر» -> ``inkubator``) can name a
        concept the typed word does not, in any language's analysis: the concept then
        joins the alternatives of the terms it covers, as for typed words.
        """
        terms = query.terms
        if not terms:
            return query
        alts = [
            frozenset(a for a in t.alternatives if not a.startswith(CONCEPT_PREFIX)) for t in terms
        ]
        extra: dict[int, set[str]] = {}
        for profile in _ALL_PROFILES:
            patterns = self._patterns_for(profile)
            for i, first in enumerate(alts):
                for a in first:
                    for seq, code in patterns.get(a, ()):
                        if i + len(seq) <= len(terms) and all(
                            seq[j] in alts[i + j] for j in range(1, len(seq))
                        ):
                            for j in range(len(seq)):
                                extra.setdefault(i + j, set()).add(concept_term(code))
        if not extra:
            return query
        new_terms = tuple(
            replace(t, alternatives=t.alternatives | extra[i]) if i in extra else t
            for i, t in enumerate(terms)
        )
        return replace(query, terms=new_terms)
