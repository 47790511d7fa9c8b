"""Normalisation: one spelling per word, whatever the keyboard (see the package docstring, step 1)."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

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
            0x06D3: "\u0626\u064a",  # ۓ (yeh barree with hamza) -> ئي, as «ئے» is written
            0x06A9: "\u0643",  # ک (keheh) -> ك
            0x06AA: "\u0643",  # ڪ -> ك
            0x06C0: "\u0647",  # ۀ -> ه
            0x06C1: "\u0647",  # ہ -> ه
            0x06C2: "\u0647",  # ۂ (heh goal with hamza: the izafat) -> ه
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


def _script(word: str) -> str:
    if _ARABIC_CHAR_RE.search(word):
        return "arabic"
    if _CYRILLIC_CHAR_RE.search(word):
        return "cyrillic"
    if any(ch.isalpha() and _is_latin(ch) for ch in word):
        return "latin"
    return "other"
