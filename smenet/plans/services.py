"""Writes of the action plan. Every write: permission, rules, ``full_clean``, save, revision or
history row, side effects after commit. Actor ``None`` is the system (demo loader, imports)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smenet.common import uploads, versioning
from smenet.common.errors import Conflict, DomainError, PermissionDenied
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations
from smenet.governance.choices import BodyKind, DecisionKind
from smenet.governance.models import Body
from smenet.governance.services import decision_record
from smenet.registry import roles
from smenet.registry.models import Institution
from smenet.registry.roles import require_secretariat
from smenet.taxonomy.subjects import subject_names

from . import notifications
from .choices import (
    DEFAULT_PERCENT,
    EvidenceKind,
    PlanStatus,
    ProgressStatus,
    ReportStatus,
    RoundStatus,
    VersionStatus,
)
from .models import (
    Evidence,
    Indicator,
    IndicatorActual,
    ItemComment,
    ItemRevision,
    Plan,
    PlanItem,
    PlanSubject,
    PlanVersion,
    ProgressReport,
    ReportingRound,
)
from .querysets import COMMENTABLE, REVIEWABLE, can_draft, sees_drafts
from .tree import Change, diff_snapshots, item_snapshot

EVIDENCE_MAX_BYTES = uploads.policy("evidence").max_bytes
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


def _is_system(actor: Any) -> bool:
    return actor is None


def _require_drafting(actor: Any, version: PlanVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise PermissionDenied(
            _(
                "Version %(number)s is %(status)s and can no longer be edited; changes need a "
                "new version."
            )
            % {"number": version.number, "status": version.get_status_display()},
            code="version_frozen",
        )
    if not _is_system(actor) and not can_draft(actor):
        raise PermissionDenied(
            _("Only task-force members and the Secretariat edit a draft plan."),
            code="task_force_only",
        )


def _check_titles(titles: Mapping[str, str] | None, field: str = "titles") -> None:
    if not titles or not any((v or "").strip() for v in titles.values()):
        raise DomainError(_("Give the title in at least one language."), field=field)


# --- Plans and versions ---


def plan_create(
    *,
    actor: Any,
    code: str,
    titles: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    period_start: datetime.date,
    period_end: datetime.date,
    max_depth: int = 3,
    is_sample: bool = False,
) -> Plan:
    if not _is_system(actor) and not can_draft(actor):
        raise PermissionDenied(
            _("Only task-force members and the Secretariat create a plan."), code="task_force_only"
        )
    _check_titles(titles)
    if period_end <= period_start:
        raise DomainError(_("The period ends before it starts."), field="period_end")
    with transaction.atomic():
        plan = Plan(
            code=code,
            period_start=period_start,
            period_end=period_end,
            max_depth=max_depth,
            is_sample=is_sample,
        )
        set_translations(plan, {"title": titles, "description": descriptions or {}})
        validate(plan)
        attribute_history(plan, actor)
        plan.save()
        version = PlanVersion(plan=plan, number=1)
        attribute_history(version, actor)
        version.save()
    return plan


def _set_version_status(version: PlanVersion, actor: Any, status: str, **extra: Any) -> None:
    version.status = status
    for name, value in extra.items():
        setattr(version, name, value)
    attribute_history(version, actor)
    version.save()


def _lock(version: PlanVersion) -> PlanVersion:
    return PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)


def version_submit(*, actor: Any, version: PlanVersion) -> PlanVersion:
    """The task force hands a draft to the Bureau."""
    with transaction.atomic():
        version = _lock(version)
        _require_drafting(actor, version)
        if not version.items.exists():
            raise DomainError(_("An empty plan cannot be submitted."), code="empty_plan")
        _set_version_status(
            version,
            actor,
            VersionStatus.SUBMITTED,
            submitted_at=timezone.now(),
            submitted_by=actor,
        )
    return version


def _require_reviewer(actor: Any) -> None:
    if not _is_system(actor) and not (roles.is_secretariat(actor) or roles.is_bureau(actor)):
        raise PermissionDenied(
            _("Only the Bureau and the Secretariat review a submitted plan."), code="bureau_only"
        )


def version_review(*, actor: Any, version: PlanVersion) -> PlanVersion:
    """The Bureau takes a submitted version up for review."""
    _require_reviewer(actor)
    with transaction.atomic():
        version = _lock(version)
        if version.status != VersionStatus.SUBMITTED:
            raise Conflict(
                _("Only a submitted version can be taken up for review."), code="wrong_status"
            )
        _set_version_status(version, actor, VersionStatus.UNDER_REVIEW)
    return version


def version_return(*, actor: Any, version: PlanVersion, note: str) -> PlanVersion:
    """The Bureau sends a version back to the task force with its remarks."""
    _require_reviewer(actor)
    if not note.strip():
        raise DomainError(_("Say what should change."), field="note")
    with transaction.atomic():
        version = _lock(version)
        if version.status not in REVIEWABLE:
            raise Conflict(_("Only a version under review can be returned."), code="wrong_status")
        _set_version_status(version, actor, VersionStatus.DRAFT, note=note)
    return version


def version_adopt(
    *,
    actor: Any,
    version: PlanVersion,
    reference: str,
    date: datetime.date,
    voting: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    is_sample: bool = False,
) -> PlanVersion:
    """The General Assembly adopts a reviewed version: its decision is recorded in the
    governance register and linked; the version is frozen; the previous one is superseded."""
    require_secretariat(actor)
    assembly = Body.objects.filter(kind=BodyKind.GENERAL_ASSEMBLY).order_by("order").first()
    if assembly is None:
        raise DomainError(_("There is no General Assembly to adopt the plan."), field="body")
    with transaction.atomic():
        version = _lock(version)
        if version.status != VersionStatus.UNDER_REVIEW:
            raise Conflict(
                _("Only a version the Bureau has reviewed can be adopted."), code="wrong_status"
            )
        plan = version.plan
        titles = {t.language_code: t.title for t in plan.translations.all() if t.title}
        decision = decision_record(
            actor=actor,
            reference=reference,
            body=assembly,
            date=date,
            kind=DecisionKind.ADOPTION,
            voting=voting,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            is_sample=is_sample or plan.is_sample,
            titles={
                lang: _adoption_title(lang, title, version.number) for lang, title in titles.items()
            },
        )
        for previous in PlanVersion.objects.select_for_update().filter(
            plan=plan, status=VersionStatus.ADOPTED
        ):
            _set_version_status(previous, actor, VersionStatus.SUPERSEDED)
        _set_version_status(
            version, actor, VersionStatus.ADOPTED, decision=decision, adopted_on=date
        )
        plan.status = PlanStatus.ADOPTED
        attribute_history(plan, actor)
        plan.save(update_fields=["status", "updated_at"])
    return version


def _adoption_title(lang: str, title: str, number: int) -> str:
    with translation.override(lang):
        return _("Adoption of %(plan)s (version %(number)s)") % {"plan": title, "number": number}


def version_create(*, actor: Any, plan: Plan) -> PlanVersion:
    """A new draft copied from the latest version: how an adopted plan is changed."""
    if not _is_system(actor) and not can_draft(actor):
        raise PermissionDenied(
            _("Only task-force members and the Secretariat edit a draft plan."),
            code="task_force_only",
        )
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        versions = list(plan.versions.order_by("-number"))
        open_one = next((v for v in versions if v.status in COMMENTABLE), None)
        if open_one is not None:
            raise Conflict(
                _("Version %(number)s is still open (%(status)s); finish it first.")
                % {"number": open_one.number, "status": open_one.get_status_display()},
                code="open_version_exists",
            )
        source = versions[0]
        new = PlanVersion(plan=plan, number=source.number + 1, based_on=source)
        attribute_history(new, actor)
        new.save()
        _copy_items(source, new, actor)
    return new


def _copy_items(source: PlanVersion, target: PlanVersion, actor: Any) -> None:
    items = list(
        source.items.prefetch_related(
            "translations", "partners", "subjects", "indicators__translations"
        ).order_by("depth", "order", "pk")
    )
    mapping: dict[int, PlanItem] = {}
    for item in items:
        copy = PlanItem(
            plan_version=target,
            key=item.key,
            parent=mapping.get(item.parent_id) if item.parent_id else None,
            depth=item.depth,
            order=item.order,
            lead_id=item.lead_id,
            start=item.start,
            end=item.end,
            budget=item.budget,
            currency=item.currency,
            funding_source=item.funding_source,
            weight=item.weight,
            status=item.status,
            percent=item.percent,
        )
        set_translations(
            copy,
            {
                "title": {t.language_code: t.title for t in item.translations.all()},
                "description": {t.language_code: t.description for t in item.translations.all()},
            },
        )
        copy.save()
        copy.partners.set(item.partners.all())
        copy.subjects.set(item.subjects.all())
        for ind in item.indicators.all():
            new_ind = Indicator(
                item=copy,
                key=ind.key,
                order=ind.order,
                unit=ind.unit,
                baseline=ind.baseline,
                target=ind.target,
                target_date=ind.target_date,
                actual=ind.actual,
                actual_on=ind.actual_on,
            )
            set_translations(
                new_ind, {"name": {t.language_code: t.name for t in ind.translations.all()}}
            )
            new_ind.save()
        mapping[item.pk] = copy
        _revise(copy, actor)


# --- Items ---


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


def _decimal(value: Any, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Enter a number."), field=field) from None


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


def _revise(item: PlanItem, actor: Any) -> None:
    item = _reload(item)
    ItemRevision.objects.create(
        item=item,
        version=item.version,
        data=item_snapshot(item),
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _reload(item: PlanItem) -> PlanItem:
    return (
        PlanItem.objects.select_related("parent", "lead")
        .prefetch_related("translations", "partners", "subjects", "indicators__translations")
        .get(pk=item.pk)
    )


def item_create(
    *,
    actor: Any,
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
            weight=_decimal(weight, "weight") if weight not in (None, "") else Decimal(1),
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
    actor: Any,
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
            item.weight = _decimal(weight, "weight")
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


def item_delete(*, actor: Any, item: PlanItem, expected_version: int) -> None:
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


# --- Comments ---


def comment_add(
    *, actor: Any, item: PlanItem, body: str, parent: ItemComment | None = None
) -> ItemComment:
    if not sees_drafts(actor):
        raise PermissionDenied(
            _("Only the task force, the Bureau and the Secretariat comment on the plan."),
            code="cannot_comment",
        )
    if item.plan_version.status not in COMMENTABLE:
        raise PermissionDenied(
            _("Comments are closed: this version was adopted."), code="version_frozen"
        )
    if not body.strip():
        raise DomainError(_("Write a comment."), field="body")
    if parent is not None and parent.item.key != item.key:
        raise DomainError(_("The reply belongs to another item."), field="parent")
    if parent is not None and parent.parent_id:
        parent = parent.parent  # threads are one level deep: a reply to a reply joins the thread
    comment = ItemComment(item=item, parent=parent, author=actor, body=body.strip())
    validate(comment)
    comment.save()
    return comment


def comment_resolve(*, actor: Any, comment: ItemComment, resolved: bool = True) -> ItemComment:
    if not sees_drafts(actor):
        raise PermissionDenied(
            _("Only the task force, the Bureau and the Secretariat comment on the plan."),
            code="cannot_comment",
        )
    if comment.parent_id:
        raise DomainError(_("Resolve the thread, not a reply."), field="comment")
    comment.resolved = resolved
    comment.resolved_by = actor if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved", "resolved_by", "resolved_at", "updated_at"])
    return comment


# --- Reporting rounds ---


def round_open(
    *,
    actor: Any,
    version: PlanVersion,
    label: str,
    deadline: datetime.date,
    opens_on: datetime.date | None = None,
    reminder_days: str = "7,1",
    is_sample: bool = False,
) -> ReportingRound:
    require_secretariat(actor)
    if version.status == VersionStatus.SUPERSEDED:
        raise DomainError(
            _("Reports are made on the current version, not a superseded one."),
            field="plan_version",
        )
    if not label.strip():
        raise DomainError(_("Give the round a label."), field="label")
    opens_on = opens_on or timezone.localdate()
    if deadline < opens_on:
        raise DomainError(_("The deadline is before the round opens."), field="deadline")
    with transaction.atomic():
        rnd = ReportingRound(
            plan_version=version,
            label=label.strip(),
            opens_on=opens_on,
            deadline=deadline,
            reminder_days=reminder_days,
            is_sample=is_sample,
        )
        validate(rnd)
        attribute_history(rnd, actor)
        rnd.save()
        notifications.round_reminders_scheduled_after_commit(round=rnd)
    return rnd


def round_close(*, actor: Any, round: ReportingRound) -> ReportingRound:
    require_secretariat(actor)
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    attribute_history(round, actor)
    round.save()
    return round


def round_remind(*, actor: Any, round: ReportingRound) -> None:
    """Send the reminder now (through the task worker, after commit)."""
    require_secretariat(actor)
    if round.status != RoundStatus.OPEN:
        raise DomainError(_("The round is closed."), code="round_closed")
    days = (round.deadline - timezone.localdate()).days
    notifications.round_reminders_after_commit(round=round, days_before=days)


# --- Progress reports ---


def _require_reporter(actor: Any, item: PlanItem) -> None:
    if _is_system(actor):
        return
    if item.lead_id is None or item.lead_id not in roles.focal_institution_ids(actor):
        raise PermissionDenied(
            _("Only the focal point of the lead institution reports on this item."),
            code="not_your_item",
        )


def report_save(
    *,
    actor: Any,
    round: ReportingRound,
    item: PlanItem,
    progress_status: str,
    percent: int | None = None,
    narrative: str = "",
    language: str = "en",
    actuals: Mapping[int, Any] | None = None,
    expected_version: int | None = None,
) -> ProgressReport:
    """Create or change the lead's report on an item (a draft until submitted)."""
    _require_reporter(actor, item)
    if item.plan_version_id != round.plan_version_id:
        raise DomainError(_("The item is not part of this round's plan version."), field="item")
    if round.status != RoundStatus.OPEN:
        raise DomainError(_("The round is closed."), code="round_closed")
    if progress_status not in ProgressStatus.values:
        raise DomainError(
            _("Unknown status %(status)s.") % {"status": progress_status}, field="status"
        )
    if percent is None:
        percent = DEFAULT_PERCENT.get(progress_status)
        if percent is None:
            raise DomainError(_("Give the percentage complete."), field="percent")
    if progress_status == ProgressStatus.COMPLETED and percent != 100:
        # xgettext:no-python-format
        raise DomainError(_("A completed item is 100% complete."), field="percent")
    with transaction.atomic():
        versioning.lock(item)  # two first saves of the same report at once: one creates it
        report = ProgressReport.objects.filter(round=round, item=item).first()
        if report is None:
            report = ProgressReport(round=round, item=item)
            attribute_history(report, actor)
        else:
            report = versioning.edit(report, actor=actor, expected_version=expected_version)
            if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
                raise Conflict(
                    _("The report was submitted and is waiting for the Secretariat."),
                    code="report_locked",
                )
        report.progress_status = progress_status
        report.percent = percent
        report.narrative = narrative
        report.language = language
        validate(report)
        report.save()
        if actuals is not None:
            indicators = {ind.pk: ind for ind in item.indicators.all()}
            for indicator_id, value in actuals.items():
                if int(indicator_id) not in indicators:
                    raise DomainError(
                        _("Unknown indicator %(id)s.") % {"id": indicator_id},
                        field=f"actuals.{indicator_id}",
                    )
                number = _decimal(value, f"actuals.{indicator_id}")
                if number is None:
                    IndicatorActual.objects.filter(
                        report=report, indicator_id=indicator_id
                    ).delete()
                    continue
                IndicatorActual.objects.update_or_create(
                    report=report, indicator_id=int(indicator_id), defaults={"value": number}
                )
    return report


def report_submit(*, actor: Any, report: ProgressReport) -> ProgressReport:
    _require_reporter(actor, report.item)
    with transaction.atomic():
        report, _previous = versioning.status_change(
            report,
            actor=actor,
            to=ReportStatus.SUBMITTED,
            allowed_from={ReportStatus.DRAFT, ReportStatus.RETURNED},
            refuse=lambda _r: Conflict(
                _("The report was submitted already."), code="report_locked"
            ),
        )
        if report.round.status != RoundStatus.OPEN:
            raise DomainError(_("The round is closed."), code="round_closed")
        report.submitted_by = actor
        report.submitted_at = timezone.now()
        report.save()
    return report


def report_validate(*, actor: Any, report: ProgressReport, comment: str = "") -> ProgressReport:
    """The Secretariat accepts a report: the item's progress and indicator actuals follow it."""
    require_secretariat(actor)
    with transaction.atomic():
        report, _previous = versioning.status_change(
            report,
            actor=actor,
            to=ReportStatus.VALIDATED,
            allowed_from={ReportStatus.SUBMITTED},
            queryset=ProgressReport.objects.select_related("round"),
            refuse=lambda _r: Conflict(
                _("Only a submitted report can be validated."), code="wrong_status"
            ),
        )
        report.reviewed_by = actor
        report.reviewed_at = timezone.now()
        report.review_comment = comment
        report.save()
        # The item's progress and its indicators' actuals follow the report, validated like any
        # save. Progress is not plan content: the item's version (which guards its titles,
        # dates and indicators against stale edits and imports) and revisions stay as they
        # are; the validated report, with who validated it and when, is the record.
        item = versioning.lock(report.item)
        item.status = report.progress_status
        item.percent = report.percent
        validate(item)
        item.save(update_fields=["status", "percent"])
        as_of = min(report.round.deadline, timezone.localdate())
        for actual in report.actuals.select_related("indicator"):
            indicator = actual.indicator
            indicator.actual = actual.value
            indicator.actual_on = as_of
            validate(indicator)
            indicator.save(update_fields=["actual", "actual_on"])
    return report


def report_return(*, actor: Any, report: ProgressReport, comment: str) -> ProgressReport:
    require_secretariat(actor)
    if not comment.strip():
        raise DomainError(_("Say what the focal point should change."), field="comment")
    with transaction.atomic():
        report, _previous = versioning.status_change(
            report,
            actor=actor,
            to=ReportStatus.RETURNED,
            allowed_from={ReportStatus.SUBMITTED},
            refuse=lambda _r: Conflict(
                _("Only a submitted report can be returned."), code="wrong_status"
            ),
        )
        report.reviewed_by = actor
        report.reviewed_at = timezone.now()
        report.review_comment = comment
        report.save()
    return report


def _check_upload(upload: UploadedFile) -> str:
    """The upload policy for evidence (``common.uploads``): the content type of its format."""
    try:
        return uploads.check(upload, purpose="evidence")
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code=exc.code or "file_type", field="file") from exc


def evidence_add(
    *,
    actor: Any,
    report: ProgressReport,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> Evidence:
    _require_reporter(actor, report.item)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise Conflict(
            _("The report was submitted and is waiting for the Secretariat."),
            code="report_locked",
        )
    if bool(upload) == bool(url):
        raise DomainError(_("Attach a file or give a link (one of the two)."), field="file")
    evidence = Evidence(report=report, title=(title or "").strip()[:200])
    if upload:
        evidence.kind = EvidenceKind.FILE
        evidence.content_type = _check_upload(upload)
        evidence.size = upload.size
        evidence.title = evidence.title or (upload.name or "")[:200]
    else:
        evidence.kind = EvidenceKind.LINK
        evidence.url = url
        evidence.title = evidence.title or url[:200]
    validate(evidence, exclude=["file"])
    with transaction.atomic():
        if upload:
            evidence.file.save(upload.name, upload, save=False)
        evidence.save()
    return evidence
