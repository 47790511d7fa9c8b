"""Plans and their versions: create, submit, review, return, adopt; a new draft copied from the
latest version."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smenet.common.errors import Conflict, DomainError, PermissionDenied
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations
from smenet.governance.choices import BodyKind, DecisionKind
from smenet.governance.models import Body
from smenet.governance.services import decision_record
from smenet.registry import roles
from smenet.registry.models import User
from smenet.registry.roles import require_secretariat

from ..choices import PlanStatus, VersionStatus
from ..models import Indicator, Plan, PlanItem, PlanVersion
from ..querysets import COMMENTABLE, REVIEWABLE, can_draft
from ._common import _check_titles, _is_system, _lock, _require_drafting, _revise


def plan_create(
    *,
    actor: User | None,
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


def _set_version_status(
    version: PlanVersion, actor: User | None, status: str, **extra: Any
) -> None:
    version.status = status
    for name, value in extra.items():
        setattr(version, name, value)
    attribute_history(version, actor)
    version.save()


def version_submit(*, actor: User | None, version: PlanVersion) -> PlanVersion:
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


def _require_reviewer(actor: User | None) -> None:
    if not _is_system(actor) and not (roles.is_secretariat(actor) or roles.is_bureau(actor)):
        raise PermissionDenied(
            _("Only the Bureau and the Secretariat review a submitted plan."), code="bureau_only"
        )


def version_review(*, actor: User | None, version: PlanVersion) -> PlanVersion:
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


def version_return(*, actor: User | None, version: PlanVersion, note: str) -> PlanVersion:
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
    actor: User | None,
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


def version_create(*, actor: User | None, plan: Plan) -> PlanVersion:
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


def _copy_items(source: PlanVersion, target: PlanVersion, actor: User | None) -> None:
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
