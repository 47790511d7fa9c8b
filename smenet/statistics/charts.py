"""Server-rendered SVG charts of the statistics pages: a bar chart of member states, small line
charts of a country's series, and a choropleth map of the 57 member states.

Every number written into SVG geometry goes through ``_n`` (``common.charts.svg_number``,
never the locale); visible labels use ``display``. Each chart is a standalone SVG document (styles inline,
``direction="ltr"`` so that anchors mean the same in browsers and in the PNG renderer): the
pages inline it, and the download links serve it as ``.svg`` or rasterised ``.png``.
Right-to-left pages mirror the geometry (labels on the right, time flowing leftwards); the map
is geography and is never mirrored. Arabic labels are wrapped in a right-to-left embedding so
that mixed text reads correctly whatever the base direction.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal
from django.utils.html import escape
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from smenet.common.charts import svg_number

from .choices import Qualifier, Unit
from .models import Indicator

SHAPES = Path(__file__).resolve().parent / "data" / "member_shapes.json"
FONT = "Noto Sans, Noto Naskh Arabic, Noto Sans Arabic, Arial, sans-serif"
BAR = "#0b6e4f"
BAR_NEAREST = "#8cc7b0"
#: Sequential greens for five classes (ColorBrewer "Greens", colour-blind safe), then no data.
CLASSES = ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c")
NO_DATA = "#d9dee4"
RLE, PDF = "\u202b", "\u202c"


def _n(value: float) -> str:
    """A coordinate for SVG, one decimal: what ``common.charts.svg_number(value, 1)`` writes
    (a dot, no grouping, no exponent, no trailing zero; a test compares the two), without its
    ``Decimal`` round trip — a profile of 300 charts spent a third of its time there.
    ``%``-formatting never follows the locale."""
    if not -1e15 < value < 1e15:  # also refuses NaN and infinities
        return svg_number(value, 1)
    text = "%.1f" % value  # noqa: UP031 - locale-independent and the fastest
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def display(value: float | None, indicator: Indicator, *, qualifier: str = "") -> str:
    """A figure as people read it, in the active language (grouping, decimal sign)."""
    if value is None:
        return "—"
    decimals = indicator.decimals
    scaled = value
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(scaled, format=pattern, locale=(get_language() or "en").split("-")[0])
    if indicator.unit == Unit.PERCENT:
        text = f"{text}\u00a0%"
    if qualifier == Qualifier.MORE_THAN:
        return _("more than %(value)s") % {"value": text}
    if qualifier == Qualifier.ABOUT:
        return _("about %(value)s") % {"value": text}
    return text


def unit_label(indicator: Indicator) -> str:
    label = str(Unit(indicator.unit).label)
    if indicator.unit_multiplier:
        return _("%(unit)s × 10^%(power)s") % {"unit": label, "power": indicator.unit_multiplier}
    return label


def _label(text: str, rtl: bool) -> str:
    return escape(f"{RLE}{text}{PDF}" if rtl else text)


def _open(
    width: float, height: float, title: str, desc: str, css_class: str, ident: str = ""
) -> list[str]:
    """The opening of a chart; ``ident`` tells apart several charts of one page (the ids of
    their title and description must be unique)."""
    prefix = f"{css_class}-{ident}" if ident else css_class
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" aria-labelledby="{prefix}-t {prefix}-d" '
        f'direction="ltr" font-family="{FONT}">',
        f'<title id="{prefix}-t">{escape(title)}</title>',
        f'<desc id="{prefix}-d">{escape(desc)}</desc>',
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
    ]


# ---------------------------------------------------------------------------- bar chart


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as displayed
    note: str  # footnote marks, e.g. "¹ *"
    title: str  # the tooltip: country, value, year, source
    nearest: bool


def bar_chart(bars: Sequence[Bar], *, title: str, desc: str) -> str:
    """Horizontal bars on a common scale from zero, longest first."""
    rtl = get_language_bidi()
    label_w, plot_w, value_w, row_h, top = 190.0, 430.0, 140.0, 22.0, 8.0
    width = label_w + plot_w + value_w
    height = top * 2 + row_h * max(1, len(bars))
    maximum = max((b.value for b in bars), default=0) or 1
    minimum = min((b.value for b in bars), default=0)
    low = min(0.0, minimum)
    span = (maximum - low) or 1
    parts = _open(width, height, title, desc, "stat-bars")
    for i, bar in enumerate(bars):
        y = top + i * row_h
        x0 = plot_w * (0 - low) / span
        x1 = plot_w * (bar.value - low) / span
        bx, bw = min(x0, x1), max(1.0, abs(x1 - x0))
        if rtl:
            bar_x = value_w + plot_w - bx - bw
            label_x, label_anchor = width - 6, "end"
            value_x, value_anchor = value_w + plot_w - max(x0, x1) - 4, "end"
        else:
            bar_x = label_w + bx
            label_x, label_anchor = label_w - 6, "end"
            value_x, value_anchor = label_w + max(x0, x1) + 4, "start"
        fill = BAR_NEAREST if bar.nearest else BAR
        parts.append(
            f"<g><title>{escape(bar.title)}</title>"
            f'<text x="{_n(label_x)}" y="{_n(y + 15)}" font-size="12" fill="#1f2933" '
            f'text-anchor="{label_anchor}">{_label(bar.label, rtl)}</text>'
            f'<rect x="{_n(bar_x)}" y="{_n(y + 4)}" width="{_n(bw)}" height="{_n(row_h - 8)}" fill="{fill}"/>'
            f'<text x="{_n(value_x)}" y="{_n(y + 15)}" font-size="11" fill="#1f2933" '
            f'text-anchor="{value_anchor}">{escape(bar.text)}{escape(bar.note)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------- small line charts


def line_chart(
    points: Sequence[tuple[float, float | None]],
    *,
    first_year: int,
    last_year: int,
    title: str,
    desc: str,
    labels: tuple[str, str] = ("", ""),
    ident: str = "",
) -> str:
    """One series on its own vertical scale over a shared span of years; gaps stay gaps.

    Each run of consecutive figures is one ``polyline``; a dot marks a figure that stands
    alone (between gaps) and the latest one, so a series of 30 figures is a handful of
    elements, not 30 circles."""
    rtl = get_language_bidi()
    width, height, pad_x, pad_top, pad_bottom = 240.0, 96.0, 10.0, 14.0, 18.0
    plot_w, plot_h = width - 2 * pad_x, height - pad_top - pad_bottom
    values = [v for _y, v in points if v is not None]
    parts = _open(width, height, title, desc, "stat-line", ident)
    parts.append(
        f'<line x1="{_n(pad_x)}" y1="{_n(height - pad_bottom)}" x2="{_n(width - pad_x)}" y2="{_n(height - pad_bottom)}" stroke="#9aa5b1"/>'
    )
    span_years = max(1, last_year - first_year)
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    x_scale, y_scale = plot_w / span_years, plot_h / (high - low)
    segments: list[list[str]] = []
    segment: list[str] = []
    last_xy = ""
    for year, value in points:
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        x = pad_x + x_scale * (year - first_year)
        if rtl:
            x = width - x
        y = pad_top + plot_h - y_scale * (value - low)
        last_xy = f"{_n(x)} {_n(y)}"
        segment.append(last_xy)
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            parts.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{BAR}" stroke-width="2" '
                'stroke-linejoin="round"/>'
            )
    dots = [seg[0] for seg in segments if len(seg) == 1]
    if last_xy and last_xy not in dots:
        dots.append(last_xy)
    for dot in dots:
        cx, cy = dot.split(" ")
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{BAR}"/>')
    left, right = (str(last_year), str(first_year)) if rtl else (str(first_year), str(last_year))
    parts.append(
        f'<text x="{_n(pad_x)}" y="{_n(height - 4)}" font-size="10" fill="#5b6775">{left}</text>'
        f'<text x="{_n(width - pad_x)}" y="{_n(height - 4)}" font-size="10" fill="#5b6775" text-anchor="end">{right}</text>'
    )
    if labels[0] or labels[1]:
        parts.append(
            f'<text x="{_n(width - pad_x if rtl else pad_x)}" y="10" font-size="10" fill="#5b6775" '
            f'text-anchor="{"end" if rtl else "start"}">{escape(labels[1])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------- choropleth map


@cache
def member_shapes() -> dict:
    return json.loads(SHAPES.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    value: float | None
    text: str
    title: str
    href: str


def classes(values: Sequence[float]) -> list[float]:
    """Upper bounds of five quantile classes (fewer when there are few distinct values)."""
    ordered = sorted(values)
    if not ordered:
        return []
    bounds: list[float] = []
    for k in range(1, len(CLASSES) + 1):
        index = min(len(ordered) - 1, math.ceil(k * len(ordered) / len(CLASSES)) - 1)
        if not bounds or ordered[index] > bounds[-1]:
            bounds.append(ordered[index])
    return bounds


def class_of(value: float, bounds: Sequence[float]) -> int:
    for i, bound in enumerate(bounds):
        if value <= bound:
            return i
    return len(bounds) - 1


def colour(index: int, count: int) -> str:
    """Spread ``count`` classes over the palette (two classes: lightest and darkest)."""
    if count <= 1:
        return CLASSES[-2]
    return CLASSES[round(index * (len(CLASSES) - 1) / (count - 1))]


def choropleth(areas: Sequence[MapArea], *, title: str, desc: str, bounds: Sequence[float]) -> str:
    """The 57 member states, each a link with a title, coloured by class; small states also
    get a dot so that they can be seen and reached."""
    data = member_shapes()
    width, height = data["width"], data["height"]
    parts = _open(width, height, title, desc, "stat-map")
    parts.append('<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">')
    for area in areas:
        shape = data["shapes"].get(area.code)
        if shape is None:
            continue
        fill = NO_DATA if area.value is None else colour(class_of(area.value, bounds), len(bounds))
        dot = ""
        if shape["small"]:
            cx, cy = shape["centre"]
            dot = f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="5" fill="{fill}" stroke="#5b6775" stroke-width="0.8"/>'
        parts.append(
            f'<a href="{escape(area.href)}" aria-label="{escape(area.title)}" class="stat-map-area" data-area="{escape(area.code)}">'
            f"<title>{escape(area.title)}</title>"
            f'<path d="{shape["d"]}" fill="{fill}"/>{dot}</a>'
        )
    parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def to_png(svg: str) -> bytes:
    """The SVG rasterised at twice its size (resvg, with the system's fonts: Noto in CI)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=2.0, background="#ffffff"))
