"""The permission chokepoint of the roster: who sees which experts, and who may change them."""

from __future__ import annotations

from django.db.models import Q

from smenet.common.permissions import Action, RestrictedQuerySet
from smenet.knowledge.querysets import is_network_member
from smenet.registry import roles
from smenet.registry.types import Viewer

from .choices import Listing, Vetting


def listed_to(user: Viewer) -> Q:
    """Experts listed to ``user``: consent given and not withdrawn, vetted, and listed to the
    public (everyone) or to network members (signed-in members)."""
    levels = [Listing.PUBLIC, Listing.MEMBERS] if is_network_member(user) else [Listing.PUBLIC]
    return Q(
        listing__in=levels,
        vetting=Vetting.VETTED,
        consent_given_at__isnull=False,
        consent_withdrawn_at__isnull=True,
    )


def _own(user: Viewer) -> Q:
    """The experts ``user`` looks after: their institutions' (focal points) and themselves."""
    q = Q(pk__in=[])
    own = roles.focal_institution_ids(user)
    if own:
        q |= Q(institution_id__in=own)
    if user.is_authenticated:
        q |= Q(user_id=user.pk)
    return q


class ExpertQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ExpertQuerySet:
        """View: the Secretariat and the Bureau all; anyone the experts listed to them; focal
        points also their institutions' experts; an expert themselves. Change: the
        Secretariat, the institution's focal points, the expert. Review (vetting): the
        Secretariat."""
        if roles.is_secretariat(user):
            return self
        if action == Action.VIEW:
            if roles.is_bureau(user):
                return self
            return self.filter(listed_to(user) | _own(user))
        if action == Action.CHANGE:
            return self.filter(_own(user))
        return self.none()

    def within_reach_of(self, user: Viewer) -> ExpertQuerySet:
        if roles.can_read_all(user):
            return self
        return self.filter(_own(user))

    def listed(self, user: Viewer) -> ExpertQuerySet:
        return self.filter(listed_to(user))
