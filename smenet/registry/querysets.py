"""The permission chokepoint of the registry: every read of member data goes through
``visible_to(user, action)``; selectors build on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySetMixin

from . import roles

if TYPE_CHECKING:
    from .types import Viewer


class CountryQuerySet(TranslatableQuerySet):
    def with_translations(self) -> CountryQuerySet:
        return self.select_related("region").prefetch_related(
            "translations", "region__translations"
        )


class InstitutionQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> InstitutionQuerySet:
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW:
            return self  # the registry is public
        if action == Action.CHANGE:
            return self.filter(pk__in=roles.focal_institution_ids(user))
        return self.none()

    def within_reach_of(self, user: Viewer) -> InstitutionQuerySet:
        """Every profile is public, but only the network's officers and the institution's own
        focal points hear *why* a change is refused; anyone else gets a 404."""
        if roles.can_read_all(user):
            return self
        return self.filter(pk__in=roles.focal_institution_ids(user))

    def members(self) -> InstitutionQuerySet:
        from .choices import InstitutionCategory

        return self.filter(category=InstitutionCategory.MEMBER)

    def with_translations(self) -> InstitutionQuerySet:
        return self.select_related("country", "country__region").prefetch_related(
            "translations", "country__translations", "country__region__translations"
        )
