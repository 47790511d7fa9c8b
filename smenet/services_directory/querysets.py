"""The permission chokepoint of the services directory: every read goes through ``visible_to``."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySetMixin
from smenet.registry import roles
from smenet.registry.types import Viewer

from .choices import ANY, ReviewStatus, ServiceStatus

PUBLIC = Q(review_status=ReviewStatus.PUBLISHED) & ~Q(status=ServiceStatus.ARCHIVED)


class ServiceQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def public(self) -> ServiceQuerySet:
        """What the public finder shows: published by the Secretariat and not archived."""
        return self.filter(PUBLIC)

    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ServiceQuerySet:
        """Everyone: the public services; a focal point: also every service of its own
        institutions (drafts, archived); the Bureau reads all; the Secretariat does anything.
        Changes: a focal point on its own institutions' services, the Secretariat on all;
        reviews: the Secretariat only."""
        if roles.is_secretariat(user):
            return self
        own = roles.focal_institution_ids(user)
        if action == Action.VIEW:
            if roles.is_bureau(user):
                return self
            if own:
                return self.filter(PUBLIC | Q(institution_id__in=own))
            return self.public()
        if action == Action.CHANGE:
            return self.filter(institution_id__in=own) if own else self.none()
        return self.none()

    def within_reach_of(self, user: Viewer) -> ServiceQuerySet:
        """Another institution's public service is a 404 for a write, not a 403 (decision
        0007): only the network's officers and the owner hear why a change is refused."""
        if roles.can_read_all(user):
            return self
        own = roles.focal_institution_ids(user)
        return self.filter(institution_id__in=own) if own else self.none()

    def with_facet(self, kind: str, values: list[str] | str, *, any_matches: bool) -> Any:
        """Services having one of ``values`` for ``kind`` (or "all", when ``any_matches``).
        An ``IN`` subquery, which both databases evaluate once, not per service."""
        from .models import ServiceFacet

        wanted = [values] if isinstance(values, str) else list(values)
        if any_matches:
            wanted.append(ANY)
        ids = ServiceFacet.objects.filter(kind=kind, value__in=wanted).values("service_id")
        return self.filter(pk__in=ids)

    def in_country(self, iso3: str) -> Any:
        """Services of the agencies of a country: by their institutions' ids, so that the
        service table is read through its institution index, not scanned."""
        from smenet.registry.models import Institution

        ids = list(Institution.objects.filter(country__iso3=iso3).values_list("pk", flat=True))
        return self.filter(institution_id__in=ids)

    def with_related(self) -> ServiceQuerySet:
        """Everything a card or the API shows, in a fixed number of queries."""
        return self.select_related("institution", "institution__country").prefetch_related(
            "translations", "institution__translations", "institution__country__translations"
        )
