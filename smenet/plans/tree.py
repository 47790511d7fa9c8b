"""The item tree of a version: numbering, weighted roll-up of progress, late flags, summaries
and the field-by-field comparison of snapshots. Works on already fetched objects, no queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from .choices import DEFAULT_PERCENT, ItemState, ProgressStatus

DONE = {ProgressStatus.COMPLETED, ProgressStatus.CANCELLED}
# Worst first: a parent shows the worst status (and state) among its children.
SEVERITY = [
    ItemState.OVERDUE,
    ProgressStatus.DELAYED,
    ProgressStatus.AT_RISK,
    ProgressStatus.ON_TRACK,
    ProgressStatus.NOT_STARTED,
    ProgressStatus.COMPLETED,
    ProgressStatus.CANCELLED,
]


@dataclass
class Node:
    item: Any
    number: str
    children: list[Node] = field(default_factory=list)
    percent: float = 0.0
    status: str = ProgressStatus.NOT_STARTED  # reported (rolled up for a parent)
    late: bool = False  # computed: past its end date, not completed or cancelled
    state: str = ItemState.NOT_STARTED  # the one state shown: overdue, else the status
    weight: float = 1.0
    open_comments: int = 0

    @property
    def status_label(self) -> str:
        return str(ProgressStatus(self.status).label)

    @property
    def state_label(self) -> str:
        return str(ItemState(self.state).label)

    @property
    def overdue(self) -> bool:
        return self.late

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self):
        return [n for n in self.walk() if n.is_leaf]


@dataclass
class Tree:
    roots: list[Node]
    today: datetime.date

    def walk(self):
        for root in self.roots:
            yield from root.walk()

    def by_key(self) -> dict[str, Node]:
        return {n.item.key: n for n in self.walk()}

    @property
    def percent(self) -> float:
        return _weighted(self.roots)

    def leaves(self) -> list[Node]:
        return [n for n in self.walk() if n.is_leaf]

    def state_counts(self, nodes: list[Node] | None = None) -> dict[str, int]:
        """Items (leaves by default) by the one state shown: the counts add up to the items."""
        counts = Counter(n.state for n in (self.leaves() if nodes is None else nodes))
        return {value: counts.get(value, 0) for value in ItemState.values}

    def late_count(self) -> int:
        return sum(1 for n in self.leaves() if n.late)

    def by_institution(self) -> list[tuple[Any, dict[str, int], int]]:
        """(institution, state counts, overdue count) for every lead institution of a leaf."""
        groups: dict[int, list[Node]] = {}
        leads: dict[int, Any] = {}
        for node in self.leaves():
            if node.item.lead_id:
                groups.setdefault(node.item.lead_id, []).append(node)
                leads[node.item.lead_id] = node.item.lead
        return [
            (leads[pk], self.state_counts(nodes), sum(1 for n in nodes if n.late))
            for pk, nodes in sorted(groups.items(), key=lambda kv: leads[kv[0]].acronym)
        ]


def state_rows(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(state, its label, count) in the order of ``ItemState``, for tiles and table heads."""
    return [(code, str(ItemState(code).label), count) for code, count in counts.items()]


def _weighted(nodes: list[Node]) -> float:
    counted = [n for n in nodes if n.status != ProgressStatus.CANCELLED]
    total = sum(n.weight for n in counted)
    if not total:
        return 100.0 if nodes and all(n.status == ProgressStatus.CANCELLED for n in nodes) else 0.0
    return round(sum(n.weight * n.percent for n in counted) / total, 1)


def leaf_percent(status: str, percent: int | None) -> float:
    if percent is not None:
        return float(percent)
    return float(DEFAULT_PERCENT.get(status, 0))


def build_tree(items: list[Any], *, today: datetime.date) -> Tree:
    children: dict[int | None, list[Any]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.order, i.pk))

    def make(item: Any, number: str) -> Node:
        node = Node(item=item, number=number, weight=float(item.weight))
        node.children = [
            make(child, f"{number}.{i}") for i, child in enumerate(children.get(item.pk, []), 1)
        ]
        if node.children:
            node.percent = _weighted(node.children)
            statuses = {c.status for c in node.children}
            node.status = next((s for s in SEVERITY if s in statuses), ProgressStatus.NOT_STARTED)
            if statuses <= DONE and ProgressStatus.COMPLETED in statuses:
                node.status = ProgressStatus.COMPLETED
            node.late = any(c.late for c in node.children)
            states = {c.state for c in node.children}
            node.state = next((s for s in SEVERITY if s in states), ItemState.NOT_STARTED)
            if states <= DONE and ItemState.COMPLETED in states:
                node.state = ItemState.COMPLETED
        else:
            node.status = item.status
            node.percent = leaf_percent(item.status, item.percent)
            node.late = bool(item.end and item.end < today and item.status not in DONE)
            node.state = ItemState.OVERDUE if node.late else item.status
        return node

    roots = [make(item, str(i)) for i, item in enumerate(children.get(None, []), 1)]
    return Tree(roots=roots, today=today)


# --- Snapshots and their comparison (version diff and edit conflicts) ---

FIELD_LABELS = {
    "title": _("title"),
    "description": _("description"),
    "parent": _("parent"),
    "order": _("position"),
    "lead": _("lead institution"),
    "partners": _("partner institutions"),
    "start": _("start"),
    "end": _("end"),
    "subjects": _("subjects"),
    "budget": _("budget"),
    "currency": _("currency"),
    "funding_source": _("funding source"),
    "weight": _("weight"),
    "indicators": _("indicators"),
}
PLACEMENT = {"parent", "order"}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def item_snapshot(item: Any) -> dict[str, Any]:
    """Everything a reader of the plan can see of an item, as plain JSON (from prefetched data)."""
    by_lang: dict[str, dict[str, str]] = {"title": {}, "description": {}}
    for t in item.translations.all():
        for name in by_lang:
            if getattr(t, name, ""):
                by_lang[name][t.language_code] = getattr(t, name)
    parent = item.parent
    return {
        "title": dict(sorted(by_lang["title"].items())),
        "description": dict(sorted(by_lang["description"].items())),
        "parent": parent.key if parent is not None else None,
        "order": item.order,
        "lead": item.lead.acronym if item.lead_id else None,
        "partners": sorted(p.acronym for p in item.partners.all()),
        "start": _plain(item.start),
        "end": _plain(item.end),
        "subjects": sorted(s.code for s in item.subjects.all()),
        "budget": _plain(item.budget),
        "currency": item.currency,
        "funding_source": item.funding_source,
        "weight": _plain(Decimal(item.weight)),
        "indicators": [
            {
                "key": ind.key,
                "name": dict(
                    sorted((t.language_code, t.name) for t in ind.translations.all() if t.name)
                ),
                "unit": ind.unit,
                "baseline": _plain(ind.baseline),
                "target": _plain(ind.target),
                "target_date": _plain(ind.target_date),
            }
            for ind in sorted(item.indicators.all(), key=lambda i: (i.order, i.pk))
        ],
    }


@dataclass
class Change:
    field: str
    label: str
    old: Any
    new: Any


def _show(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "; ".join(
                "{} ({} → {}{})".format(
                    next(iter(v["name"].values()), v["key"]),
                    v["baseline"] if v["baseline"] is not None else "—",
                    v["target"],
                    f" {v['unit']}" if v["unit"] else "",
                )
                for v in value
            )
        return ", ".join(str(v) for v in value)
    return str(value)


def diff_snapshots(
    old: dict[str, Any], new: dict[str, Any], *, placement: bool = True
) -> list[Change]:
    changes: list[Change] = []
    for name, label in FIELD_LABELS.items():
        if not placement and name in PLACEMENT:
            continue
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if name in ("title", "description"):
            for lang in sorted(set(a or {}) | set(b or {})):
                if (a or {}).get(lang) != (b or {}).get(lang):
                    changes.append(
                        Change(
                            f"{name}.{lang}",
                            f"{label} ({lang})",
                            (a or {}).get(lang, "—"),
                            (b or {}).get(lang, "—"),
                        )
                    )
            continue
        changes.append(Change(name, str(label), _show(a), _show(b)))
    return changes
