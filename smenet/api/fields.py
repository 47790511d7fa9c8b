"""Output fields every app's serializers share: a translated value and the names in ar/en/fr,
both read from prefetched parler translations (no query per row)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from smenet.common.translation import pick, translations_dict, ui_names

NAMES_SCHEMA = {
    "type": "object",
    "properties": {code: {"type": "string"} for code in ("ar", "en", "fr")},
}


class TranslatedNamesField(serializers.Field):
    """Names in ar/en/fr from prefetched translations."""

    def __init__(self, field: str = "name", **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        self.translated_field = field
        super().__init__(**kwargs)

    def to_representation(self, value):
        return ui_names(translations_dict(value, self.translated_field))


class TranslatedField(serializers.Field):
    """The value in the request's language, with the documented fallback."""

    def __init__(self, field: str = "name", **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        self.translated_field = field
        super().__init__(**kwargs)

    def to_representation(self, value):
        return pick(translations_dict(value, self.translated_field))[0]


extend_schema_field(NAMES_SCHEMA)(TranslatedNamesField)
extend_schema_field({"type": "string"})(TranslatedField)
