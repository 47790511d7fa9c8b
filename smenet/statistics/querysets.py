"""The permission chokepoint of the statistics app: every read goes through ``visible_to``.

Observations are the verified, public data set: everyone reads them, only the Secretariat
writes them (directly or by verifying a submission). Submitted figures are seen by the focal
points of the country they are for, the Bureau and the Secretariat, and changed by those focal
points while they await verification or were returned.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySetMixin
from smenet.registry import roles
from smenet.registry.types import Viewer


def focal_country_ids(user: Viewer) -> set[int]:
    """The countries whose figures ``user`` submits: those of its focal-point institutions."""
    ids = roles.focal_institution_ids(user)
    if not ids:
        return set()
    cached = getattr(user, "_smenet_stat_countries", None)
    if cached is None:
        from smenet.registry.models import Institution

        cached = set(
            Institution.objects.filter(pk__in=ids, country__isnull=False).values_list(
                "country_id", flat=True
            )
        )
        # A cache on the request's user object, as roles keeps its assignments.
        user._smenet_stat_countries = cached  # type: ignore[union-attr]
    return cached


class IndicatorQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> IndicatorQuerySet:
        if action == Action.VIEW or (action == Action.CHANGE and roles.is_secretariat(user)):
            return self
        return self.none()

    def with_translations(self) -> IndicatorQuerySet:
        return self.prefetch_related("translations")


class ObservationQuerySet(RestrictedQuerySetMixin, QuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ObservationQuerySet:
        if action == Action.VIEW or (action == Action.CHANGE and roles.is_secretariat(user)):
            return self
        return self.none()


class DataRoundQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> DataRoundQuerySet:
        """Secretariat: all; Bureau and focal points: rounds once opened; others: none."""
        if roles.is_secretariat(user):
            return self
        if action != Action.VIEW:
            return self.none()
        if roles.is_bureau(user) or focal_country_ids(user):
            return self.exclude(status="draft")
        return self.none()


class SubmissionQuerySet(RestrictedQuerySetMixin, QuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> SubmissionQuerySet:
        """Secretariat: views, changes and reviews (verifies or returns) all; Bureau: views all;
        focal points: their countries' figures, changed while pending and the round open."""
        if roles.is_secretariat(user):
            return self
        own = focal_country_ids(user)
        if action == Action.VIEW:
            if roles.is_bureau(user):
                return self
            return self.filter(country_id__in=own) if own else self.none()
        if action == Action.CHANGE:
            return self.filter(
                Q(country_id__in=own) & Q(status__in=["submitted", "returned"])
            ).exclude(round__status="closed")
        return self.none()
