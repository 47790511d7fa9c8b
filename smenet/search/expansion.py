"""Query expansion over the index vocabulary: typos and transliterations. Pure: no Django.

A query word that the index does not know (or hardly knows) is given the index terms that are
close to it: within a small edit distance (``rapidfuzz``'s Levenshtein over terms of a similar
length and the same script), or, across scripts (Latin, Arabic, Cyrillic), with the same
consonant skeleton ("takaful", «تكافل» and «такафул» all give ``tkfl``). Search runs the expanded query after the exact one and
lists its extra matches below the exact matches, so a correction never pushes an exact match
down; the closest correction is offered as "did you mean".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz.distance import Indel, Levenshtein
from rapidfuzz.process import extract, extractOne

from .analysis.languages import CONCEPT_PREFIX
from .analysis.normalise import _script

#: Words shorter than this are never corrected (too many neighbours at distance 1).
MIN_TYPO_CHARS: Final = 4
#: A word known to at most this many documents is still expanded (but ranks below them).
RARE_DOCUMENTS: Final = 1
#: Corrections kept per query word.
MAX_CORRECTIONS: Final = 3
#: Transliteration candidates kept per query word.
MAX_TRANSLITERATIONS: Final = 6
#: A "did you mean" for a query that found nothing: the closest index term of the word's
#: script with at least this normalised similarity (1 - Indel distance / total length) and
#: a length within ``CLOSEST_LENGTH`` letters. Looser than the corrections that are searched.
CLOSEST_SIMILARITY: Final = 0.7
CLOSEST_LENGTH: Final = 3


def max_distance(word: str) -> int:
    n = len(word)
    if n < MIN_TYPO_CHARS:
        return 0
    return 1 if n <= 5 else 2


# -- consonant skeletons -------------------------------------------------------------------------

# Latin digraphs first; vowels (and h after a consonant, handled by the digraphs) vanish.
_LATIN_DIGRAPHS: Final = (
    ("sh", "s"),
    ("ch", "s"),
    ("th", "s"),
    ("dh", "z"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("ou", ""),
    ("aa", ""),
    ("ee", ""),
    ("oo", ""),
    ("ck", "k"),
)
_LATIN_MAP: Final = {
    "b": "b",
    "p": "b",
    "t": "t",
    "d": "d",
    "j": "j",
    "c": "j",
    "g": "j",
    "h": "h",
    "k": "k",
    "q": "k",
    "x": "k",
    "f": "f",
    "v": "f",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
    "s": "s",
    "z": "z",
    "w": "w",
    "y": "y",
}
_ARABIC_MAP: Final = {
    "ب": "b",
    "پ": "b",
    "ت": "t",
    "ط": "t",
    "ث": "s",
    "ج": "j",
    "چ": "j",
    "گ": "j",
    "ح": "h",
    "خ": "h",
    "ه": "h",
    "ة": "",
    "د": "d",
    "ض": "d",
    "ذ": "z",
    "ظ": "z",
    "ز": "z",
    "ژ": "z",
    "ر": "r",
    "س": "s",
    "ص": "s",
    "ش": "s",
    "ع": "",
    "غ": "j",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "و": "w",
    "ي": "y",
    "ا": "",
    "ء": "",
    "ئ": "y",
    "ؤ": "w",
    "ٹ": "t",
    "ڈ": "d",
    "ڑ": "r",
    "ں": "n",
}
_VOWEL_RE: Final = re.compile("[aeiou]")


def skeleton(word: str) -> str:
    """The consonants of a Latin, Arabic-script or Cyrillic word in a script-neutral
    alphabet ("" for other scripts).

    و and ي (w, y) count only between vowels or at the start, where they are consonants;
    elsewhere they are long vowels, like Latin vowels, and vanish. Doubled consonants count
    once (Arabic writes a shadda, which normalisation removes). Latin "c" reads as in
    Turkish (j) and "x" as k; ``skeletons`` adds the English/French reading.
    """
    script = _script(word)
    if script == "latin":
        return _latin_skeleton(word)
    if script == "cyrillic":
        return _squeeze([c for ch in word if (c := _CYRILLIC_MAP.get(ch, ""))])
    if script != "arabic":
        return ""
    return _arabic_skeleton(word, _ARABIC_MAP)


_SKELETON_SCRIPTS: Final = ("latin", "arabic", "cyrillic")
#: Russian letters as the Latin map reads their sounds (vowels, й, ь, ъ vanish).
_CYRILLIC_MAP: Final = {
    "б": "b",
    "п": "b",
    "в": "f",
    "ф": "f",
    "г": "j",
    "д": "d",
    "ж": "j",
    "з": "z",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "р": "r",
    "с": "s",
    "т": "t",
    "х": "h",
    "ц": "s",
    "ч": "j",
    "ш": "s",
    "щ": "s",
}


def _arabic_skeleton(word: str, letters: Mapping[str, str], final_h: bool = False) -> str:
    """``final_h``: a word-final ه is a consonant (توجيه "tawjih"), so the و or ي before it
    is a long vowel (``skeletons``)."""
    out: list[str] = []
    for i, ch in enumerate(word):
        c = letters.get(ch, "")
        if c in ("w", "y"):
            nxt = word[i + 1] if i + 1 < len(word) else ""
            vowel_after = nxt in "اةه" and not (final_h and nxt == "ه" and i + 2 == len(word))
            c = c if (i == 0 or vowel_after) and nxt else ""
        if c:
            out.append(c)
    return _squeeze(out)


def _squeeze(out: list[str]) -> str:
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


_SOFT_C_RE: Final = re.compile("c(?=[eiy])")
_HARD_C_RE: Final = re.compile("c(?![hk])")


def _latin_skeleton(w: str, weak: bool = False) -> str:
    """``weak``: w and y between vowels vanish too (``skeletons``)."""
    for a, b in _LATIN_DIGRAPHS:
        w = w.replace(a, b)
    out: list[str] = []
    for i, ch in enumerate(w):
        c = _LATIN_MAP.get(ch)
        if c in ("w", "y"):
            prev_vowel = i == 0 or bool(_VOWEL_RE.match(w[i - 1]))
            next_vowel = i + 1 < len(w) and bool(_VOWEL_RE.match(w[i + 1]))
            c = c if (i == 0 or (prev_vowel and not weak)) and next_vowel else ""
        if c:
            out.append(c)
    return _squeeze(out)


def skeletons(word: str) -> frozenset[str]:
    """Every reading's skeleton of a word. For Latin words with "c" or "x" also the English
    one (c before e, i, y is s, otherwise k; ch is j; x is ks), so that "incubator",
    "islamic", "finance", "export" and Roman Urdu "chhote" meet «انكيوبيتر», «اسلامک»,
    «فنانس», «ایکسپورٹ», «چھوٹے», which write the words as they are heard. For Arabic-script
    words with ض or ة also their Persian, Urdu and Turkish reading (z, t): «قرض» "qarz",
    «زكاة» "zakat", «ريادة» "riyadat".

    و/w and ي/y (session 7): Arabic writes no short vowel, so a و or ي before a consonant
    letter is read as a long vowel and vanishes, even where Latin hears a consonant before
    a short vowel ("tawarruq" «تورق», "tawakkul" «توكل», "tawil" «طويل»; Azerbaijani
    "innovasiya" and Russian «инновация»). A Latin word with w or y between vowels also
    has the reading without them. Malay and Indonesian write ة as a final "h" ("ijarah",
    "syariah", "mudarabah"): a Latin word ending in "ah" also reads without the h. And a
    word-final ه after و or ي is also a consonant (توجيه "tawjih", فقيه "faqih"), not the
    Urdu/Persian ending of a vowel, which the first reading assumes."""
    first = skeleton(word)
    script = _script(word)
    if script == "arabic":
        out = {first}
        if any(ch in _LOAN_READING for ch in word):
            out.add(_arabic_skeleton(word, _LOAN_MAP))
        if len(word) > 2 and word[-1] == "ه" and word[-2] in "وي":
            out.add(_arabic_skeleton(word, _ARABIC_MAP, final_h=True))
        return frozenset(out - {""})
    if script != "latin":
        return frozenset({first} - {""})
    forms = [word]
    if "c" in word or "x" in word:
        english = _SOFT_C_RE.sub("s", word).replace("x", "ks")
        forms.append(_HARD_C_RE.sub("k", english.replace("ch", "j")))
    if len(word) > 3 and word.endswith("ah"):
        forms += [f[:-1] for f in forms]
    out = {first} | {_latin_skeleton(f) for f in forms}
    out |= {_latin_skeleton(f, weak=True) for f in forms}
    return frozenset(out - {""})


#: How Persian, Urdu and Turkish read two Arabic letters, and write them in Latin script:
#: ض is z (قرض "qarz", ة is t (زكاة "zakat", صدقة "sadaqat").
_LOAN_READING: Final = {"ض": "z", "ة": "t"}
_LOAN_MAP: Final = {**_ARABIC_MAP, **_LOAN_READING}


# -- the vocabulary -------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """Index terms with the number of documents holding each (concept and filter tags left
    out), bucketed for quick neighbour searches."""

    documents: Mapping[str, int]
    _by_bucket: dict[tuple[str, int], list[str]] = field(default_factory=dict, init=False)
    _by_skeleton: dict[tuple[str, str], list[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        by_skeleton: dict[tuple[str, str], list[str]] = defaultdict(list)
        for term in self.documents:
            if term.startswith(CONCEPT_PREFIX):  # concepts count documents, never corrected
                continue
            script = _script(term)
            if script not in ("latin", "arabic", "cyrillic"):
                continue
            buckets[(script, len(term))].append(term)
            for key in skeletons(term):
                if len(key) >= 3:
                    by_skeleton[(script, key)].append(term)
        self._by_bucket = dict(buckets)
        self._by_skeleton = dict(by_skeleton)

    def __len__(self) -> int:
        return len(self.documents)

    def df(self, term: str) -> int:
        return self.documents.get(term, 0)

    def known(self, alternatives: Iterable[str]) -> int:
        """Documents holding the best known of a word's index terms."""
        return max((self.documents.get(a, 0) for a in alternatives), default=0)

    def corrections(self, word: str) -> list[tuple[str, int]]:
        """Index terms within the word's edit distance, closest then commonest first:
        ``[(term, distance)]``."""
        limit = max_distance(word)
        if not limit:
            return []
        script = _script(word)
        found: list[tuple[str, int]] = []
        for n in range(len(word) - limit, len(word) + limit + 1):
            choices = self._by_bucket.get((script, n))
            if not choices:
                continue
            for term, dist, _ in extract(
                word,
                choices,
                scorer=Levenshtein.distance,
                score_cutoff=limit,
                limit=MAX_CORRECTIONS * 4,
            ):
                if term != word and dist > 0:
                    found.append((term, int(dist)))
        found.sort(key=lambda td: (td[1], -self.documents.get(td[0], 0), td[0]))
        return found[:MAX_CORRECTIONS]

    def closest(self, word: str) -> str | None:
        """The index term most like ``word`` (same script, similar length), if close enough
        to be offered as "did you mean" (never searched in its place)."""
        if len(word) < MIN_TYPO_CHARS or word in self.documents:
            return None
        script = _script(word)
        best: tuple[float, int, str] | None = None
        for n in range(len(word) - CLOSEST_LENGTH, len(word) + CLOSEST_LENGTH + 1):
            choices = self._by_bucket.get((script, n))
            if not choices:
                continue
            found = extractOne(
                word,
                choices,
                scorer=Indel.normalized_similarity,
                score_cutoff=CLOSEST_SIMILARITY,
            )
            if found is not None:
                key = (float(found[1]), self.documents.get(found[0], 0), found[0])
                best = key if best is None or key[:2] > best[:2] else best
        return best[2] if best is not None else None

    def transliterations(self, word: str) -> list[str]:
        """Index terms in the other scripts (Latin, Arabic, Cyrillic) with one of the word's
        skeletons, commonest first."""
        script = _script(word)
        if script not in _SKELETON_SCRIPTS:
            return []
        others = [s for s in _SKELETON_SCRIPTS if s != script]
        terms: set[str] = set()
        for key in skeletons(word):
            if len(key) >= 3:
                for other in others:
                    terms.update(self._by_skeleton.get((other, key), ()))
        ranked = sorted(terms, key=lambda t: (-self.documents.get(t, 0), t))
        return ranked[:MAX_TRANSLITERATIONS]
