"""One input-cleaning layer: what every value typed, posted or imported must satisfy before a
service sees it, so that SQLite and PostgreSQL answer the same (decision 0014).

SQLite stores a 1 MB title in a ``varchar(300)``, a NUL byte in text and any 64-bit integer in a
``smallint`` column; PostgreSQL refuses all three with an exception, and both overflow past 2⁶³.
Checks here use the *column's* limits, not the back end's: text no longer than the model's
``max_length`` (or :data:`LONG_TEXT_MAX` for unbounded text), integers inside the range of the
column type as PostgreSQL defines it, no control characters (NUL, C0, DEL), no explicit
direction-formatting characters (the "Trojan Source" overrides and isolates; the marks LRM, RLM
and ALM stay allowed), no lone surrogates; JSON no deeper than :data:`MAX_JSON_DEPTH`, checked
before the parser recurses.

The interfaces adopt it: ``smenet.common.forms`` (every page form), ``smenet.api.parsers``
(every JSON or multipart body of the API), ``smenet.common.tabular`` and :func:`load_json` (the
importers), ``smenet.common.middleware.RequestLimitsMiddleware`` (query strings, body sizes) and
``smenet.common.services.validate`` (the last check before a save, translations included).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

#: The longest text accepted where the column itself has no limit (descriptions, bodies).
LONG_TEXT_MAX = 100_000
#: The longest value accepted for anything that is not free text (codes, choices, numbers).
SHORT_VALUE_MAX = 1_000
#: The deepest JSON nesting accepted; real payloads here are at most five levels deep.
MAX_JSON_DEPTH = 32

#: Integer column ranges as PostgreSQL defines them (the same on every back end here).
INTEGER_RANGES: dict[str, tuple[int, int]] = dict(BaseDatabaseOperations.integer_field_ranges)
BIGINT_MIN, BIGINT_MAX = INTEGER_RANGES["BigIntegerField"]

# C0 controls but tab, line feed and carriage return; DEL; the explicit embeddings, overrides
# and isolates (U+202A–E, U+2066–9); UTF-16 surrogates (only lone ones survive decoding); the
# non-characters U+FFFE and U+FFFF.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


class InputRejected(ValueError):
    """Hostile or malformed input; ``errors`` maps a path (tuple of keys) to messages."""

    def __init__(self, errors: dict[tuple[str, ...], list[str]], *, code: str = "invalid"):
        self.errors = errors
        self.code = code
        super().__init__(
            "; ".join(f"{dotted(path) or '$'}: {' '.join(msgs)}" for path, msgs in errors.items())
        )

    def nested(self) -> dict[str, Any]:
        """The errors as nested dictionaries, the shape DRF uses for nested fields."""
        out: dict[str, Any] = {}
        for path, messages in self.errors.items():
            node = out
            keys = list(path) or ["non_field_errors"]
            for key in keys[:-1]:
                node = node.setdefault(key, {})
                if not isinstance(node, dict):  # a message at a parent: keep the parent's
                    break
            else:
                node.setdefault(keys[-1], []).extend(messages)
        return out


def dotted(path: tuple[str, ...] | list[str]) -> str:
    return ".".join(str(p) for p in path)


# --- text -------------------------------------------------------------------------------------


def text_problem(value: str) -> str | None:
    """Why ``value`` may not be stored (a translated sentence), or None."""
    found = _FORBIDDEN.search(value)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    position = found.start() + 1
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return _(
            "The text contains an invisible direction-override character (%(code)s) at "
            "position %(position)s; remove it."
        ) % {"code": code, "position": position}
    return _(
        "The text contains an invisible control character (%(code)s) at position "
        "%(position)s; remove it."
    ) % {"code": code, "position": position}


def strip_forbidden(value: str) -> str:
    return _FORBIDDEN.sub("", value)


def length_problem(value: str, max_length: int) -> str | None:
    if len(value) <= max_length:
        return None
    return _("Use at most %(max)s characters (this text has %(length)s).") % {
        "max": max_length,
        "length": len(value),
    }


def check_text(value: str, *, max_length: int | None = None) -> list[str]:
    """The problems of one text value: forbidden characters, then length."""
    problems = [p for p in (text_problem(value),) if p]
    limit = max_length if max_length is not None else LONG_TEXT_MAX
    if (too_long := length_problem(value, limit)) is not None:
        problems.append(too_long)
    return problems


# --- numbers ----------------------------------------------------------------------------------


def integer_problem(value: int, low: int = BIGINT_MIN, high: int = BIGINT_MAX) -> str | None:
    if low <= value <= high:
        return None
    return _("Give a whole number between %(low)s and %(high)s.") % {"low": low, "high": high}


def number_problem(value: Any) -> str | None:
    """For numbers decoded from JSON: integers inside 64 bits, floats finite."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return integer_problem(value)
    if isinstance(value, float) and not math.isfinite(value):
        return _("Give a finite number.")
    return None


# --- model columns ----------------------------------------------------------------------------


def column_bounds(field: models.Field) -> tuple[int, int] | None:
    """The range of an integer column (PostgreSQL's definition, whatever the back end)."""
    if isinstance(field, models.ForeignKey | models.OneToOneField):
        field = field.target_field
    internal = field.get_internal_type()
    return INTEGER_RANGES.get(internal)


def model_field(model: type[models.Model], name: str) -> models.Field:
    """A model's field, looking in its parler translation model for translated fields."""
    try:
        return model._meta.get_field(name)  # type: ignore[return-value]
    except Exception:
        meta = getattr(model, "_parler_meta", None)
        if meta is None:
            raise
        for translated in meta:
            try:
                return translated.model._meta.get_field(name)
            except Exception:  # noqa: S112 — try the next translation table
                continue
        raise


def max_length(model: type[models.Model], name: str) -> int:
    """The length a form or serializer field must enforce for this column."""
    return model_field(model, name).max_length or LONG_TEXT_MAX


def integer_range(model: type[models.Model], name: str) -> tuple[int, int]:
    bounds = column_bounds(model_field(model, name))
    if bounds is None:
        raise ValueError(f"{model.__name__}.{name} is not an integer column")
    return bounds


def instance_problems(instance: models.Model) -> dict[str, list[str]]:
    """The layer's checks on the values of an instance about to be saved (its own concrete
    columns and, for parler models, the translations it carries)."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        problems = _value_problems(field, value)
        if problems:
            errors.setdefault(field.name, []).extend(problems)
    for translation in _cached_translations(instance):
        for field in translation._meta.concrete_fields:
            if field.name in ("id", "language_code", "master"):
                continue
            problems = _value_problems(field, getattr(translation, field.attname, None))
            if problems:
                key = f"{field.name}_{getattr(translation, 'language_code', '')}"
                errors.setdefault(key, []).extend(problems)
    return errors


def _value_problems(field: models.Field, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) and isinstance(field, models.CharField | models.TextField):
        return check_text(value, max_length=field.max_length)
    if isinstance(value, int) and not isinstance(value, bool):
        bounds = column_bounds(field)
        if bounds is not None and (problem := integer_problem(value, *bounds)):
            return [problem]
    if isinstance(field, models.JSONField):
        try:
            check_tree(value)
        except InputRejected as exc:
            return [" ".join(m for msgs in exc.errors.values() for m in msgs)]
    return []


def _cached_translations(instance: models.Model) -> Iterator[models.Model]:
    cache = getattr(instance, "_translations_cache", None)
    if not cache:
        return
    for by_language in cache.values():
        for translation in by_language.values():
            if isinstance(translation, models.Model):
                yield translation


# --- JSON -------------------------------------------------------------------------------------

# A string (possibly unterminated: the alternative always matches, so the scan stays linear)
# or one bracket.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\Z)|[\[\]{}]', re.DOTALL)


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than ``limit`` (before any parsing)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _reject_constant(name: str) -> Any:
    raise ValueError(_("%(name)s is not a JSON number") % {"name": name})


def load_json(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that refuses deep nesting before parsing, NaN/Infinity, and (after
    parsing) every value the layer refuses. Raises json.JSONDecodeError for malformed text
    and InputRejected for the rest."""
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8")  # UnicodeDecodeError is the caller's to report
    if json_depth_exceeds(text, max_depth):
        raise InputRejected(
            {(): [_("The JSON is nested more than %(depth)s levels deep.") % {"depth": max_depth}]},
            code="too_deep",
        )
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as exc:  # digits beyond Python's limit, NaN
        raise InputRejected({(): [str(exc)]}, code="malformed_json") from None
    check_tree(data)
    return data


def check_tree(data: Any, *, max_text: int = LONG_TEXT_MAX) -> None:
    """Every string (keys too) and number of decoded JSON, with the path of each problem."""
    errors: dict[tuple[str, ...], list[str]] = {}

    def walk(node: Any, path: tuple[str, ...], depth: int) -> None:
        if depth > MAX_JSON_DEPTH:
            errors[path] = [_("The JSON is nested too deeply.")]
            return
        if isinstance(node, dict):
            for key, value in node.items():
                child = (*path, str(key))
                if isinstance(key, str) and (problem := text_problem(key)):
                    errors.setdefault(child, []).append(problem)
                    continue
                walk(value, child, depth + 1)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, str(index)), depth + 1)
        elif isinstance(node, str):
            if problems := check_text(node, max_length=max_text):
                errors[path] = problems
        elif (problem := number_problem(node)) is not None:
            errors[path] = [problem]

    walk(data, (), 0)
    if errors:
        raise InputRejected(errors)
