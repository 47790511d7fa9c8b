"""The permission chokepoint of the action plan: every read goes through ``visible_to``.

- Secretariat, Bureau and task force see every version; focal points see adopted and
  superseded versions and versions that have a reporting round (they report on them);
  anonymous visitors see adopted versions only (the public progress page).
- Only the task force and the Secretariat edit, and only a draft; nobody edits an adopted one.
- The Bureau and the Secretariat review submitted versions; all three comment until adoption.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySet, RestrictedQuerySetMixin
from smenet.registry import roles
from smenet.registry.choices import Role

from .choices import VersionStatus

COMMENTABLE = (VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.UNDER_REVIEW)
REVIEWABLE = (VersionStatus.SUBMITTED, VersionStatus.UNDER_REVIEW)


def is_task_force(user: Any) -> bool:
    return roles.has_role(user, Role.TASK_FORCE)


def can_draft(user: Any) -> bool:
    return roles.is_secretariat(user) or is_task_force(user)


def sees_drafts(user: Any) -> bool:
    return roles.can_read_all(user) or is_task_force(user)


class PlanVersionQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Any, action: str = Action.VIEW) -> PlanVersionQuerySet:
        if action == Action.VIEW:
            if sees_drafts(user):
                return self
            if roles.focal_institution_ids(user):
                return self.filter(
                    models.Q(status__in=[VersionStatus.ADOPTED, VersionStatus.SUPERSEDED])
                    | models.Q(rounds__isnull=False)
                ).distinct()
            return self.filter(status=VersionStatus.ADOPTED)
        if action == Action.CHANGE:
            return self.filter(status=VersionStatus.DRAFT) if can_draft(user) else self.none()
        if action == Action.COMMENT:
            return self.filter(status__in=COMMENTABLE) if sees_drafts(user) else self.none()
        if action == Action.REVIEW:
            if roles.is_secretariat(user) or roles.is_bureau(user):
                return self.filter(status__in=REVIEWABLE)
            return self.none()
        return self.none()


class PlanQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Any, action: str = Action.VIEW) -> PlanQuerySet:
        from .models import PlanVersion

        if action == Action.VIEW and sees_drafts(user):
            return self
        return self.filter(pk__in=PlanVersion.objects.visible_to(user, action).values("plan_id"))


class PlanItemQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Any, action: str = Action.VIEW) -> PlanItemQuerySet:
        from .models import PlanVersion

        if action == Action.VIEW and sees_drafts(user):
            return self
        return self.filter(
            plan_version__in=PlanVersion.objects.visible_to(user, action).values("pk")
        )

    def reportable_by(self, user: Any) -> PlanItemQuerySet:
        """Items the user reports on: those led by an institution it is the focal point of."""
        return self.filter(lead_id__in=roles.focal_institution_ids(user))


class ReportQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Any, action: str = Action.VIEW) -> ReportQuerySet:
        if action == Action.VIEW and roles.can_read_all(user):
            return self
        if action == Action.REVIEW:
            return self if roles.is_secretariat(user) else self.none()
        return self.filter(item__lead_id__in=roles.focal_institution_ids(user))
