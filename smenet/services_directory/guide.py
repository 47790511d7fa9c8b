"""The guided mode's judgement: does a service fit an entrepreneur's answers, and how well.

A plain module (no Django) so that the rule is read, tested and changed in one place. A service
*fits* when nothing it requires rules the entrepreneur out: it is offered in their country or
open to SMEs of other member states; its size classes, sectors and stages (an empty list meaning
"all") include theirs; it is in a category they need (when they said). Among fitting services,
the **score** puts first what is closest to them:

====================================================  =====
offered in their own country                            +4
open to SMEs of other member states (yes / conditions)  +1 / +0.5
meant for their size / sector / stage specifically      +1 each (open to all: 0)
delivered in the language they asked for                +2 (else no penalty)
free / subsidised                                       +0.5 / +0.25
====================================================  =====

Ties are broken by the service id (older first), so the order is stable for a shared URL.
Each reason is a code with its value (``("country", "AZE")``); the page words it in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

HOME, CROSS_BORDER, CROSS_BORDER_CONDITIONS = 4.0, 1.0, 0.5
SPECIFIC, LANGUAGE = 1.0, 2.0
FREE, SUBSIDISED = 0.5, 0.25


@dataclass(frozen=True, slots=True)
class Answers:
    country: str = ""
    size: str = ""
    sector: str = ""
    stage: str = ""
    needs: tuple[str, ...] = ()
    language: str = ""

    @property
    def empty(self) -> bool:
        return not (
            self.country or self.size or self.sector or self.stage or self.needs or self.language
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    country: str
    category: str
    sizes: Sequence[str] = ()
    sectors: Sequence[str] = ()
    stages: Sequence[str] = ()
    languages: Sequence[str] = ()
    cost: str = ""
    cross_border: str = "no"


@dataclass(frozen=True, slots=True)
class Fit:
    id: int
    score: float
    reasons: tuple[tuple[str, str], ...] = field(default=())


def _list_fits(
    values: Sequence[str], wanted: str, code: str, reasons: list[tuple[str, str]]
) -> float | None:
    """None when the list rules ``wanted`` out; else the bonus for naming it specifically."""
    if not wanted:
        return 0.0
    if not values:
        reasons.append((f"{code}_any", wanted))
        return 0.0
    if wanted in values:
        reasons.append((code, wanted))
        return SPECIFIC
    return None


def judge(candidate: Candidate, answers: Answers) -> Fit | None:
    """The fit of one service, or None when it does not fit."""
    reasons: list[tuple[str, str]] = []
    score = 0.0
    if answers.needs:
        if candidate.category not in answers.needs:
            return None
        reasons.append(("need", candidate.category))
    if answers.country:
        if candidate.country == answers.country:
            score += HOME
            reasons.append(("country", candidate.country))
        elif candidate.cross_border == "yes":
            score += CROSS_BORDER
            reasons.append(("cross_border", candidate.country))
        elif candidate.cross_border == "conditions":
            score += CROSS_BORDER_CONDITIONS
            reasons.append(("cross_border_conditions", candidate.country))
        else:
            return None
    for values, wanted, code in (
        (candidate.sizes, answers.size, "size"),
        (candidate.sectors, answers.sector, "sector"),
        (candidate.stages, answers.stage, "stage"),
    ):
        bonus = _list_fits(values, wanted, code, reasons)
        if bonus is None:
            return None
        score += bonus
    if answers.language and answers.language in candidate.languages:
        score += LANGUAGE
        reasons.append(("language", answers.language))
    if candidate.cost == "free":
        score += FREE
        reasons.append(("free", ""))
    elif candidate.cost == "subsidised":
        score += SUBSIDISED
        reasons.append(("subsidised", ""))
    return Fit(candidate.id, score, tuple(reasons))


def rank(candidates: Sequence[Candidate], answers: Answers) -> list[Fit]:
    """The fitting services, best first (score, then id)."""
    fits = [fit for c in candidates if (fit := judge(c, answers)) is not None]
    fits.sort(key=lambda f: (-f.score, f.id))
    return fits
