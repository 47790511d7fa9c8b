"""Reference lists of the directory as data, read without a query: service categories (codes
are a contract, docs/contracts.md), ISIC Rev. 4 sections, and the ISO 4217 currencies in use.

Categories and sections live in CSV files next to this module (``data/``) so that renaming one
or adding a category needs no migration; services store the codes and are validated here.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import get_language

DATA_DIR = Path(__file__).resolve().parent / "data"
CATEGORIES_CSV = DATA_DIR / "service_categories.csv"
SECTORS_CSV = DATA_DIR / "isic_sections.csv"


def _read(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {
            row["code"]: {k: v for k, v in row.items() if k != "code" and v}
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def categories() -> dict[str, dict[str, str]]:
    """``{code: {lang: name}}`` in file order."""
    return _read(CATEGORIES_CSV)


@lru_cache(maxsize=1)
def sectors() -> dict[str, dict[str, str]]:
    """ISIC Rev. 4 sections: ``{"A": {lang: title}, …}``."""
    return _read(SECTORS_CSV)


def _label(table: dict[str, dict[str, str]], code: str, lang: str | None) -> str:
    names = table.get(code, {})
    lang = (lang or get_language() or "en").split("-")[0]
    return names.get(lang) or names.get("en") or code


def category_label(code: str, lang: str | None = None) -> str:
    return _label(categories(), code, lang)


def sector_label(code: str, lang: str | None = None) -> str:
    return _label(sectors(), code, lang)


def is_category(code: str) -> bool:
    return code in categories()


def is_sector(code: str) -> bool:
    return code in sectors()


def category_choices() -> list[tuple[str, str]]:
    """Choices for the model field and forms, in the active language (a callable: Django
    re-reads it, so a category added to the CSV needs no migration)."""
    return [(code, category_label(code)) for code in categories()]


def sector_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} — {sector_label(code)}") for code in sectors()]


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    """ISO 4217 codes of the currencies legal tender somewhere today (CLDR data via Babel),
    so that a retired code (``AZM``, ``FRF``) is refused as well as a made-up one."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    today = timezone.localdate()
    codes: set[str] = set()
    for territory in Locale("en").territories:
        if isinstance(territory, str) and len(territory) == 2 and territory.isalpha():
            codes.update(get_territory_currencies(territory, start_date=today))
    return frozenset(codes)


def is_currency(code: str) -> bool:
    return code in currencies()


def currency_name(code: str, lang: str | None = None) -> str:
    from babel.numbers import get_currency_name

    lang = (lang or get_language() or "en").split("-")[0]
    try:
        return get_currency_name(code, locale=lang)
    except Exception:  # an unknown locale or code: the code itself is readable enough
        return code
