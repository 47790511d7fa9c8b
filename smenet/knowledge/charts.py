"""The SME-definitions chart: employee thresholds by country and size class, on one scale.

Drawn by the site's one chart helper (:mod:`smenet.common.charts`), which writes the geometry
the same way in every language and mirrors it right to left."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from smenet.common.charts import BarChart, BarGroup, Series
from smenet.common.translation import translated

from .choices import SizeClass
from .models import SmeDefinition

COLOURS = {
    SizeClass.MICRO: "#8cc7b0",
    SizeClass.SMALL: "#3f9a78",
    SizeClass.MEDIUM: "#0b6e4f",
    SizeClass.SME: "#c58b16",
}


def employee_threshold_chart(definitions: Sequence[SmeDefinition]) -> BarChart | None:
    """One group of bars per country (in the order given), one bar per size class."""
    by_country: dict[int, list[SmeDefinition]] = {}
    for d in definitions:
        if d.max_employees is not None:
            by_country.setdefault(d.country_id, []).append(d)
    if not by_country:
        return None
    groups = []
    for ds in by_country.values():
        ds.sort(key=lambda d: d.max_employees or 0)
        groups.append(
            BarGroup(
                label=translated(ds[0].country, "name"),
                values=[(d.size_class, d.max_employees or 0) for d in ds],
            )
        )
    return BarChart(
        title=_("Employees, at most, by size class"),
        groups=groups,
        series=[Series(key=c.value, label=str(c.label), colour=COLOURS[c]) for c in SizeClass],
    )
