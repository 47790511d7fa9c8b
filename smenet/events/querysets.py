"""The permission chokepoint of meetings: who sees which meeting, document, participant,
register entry and follow-up action (decision 0027).

Confidentiality is one scale for meetings and documents (``Audience``): public; members of the
network (anyone signed in with a role or an institution); the Bureau; the task force. The
Secretariat sees everything, the Bureau everything but nothing is hidden from it either. A
document is visible when both its own audience and its meeting's allow it.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from parler.managers import TranslatableQuerySet

from smenet.common.permissions import Action, RestrictedQuerySet, RestrictedQuerySetMixin
from smenet.registry import roles
from smenet.registry.choices import Role
from smenet.registry.types import Viewer

from .choices import OPEN_ACTION_STATUSES, Audience, ParticipantStatus


def is_network_member(user: Viewer) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(roles._assignments(user)) or getattr(user, "institution_id", None) is not None


def audiences_for(user: Viewer) -> tuple[str, ...] | None:
    """The audiences ``user`` belongs to; None means all (Secretariat and Bureau)."""
    if roles.can_read_all(user):
        return None
    allowed = [Audience.PUBLIC]
    if is_network_member(user):
        allowed.append(Audience.MEMBERS)
    if roles.has_role(user, Role.TASK_FORCE):
        allowed.append(Audience.TASK_FORCE)
    return tuple(allowed)


def audience_q(user: Viewer, prefix: str = "") -> Q:
    allowed = audiences_for(user)
    if allowed is None:
        return Q()
    return Q(**{f"{prefix}audience__in": allowed})


class MeetingQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> MeetingQuerySet:
        """Anyone: public meetings; members, Bureau, task force: theirs too. Only the
        Secretariat changes meetings."""
        if action == Action.VIEW:
            return self.filter(audience_q(user))
        if action in (Action.CHANGE, Action.REVIEW):
            return self if roles.is_secretariat(user) else self.none()
        if action == Action.COMMENT:
            # Commenting on the minutes: the Secretariat, and those who took part.
            if roles.is_secretariat(user):
                return self
            if user is None or not getattr(user, "is_authenticated", False):
                return self.none()
            took_part = Q(
                participants__user=user,
                participants__status=ParticipantStatus.APPROVED,
            ) | Q(
                invitations__institution_id__in=roles.focal_institution_ids(user),
            )
            return self.filter(audience_q(user)).filter(took_part).distinct()
        return self.none()

    def public(self) -> MeetingQuerySet:
        return self.filter(audience=Audience.PUBLIC)

    def upcoming(self, now: datetime.datetime) -> MeetingQuerySet:
        return self.filter(end__gte=now).order_by("start", "pk")

    def past(self, now: datetime.datetime) -> MeetingQuerySet:
        return self.filter(end__lt=now).order_by("-start", "-pk")

    def for_list(self) -> MeetingQuerySet:
        return self.select_related("body", "country").prefetch_related(
            "translations", "body__translations", "country__translations"
        )


class DocumentQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> DocumentQuerySet:
        if action == Action.VIEW:
            return self.filter(audience_q(user)).filter(audience_q(user, "meeting__"))
        if action == Action.CHANGE:
            return self if roles.is_secretariat(user) else self.none()
        return self.none()


class ParticipantQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> ParticipantQuerySet:
        """Secretariat: all; Bureau: reads all; a focal point: its institutions' delegates; a
        person: their own registrations."""
        if roles.is_secretariat(user):
            return self
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        own = roles.focal_institution_ids(user)
        mine = Q(institution_id__in=own) | Q(user=user)
        if action == Action.VIEW:
            return self if roles.is_bureau(user) else self.filter(mine)
        if action == Action.CHANGE:
            return self.filter(mine)
        return self.none()


class MeetingDecisionQuerySet(RestrictedQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> MeetingDecisionQuerySet:
        if action == Action.VIEW:
            return self.filter(audience_q(user, "meeting__"))
        if action == Action.CHANGE:
            return self if roles.is_secretariat(user) else self.none()
        return self.none()


class FollowUpActionQuerySet(RestrictedQuerySetMixin, TranslatableQuerySet):
    def visible_to(self, user: Viewer, action: str = Action.VIEW) -> FollowUpActionQuerySet:
        """Seen with the decision's meeting (or everywhere for a decision outside a meeting);
        changed by the Secretariat and the owner institution's focal points."""
        if action == Action.VIEW:
            allowed = audiences_for(user)
            if allowed is None:
                return self
            return self.filter(
                Q(decision__meeting_link__isnull=True)
                | Q(decision__meeting_link__meeting__audience__in=allowed)
            )
        if action == Action.CHANGE:
            if roles.is_secretariat(user):
                return self
            return self.filter(owner_id__in=roles.focal_institution_ids(user))
        return self.none()

    def within_reach_of(self, user: Viewer) -> FollowUpActionQuerySet:
        # Another institution's action is public, but changing it is none of their business.
        if roles.can_read_all(user):
            return self
        return self.filter(owner_id__in=roles.focal_institution_ids(user))

    def overdue(self, today: datetime.date) -> FollowUpActionQuerySet:
        return self.filter(due_on__lt=today, status__in=OPEN_ACTION_STATUSES)
