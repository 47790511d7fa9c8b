"""One way to show dates, numbers, lists and sorted names to people, in every language.

Why: pages used to pick their own formats (``"j F Y"`` here, Django's default there), so English
showed "7 October 2025", "June 10, 2026" and "Dec. 6, 2026, 9:31 p.m." on different pages and
Arabic mixed «7 أكتوبر 2025» with «ديسمبر 6, 2026, 9:35 م». Now:

- the formats live in one place per language, ``smenet/common/formats/<lang>/formats.py``, read
  by Django's locale machinery (``FORMAT_MODULE_PATH``); templates write ``{{ day|date }}`` or
  a *named* format (``|date:"DATETIME_FORMAT"``) and a guard test refuses literal formats;
- Python code (messages, PDFs, e-mails) uses :func:`date`, :func:`datetime` and :func:`number`
  below, which go through the same machinery;
- lists of names are joined with the language's separator (the Arabic comma «،» in Arabic) by
  :func:`join`;
- a name put into a composed sentence (a plan's title in "Import of … into …") is isolated
  (:func:`isolate`), and a range of numbers ("2025–2028") reads left to right also in Arabic
  (:func:`ltr_numbers`);
- names sort with the Unicode Collation Algorithm (:func:`collation_key`, pyuca), so French
  "Algérie" comes before "Djibouti" and Arabic names follow the Arabic alphabet, on SQLite and
  PostgreSQL alike — never by code.

Machine-readable numbers (SVG, CSS, ``datetime=""``) are not for this module: see
:mod:`smenet.common.charts` and ``|date:"Y-m-d"``/``"c"``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

from django.utils import formats, timezone
from django.utils.translation import pgettext

T = TypeVar("T")


def date(value: dt.date | dt.datetime | None, *, zone: str | None = None) -> str:
    """A day as the page's language writes it (``7 October 2025``, «7 أكتوبر 2025»)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value, zone).date()
    return formats.date_format(value, "DATE_FORMAT")


def datetime(value: dt.datetime | None, *, zone: str | None = None) -> str:
    """A moment in the page's language, in ``zone`` (default: the site's time zone)."""
    if value is None:
        return ""
    return formats.date_format(_local(value, zone), "DATETIME_FORMAT")


def _local(value: dt.datetime, zone: str | None) -> dt.datetime:
    if timezone.is_naive(value):
        return value
    if zone:
        try:
            return value.astimezone(zoneinfo.ZoneInfo(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.localtime(value)


def number(value: int | float | Decimal | None, places: int | None = None) -> str:
    """A number for people: the language's decimal mark and grouping (``1,234.5``,
    ``1 234,5``)."""
    if value is None:
        return ""
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def join(items: Iterable[object]) -> str:
    """Names in a list, with the language's separator: «أ، ب، ج» in Arabic, "A, B, C"
    elsewhere. Empty items are left out, so no separator dangles."""
    separator = pgettext("separator between the names of a list", ", ")
    return separator.join(str(i) for i in items if i is not None and str(i).strip())


@functools.cache
def _collator():
    import pyuca

    return pyuca.Collator()


@functools.lru_cache(maxsize=8192)
def collation_key(text: str) -> tuple[int, ...]:
    """The Unicode Collation Algorithm key of ``text`` (accents and case are secondary
    differences, as every dictionary of these languages orders them)."""
    return _collator().sort_key(unicodedata.normalize("NFC", text or ""))


def sort_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``items`` in the order of their names (``name(item)`` in the page's language)."""
    return sorted(items, key=lambda item: collation_key(name(item)))


def sorted_names(names: Sequence[str]) -> list[str]:
    return sorted(names, key=collation_key)


def language_name(code: str | None, lang: str | None = None) -> str:
    """The name of the language ``code`` in ``lang`` (default: the active language), from CLDR."""
    from babel import Locale, UnknownLocaleError
    from django.utils.translation import get_language

    if not code:
        return ""
    try:
        where = Locale.parse((lang or get_language() or "en").split("-")[0])
        return where.languages.get(code.split("-")[0].lower(), code)
    except (UnknownLocaleError, ValueError):
        return code


#: Unicode's isolates: left-to-right, first-strong (the text's own direction), and their end.
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
_NUMBER = r"\d+(?:[.,:/]\d+)*"
_NUMBER_RANGE = re.compile(f"{_NUMBER}[–—]{_NUMBER}")


def ltr_numbers(text: str) -> str:
    """``text`` with each range of numbers ("2025–2028") kept left to right: between two numbers
    a dash is a neutral, so in right-to-left text the bidirectional algorithm draws the range
    reversed («2028–2025»). Plain characters (LRI … PDI), so it also holds in page titles,
    attributes, e-mails and PDFs. A tight range then reads like one typed with a hyphen, which
    the algorithm already keeps together ("2025-2028"); a spaced one («10 – 11 ديسمبر») is left
    to the text's direction."""
    if not text or not any(c.isdigit() for c in text):
        return text
    return _NUMBER_RANGE.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate(value: object) -> str:
    """A name, title or file name to put into a sentence: isolated (FSI … PDI), so that an
    English title in an Arabic sentence, or an Arabic one in an English sentence, keeps its own
    order and does not pull the sentence's punctuation and numbers into its direction."""
    text = str(value) if value is not None else ""
    return f"{FSI}{ltr_numbers(text)}{PDI}" if text else ""
