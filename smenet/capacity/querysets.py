"""The permission chokepoint of capacity building (see docs/decisions/0007-permissions.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySet, RestrictedQuerySetMixin
from smenet.registry import roles

if TYPE_CHECKING:
    from smenet.registry.types import Viewer

#: The activities everyone sees (the others are between the Secretariat and the two sides).
PUBLIC_ACTIVITY_STATUSES = ("scheduled", "nominations_open", "delivered", "reported", "closed")


class CycleQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> CycleQuerySet:
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW and roles.can_read_all(user):
            return self
        if action == Action.VIEW and roles.focal_institution_ids(user):
            return self.exclude(status="draft")
        return self.none()


class ResponseQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ResponseQuerySet:
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW and roles.is_bureau(user):
            return self
        own = roles.focal_institution_ids(user)
        return self.filter(institution_id__in=own) if own else self.none()


class ActivityQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ActivityQuerySet:
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW:
            if roles.can_read_all(user):
                return self
            own = roles.focal_institution_ids(user)
            public = Q(status__in=PUBLIC_ACTIVITY_STATUSES)
            if own:
                return self.filter(
                    public | Q(providers__in=own) | Q(beneficiaries__in=own)
                ).distinct()
            return self.filter(public)
        if action == Action.CHANGE:
            # The two sides act on their activities; the services check which side may do what.
            own = roles.focal_institution_ids(user)
            return self.filter(Q(providers__in=own) | Q(beneficiaries__in=own)).distinct()
        return self.none()

    def within_reach_of(self, user: Viewer) -> ActivityQuerySet:
        """The network's officers and the activity's own sides hear why they may not act on it;
        anyone else gets a 404, even for a public activity (decision 0015)."""
        if roles.can_read_all(user):
            return self
        own = roles.focal_institution_ids(user)
        return self.filter(Q(providers__in=own) | Q(beneficiaries__in=own)).distinct()

    def public(self) -> ActivityQuerySet:
        return self.filter(status__in=PUBLIC_ACTIVITY_STATUSES)


class MatchingRunQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> MatchingRunQuerySet:
        """Matching runs (and their proposals) are the Secretariat's working material, read by
        the Bureau on the cycle dashboard; focal points see the activities that come of them."""
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW and roles.is_bureau(user):
            return self
        return self.none()


class ProposalQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ProposalQuerySet:
        """Accepting or rejecting (``CHANGE``) is the Secretariat's; see ``MatchingRunQuerySet``."""
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW and roles.is_bureau(user):
            return self
        return self.none()


class NominationQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> NominationQuerySet:
        """A beneficiary's focal points see the participants they nominated, a provider's see
        every participant of its activities and decide on them (``CHANGE``: confirm, decline,
        attendance); the Bureau reads all, the Secretariat does all."""
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW and roles.is_bureau(user):
            return self
        own = roles.focal_institution_ids(user)
        if not own:
            return self.none()
        provides = Q(activity__providers__in=own)
        if action == Action.VIEW:
            return self.filter(provides | Q(institution_id__in=own)).distinct()
        if action == Action.CHANGE:
            return self.filter(provides).distinct()
        return self.none()
