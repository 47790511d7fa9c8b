"""One helper for every chart the site draws (SVG, CSS bars, heat maps), in every language.

Why it exists: numbers written into SVG geometry, CSS lengths and machine-readable attributes
are read by a parser, not by a person, and Django localises every number a template prints:
``{{ 19.2 }}`` becomes ``19,2`` in Arabic and French, which an SVG parser rejects, so the SME
definitions chart drew nothing there. Geometry therefore never goes through ``{{ value }}``:

- in Python, build elements with :func:`el` (numbers in attributes are written by
  :func:`svg_number`; text and other attributes are escaped);
- in templates, ``{% load charts %}`` and write ``{{ x|svgnum }}`` in SVG attributes and
  ``{{ share|css_percent }}`` in ``style``; the guard test ``test_charts`` refuses a template
  that prints a bare value into such an attribute.

Right-to-left: charts mirror their geometry (:func:`mirror_x`) and set ``direction="rtl"``,
so the start of time or of a bar is on the right in Arabic, as the reader expects.

Styling: every chart class (``.chart``, ``.chart-svg``, ``.swatch``, ``.gantt``, ``.heat``, …)
is styled in ``web/css/charts.css``, which the base template links on every page, so a chart
never depends on another page's stylesheet (the legend swatches once grew to full width because
their rule lived in the search page's CSS). Legend swatches also carry their size as attributes,
so they stay small even without CSS.

Human-readable numbers next to a chart (values, percentages) are the formatting layer's job
(localised); this module only writes numbers that machines read.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi

Number = int | float | Decimal

# One palette for every chart (colour-blind safe enough in pairs; text always shows the value).
PALETTE = ("#0b6e4f", "#c58b16", "#1f5fa8", "#8cc7b0", "#a4262c", "#5b6775", "#3f9a78", "#e0b45c")
INK, MUTED, GRID, TRACK = "#1d2733", "#5b6775", "#d9dee4", "#f3f6f8"


def svg_number(value: Number, places: int = 2) -> str:
    """``value`` as SVG, CSS and data attributes want it, in every language: a dot for the
    decimal point, no grouping, no exponent, no trailing zeros (``19.2``, ``480``, ``-3.5``)."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"not a number: {value!r}")
    number = Decimal(value) if not isinstance(value, Decimal) else value
    if not number.is_finite() or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError(f"not a finite number: {value!r}")
    text = format(round(number, places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def css_percent(value: Number, places: int = 3) -> str:
    """A CSS percentage (``12.5%``) whatever the page's language; ``value`` is in percent."""
    return f"{svg_number(value, places)}%"


def mirror_x(x: float, w: float = 0, *, width: float, rtl: bool) -> float:
    """The left edge of a span that starts ``x`` from the inline start and is ``w`` wide, in a
    drawing ``width`` wide: unchanged left to right, measured from the right in right-to-left."""
    return width - x - w if rtl else x


def scale(value: Number, maximum: Number, length: float) -> float:
    """``value`` out of ``maximum`` as a length out of ``length`` (0 when ``maximum`` is 0)."""
    if not maximum:
        return 0.0
    return length * max(0.0, min(1.0, float(value) / float(maximum)))


def heat_level(value: Number, top: Number, steps: int = 4) -> int:
    """0 for nothing, else 1…``steps`` by the share of the largest value (``heat-N`` classes)."""
    if not value or not top or value <= 0:
        return 0
    return max(1, min(steps, math.ceil(steps * float(value) / float(top))))


def _attr_value(key: str, value: object) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        # Geometry needs hundredths of a unit; data-* values keep their precision.
        return svg_number(value, 6 if key.startswith("data-") else 2)
    return str(value)


def el(tag: str, *children: object, **attrs: object) -> SafeString:
    """An SVG or HTML element: ``el("rect", x=1.25, fill="#fff", class_="bar")``.

    Attribute names lose a trailing underscore and turn ``_`` into ``-`` (``stroke_width``,
    ``text_anchor``, ``aria_label``; ``viewBox`` stays as given). Numbers go through
    :func:`svg_number`; ``None`` and ``False`` attributes are left out; children that are not
    already safe are escaped."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-") if name != "viewBox" else name
        parts.append(f'{key}="{conditional_escape(_attr_value(key, value))}"')
    opening = " ".join(parts)
    if not children:
        return mark_safe(f"<{opening}/>")  # noqa: S308 — attribute values escaped above
    inner = "".join(str(conditional_escape(cast(str, c))) for c in children if c is not None)
    return mark_safe(f"<{opening}>{inner}</{tag}>")  # noqa: S308 — children escaped above


def svg(
    *children: object, width: float, height: float, label: str, class_: str, rtl: bool | None = None
) -> SafeString:
    """The outer ``<svg>`` of a chart: scales with its container (``viewBox``), has an
    accessible name (its ``<title>``), and a text direction that follows the page."""
    rtl = get_language_bidi() if rtl is None else rtl
    return el(
        "svg",
        el("title", label),
        *children,
        xmlns="http://www.w3.org/2000/svg",
        class_=class_,
        viewBox=f"0 0 {svg_number(width)} {svg_number(height)}",
        role="img",
        aria_label=label,
        direction="rtl" if rtl else "ltr",
    )


def swatch(colour: str) -> SafeString:
    """A legend colour square, 10×10 even where no stylesheet applies."""
    return el(
        "svg",
        el("rect", width=10, height=10, fill=colour),
        class_="swatch",
        viewBox="0 0 10 10",
        width=10,
        height=10,
        aria_hidden="true",
        focusable="false",
    )


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


def legend(series: Sequence[Series]) -> SafeString:
    """The key of a chart: a swatch and a label per series, in the chart's colours."""
    return el(
        "ul", *(el("li", swatch(s.colour), " ", s.label) for s in series), class_="chart-legend"
    )


# ---- grouped horizontal bars -------------------------------------------------------------


@dataclass(frozen=True)
class BarGroup:
    label: str
    values: Sequence[tuple[str, Number]]  # (series key, value), drawn in this order


@dataclass
class BarChart:
    """Grouped horizontal bars on one common scale: a label per group, one bar per value,
    the value written after its bar. Rendered by :meth:`render` (SVG) and :meth:`legend`."""

    title: str
    groups: Sequence[BarGroup]
    series: Sequence[Series]
    label_width: float = 170
    plot_width: float = 480
    bar_height: float = 12
    bar_gap: float = 2
    group_gap: float = 12
    value_format: Callable[[Any], str] | None = field(default=None)  # localised by default

    @property
    def maximum(self) -> float:
        return max((float(v) for g in self.groups for _k, v in g.values), default=0.0)

    @property
    def width(self) -> float:
        return self.label_width + self.plot_width + 60

    def render(self, *, rtl: bool | None = None) -> SafeString:
        rtl = get_language_bidi() if rtl is None else rtl
        colours = {s.key: s for s in self.series}
        fmt = self.value_format or (lambda v: number_format(v, use_l10n=True))
        width, maximum, step = self.width, self.maximum, self.bar_height + self.bar_gap
        rows, y = [], 10.0
        for group in self.groups:
            rows.append(
                el(
                    "text",
                    group.label,
                    x=mirror_x(self.label_width - 8, width=width, rtl=rtl),
                    y=y + self.bar_height - 1,
                    text_anchor="end",
                    font_size=12,
                    fill=INK,
                    class_="chart-label",
                )
            )
            for i, (key, value) in enumerate(group.values):
                series = colours.get(key)
                w = scale(value, maximum, self.plot_width)
                by = y + i * step
                shown = fmt(value)
                name = f"{group.label} · {series.label if series else key}: {shown}"
                rows.append(
                    el(
                        "g",
                        el("title", name),
                        el(
                            "rect",
                            x=mirror_x(self.label_width, w, width=width, rtl=rtl),
                            y=by,
                            width=w,
                            height=self.bar_height,
                            fill=series.colour if series else MUTED,
                            data_value=value,
                            class_="chart-bar",
                        ),
                        el(
                            "text",
                            shown,
                            x=mirror_x(self.label_width + w + 4, width=width, rtl=rtl),
                            y=by + self.bar_height - 2,
                            font_size=10,
                            fill=INK,
                        ),
                    )
                )
            y += max(1, len(group.values)) * step + self.group_gap
        return svg(*rows, width=width, height=y, label=self.title, class_="chart-svg", rtl=rtl)

    def legend(self) -> SafeString:
        return el(
            "ul",
            *(el("li", swatch(s.colour), " ", s.label) for s in self.series),
            class_="chart-legend",
        )

    def __html__(self) -> SafeString:
        """The whole figure (chart, title, legend): ``{{ chart }}`` in a template."""
        return format_html(
            '<figure class="chart">{}<figcaption>{}{}</figcaption></figure>',
            self.render(),
            self.title,
            self.legend(),
        )

    __str__ = __html__  # templates call str() before they look for __html__
