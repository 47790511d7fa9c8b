"""What a language code is, once for every form, serializer, service and model: an ISO 639-1
code, two small ASCII letters (``ar``, ``en``, ``fr``, ``tr``). Pages are served in ar/en/fr;
content (practices, publications, activities) may be in any language."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy

_CODE = re.compile(r"[a-z]{2}")

#: The message naming one bad code (``%(code)s``), for forms, serializers and services.
UNKNOWN_CODE = gettext_lazy(
    "Unknown language code %(code)s: use ISO 639-1 codes such as ar, en, fr."
)

#: The model field validator (its pattern is recorded in migrations: ``$`` as written there;
#: form and API input reaches it stripped).
validate_language_code = RegexValidator(
    r"^[a-z]{2}$", gettext_lazy("An ISO 639-1 language code: two small letters, such as ar.")
)


def is_language_code(value: object) -> bool:
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def bad_language_codes(values: Iterable[object]) -> list[str]:
    """The values that are not language codes, in their order (as text, to be named)."""
    return [str(value) for value in values if not is_language_code(value)]
