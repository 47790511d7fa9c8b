"""Reads of the action plan, permission first (``visible_to``), with the prefetching pages need."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound, PermissionDenied
from smenet.common.permissions import Action, get_for_user
from smenet.registry import roles
from smenet.registry.models import Institution
from smenet.registry.types import Viewer

from .choices import EvidenceKind, VersionStatus
from .models import (
    Evidence,
    ItemComment,
    Plan,
    PlanItem,
    PlanVersion,
    ProgressReport,
    ReportingRound,
)
from .tree import Change, Tree, build_tree, diff_snapshots, item_snapshot


def plan_list(*, user: Viewer) -> QuerySet[Plan]:
    return (
        Plan.objects.visible_to(user)
        .prefetch_related(
            "translations",
            Prefetch("versions", queryset=PlanVersion.objects.visible_to(user).order_by("number")),
        )
        .order_by("-period_start", "code")
    )


def plan_get_for_user(*, user: Viewer, code: str) -> Plan:
    plan = Plan.objects.visible_to(user).prefetch_related("translations").filter(code=code).first()
    if plan is None:
        raise NotFound(_("Unknown plan."))
    return plan


def version_list(*, user: Viewer, plan: Plan) -> list[PlanVersion]:
    return list(
        PlanVersion.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("decision", "submitted_by")
        .prefetch_related("decision__translations")
        .order_by("number")
    )


def version_get_for_user(
    *, user: Viewer, plan: Plan, number: int | None = None, action: str = Action.VIEW
) -> PlanVersion:
    """A version by number, or the one to show: the latest the user sees (the adopted one for
    the public). 404 when it does not exist or is out of sight; 403 when seen but not allowed."""
    visible = (
        PlanVersion.objects.visible_to(user).filter(plan=plan).select_related("plan", "decision")
    )
    if number is None:
        version = visible.filter(status=VersionStatus.ADOPTED).first()
        if version is None or _sees_drafts(user):
            version = visible.order_by("-number").first()
    else:
        version = visible.filter(number=number).first()
    if version is None:
        raise NotFound(_("Unknown plan version."))
    if action != Action.VIEW and not (
        PlanVersion.objects.visible_to(user, action).filter(pk=version.pk).exists()
    ):
        raise PermissionDenied(_("You may not do this with this version."), code="not_allowed")
    return version


def _sees_drafts(user: Viewer) -> bool:
    from .querysets import sees_drafts

    return sees_drafts(user)


def item_queryset() -> QuerySet[PlanItem]:
    return PlanItem.objects.select_related("lead", "parent").prefetch_related(
        "translations",
        "lead__translations",
        "partners",
        "subjects",
        "indicators__translations",
    )


def item_list(*, version: PlanVersion) -> list[PlanItem]:
    return list(item_queryset().filter(plan_version=version).order_by("depth", "order", "pk"))


def version_tree(*, version: PlanVersion, today: datetime.date | None = None) -> Tree:
    return build_tree(item_list(version=version), today=today or timezone.localdate())


def item_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> PlanItem:
    """An item the user may ``action`` (``CHANGE``: edit a draft; ``REPORT``: report progress
    on it; ``COMMENT``)."""
    qs = item_queryset().select_related("plan_version__plan")
    try:
        return get_for_user(
            qs,
            user=user,
            action=action,
            pk=pk,
            not_found=_("Unknown plan item."),
            refused=_("You may not do this with this item."),
        )
    except PermissionDenied:
        frozen = qs.filter(pk=pk).exclude(plan_version__status=VersionStatus.DRAFT).exists()
        if action == Action.CHANGE and frozen:
            raise PermissionDenied(
                _("This version is frozen; changes need a new version."), code="version_frozen"
            ) from None
        raise


@dataclass(frozen=True)
class VersionActions:
    """What the user may do with a version (and its plan), for the plan page to read."""

    edit: bool
    submit: bool
    review: bool
    return_: bool
    adopt: bool
    new_version: bool
    comment: bool


def version_actions(*, user: Viewer, version: PlanVersion) -> VersionActions:
    from .querysets import REVIEWABLE, can_draft

    mine = PlanVersion.objects.filter(pk=version.pk)
    editable = mine.visible_to(user, Action.CHANGE).exists()
    reviewable = mine.visible_to(user, Action.REVIEW).exists()
    open_version = version.plan.versions.filter(
        status__in=(VersionStatus.DRAFT, *REVIEWABLE)
    ).exists()
    return VersionActions(
        edit=editable,
        submit=editable,
        review=reviewable and version.status == VersionStatus.SUBMITTED,
        return_=reviewable,
        adopt=version.status == VersionStatus.UNDER_REVIEW and roles.is_secretariat(user),
        new_version=can_draft(user) and not open_version,
        comment=mine.visible_to(user, Action.COMMENT).exists(),
    )


def comment_threads(*, item: PlanItem) -> list[ItemComment]:
    """Top-level comments on the item (in every version, by its key) with their replies."""
    return list(
        ItemComment.objects.filter(
            item__key=item.key,
            item__plan_version__plan_id=item.plan_version.plan_id,
            parent__isnull=True,
        )
        .select_related("author", "resolved_by", "item__plan_version")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=ItemComment.objects.select_related("author").order_by("created_at", "pk"),
            )
        )
        .order_by("resolved", "created_at", "pk")
    )


def open_comment_counts(*, version: PlanVersion) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in ItemComment.objects.filter(
        item__plan_version__plan_id=version.plan_id, parent__isnull=True, resolved=False
    ).values_list("item__key", flat=True):
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass
class DiffRow:
    kind: str  # added, removed, moved, changed, same
    key: str
    number_a: str | None
    number_b: str | None
    title_a: str
    title_b: str
    changes: list[Change]


def version_diff(*, a: PlanVersion, b: PlanVersion) -> list[DiffRow]:
    today = timezone.localdate()
    tree_a = build_tree(item_list(version=a), today=today)
    tree_b = build_tree(item_list(version=b), today=today)
    nodes_a, nodes_b = tree_a.by_key(), tree_b.by_key()
    rows: list[DiffRow] = []

    def title(node) -> str:
        return str(node.item) if node else ""

    for node in tree_b.walk():
        key = node.item.key
        old = nodes_a.get(key)
        if old is None:
            rows.append(DiffRow("added", key, None, node.number, "", title(node), []))
            continue
        snap_a, snap_b = item_snapshot(old.item), item_snapshot(node.item)
        changes = diff_snapshots(snap_a, snap_b, placement=False)
        moved = old.number != node.number or snap_a["parent"] != snap_b["parent"]
        kind = "moved" if moved else ("changed" if changes else "same")
        rows.append(DiffRow(kind, key, old.number, node.number, title(old), title(node), changes))
    for node in tree_a.walk():
        if node.item.key not in nodes_b:
            rows.append(DiffRow("removed", node.item.key, node.number, None, title(node), "", []))
    return rows


def round_list(*, user: Viewer, plan: Plan) -> list[ReportingRound]:
    return list(
        ReportingRound.objects.visible_to(user)
        .filter(plan_version__plan=plan)
        .select_related("plan_version")
        .order_by("-deadline", "pk")
    )


def round_get_for_user(
    *, user: Viewer, pk: int, plan: Plan | None = None, action: str = Action.VIEW
) -> ReportingRound:
    """A reporting round (of ``plan`` when given); ``CHANGE`` is opening, reminding, closing."""
    qs = ReportingRound.objects.select_related("plan_version__plan")
    if plan is not None:
        qs = qs.filter(plan_version__plan=plan)
    return get_for_user(
        qs,
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown reporting round."),
        refused=_("Only the Secretariat may do this."),
        code="secretariat_only",
    )


def report_of_item(*, round: ReportingRound, item: PlanItem) -> ProgressReport | None:
    """The report on ``item`` in ``round``, if one was saved (the caller has authorised the
    item for ``REPORT``)."""
    return (
        ProgressReport.objects.filter(round=round, item=item)
        .prefetch_related("actuals", "evidence")
        .first()
    )


def report_list(*, user: Viewer, round: ReportingRound) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.visible_to(user)
        .filter(round=round)
        .select_related("item", "item__lead", "submitted_by", "reviewed_by")
        .prefetch_related("item__translations", "actuals", "evidence")
        .order_by("item__depth", "item__order", "pk")
    )


def report_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> ProgressReport:
    return get_for_user(
        ProgressReport.objects.select_related("round", "item", "item__plan_version"),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown report."),
        refused=_("You may not do this with this report."),
    )


def commitments(
    *, version: PlanVersion, institution: Institution, today: datetime.date | None = None
) -> tuple[Tree, list[Any], list[Any]]:
    """The tree of a version and the nodes an institution leads or partners in."""
    tree = version_tree(version=version, today=today)
    led = [n for n in tree.walk() if n.item.lead_id == institution.pk]
    partnered = [
        n for n in tree.walk() if any(p.pk == institution.pk for p in n.item.partners.all())
    ]
    return tree, led, partnered


def version_stamp(*, version: PlanVersion) -> str:
    """Changes whenever what the General Assembly report shows of ``version`` may have changed
    (items, indicators, reports), so that a report made earlier is reused only while it is
    still true."""
    from django.db.models import Count, Max

    items = version.items.aggregate(n=Count("id"), at=Max("updated_at"), v=Max("version"))
    reports = ProgressReport.objects.filter(item__plan_version=version).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    parts = [version.updated_at, items["n"], items["at"], items["v"], reports["n"], reports["at"]]
    return "-".join(str(p.timestamp() if hasattr(p, "timestamp") else p) for p in parts)


def comment_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> ItemComment:
    """A comment; ``COMMENT`` is replying to it or resolving it while its version is open."""
    return get_for_user(
        ItemComment.objects.select_related("item__plan_version__plan"),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown comment."),
        refused=_("You may not comment on this version."),
    )


def evidence_get_for_user(*, user: Viewer, pk: int, plan_code: str | None = None) -> Evidence:
    """An evidence file, to whoever may see the report it supports (the reviewers included)."""
    qs = Evidence.objects.filter(kind=EvidenceKind.FILE)
    if plan_code is not None:
        qs = qs.filter(report__item__plan_version__plan__code=plan_code)
    return get_for_user(qs, user=user, pk=pk, not_found=_("Unknown evidence."))
