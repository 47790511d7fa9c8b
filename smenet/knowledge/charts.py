"""Server-rendered SVG chart of employee thresholds (no JavaScript, readable without CSS)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from smenet.common.translation import translated

from .choices import SizeClass
from .models import SmeDefinition

COLOURS = {
    SizeClass.MICRO: "#8cc7b0",
    SizeClass.SMALL: "#3f9a78",
    SizeClass.MEDIUM: "#0b6e4f",
    SizeClass.SME: "#c58b16",
}


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    colour: str
    value: int
    label: str


@dataclass(frozen=True)
class ChartRow:
    country: str
    y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    rows: list[ChartRow]
    height: int
    width: int
    label_width: int
    maximum: int
    legend: list[tuple[str, str]]
    title: str


def employee_threshold_chart(definitions: Sequence[SmeDefinition]) -> Chart | None:
    """One group of bars per country, one bar per size class, on a common scale."""
    by_country: dict[str, list[SmeDefinition]] = {}
    for d in definitions:
        if d.max_employees is not None:
            by_country.setdefault(d.country.iso3, []).append(d)
    if not by_country:
        return None
    maximum = max(d.max_employees or 0 for ds in by_country.values() for d in ds) or 1
    bar_h, gap, label_w, plot_w = 14, 12, 170, 480
    rows, y = [], 10
    for ds in by_country.values():
        ds.sort(key=lambda d: d.max_employees or 0)
        bars = []
        for i, d in enumerate(ds):
            bars.append(
                Bar(
                    y=y + i * bar_h,
                    width=round(plot_w * (d.max_employees or 0) / maximum, 1),
                    colour=COLOURS.get(d.size_class, "#888"),
                    value=d.max_employees or 0,
                    label=d.get_size_class_display(),
                )
            )
        rows.append(ChartRow(country=translated(ds[0].country, "name"), y=y, bars=bars))
        y += len(ds) * bar_h + gap
    return Chart(
        rows=rows,
        height=y + 10,
        width=label_w + plot_w + 60,
        label_width=label_w,
        maximum=maximum,
        legend=[(str(c.label), COLOURS[c]) for c in SizeClass],
        title=_("Employees, at most, by size class"),
    )
