"""The matching problem and its result (typed, immutable), the input error type and the
constants of the input contract (version, ranges, unmet-need reasons, error messages)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

INPUT_VERSION: Final = 1
NEED_MIN: Final = 0
NEED_MAX: Final = 3
LEVEL_MIN: Final = 0
LEVEL_MAX: Final = 3

REASON_NO_PROVIDER: Final = "no_provider"
REASON_NO_COMPATIBLE_PROVIDER: Final = "no_compatible_provider"
REASON_MAX_RECEIVED_REACHED: Final = "max_received_reached"
REASON_PROVIDER_CAPACITY_EXHAUSTED: Final = "provider_capacity_exhausted"
UNMET_REASONS: Final = (
    REASON_NO_PROVIDER,
    REASON_NO_COMPATIBLE_PROVIDER,
    REASON_MAX_RECEIVED_REACHED,
    REASON_PROVIDER_CAPACITY_EXHAUSTED,
)

#: Error code -> English message template (``%(name)s`` placeholders).
MESSAGES: Final[Mapping[str, str]] = {
    "invalid_json": "is not valid JSON: %(error)s (line %(line)s, column %(column)s)",
    "invalid_json_text": "is not valid JSON: %(error)s",
    "too_deep": "is nested more than %(depth)s levels deep",
    "not_text": "must be a JSON document given as text",
    "not_object": "must be an object",
    "not_list": "must be a list",
    "required": "is required",
    "unknown_key": "is not an allowed key",
    "not_string": "must be a non-empty string",
    "not_boolean": "must be true or false",
    "int_range": "must be an integer between %(min)s and %(max)s",
    "int_min": "must be an integer greater than or equal to %(min)s",
    "int_min_or_null": "must be null or an integer greater than or equal to %(min)s",
    "unknown_subject": "is not one of the subjects listed in %(field)s",
    "duplicate_subject": "repeats the subject %(subject)s",
    "duplicate_id": "repeats the institution id %(id)s (first used by %(first)s)",
    "unsupported_version": "must be %(expected)s",
}


@dataclass(frozen=True)
class InputIssue:
    """One problem in the input: where (``path``), what (``code``) and its parameters."""

    path: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return MESSAGES[self.code]

    @property
    def message(self) -> str:
        return self.template % dict(self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "message": self.message,
            "params": dict(self.params),
        }

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class MatchingInputError(ValueError):
    """The input is not a valid matching problem; ``errors`` lists every issue found."""

    def __init__(self, errors: Sequence[InputIssue]) -> None:
        self.errors: list[InputIssue] = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors) or "invalid input")

    @property
    def paths(self) -> list[str]:
        return [e.path for e in self.errors]

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self.errors]


@dataclass(frozen=True)
class Capacity:
    level: int
    max_activities: int


@dataclass(frozen=True)
class Institution:
    id: str
    country: str
    languages: tuple[str, ...] = ()
    #: subject -> need (1..3); subjects without need are absent.
    needs: Mapping[str, int] = field(default_factory=dict)
    #: subject -> capacity (level may be 0 = no capacity).
    capacities: Mapping[str, Capacity] = field(default_factory=dict)
    #: total cap on activities received; ``None`` = unlimited.
    max_received: int | None = None


@dataclass(frozen=True)
class MatchingOptions:
    require_common_language: bool = True
    allow_same_country: bool = False


@dataclass(frozen=True)
class MatchingProblem:
    subjects: tuple[str, ...]
    institutions: tuple[Institution, ...]
    options: MatchingOptions = field(default_factory=MatchingOptions)


@dataclass(frozen=True)
class Activity:
    provider: str
    beneficiary: str
    subject: str
    score: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "beneficiary": self.beneficiary,
            "subject": self.subject,
            "score": self.score,
        }


@dataclass(frozen=True)
class UnmetNeed:
    beneficiary: str
    subject: str
    need: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "beneficiary": self.beneficiary,
            "subject": self.subject,
            "need": self.need,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class MatchingResult:
    activities: tuple[Activity, ...]
    total_score: int
    unmet_needs: tuple[UnmetNeed, ...]
    optimal: bool = True
    #: sizes of the flow network and number of phases (diagnostics, not part of to_dict()).
    stats: Mapping[str, int] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "activities": [a.to_dict() for a in self.activities],
            "total_score": self.total_score,
            "optimal": self.optimal,
            "unmet_needs": [u.to_dict() for u in self.unmet_needs],
        }
