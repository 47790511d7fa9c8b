"""Server-rendered SVG: the Gantt timeline of a version and the dashboard charts.

Drawn with the site's one chart helper (:mod:`smenet.common.charts`): geometry is written the
same way in every language and mirrored for right-to-left languages (time flows from the
right, labels sit on the right), so the charts read naturally in Arabic without any script.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from smenet.common.charts import GRID, MUTED, TRACK, Series, el, legend, mirror_x, scale, svg

from .choices import ItemState
from .tree import Node, Tree

# One colour per state shown (decision 0022): the reported statuses, and overdue.
STATE_COLOURS: dict[ItemState, str] = {
    ItemState.NOT_STARTED: "#9aa5b1",
    ItemState.ON_TRACK: "#0b6e4f",
    ItemState.AT_RISK: "#c58b16",
    ItemState.DELAYED: "#a4262c",
    ItemState.OVERDUE: "#6b2a7a",
    ItemState.COMPLETED: "#1f5fa8",
    ItemState.CANCELLED: "#5b6775",
}
LATE = "#a4262c"


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def gantt_svg(tree: Tree, *, start: datetime.date, end: datetime.date, label: str) -> SafeString:
    rtl = get_language_bidi()
    nodes = list(tree.walk())
    label_w, chart_w, row_h, top = 300.0, 700.0, 22.0, 28.0
    width = label_w + chart_w
    height = top + row_h * len(nodes) + 10
    span = max(1, (end - start).days)

    def pos(day: datetime.date) -> float:
        return label_w + chart_w * max(0, min(span, (day - start).days)) / span

    def x(at: float, w: float = 0) -> float:
        return mirror_x(at, w, width=width, rtl=rtl)

    parts: list[SafeString] = []
    for year in range(start.year, end.year + 1):
        at = x(pos(max(start, datetime.date(year, 1, 1))))
        parts.append(el("line", x1=at, y1=top - 6, x2=at, y2=height, stroke=GRID))
        parts.append(
            el("text", str(year), x=at + (-4 if rtl else 4), y=top - 10, font_size=12, fill=MUTED)
        )
    today = tree.today
    if start <= today <= end:
        at = x(pos(today))
        parts.append(
            el(
                "line",
                el("title", _("Today")),
                x1=at,
                y1=top - 6,
                x2=at,
                y2=height,
                stroke="#c58b16",
                stroke_width=2,
                class_="today",
            )
        )
    for i, node in enumerate(nodes):
        y = top + i * row_h
        indent = 12 * (node.item.depth - 1)
        title = _clip(f"{node.number} {node.item}", 46)
        parts.append(
            el(
                "text",
                title,
                x=width - 6 - indent if rtl else 6 + indent,
                y=y + 15,
                font_size=12,
                font_weight=700 if node.item.depth == 1 else None,
            )
        )
        if node.item.start and node.item.end:
            x0, x1 = pos(node.item.start), pos(node.item.end)
            w = max(2.0, x1 - x0)
            done = w * node.percent / 100
            colour = STATE_COLOURS.get(node.state, "#9aa5b1")
            when = f"{node.item.start.isoformat()} – {node.item.end.isoformat()}"
            parts.append(
                el(
                    "g",
                    el("title", f"{title} — {when} — {node.percent:.0f}%"),
                    el(
                        "rect",
                        x=x(x0, w),
                        y=y + 5,
                        width=w,
                        height=12,
                        rx=3,
                        fill=colour,
                        fill_opacity=0.3,
                        class_="span",
                    ),
                    el(
                        "rect",
                        x=x(x0, done),
                        y=y + 5,
                        width=done,
                        height=12,
                        rx=3,
                        fill=colour,
                        class_="done",
                        data_percent=node.percent,
                    ),
                    el(
                        "rect",
                        x=x(x0, w),
                        y=y + 5,
                        width=w,
                        height=12,
                        rx=3,
                        fill="none",
                        stroke=LATE,
                        stroke_width=2,
                    )
                    if node.late
                    else None,
                    class_="bar late" if node.late else "bar",
                )
            )
    return svg(*parts, width=width, height=height, label=label, class_="gantt", rtl=rtl)


def status_bar_svg(counts: dict[str, int], *, label: str) -> SafeString:
    """One horizontal stacked bar of item counts by state."""
    rtl = get_language_bidi()
    total = sum(counts.values())
    width, at = 600.0, 0.0
    parts = []
    for status, count in counts.items():
        if not count:
            continue
        w = scale(count, total, width)
        parts.append(
            el(
                "rect",
                el("title", f"{ItemState(status).label}: {count}"),
                x=mirror_x(at, w, width=width, rtl=rtl),
                y=0,
                width=w,
                height=28,
                fill=STATE_COLOURS[ItemState(status)],
                data_status=status,
                data_value=count,
            )
        )
        at += w
    return svg(*parts, width=width, height=28, label=label, class_="status-bar", rtl=rtl)


def status_legend() -> SafeString:
    """The key of :func:`status_bar_svg` and the Gantt bars, in their colours."""
    return legend([Series(key=s, label=str(s.label), colour=c) for s, c in STATE_COLOURS.items()])


def indicator_chart_svg(indicators: list[tuple[Node, Any]]) -> SafeString:
    """Each indicator as a bar from its baseline to its target, filled up to the latest actual."""
    rtl = get_language_bidi()
    label_w, bar_w, row_h = 330.0, 370.0, 26.0
    width = label_w + bar_w + 60
    height = row_h * len(indicators) + 6
    parts = []
    for i, (node, ind) in enumerate(indicators):
        y = i * row_h + 4
        share = ind.achievement
        actual = "—" if ind.actual is None else format(ind.actual.normalize(), "f")
        target = format(ind.target.normalize(), "f")
        w = bar_w * share if share is not None else 0
        parts.append(
            el(
                "g",
                el(
                    "text",
                    _clip(f"{node.number} {ind}", 50),
                    x=width - 4 if rtl else 4,
                    y=y + 13,
                    font_size=12,
                ),
                el(
                    "rect",
                    x=mirror_x(label_w, bar_w, width=width, rtl=rtl),
                    y=y + 2,
                    width=bar_w,
                    height=14,
                    rx=3,
                    fill=TRACK,
                    stroke=GRID,
                    class_="track",
                ),
                el(
                    "rect",
                    x=mirror_x(label_w, w, width=width, rtl=rtl),
                    y=y + 2,
                    width=w,
                    height=14,
                    rx=3,
                    fill="#0b6e4f",
                    class_="achieved",
                    data_share=share,
                )
                if share is not None
                else None,
                el(
                    "text",
                    f"{actual} / {target}",
                    x=mirror_x(label_w + bar_w + 6, width=width, rtl=rtl),
                    y=y + 13,
                    font_size=11,
                    fill=MUTED,
                ),
                class_="indicator",
            )
        )
    return svg(
        *parts,
        width=width,
        height=height,
        label=_("Indicators against targets"),
        class_="indicator-chart",
        rtl=rtl,
    )
