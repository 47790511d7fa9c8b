"""Parsing and validating the input document (contract version 1) into a
:class:`~.problem.MatchingProblem`; every problem is reported with its JSON path."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from .problem import (
    INPUT_VERSION,
    LEVEL_MAX,
    LEVEL_MIN,
    NEED_MAX,
    NEED_MIN,
    Capacity,
    InputIssue,
    Institution,
    MatchingInputError,
    MatchingOptions,
    MatchingProblem,
)

_TOP_KEYS: Final = ("version", "subjects", "institutions", "options")
_INSTITUTION_KEYS: Final = (
    "id",
    "country",
    "languages",
    "needs",
    "capacities",
    "max_received",
)
_CAPACITY_KEYS: Final = ("level", "max_activities")
_OPTION_KEYS: Final = ("require_common_language", "allow_same_country")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and value != ""


class _Parser:
    def __init__(self) -> None:
        self.errors: list[InputIssue] = []

    def add(self, path: str, code: str, **params: Any) -> None:
        self.errors.append(InputIssue(path, code, params))

    def unknown_keys(self, obj: Mapping[Any, Any], allowed: Sequence[str], prefix: str) -> None:
        for key in obj:
            if key not in allowed:
                self.add(f"{prefix}{key}", "unknown_key")

    def int_range(self, value: Any, path: str, lo: int, hi: int) -> int | None:
        if _is_int(value) and lo <= value <= hi:
            return int(value)
        self.add(path, "int_range", min=lo, max=hi)
        return None

    def int_min(self, value: Any, path: str, lo: int = 0) -> int | None:
        if _is_int(value) and value >= lo:
            return int(value)
        self.add(path, "int_min", min=lo)
        return None

    def subjects(self, data: Mapping[str, Any]) -> tuple[str, ...] | None:
        if "subjects" not in data:
            self.add("subjects", "required")
            return None
        raw = data["subjects"]
        if not isinstance(raw, list):
            self.add("subjects", "not_list")
            return None
        ok = True
        seen: set[str] = set()
        out: list[str] = []
        for j, subject in enumerate(raw):
            path = f"subjects[{j}]"
            if not _is_name(subject):
                self.add(path, "not_string")
                ok = False
            elif subject in seen:
                self.add(path, "duplicate_subject", subject=subject)
            else:
                seen.add(subject)
                out.append(subject)
        # When a subject entry is broken, references to it cannot be checked reliably.
        return tuple(out) if ok else None

    def options(self, data: Mapping[str, Any]) -> MatchingOptions:
        if "options" not in data:
            return MatchingOptions()
        raw = data["options"]
        if not isinstance(raw, dict):
            self.add("options", "not_object")
            return MatchingOptions()
        self.unknown_keys(raw, _OPTION_KEYS, "options.")
        values: dict[str, bool] = {}
        for key in _OPTION_KEYS:
            if key in raw:
                if isinstance(raw[key], bool):
                    values[key] = raw[key]
                else:
                    self.add(f"options.{key}", "not_boolean")
        return MatchingOptions(**values)

    def subject_map(
        self, inst: Mapping[str, Any], key: str, prefix: str, known: frozenset[str] | None
    ) -> dict[str, Any]:
        """Check an object keyed by subject; return its entries with known subjects."""
        if key not in inst:
            return {}
        raw = inst[key]
        if not isinstance(raw, dict):
            self.add(f"{prefix}.{key}", "not_object")
            return {}
        out: dict[str, Any] = {}
        for subject, value in raw.items():
            if known is not None and subject not in known:
                self.add(f"{prefix}.{key}.{subject}", "unknown_subject", field="subjects")
            else:
                out[subject] = value
        return out

    def institution(
        self, raw: Any, i: int, known: frozenset[str] | None, first_index: dict[str, int]
    ) -> Institution | None:
        prefix = f"institutions[{i}]"
        if not isinstance(raw, dict):
            self.add(prefix, "not_object")
            return None
        n_errors = len(self.errors)
        self.unknown_keys(raw, _INSTITUTION_KEYS, prefix + ".")

        inst_id: Any = raw.get("id")
        if "id" not in raw:
            self.add(f"{prefix}.id", "required")
        elif not _is_name(inst_id):
            self.add(f"{prefix}.id", "not_string")
        elif inst_id in first_index:
            self.add(
                f"{prefix}.id",
                "duplicate_id",
                id=inst_id,
                first=f"institutions[{first_index[inst_id]}]",
            )
        else:
            first_index[inst_id] = i

        country: Any = raw.get("country")
        if "country" not in raw:
            self.add(f"{prefix}.country", "required")
        elif not _is_name(country):
            self.add(f"{prefix}.country", "not_string")

        languages: set[str] = set()
        if "languages" in raw:
            langs = raw["languages"]
            if not isinstance(langs, list):
                self.add(f"{prefix}.languages", "not_list")
            else:
                for j, lang in enumerate(langs):
                    if _is_name(lang):
                        languages.add(lang)
                    else:
                        self.add(f"{prefix}.languages[{j}]", "not_string")

        needs: dict[str, int] = {}
        for subject, value in self.subject_map(raw, "needs", prefix, known).items():
            need = self.int_range(value, f"{prefix}.needs.{subject}", NEED_MIN, NEED_MAX)
            if need:
                needs[subject] = need

        capacities: dict[str, Capacity] = {}
        for subject, value in self.subject_map(raw, "capacities", prefix, known).items():
            path = f"{prefix}.capacities.{subject}"
            if not isinstance(value, dict):
                self.add(path, "not_object")
                continue
            self.unknown_keys(value, _CAPACITY_KEYS, path + ".")
            level = max_activities = None
            if "level" in value:
                level = self.int_range(value["level"], f"{path}.level", LEVEL_MIN, LEVEL_MAX)
            else:
                self.add(f"{path}.level", "required")
            if "max_activities" in value:
                max_activities = self.int_min(value["max_activities"], f"{path}.max_activities")
            else:
                self.add(f"{path}.max_activities", "required")
            if level is not None and max_activities is not None:
                capacities[subject] = Capacity(level, max_activities)

        max_received: int | None = None
        if raw.get("max_received") is not None:
            value = raw["max_received"]
            if _is_int(value) and value >= 0:
                max_received = int(value)
            else:
                self.add(f"{prefix}.max_received", "int_min_or_null", min=0)

        if len(self.errors) != n_errors:
            return None
        return Institution(
            id=inst_id,
            country=country,
            languages=tuple(sorted(languages)),
            needs=dict(sorted(needs.items())),
            capacities=dict(sorted(capacities.items())),
            max_received=max_received,
        )


def parse_input(data: Any) -> MatchingProblem:
    """Validate a decoded JSON value and return the problem; raise MatchingInputError."""
    parser = _Parser()
    if not isinstance(data, dict):
        raise MatchingInputError([InputIssue("$", "not_object")])
    parser.unknown_keys(data, _TOP_KEYS, "")
    if "version" in data and not (_is_int(data["version"]) and data["version"] == INPUT_VERSION):
        parser.add("version", "unsupported_version", expected=INPUT_VERSION)
    subjects = parser.subjects(data)
    known = frozenset(subjects) if subjects is not None else None
    options = parser.options(data)
    institutions: list[Institution] = []
    if "institutions" not in data:
        parser.add("institutions", "required")
    elif not isinstance(data["institutions"], list):
        parser.add("institutions", "not_list")
    else:
        first_index: dict[str, int] = {}
        for i, raw in enumerate(data["institutions"]):
            inst = parser.institution(raw, i, known, first_index)
            if inst is not None:
                institutions.append(inst)
    if parser.errors:
        raise MatchingInputError(parser.errors)
    assert subjects is not None
    return MatchingProblem(subjects=subjects, institutions=tuple(institutions), options=options)
