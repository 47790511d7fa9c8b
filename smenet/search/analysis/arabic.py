"""The Arabic pipeline: article and conjunction, final heh/teh marbuta, broken plurals, Snowball."""

from __future__ import annotations

import functools
from typing import Final

from .languages import DEFAULT_PLURALS_TSV, _snowball, _stopwords
from .normalise import normalize

# --------------------------------------------------------------------------------------
# Arabic
# --------------------------------------------------------------------------------------

# Article with attached particles, longest first (و/ف + ب/ك/ل + ال).
_AR_ARTICLES: Final = (
    "وبال",
    "فبال",
    "وكال",
    "فكال",
    "بال",
    "كال",
    "فال",
    "وال",
    "ولل",
    "فلل",
    "لل",
    "ال",
)
_TEH_MARBUTA: Final = "\u0629"
_HEH: Final = "\u0647"


def _ar_prepare(word: str) -> str:
    """Steps before stemming that only fix spelling variation (applied to lexicon entries too).

    A final ``ه`` becomes ``ة``: users often type ه for ة, and Snowball strips ة (or the
    pronoun ه) either way, so ``الصغيره`` and ``الصغيرة`` both stem to ``صغير``. The
    opposite direction (ة -> ه before stemming) is what breaks Snowball; see STACK-NOTES.
    """
    if len(word) >= 3 and word.endswith(_HEH):
        word = word[:-1] + _TEH_MARBUTA
    return word


def _strip_article(word: str) -> str:
    """Remove the definite article (with attached و ف ب ك ل) before stemming.

    Snowball's own prefix rules depend on word length, so it stems ``قانون`` to ``قانون``
    but ``القانون`` to ``قان``, and ``السنة`` to ``السن``. Feeding it the bare word keeps a
    word with and without the article on one term. Stripping repeats, so words that begin
    with ``ال`` themselves (``إلكترونية``/``الإلكترونية``) still agree with each other.
    """
    stripped = True
    while stripped:
        stripped = False
        for p in _AR_ARTICLES:
            # Bare ال/لل may leave two letters (الحق); compound prefixes must leave three, so
            # وكالات is not read as و+ك+ال+ات.
            if word.startswith(p) and len(word) - len(p) >= (2 if len(p) == 2 else 3):
                word = word[len(p) :]
                stripped = True
                break
    return word


@functools.cache
def _plural_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Load the plural lexicon: (normalised plural -> singular, plural stem -> singular stem).

    The second table catches inflected plurals the word lookup misses (``مشاريعها``,
    ``برامجنا``): Snowball reduces them to the plural's stem, which we then map. Keys that
    are also the stem of some singular are left out so a singular is never remapped.
    """
    words: dict[str, str] = {}
    with DEFAULT_PLURALS_TSV.open(encoding="utf-8") as fh:
        header_seen = False
        for line in fh:
            line = line.rstrip("\n\r")
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            plural, _, singular = line.partition("\t")
            p, s = _ar_prepare(normalize(plural)), _ar_prepare(normalize(singular.strip()))
            if p and s and p != s:
                words[p] = s
    singular_stems = {_snowball("ar", _strip_article(s)) for s in words.values()}
    stems: dict[str, str] = {}
    for p, s in words.items():
        kp, ks = _snowball("ar", _strip_article(p)), _snowball("ar", _strip_article(s))
        if kp != ks and kp not in singular_stems:
            stems[kp] = ks
    return words, stems


def _arabic(word: str) -> str | None:
    """Arabic pipeline for one normalised word; ``None`` for a stop word.

    1. stop words; 2. strip a conjunction و/ف before ال/لل (Snowball keeps ``والمتوسط``);
    3. fix final ه/ة; 4. broken-plural lexicon, looked up with and then without the article
    (the article is stripped here, see ``_strip_article``); otherwise a sound feminine
    plural ``-ات`` becomes ``-ة`` (Snowball stems ``خدمات`` to ``خدما`` but ``خدمة`` and
    ``الخدمات`` to ``خدم``); 5. Snowball; 6. plural-stem -> singular-stem map, for
    inflected plurals (``مشاريعها``); 7. a ة Snowball left on a short word becomes ه, after
    stemming, so ``سنة``/``سنه`` meet.
    """
    stop = _stopwords("ar")
    if word in stop:
        return None
    w = word
    if len(w) >= 6 and w[0] in "وف" and w[1:3] in ("ال", "لل"):
        w = w[1:]
        if w in stop:
            return None
    w = _ar_prepare(w)
    lexicon, stem_map = _plural_tables()
    singular = lexicon.get(w)
    if singular is None:
        w = _strip_article(w)
        singular = lexicon.get(w)
    if singular is not None:
        w = _strip_article(singular)
    elif w.endswith("ات") and len(w) >= 5:
        w = w[:-2] + _TEH_MARBUTA
    stem = _snowball("ar", w)
    stem = stem_map.get(stem, stem)
    if stem.endswith(_TEH_MARBUTA):
        stem = stem[:-1] + _HEH
    return stem
