"""Tokenisation: words, with apostrophe and hyphen clitics dropped (package docstring, step 2)."""

from __future__ import annotations

from typing import Final

from .normalise import _CHUNK_RE, _JOINER_RE, normalize

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
# The Arabic article as romanised before a hyphen ("qard al-hasan", "sukuk al-ijara",
# "El-Sewedy", "Dar-ul-Aman"): not a word of its own, as «ال» is none in Arabic script.
# Only the unassimilated forms: "ar-", "as-", "at-"… are also other words ("Ar-Ge", "as-is").
_ARTICLES: Final = frozenset({"al", "el", "ul"})
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
            elif sep == "-" and prev_kept and words[-1] in _ARTICLES:
                words[-1] = word
            else:
                words.append(word)
                prev_kept = True
    return words


def tokenize(text: str) -> list[str]:
    """Normalise ``text`` and split it into words; the list index is the word's position.

    Words are runs of Unicode letters and digits (Arabic, Latin, Cyrillic, ...); punctuation,
    underscores and symbols split words. Clitics attached by an apostrophe or hyphen that are
    not words of their own (``l'``, ``'s``, Turkish ``'ler``/``'nin``, Azerbaijani ``-lar``,
    the romanised Arabic article ``al-``) are dropped, so ``"KOBİ'lerin"`` and ``"KOBİ"``
    both give ``["kobi"]``, and ``"sukuk al-ijara"`` gives ``["sukuk", "ijara"]``.
    """
    return _words(normalize(text))
