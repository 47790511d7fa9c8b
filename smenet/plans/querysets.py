"""The permission chokepoint of the action plan: every read goes through ``visible_to``.

- Secretariat, Bureau and task force see every version; focal points see adopted and
  superseded versions and versions that have a reporting round (they report on them);
  anonymous visitors see adopted versions only (the public progress page).
- Only the task force and the Secretariat edit, and only a draft; nobody edits an adopted one.
- The Bureau and the Secretariat review submitted versions; all three comment until adoption.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySet, RestrictedQuerySetMixin
from smenet.registry import roles
from smenet.registry.choices import Role

from .choices import VersionStatus

if TYPE_CHECKING:
    from smenet.registry.types import Viewer

COMMENTABLE = (VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.UNDER_REVIEW)
REVIEWABLE = (VersionStatus.SUBMITTED, VersionStatus.UNDER_REVIEW)


def is_task_force(user: Viewer | None) -> bool:
    return roles.has_role(user, Role.TASK_FORCE)


def can_draft(user: Viewer | None) -> bool:
    return roles.is_secretariat(user) or is_task_force(user)


def sees_drafts(user: Viewer | None) -> bool:
    return roles.can_read_all(user) or is_task_force(user)


class PlanVersionQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> PlanVersionQuerySet:
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
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> PlanQuerySet:
        from .models import PlanVersion

        if action == Action.VIEW and sees_drafts(user):
            return self
        return self.filter(pk__in=PlanVersion.objects.visible_to(user, action).values("plan_id"))


class PlanItemQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> PlanItemQuerySet:
        """``REPORT``: the items the user reports progress on, those led by an institution it
        is the focal point of (in versions it may see)."""
        from .models import PlanVersion

        if action == Action.VIEW and sees_drafts(user):
            return self
        if action == Action.REPORT:
            return self.visible_to(user, Action.VIEW).filter(
                lead_id__in=roles.focal_institution_ids(user)
            )
        return self.filter(
            plan_version__in=PlanVersion.objects.visible_to(user, action).values("pk")
        )

    def within_reach_of(self, user: Viewer) -> PlanItemQuerySet:
        """The plan's people hear why they may not act on an item; a focal point only on the
        items its institutions lead (another institution's item is a 404, decision 0015)."""
        if sees_drafts(user):
            return self
        return self.visible_to(user, Action.REPORT)


class ItemCommentQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ItemCommentQuerySet:
        """Comments on the items the user sees; replying to and resolving them (``COMMENT``)
        as long as the version is open for comments."""
        from .models import PlanItem

        if action in (Action.VIEW, Action.COMMENT):
            return self.filter(item__in=PlanItem.objects.visible_to(user, action).values("pk"))
        return self.none()


class RoundQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> RoundQuerySet:
        """Rounds of the versions the user sees; the Secretariat alone opens, reminds, closes."""
        from .models import PlanVersion

        if action == Action.VIEW:
            return self.filter(plan_version__in=PlanVersion.objects.visible_to(user).values("pk"))
        if action == Action.CHANGE and roles.is_secretariat(user):
            return self
        return self.none()


class ReportQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ReportQuerySet:
        """Secretariat and Bureau read every report, the Secretariat reviews them; a focal point
        reads and writes (``CHANGE``) the reports on the items its institutions lead."""
        if action == Action.VIEW and roles.can_read_all(user):
            return self
        if action == Action.REVIEW:
            return self if roles.is_secretariat(user) else self.none()
        if action in (Action.VIEW, Action.CHANGE):
            return self.filter(item__lead_id__in=roles.focal_institution_ids(user))
        return self.none()


class EvidenceQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> EvidenceQuerySet:
        """Evidence goes with its report: whoever may see (or change) the report."""
        from .models import ProgressReport

        return self.filter(report__in=ProgressReport.objects.visible_to(user, action).values("pk"))
