"""The permission chokepoint of the knowledge hub: every read goes through ``visible_to``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySet, RestrictedQuerySetMixin
from smenet.registry import roles

from .choices import Confidentiality, PracticeStatus

if TYPE_CHECKING:
    from smenet.registry.types import Viewer

EDITABLE_STATUSES = (PracticeStatus.DRAFT, PracticeStatus.RETURNED)


def is_network_member(user: Viewer | None) -> bool:
    """Signed-in people of the network (any role, or attached to an institution)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(roles._assignments(user)) or getattr(user, "institution_id", None) is not None


class BestPracticeQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def published(self) -> BestPracticeQuerySet:
        return self.filter(status=PracticeStatus.PUBLISHED)

    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> BestPracticeQuerySet:
        """Anonymous: published; focal point: also its institutions' drafts (and may change
        them while draft or returned); Bureau: reads all; Secretariat: everything."""
        if roles.is_secretariat(user):
            return self
        own = roles.focal_institution_ids(user)
        if action == Action.VIEW:
            if roles.is_bureau(user):
                return self
            return self.filter(Q(status=PracticeStatus.PUBLISHED) | Q(institution_id__in=own))
        if action == Action.CHANGE:
            return self.filter(institution_id__in=own, status__in=EDITABLE_STATUSES)
        return self.none()

    def with_translations(self) -> BestPracticeQuerySet:
        return self.select_related("country", "institution").prefetch_related(
            "translations", "country__translations", "institution__translations", "subjects"
        )


class PublicationQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> PublicationQuerySet:
        if roles.is_secretariat(user):
            return self
        if action != Action.VIEW:
            return self.none()
        if roles.is_bureau(user) or is_network_member(user):
            return self
        return self.filter(confidentiality=Confidentiality.PUBLIC)

    def with_translations(self) -> PublicationQuerySet:
        return self.select_related("country", "institution").prefetch_related(
            "translations", "files", "country__translations"
        )


class ReplicationInterestQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ReplicationInterestQuerySet:
        """Secretariat: all; focal points: the interest shown in their institutions' practices
        (which they may also track) and the interest their institutions registered."""
        if roles.is_secretariat(user):
            return self
        own = roles.focal_institution_ids(user)
        if not own:
            return self.none()
        if action == Action.VIEW:
            return self.filter(Q(best_practice__institution_id__in=own) | Q(institution_id__in=own))
        if action == Action.CHANGE:
            return self.filter(best_practice__institution_id__in=own)
        return self.none()
