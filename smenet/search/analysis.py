"""Multilingual text analysis for SMENET search (index time and query time).

This module is deliberately pure Python with no Django imports: the same functions turn a
document into index terms and a user's query into a boolean structure over those terms, so
SQLite FTS, PostgreSQL or an in-memory index all see identical terms and return the same
matches (see STACK-NOTES, "Arabic text search").

Pipeline, in order (why each step exists):

1. ``normalize``: NFKC + case folding so visually identical text compares equal; control,
   format (bidi, zero-width) and surrogate characters removed because PostgreSQL rejects NUL
   and invisible characters split or glue words unpredictably; Latin accents folded so users
   without an AZERTY/Turkish keyboard still match ("KOBİ" == "kobi", "Kiçik" -> "kicik");
   Arabic diacritics, tatweel, alef/yeh/kaf variants and Arabic-Indic digits unified because
   Arabic text is written with and without them interchangeably.
2. ``tokenize``: words are runs of Unicode letters/digits (plus combining marks for scripts
   that need them); apostrophe clitics that are parts of a neighbouring word (French
   ``l'``/``d'``, English ``'s``, Turkish case suffixes ``KOBİ'ler``) are dropped so the word
   is indexed the same with or without them.
3. ``analyze``: stop words removed (positions kept, so phrase offsets stay true), then
   language-specific stemming. Arabic gets extra work because Snowball alone does not join
   ``والمتوسطة``/``المتوسطة`` or any broken plural (``مشاريع``/``مشروع``).

Everything that depends only on a word is cached (``functools.lru_cache``), and PyStemmer
objects, which are not thread-safe, are kept one per thread.
"""

from __future__ import annotations

import csv
import functools
import html
import re
import threading
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import Final, NamedTuple

import Stemmer  # type: ignore[import-not-found,import-untyped,unused-ignore]  # PyStemmer

__all__ = [
    "CONCEPT_PREFIX",
    "DEFAULT_PLURALS_TSV",
    "DEFAULT_THESAURUS_CSV",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "STEMMED_LANGUAGES",
    "Phrase",
    "Query",
    "QueryTerm",
    "Thesaurus",
    "ThesaurusEntry",
    "Token",
    "analyze",
    "analyze_query",
    "concept_term",
    "index_positions",
    "normalize",
    "snippet",
    "tokenize",
    "trigrams",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
DEFAULT_PLURALS_TSV: Final = DATA_DIR / "arabic_plurals.tsv"
DEFAULT_THESAURUS_CSV: Final = DATA_DIR / "thesaurus.csv"

#: Prefix of synthetic index terms for thesaurus concepts. Real tokens never contain ":".
CONCEPT_PREFIX: Final = "concept:"
#: Raw query text beyond this is ignored (bounded work for hostile input).
MAX_QUERY_CHARS: Final = 1000
#: At most this many query terms (positive + excluded) are kept.
MAX_QUERY_TERMS: Final = 64

#: ISO 639-1 code -> Snowball algorithm name, for the languages we stem.
STEMMED_LANGUAGES: Final[Mapping[str, str]] = {
    "ar": "arabic",
    "en": "english",
    "fr": "french",
    "tr": "turkish",
    "ru": "russian",
    "id": "indonesian",
}
# Languages written in Arabic script that are not Arabic: normalised but not Arabic-stemmed,
# because the Arabic stemmer's affixes would mangle Persian/Urdu words.
_ARABIC_SCRIPT_OTHER: Final = frozenset({"fa", "ur", "ps", "ku", "sd", "ug", "ks", "ckb"})
_LANG_ALIASES: Final[Mapping[str, str]] = {
    "ara": "ar",
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "tur": "tr",
    "rus": "ru",
    "ind": "id",
    "in": "id",
    "per": "fa",
    "fas": "fa",
    "urd": "ur",
}
# Analysis "profiles": one per stemmed language, plus these two.
_OTHER: Final = "other"  # Arabic-script words -> Arabic pipeline, everything else plain
_ARABIC_SCRIPT: Final = "arabic-script"  # everything plain (Persian, Urdu, ...)
# Which profiles a word of a given script is tried with when the query language is unknown.
_QUERY_PROFILES_BY_SCRIPT: Final[Mapping[str, tuple[str, ...]]] = {
    "arabic": ("ar",),
    "latin": ("en", "fr", "tr", "id"),
    "cyrillic": ("ru",),
}
_LATIN_PROFILES: Final = frozenset({"en", "fr", "tr", "id"})
# The script each stemmed profile's stemmer works on.
_PROFILE_SCRIPT: Final[Mapping[str, str]] = {
    "ar": "arabic",
    "en": "latin",
    "fr": "latin",
    "tr": "latin",
    "id": "latin",
    "ru": "cyrillic",
}


# --------------------------------------------------------------------------------------
# Character tables
# --------------------------------------------------------------------------------------


def _category_class(prefix: str, limit: int = 0x10000) -> str:
    """Regex class body of code points below ``limit`` whose Unicode category starts with ``prefix``.

    Used to generate (and, in the tests, to check) the literal tables below; scanning the
    BMP at import would cost ~100 ms on every process start.
    """
    parts: list[str] = []
    start: int | None = None
    for cp in range(limit + 1):
        hit = cp < limit and unicodedata.category(chr(cp)).startswith(prefix)
        if hit and start is None:
            start = cp
        elif not hit and start is not None:
            end = cp - 1
            parts.append(f"\\u{start:04x}" if start == end else f"\\u{start:04x}-\\u{end:04x}")
            start = None
    return "".join(parts)


# Combining marks (category M) and format characters (Cf) of the BMP, generated with
# ``_category_class("M")`` / ``_category_class("Cf")`` on Python 3.11 (Unicode 14). Newer
# Unicode versions add a few marks in rare scripts; missing ones only split such words.
_MARKS: Final = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7\u0610-"
    "\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-"
    "\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-"
    "\u0823\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-"
    "\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-"
    "\u09c4\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-"
    "\u0a42\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-"
    "\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-"
    "\u0b44\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-"
    "\u0bc8\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-"
    "\u0c4d\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-"
    "\u0ccd\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-"
    "\u0d48\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-"
    "\u0ddf\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-"
    "\u0ecd\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-"
    "\u0f97\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-"
    "\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-"
    "\u1734\u1752-\u1753\u1772-\u1773\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-"
    "\u1886\u18a9\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-"
    "\u1a7c\u1a7f\u1ab0-\u1ace\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-"
    "\u1bad\u1be6-\u1bf3\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-"
    "\u1cf9\u1dc0-\u1dff\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-"
    "\u309a\ua66f-\ua672\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-"
    "\ua827\ua82c\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-"
    "\ua953\ua980-\ua983\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-"
    "\uaa7d\uaab0\uaab2-\uaab4\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef\uaaf5-"
    "\uaaf6\uabe3-\uabea\uabec-\uabed\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)
_FORMAT: Final = "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
# Control (Cc), format (Cf) and surrogate (Cs) characters. Whitespace controls become spaces
# so "a\nb" still splits; the rest vanish so "fi\u00adnance" (soft hyphen) stays one word.
_INVISIBLE_RE: Final = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f" + _FORMAT + "\ud800-\udfff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_CONTROL_SPACE_RE: Final = re.compile("[\t-\r\x1c-\x1f\x85]")
# A mark run and the character it sits on (None at the start of the string).
_MARK_RUN_RE: Final = re.compile(f"([^{_MARKS}])?([{_MARKS}]+)")
_WORD_RE: Final = re.compile(f"[^\\W_](?:[^\\W_]|[{_MARKS}])*")
_WORD: Final = _WORD_RE.pattern
#: Words joined by apostrophes or hyphens (l'agence, KOBİ'ler, start-up), as one chunk.
_CHUNK_RE: Final = re.compile(f"{_WORD}(?:['-]{_WORD})*")
_JOINER_RE: Final = re.compile("(['-])")
# Words as they appear in original (un-normalised) text, for snippets: also keep tatweel,
# soft hyphen and zero-width (non-)joiners inside a word.
_DISPLAY_WORD_RE: Final = re.compile(f"[^\\W_](?:[^\\W_]|[{_MARKS}\u0640\u00ad\u200c\u200d])*")
_ARABIC_CHAR_RE: Final = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
_CYRILLIC_CHAR_RE: Final = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")


def _char_map() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Arabic diacritics (tashkeel, Quranic annotation marks) and tatweel: dropped.
    for lo, hi in (
        (0x0610, 0x061A),
        (0x064B, 0x065F),
        (0x06D6, 0x06DC),
        (0x06DF, 0x06E4),
        (0x06EA, 0x06ED),
        (0x08CA, 0x08E1),
        (0x08E3, 0x08FF),
    ):
        for cp in range(lo, hi + 1):
            table[cp] = None
    for cp in (0x0670, 0x06E7, 0x06E8, 0x0640):
        table[cp] = None
    # Alef forms -> bare alef.
    for ch in "\u0622\u0623\u0625\u0671\u0672\u0673\u0675":
        table[ord(ch)] = "\u0627"
    # Yeh/kaf/heh variants (alef maqsura, Persian/Urdu letters) -> Arabic letters.
    table.update(
        {
            0x0649: "\u064a",  # ى -> ي
            0x06CC: "\u064a",  # ی (Farsi yeh) -> ي
            0x06D2: "\u064a",  # ے (Urdu yeh barree) -> ي
            0x06A9: "\u0643",  # ک (keheh) -> ك
            0x06AA: "\u0643",  # ڪ -> ك
            0x06C0: "\u0647",  # ۀ -> ه
            0x06C1: "\u0647",  # ہ -> ه
            0x06BE: "\u0647",  # ھ -> ه
            0x06D5: "\u0647",  # ە -> ه
            0x06C3: "\u0629",  # ۃ -> ة
        }
    )
    # Arabic-Indic and extended (Persian) digits -> ASCII.
    for i in range(10):
        table[0x0660 + i] = str(i)
        table[0x06F0 + i] = str(i)
    # Latin letters that carry no decomposable accent but are "accented" to users.
    table.update(
        {
            ord(k): v
            for k, v in {
                "ı": "i",
                "ø": "o",
                "đ": "d",
                "ł": "l",
                "ħ": "h",
                "æ": "ae",
                "œ": "oe",
                "þ": "th",
                "ð": "d",
                "ə": "e",
                "ŧ": "t",
                "ŀ": "l",
                "ĸ": "k",
                "ſ": "s",
            }.items()
        }
    )
    # Russian ё is written as е most of the time.
    table[0x0451] = "\u0435"
    # Apostrophe and hyphen look-alikes -> ASCII, so clitic handling sees one character.
    for ch in "\u2018\u2019\u201b\u02bc\u02bb\u2032\u0060":
        table[ord(ch)] = "'"
    for ch in "\u2010\u2011":
        table[ord(ch)] = "-"
    return table


_CHAR_MAP: Final = _char_map()


def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return (
        o < 0x0250
        or 0x1D00 <= o < 0x1DC0
        or 0x1E00 <= o < 0x1F00
        or 0x2C60 <= o < 0x2C80
        or 0xA720 <= o < 0xA800
        or 0xAB30 <= o < 0xAB70
    )


def _fold_mark_run(m: re.Match[str]) -> str:
    base = m.group(1)
    if base is None or not base.isalpha() or _is_latin(base):
        # Accent on a Latin letter (é, İ's dot), or an orphan mark: drop the marks.
        return base or ""
    return m.group(0)  # marks of other scripts (Cyrillic й, Devanagari, ...) are letters


def normalize(text: str) -> str:
    """Normalise text for matching; idempotent: ``normalize(normalize(x)) == normalize(x)``.

    NFKC, case folding, invisible/control characters removed, Latin accents folded (Turkish
    dotted/dotless i both become ``i``), Arabic diacritics/tatweel removed, alef forms ->
    ``ا``, ``ى``/Persian ``ی`` -> ``ي``, ``ک`` -> ``ك``, Arabic-Indic digits -> ASCII, curly
    apostrophes -> ``'``, whitespace collapsed to single spaces. Stemming is *not* done here.
    """
    if not text:
        return ""
    text = _CONTROL_SPACE_RE.sub(" ", text)
    text = _INVISIBLE_RE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    # NFKC and case folding do not commute for a few characters; NFKC again after folding
    # gives the stable NFKC_Casefold-like form.
    text = unicodedata.normalize("NFKC", text.casefold())
    text = text.translate(_CHAR_MAP)
    if not text.isascii():
        text = unicodedata.normalize("NFD", text)
        text = _MARK_RUN_RE.sub(_fold_mark_run, text)
        # Again: dropping an accent can expose a mapped letter (ǽ -> æ -> ae).
        text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    return " ".join(text.split())


# --------------------------------------------------------------------------------------
# Tokenisation
# --------------------------------------------------------------------------------------

# Turkish/Azerbaijani case, plural and possessive suffixes written after an apostrophe or a
# hyphen on proper nouns and acronyms (KOBİ'ler, Türkiye'nin, KOB-ların), in folded form.
_SUFFIX_CLITICS: Final = frozenset(
    """a e i u ya ye yi yu na ne ni nu in un nin nun si su sa se da de ta te dan den tan ten
    nda nde ndan nden daki deki taki teki ndaki ndeki ki la le yla yle ca ce ler lar leri lari
    lerin larin lere lara lerde larda lerden lardan lerle larla lerdeki lardaki lerce larca
    lerine larina lerinde larinda lerinden larindan lerinin larinin dir dur tir tur miz muz
    imiz umuz niz nuz""".split()
)
# English contractions: only after an apostrophe.
_APOSTROPHE_CLITICS: Final = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
# French (and Italian-ish) elided articles/pronouns before an apostrophe.
_ELISIONS: Final = frozenset(
    {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
)


def _words(norm: str) -> list[str]:
    """Split *normalised* text into words, dropping apostrophe/hyphen clitics."""
    words: list[str] = []
    for chunk in _CHUNK_RE.findall(norm):
        if "'" not in chunk and "-" not in chunk:
            words.append(chunk)
            continue
        parts = _JOINER_RE.split(chunk)  # word, sep, word, sep, word …
        words.append(parts[0])
        prev_kept = True  # whether the previous part was kept (not a dropped clitic)
        for k in range(1, len(parts), 2):
            sep, word = parts[k], parts[k + 1]
            if word in _SUFFIX_CLITICS or (sep == "'" and word in _APOSTROPHE_CLITICS):
                prev_kept = False
            elif sep == "'" and prev_kept and words[-1] in _ELISIONS:
                words[-1] = word
            else:
                words.append(word)
                prev_kept = True
    return words


def tokenize(text: str) -> list[str]:
    """Normalise ``text`` and split it into words; the list index is the word's position.

    Words are runs of Unicode letters and digits (Arabic, Latin, Cyrillic, ...); punctuation,
    underscores and symbols split words. Clitics attached by an apostrophe or hyphen that are
    not words of their own (``l'``, ``'s``, Turkish ``'ler``/``'nin``, Azerbaijani ``-lar``)
    are dropped, so ``"KOBİ'lerin"`` and ``"KOBİ"`` both give ``["kobi"]``.
    """
    return _words(normalize(text))


def _script(word: str) -> str:
    if _ARABIC_CHAR_RE.search(word):
        return "arabic"
    if _CYRILLIC_CHAR_RE.search(word):
        return "cyrillic"
    if any(ch.isalpha() and _is_latin(ch) for ch in word):
        return "latin"
    return "other"


def _profile(lang: object) -> str:
    """Map a language tag (``"ar"``, ``"fr-CA"``, ``"en_GB"``, ``None``, junk) to a profile."""
    if not isinstance(lang, str):
        return _OTHER
    code = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    code = _LANG_ALIASES.get(code, code)
    if code in STEMMED_LANGUAGES:
        return code
    if code in _ARABIC_SCRIPT_OTHER:
        return _ARABIC_SCRIPT
    return _OTHER


# --------------------------------------------------------------------------------------
# Stop words (kept small on purpose: dropping a content word costs recall, keeping a
# function word only costs a little precision). Stored raw, normalised on first use.
# --------------------------------------------------------------------------------------

_STOP_RAW: Final[Mapping[str, str]] = {
    # "it" and "us" are left out: IT and US are content words in this domain.
    "en": """a an and are as at be been being but by for from had has have he her hers him his
        i if in into is its me my no nor not of on or our ours she so such than that the their
        theirs them then there these they this those to too was we were what when where which
        while who whom why will with would you your""",
    "fr": """a à au aux avec ce ces cet cette c d dans de des du elle elles en est et été être
        eux il ils je l la le les leur leurs lui ma mais me mes moi mon n ne nos notre nous on
        ont ou où par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos
        votre vous y aussi comme dont entre sans sous chez vers""",
    "tr": """acaba ama ancak bazı belki ben bir biri birkaç bu buna bunu bunun bunlar çok çünkü
        da daha de diye en gibi göre hem her hiç için ile ise kadar kendi ki mi mı mu mü ne
        neden o olan olarak ona onu onun sonra şu tüm üzere ve veya ya yani değil var yok""",
    "id": """ada adalah agar akan antara atau bagi bahwa dalam dan dapat dari dengan di hingga
        ini itu juga karena ke kepada lebih namun oleh pada para sebagai secara serta sudah
        telah tersebut tidak untuk yaitu yang""",
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
        только ее её мне было вот от меня еще ещё нет о из ему для при или это этот эти также
        между об ли их был была были быть""",
    # "غير" (non-) is deliberately absent: "القطاع غير الرسمي" is the informal sector.
    "ar": """في من إلى الى على عن مع و أو او ثم أن إن ان كان كانت يكون هذا هذه ذلك تلك
        هؤلاء التي الذي الذين اللذين اللتين هو هي هم هن نحن أنا انت ما ماذا لا لم لن قد كل بين
        عند حتى بعد قبل أي اي له لها لهم به بها بهم فيه فيها فيهم منه منها منهم عليه عليها
        عليهم إليه إليها لدى حول ضمن خلال وفي ومن وعلى وإلى وعن ومع وهو وهي وهذا وهذه وذلك
        وكان وكانت ولا وقد وأن وإن وما ولم ولن أيضا كما مثل عبر نحو لقد إذا اذا لكن ولكن أم
        إما حيث بل كذلك هناك هنا والتي والذي والذين""",
}


@functools.cache
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in _STOP_RAW.get(lang, "").split())


# --------------------------------------------------------------------------------------
# Stemmers (one per thread: PyStemmer objects are not thread-safe)
# --------------------------------------------------------------------------------------

_local = threading.local()


def _stemmer(lang: str) -> Stemmer.Stemmer:
    cache: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if cache is None:
        cache = {}
        _local.stemmers = cache
    st = cache.get(lang)
    if st is None:
        st = Stemmer.Stemmer(STEMMED_LANGUAGES[lang])
        cache[lang] = st
    return st


def _snowball(lang: str, word: str) -> str:
    stem: str = _stemmer(lang).stemWord(word)
    return stem or word


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


#: Longer "words" are cut to this many characters, on both sides (documents and queries).
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
        return word if profile == _ARABIC_SCRIPT else _arabic(word)
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


def _alternatives(word: str, profile: str | None) -> frozenset[str] | None:
    """Index terms a query word may match; None if it is a stop word for a candidate language."""
    forms = {word}
    for p in _query_profiles(word, profile):
        form = _analyze_word(word, p)
        if form is None:
            return None
        forms.add(form)
    return frozenset(forms)


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
            alts = _alternatives(word, profile)
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
    )


# --------------------------------------------------------------------------------------
# Thesaurus (cross-lingual concepts)
# --------------------------------------------------------------------------------------

_CODE_RE: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ThesaurusEntry(NamedTuple):
    """One term of a concept: ``("access-to-finance", "fr", "Accès au financement")``."""

    code: str
    lang: str
    term: str


class Thesaurus:
    """Concept codes with terms in several languages, matched as analysed token sequences.

    A concept is found in a text when the analysed tokens of one of its terms occur as a
    contiguous run of the text's analysed tokens (stop words skipped), so "access to
    finance", "accès au financement", "الوصول إلى التمويل" and "finansmana erişim" all give
    ``access-to-finance``. Terms are analysed with the *text's* analyser, so the comparison
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

    def _find(self, terms: Sequence[str], profile: str) -> list[tuple[str, int, int]]:
        """All (code, start, end) with ``terms[start:end]`` equal to a concept's analysed term."""
        patterns = self._patterns_for(profile)
        found: list[tuple[str, int, int]] = []
        for i, term in enumerate(terms):
            for seq, code in patterns.get(term, ()):
                if tuple(terms[i : i + len(seq)]) == seq:
                    found.append((code, i, i + len(seq)))
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
        """
        if not query.words:
            return query
        profile = _profile(query.lang) if query.lang else None
        if profile is not None:
            profiles: set[str] = {profile}
        else:
            profiles = {_OTHER}
            for w in query.words:
                profiles.update(_QUERY_PROFILES_BY_SCRIPT.get(_script(w), ()))
        by_position: dict[int, set[str]] = {}
        spans: list[tuple[str, frozenset[int]]] = []
        for p in sorted(profiles):
            seq = [
                (pos, f)
                for pos, w in enumerate(query.words)
                if (f := _analyze_word(w, p)) is not None
            ]
            for code, start, end in self._find([f for _, f in seq], p):
                covered = frozenset(pos for pos, _ in seq[start:end])
                spans.append((concept_term(code), covered))
                for pos in covered:
                    by_position.setdefault(pos, set()).add(concept_term(code))
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
