"""Languages and their analysers: profiles, stop words and Snowball stemmers."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import Stemmer  # type: ignore[import-not-found,import-untyped,unused-ignore]  # PyStemmer

from .normalise import normalize

DATA_DIR: Final = Path(__file__).resolve().parents[1] / "data"
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
    # Close enough to share a stemmer: Azerbaijani's suffixes are Turkish ones (after
    # folding ə -> e), Malay's affixes are Indonesian ones.
    "az": "turkish",
    "ms": "indonesian",
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
    "aze": "az",
    "msa": "ms",
    "may": "ms",
    "zsm": "ms",
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
# Which profiles the thesaurus tries a query word with when the query language is unknown:
# every language of the word's script, so that a concept whose terms only the Azerbaijani,
# Malay or Urdu analysis keeps whole ("ایس ایم ای": ای is an Arabic stop word, not an Urdu
# one; an Azerbaijani term the Turkish profile would stem differently) is still found.
_THESAURUS_PROFILES_BY_SCRIPT: Final[Mapping[str, tuple[str, ...]]] = {
    "arabic": ("ar", _ARABIC_SCRIPT),
    "latin": ("en", "fr", "tr", "id", "az", "ms"),
    "cyrillic": ("ru",),
}
_LATIN_PROFILES: Final = frozenset({"en", "fr", "tr", "id", "az", "ms"})
# The script each stemmed profile's stemmer works on.
_PROFILE_SCRIPT: Final[Mapping[str, str]] = {
    "ar": "arabic",
    "en": "latin",
    "fr": "latin",
    "tr": "latin",
    "id": "latin",
    "az": "latin",
    "ms": "latin",
    "ru": "cyrillic",
}


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
    "az": """və ilə üçün bu bir da də ki o onun onlar amma lakin həm hər və ya kimi qədər sonra
        əvvəl görə olan olaraq edir edən etmək isə yaxud""",
    "ms": """ada adalah agar akan antara atau bagi bahawa dalam dan dapat dari dengan di hingga
        ini itu juga kerana ke kepada lebih namun oleh pada para sebagai secara serta sudah
        telah tersebut tidak untuk iaitu yang""",
    # Urdu postpositions, auxiliaries and conjunctions (normalised onto Arabic letters).
    "ur": """کے کی کا کو سے میں نے اور ہے ہیں تھا تھے تھی یا بھی پر لیے لئے کہ جو یہ وہ ایک
        ہو گا گی گئے کر کیا""",
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


# -- guessing the language of a query ------------------------------------------------------------

# Letters that only some languages of the network use (after NFKC and case folding, before
# accent folding).
_LETTER_HINTS: Final[Mapping[str, tuple[str, ...]]] = {
    "ə": ("az",),
    "ğ": ("tr", "az"),
    "ş": ("tr", "az"),
    "ı": ("tr", "az"),
    "ö": ("tr", "az"),
    "ü": ("tr", "az"),
    "é": ("fr",),
    "è": ("fr",),
    "ê": ("fr",),
    "à": ("fr",),
    "ù": ("fr",),
    "â": ("fr",),
    "î": ("fr",),
    "ô": ("fr",),
    "û": ("fr",),
    "œ": ("fr",),
}
# Arabic-script letters of Urdu (and Persian) that Arabic does not use.
_URDU_LETTERS: Final = frozenset("ٹڈڑںےۓھہ")
_PERSIAN_LETTERS: Final = frozenset("پچژگیک")
_LATIN_GUESSES: Final = ("en", "fr", "tr", "az", "id", "ms")


def guess_language(text: str) -> str | None:
    """The language a short query is most likely written in, or None when nothing tells.

    Script first (Cyrillic: ru; Arabic script: ur when it has Urdu letters or words, else
    ar), then for Latin script the stop words and letters each language owns. Used to decide
    which words of a query are stop words, never to restrict matching: a query is matched
    against documents in every language either way.
    """
    if not isinstance(text, str) or not text:
        return None
    lowered = text.casefold()
    if any("\u0400" <= ch <= "\u04ff" for ch in lowered):
        return "ru"
    if any("\u0600" <= ch <= "\u06ff" for ch in lowered):
        if any(ch in _URDU_LETTERS for ch in lowered):
            return "ur"
        words = {normalize(w) for w in lowered.split()}
        if words & _stopwords("ur") - _stopwords("ar"):
            return "ur"
        return "fa" if any(ch in _PERSIAN_LETTERS for ch in lowered) else "ar"
    scores = dict.fromkeys(_LATIN_GUESSES, 0.0)
    for ch in lowered:
        for lang in _LETTER_HINTS.get(ch, ()):
            scores[lang] += 1.0
    for word in normalize(lowered).split():
        owners = [lang for lang in _LATIN_GUESSES if word in _stopwords(lang)]
        for lang in owners:
            scores[lang] += 2.0 / len(owners)
    best = max(scores.values())
    if best <= 0:
        return None
    leaders = [lang for lang, score in scores.items() if score == best]
    return leaders[0] if len(leaders) == 1 else None
