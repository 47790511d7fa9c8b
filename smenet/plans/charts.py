"""Server-rendered SVG: the Gantt timeline of a version and the dashboard charts.

Geometry is computed here and mirrored for right-to-left languages (time flows from the right,
labels sit on the right), so the charts read naturally in Arabic without any script.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from .choices import ProgressStatus
from .tree import Node, Tree

STATUS_COLOURS = {
    ProgressStatus.NOT_STARTED: "#9aa5b1",
    ProgressStatus.ON_TRACK: "#0b6e4f",
    ProgressStatus.AT_RISK: "#c58b16",
    ProgressStatus.DELAYED: "#a4262c",
    ProgressStatus.COMPLETED: "#1f5fa8",
    ProgressStatus.CANCELLED: "#5b6775",
}


def _x(rtl: bool, width: float, x: float, w: float = 0) -> float:
    return round(width - x - w, 1) if rtl else round(x, 1)


def gantt_svg(tree: Tree, *, start: datetime.date, end: datetime.date, label: str) -> SafeString:
    rtl = get_language_bidi()
    nodes = list(tree.walk())
    label_w, chart_w, row_h, top = 300.0, 700.0, 22.0, 28.0
    width = label_w + chart_w
    height = top + row_h * len(nodes) + 10
    span = max(1, (end - start).days)

    def pos(day: datetime.date) -> float:
        return label_w + chart_w * max(0, min(span, (day - start).days)) / span

    anchor = "start"  # relative to the text direction: the right edge in right-to-left
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" role="img" aria-labelledby="gantt-title" direction="{"rtl" if rtl else "ltr"}">',
        f'<title id="gantt-title">{escape(label)}</title>',
    ]
    for year in range(start.year, end.year + 1):
        day = max(start, datetime.date(year, 1, 1))
        x = _x(rtl, width, pos(day))
        parts.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{height}" stroke="#d9dee4"/>'
            f'<text x="{x + (-4 if rtl else 4)}" y="{top - 10}" font-size="12" fill="#5b6775" '
            f'text-anchor="{anchor}">{year}</text>'
        )
    today = tree.today
    if start <= today <= end:
        x = _x(rtl, width, pos(today))
        parts.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{height}" stroke="#c58b16" '
            f'stroke-width="2"><title>{escape(_("Today"))}</title></line>'
        )
    for i, node in enumerate(nodes):
        y = top + i * row_h
        indent = 12 * (node.item.depth - 1)
        text_x = width - 6 - indent if rtl else 6 + indent
        title = f"{node.number} {node.item}"
        if len(title) > 46:
            title = title[:45] + "…"
        weight = ' font-weight="700"' if node.item.depth == 1 else ""
        parts.append(
            f'<text x="{text_x}" y="{y + 15}" font-size="12" text-anchor="{anchor}"{weight}>'
            f"{escape(title)}</text>"
        )
        if node.item.start and node.item.end:
            x0, x1 = pos(node.item.start), pos(node.item.end)
            w = max(2.0, x1 - x0)
            colour = STATUS_COLOURS.get(node.status, "#9aa5b1")
            done = w * node.percent / 100
            bx = _x(rtl, width, x0, w)
            dx = _x(rtl, width, x0, done)
            parts.append(
                f'<g class="bar{" late" if node.late else ""}"><title>{escape(title)} — '
                f"{escape(node.item.start.isoformat())} – {escape(node.item.end.isoformat())} — "
                f"{node.percent:.0f}%</title>"
                f'<rect x="{bx}" y="{y + 5}" width="{w:.1f}" height="12" rx="3" fill="{colour}" '
                f'fill-opacity="0.3"/>'
                f'<rect x="{dx}" y="{y + 5}" width="{done:.1f}" height="12" rx="3" fill="{colour}"/>'
                + (
                    f'<rect x="{bx}" y="{y + 5}" width="{w:.1f}" height="12" rx="3" fill="none" '
                    f'stroke="#a4262c" stroke-width="2"/>'
                    if node.late
                    else ""
                )
                + "</g>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def status_bar_svg(counts: dict[str, int], *, label: str) -> SafeString:
    """One horizontal stacked bar of item counts by status."""
    rtl = get_language_bidi()
    total = sum(counts.values()) or 1
    width, x = 600.0, 0.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="status-bar" viewBox="0 0 {width:.0f} 28" '
        f'role="img" aria-label="{escape(label)}">'
    ]
    for status, count in counts.items():
        if not count:
            continue
        w = width * count / total
        parts.append(
            f'<rect x="{_x(rtl, width, x, w)}" y="0" width="{w:.1f}" height="28" '
            f'fill="{STATUS_COLOURS[status]}"><title>{escape(ProgressStatus(status).label)}: '
            f"{count}</title></rect>"
        )
        x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308


def indicator_chart_svg(indicators: list[tuple[Node, Any]]) -> SafeString:
    """Each indicator as a bar from its baseline to its target, filled up to the latest actual."""
    rtl = get_language_bidi()
    label_w, bar_w, row_h = 330.0, 370.0, 26.0
    width = label_w + bar_w + 60
    height = row_h * len(indicators) + 6
    anchor = "start"  # relative to the text direction: the right edge in right-to-left
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" viewBox="0 0 '
        f'{width:.0f} {height:.0f}" direction="{"rtl" if rtl else "ltr"}" role="img" aria-label="{escape(_("Indicators against targets"))}">'
    ]
    for i, (node, ind) in enumerate(indicators):
        y = i * row_h + 4
        name = f"{node.number} {ind}"
        if len(name) > 50:
            name = name[:49] + "…"
        share = ind.achievement
        text_x = width - 4 if rtl else 4
        parts.append(
            f'<text x="{text_x}" y="{y + 13}" font-size="12" text-anchor="{anchor}">'
            f"{escape(name)}</text>"
        )
        bx = _x(rtl, width, label_w, bar_w)
        parts.append(
            f'<rect x="{bx}" y="{y + 2}" width="{bar_w}" height="14" rx="3" fill="#f3f6f8" '
            f'stroke="#d9dee4"/>'
        )
        if share is not None:
            w = bar_w * share
            parts.append(
                f'<rect x="{_x(rtl, width, label_w, w)}" y="{y + 2}" width="{w:.1f}" height="14" '
                f'rx="3" fill="#0b6e4f"/>'
            )
        actual = "—" if ind.actual is None else format(ind.actual.normalize(), "f")
        target = format(ind.target.normalize(), "f")
        value_x = _x(rtl, width, label_w + bar_w + 6)
        parts.append(
            f'<text x="{value_x}" y="{y + 13}" font-size="11" fill="#5b6775" '
            f'text-anchor="{anchor}">{escape(actual)} / {escape(target)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
