"""The permission chokepoint of capacity building (see docs/decisions/0007-permissions.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySet, RestrictedQuerySetMixin
from smenet.registry import roles

PUBLIC_ACTIVITY_STATUSES = ("scheduled", "nominations_open", "delivered", "reported", "closed")


class CycleQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Any, action: str = Action.VIEW) -> CycleQuerySet:
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW and roles.can_read_all(user):
            return self
        if action == Action.VIEW and roles.focal_institution_ids(user):
            return self.exclude(status="draft")
        return self.none()


class ResponseQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Any, action: str = Action.VIEW) -> ResponseQuerySet:
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW and roles.is_bureau(user):
            return self
        own = roles.focal_institution_ids(user)
        return self.filter(institution_id__in=own) if own else self.none()


class ActivityQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Any, action: str = Action.VIEW) -> ActivityQuerySet:
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
        return self.none()  # changes go through services, which check the side acting

    def public(self) -> ActivityQuerySet:
        return self.filter(status__in=PUBLIC_ACTIVITY_STATUSES)
