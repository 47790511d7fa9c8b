"""Items of a draft version, with their indicators; a save from a stale copy is refused."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from smenet.common import versioning
from smenet.common.errors import Conflict, DomainError
from smenet.common.services import validate
from smenet.common.translation import set_translations
from smenet.registry.models import Institution, User
from smenet.taxonomy.subjects import subject_names

from ..models import (
    Indicator,
    ItemComment,
    Plan,
    PlanItem,
    PlanSubject,
    PlanVersion,
    ProgressReport,
)
from ..tree import Change, diff_snapshots
from ._common import _check_titles, _decimal, _lock, _number, _require_drafting, _revise

UNSET: Any = object()


class EditConflict(Conflict):
    """A save from a stale copy; ``changes`` says what changed since that copy."""

    code = "edit_conflict"

    def __init__(self, message: Any, *, changes: list[Change]):
        super().__init__(message, field="version")
        self.changes = changes

    @property
    def errors(self) -> dict[str, list[str]]:
        return {
            "version": [str(self.message)],
            "changed": [f"{c.label}: {c.old} → {c.new}" for c in self.changes],
        }


def _new_key() -> str:
    return uuid.uuid4().hex[:12]


def _subjects(codes: Iterable[str]) -> list[PlanSubject]:
    known = subject_names()
    codes = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise DomainError(
            _("Unknown subject %(code)s.") % {"code": unknown[0]},
            code="unknown_subject",
            field="subjects",
        )
    existing = {s.code: s for s in PlanSubject.objects.filter(code__in=codes)}
    for code in codes:
        if code not in existing:
            existing[code] = PlanSubject.objects.create(code=code)
    return [existing[c] for c in codes]


def _apply_indicators(item: PlanItem, indicators: Sequence[Mapping[str, Any]]) -> None:
    existing = {ind.key: ind for ind in item.indicators.all()}
    keep: set[str] = set()
    for index, data in enumerate(indicators):
        field = f"indicators[{index}]"
        names = data.get("names") or {}
        _check_titles(names, f"{field}.names")
        target = _decimal(data.get("target"), f"{field}.target")
        if target is None:
            raise DomainError(_("Give the target."), field=f"{field}.target")
        key = data.get("key") or ""
        ind = existing.get(key) or Indicator(item=item, key=_new_key())
        ind.order = index + 1
        ind.unit = (data.get("unit") or "")[:40]
        ind.baseline = _decimal(data.get("baseline"), f"{field}.baseline")
        ind.target = target
        ind.target_date = data.get("target_date") or None
        set_translations(ind, {"name": names})
        try:
            validate(ind, exclude=["item"])
        except DomainError as exc:
            exc.field = f"{field}.{exc.field or 'name'}"
            raise
        ind.save()
        keep.add(ind.key)
    dropped = [ind for key, ind in existing.items() if key not in keep]
    reported = [ind for ind in dropped if ind.actuals.exists()]
    if reported:
        raise DomainError(
            _(
                "The indicator %(name)s has values in progress reports and cannot be removed; "
                "keep it (its target may change)."
            )
            % {"name": ind_name(reported[0])},
            code="indicator_reported",
            field="indicators",
        )
    for ind in dropped:
        ind.delete()


def ind_name(indicator: Indicator) -> str:
    return indicator.safe_translation_getter("name", any_language=True) or indicator.key


def _check_placement(version: PlanVersion, parent: PlanItem | None) -> int:
    if parent is None:
        return 1
    if parent.plan_version_id != version.pk:
        raise DomainError(_("The parent belongs to another version."), field="parent")
    depth = parent.depth + 1
    if depth > version.plan.max_depth:
        raise DomainError(
            _("This plan has at most %(depth)s levels.") % {"depth": version.plan.max_depth},
            code="too_deep",
            field="parent",
        )
    return depth


def _check_dates(plan: Plan, start: datetime.date | None, end: datetime.date | None) -> None:
    if start and end and end < start:
        raise DomainError(_("The end date is before the start date."), field="end")
    for name, day in (("start", start), ("end", end)):
        if day and not (plan.period_start <= day <= plan.period_end):
            raise DomainError(
                _("Dates must fall within the plan's period (%(start)s – %(end)s).")
                % {"start": plan.period_start, "end": plan.period_end},
                field=name,
            )


def item_create(
    *,
    actor: User | None,
    version: PlanVersion,
    titles: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    parent: PlanItem | None = None,
    lead: Institution | None = None,
    partners: Iterable[Institution] = (),
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    subjects: Iterable[str] = (),
    budget: Any = None,
    currency: str = "USD",
    funding_source: str = "",
    weight: Any = 1,
    indicators: Sequence[Mapping[str, Any]] = (),
    order: int | None = None,
    key: str | None = None,
) -> PlanItem:
    with transaction.atomic():
        version = _lock(version)
        _require_drafting(actor, version)
        _check_titles(titles)
        depth = _check_placement(version, parent)
        _check_dates(version.plan, start, end)
        if order is None:
            last = (
                version.items.filter(parent=parent)
                .order_by("-order")
                .values_list("order", flat=True)
                .first()
            )
            order = (last or 0) + 1
        item = PlanItem(
            plan_version=version,
            key=key or _new_key(),
            parent=parent,
            depth=depth,
            order=order,
            lead=lead,
            start=start,
            end=end,
            budget=_decimal(budget, "budget"),
            currency=currency or "",
            funding_source=funding_source or "",
            weight=_number(weight, "weight") if weight not in (None, "") else Decimal(1),
        )
        set_translations(item, {"title": titles, "description": descriptions or {}})
        validate(item)
        item.save()
        item.partners.set(list(partners))
        item.subjects.set(_subjects(subjects))
        _apply_indicators(item, indicators)
        _revise(item, actor)
    return item


def item_update(
    *,
    actor: User | None,
    item: PlanItem,
    expected_version: int,
    titles: Mapping[str, str] | None = None,
    descriptions: Mapping[str, str] | None = None,
    parent: Any = UNSET,
    order: int | None = None,
    lead: Any = UNSET,
    partners: Iterable[Institution] | None = None,
    start: Any = UNSET,
    end: Any = UNSET,
    subjects: Iterable[str] | None = None,
    budget: Any = UNSET,
    currency: str | None = None,
    funding_source: str | None = None,
    weight: Any = None,
    indicators: Sequence[Mapping[str, Any]] | None = None,
) -> PlanItem:
    """Change an item of a draft. A save from a stale copy is refused with what changed since."""
    with transaction.atomic():
        version = _lock(item.plan_version)
        _require_drafting(actor, version)
        item = versioning.edit(
            item, actor=actor, expected_version=expected_version, conflict=_conflict
        )
        if titles is not None:
            _check_titles(titles)
            set_translations(item, {"title": titles})
        if descriptions is not None:
            set_translations(item, {"description": descriptions})
        if parent is not UNSET and parent != item.parent:
            if parent is not None and (parent.pk == item.pk or _is_descendant(parent, item)):
                raise DomainError(_("An item cannot be moved under itself."), field="parent")
            item.parent = parent
            item.depth = _check_placement(version, parent)
            if order is None:
                last = version.items.filter(parent=parent).exclude(pk=item.pk)
                item.order = (
                    last.order_by("-order").values_list("order", flat=True).first() or 0
                ) + 1
        if order is not None:
            item.order = order
        if lead is not UNSET:
            item.lead = lead
        if start is not UNSET:
            item.start = start
        if end is not UNSET:
            item.end = end
        _check_dates(version.plan, item.start, item.end)
        if budget is not UNSET:
            item.budget = _decimal(budget, "budget")
        if currency is not None:
            item.currency = currency
        if funding_source is not None:
            item.funding_source = funding_source
        if weight is not None:
            item.weight = _number(weight, "weight")
        validate(item)
        item.save()
        if partners is not None:
            item.partners.set(list(partners))
        if subjects is not None:
            item.subjects.set(_subjects(subjects))
        if indicators is not None:
            _apply_indicators(item, indicators)
        _fix_depths(item)
        _revise(item, actor)
    return item


def _is_descendant(candidate: PlanItem, ancestor: PlanItem) -> bool:
    node = candidate
    seen = 0
    while node.parent_id and seen < 10:
        if node.parent_id == ancestor.pk:
            return True
        node = PlanItem.objects.only("parent_id").get(pk=node.parent_id)
        seen += 1
    return False


def _fix_depths(item: PlanItem) -> None:
    max_depth = item.plan_version.plan.max_depth
    for child in item.children.all():
        if child.depth != item.depth + 1:
            if item.depth + 1 > max_depth:
                raise DomainError(
                    _("This plan has at most %(depth)s levels.") % {"depth": max_depth},
                    code="too_deep",
                    field="parent",
                )
            child.depth = item.depth + 1
            child.save(update_fields=["depth"])
            _fix_depths(child)


def _conflict(item: PlanItem, expected: int) -> EditConflict:
    revisions = {r.version: r for r in item.revisions.filter(version__in=[expected, item.version])}
    base, latest = revisions.get(expected), revisions.get(item.version)
    changes = diff_snapshots(base.data, latest.data) if base and latest else []
    who = getattr(getattr(latest, "author", None), "full_name", None) or _("someone else")
    summary = "; ".join(f"{c.label}: «{c.old}» → «{c.new}»" for c in changes) or "—"
    return EditConflict(
        _(
            "This item was changed by %(who)s after you opened it (your version %(yours)s, "
            "current version %(current)s). Nothing was saved. What changed: %(changes)s. "
            "Reload the item and apply your changes again."
        )
        % {"who": who, "yours": expected, "current": item.version, "changes": summary},
        changes=changes,
    )


def item_delete(*, actor: User | None, item: PlanItem, expected_version: int) -> None:
    with transaction.atomic():
        version = _lock(item.plan_version)
        _require_drafting(actor, version)
        current = versioning.edit(
            item, actor=actor, expected_version=expected_version, conflict=_conflict
        )
        _refuse_deleting_work(current)
        current.delete()


def _subtree_ids(item: PlanItem) -> list[int]:
    ids, frontier = [item.pk], [item.pk]
    while frontier:
        frontier = list(
            PlanItem.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def _refuse_deleting_work(item: PlanItem) -> None:
    """Progress reports (with their evidence and actuals) and comments are other people's work:
    deleting the item, or an item under it, would delete them (decision 0014)."""
    ids = _subtree_ids(item)
    reports = ProgressReport.objects.filter(item_id__in=ids).count()
    comments = ItemComment.objects.filter(item_id__in=ids).count()
    if reports or comments:
        raise Conflict(
            _(
                "This item cannot be deleted: %(reports)s progress report(s) and %(comments)s "
                "comment(s) were written on it or on the items under it. Keep it; "
                "its lead can report it as cancelled."
            )
            % {"reports": reports, "comments": comments},
            code="item_has_work",
        )
