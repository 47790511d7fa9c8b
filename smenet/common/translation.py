"""Reading and writing content translations (django-parler tables) without extra queries.

Readers use the prefetched ``translations`` so that lists cost one query per table, whatever their
length. Fallback order: the active language, English, French, Arabic, then any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import translation

FALLBACKS = ("en", "fr", "ar")
UI_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def translations_dict(obj: Any, field: str) -> dict[str, str]:
    """All non-empty values of ``field`` by language code, from prefetched translations."""
    return {
        t.language_code: value
        for t in obj.translations.all()
        if (value := getattr(t, field, "") or "")
    }


def pick(values: Mapping[str, str], lang: str | None = None) -> tuple[str, str | None]:
    """The value to show in ``lang`` and the language it is actually in (None if empty)."""
    lang = lang or translation.get_language() or settings.LANGUAGE_CODE
    for code in (lang.split("-")[0], *FALLBACKS):
        if values.get(code):
            return values[code], code
    for code in sorted(values):
        if values[code]:
            return values[code], code
    return "", None


def translated(obj: Any, field: str, lang: str | None = None) -> str:
    return pick(translations_dict(obj, field), lang)[0]


def set_translations(obj: Any, values: Mapping[str, Mapping[str, str]]) -> None:
    """Set ``{field: {lang: text}}`` on a parler model; saved with the object's next save."""
    for field, by_lang in values.items():
        for lang, text in by_lang.items():
            obj.set_current_language(lang)
            setattr(obj, field, text)
    obj.set_current_language(settings.PARLER_DEFAULT_LANGUAGE_CODE)


def ui_names(values: Mapping[str, str]) -> dict[str, str]:
    """The names in the three UI languages (empty string when missing), as the API shows them."""
    return {code: values.get(code, "") for code in UI_LANGUAGES}
