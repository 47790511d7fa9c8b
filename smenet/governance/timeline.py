"""Mandate timeline geometry for the governance page (rendered as inline SVG, no JavaScript)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from smenet.governance.models import Mandate


@dataclass
class Bar:
    mandate: Mandate
    offset: float  # percent of the width from the inline start
    width: float
    open_ended: bool


@dataclass
class Timeline:
    start: datetime.date
    end: datetime.date
    years: list[tuple[int, float]]
    bars: list[Bar]
    today: float | None


def mandate_timeline(mandates: list[Mandate], *, today: datetime.date) -> Timeline | None:
    if not mandates:
        return None
    first = min(m.start for m in mandates)
    last = max([m.end or today for m in mandates] + [today])
    start = datetime.date(first.year, 1, 1)
    end = datetime.date(last.year + 1, 1, 1)
    span = (end - start).days

    def pct(day: datetime.date) -> float:
        return round(100 * (day - start).days / span, 3)

    bars = [
        Bar(
            mandate=m,
            offset=pct(m.start),
            width=max(0.5, pct(m.end or end) - pct(m.start)),
            open_ended=m.end is None,
        )
        for m in mandates
    ]
    years = [(y, pct(datetime.date(y, 1, 1))) for y in range(start.year, end.year)]
    return Timeline(start=start, end=end, years=years, bars=bars, today=pct(today))
