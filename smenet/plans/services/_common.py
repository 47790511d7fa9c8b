"""Helpers the modules of the plan's services share: who may draft, locking a version, numbers,
item revisions, who reports on an item."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from smenet.common.errors import DomainError, PermissionDenied
from smenet.registry import roles
from smenet.registry.models import User

from ..choices import VersionStatus
from ..models import ItemRevision, PlanItem, PlanVersion
from ..querysets import can_draft
from ..tree import item_snapshot


def _is_system(actor: User | None) -> bool:
    return actor is None


def _require_drafting(actor: User | None, version: PlanVersion) -> None:
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


def _lock(version: PlanVersion) -> PlanVersion:
    return PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)


def _decimal(value: Any, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Enter a number."), field=field) from None


def _number(value: Any, field: str) -> Decimal:
    """A number that may not be empty (the field has no null): empty is refused like a wrong one."""
    number = _decimal(value, field)
    if number is None:
        raise DomainError(_("Enter a number."), field=field)
    return number


def _revise(item: PlanItem, actor: User | None) -> None:
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


def _require_reporter(actor: User | None, item: PlanItem) -> None:
    if _is_system(actor):
        return
    if item.lead_id is None or item.lead_id not in roles.focal_institution_ids(actor):
        raise PermissionDenied(
            _("Only the focal point of the lead institution reports on this item."),
            code="not_your_item",
        )
