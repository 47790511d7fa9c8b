"""Reads of the meetings capability, each built on ``visible_to`` with its prefetching, so that a
page or endpoint costs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound
from smenet.common.permissions import Action, get_for_user
from smenet.governance.models import Body, Decision
from smenet.plans.models import PlanItem
from smenet.registry import roles
from smenet.registry.models import Country
from smenet.registry.types import User, Viewer

from .choices import MeetingStatus, MinutesStatus, ParticipantStatus
from .models import (
    AgendaItem,
    CalendarToken,
    Document,
    DocumentFile,
    FollowUpAction,
    Meeting,
    MeetingDecision,
    Minutes,
    Participant,
)
from .querysets import MeetingQuerySet


def meeting_list(
    *,
    user: Viewer,
    body: str | None = None,
    start_from: datetime.datetime | None = None,
    start_to: datetime.datetime | None = None,
    country: str | None = None,
    status: str | None = None,
) -> MeetingQuerySet:
    qs = Meeting.objects.visible_to(user).for_list()
    if body:
        qs = qs.filter(body__code=body)
    if start_from:
        qs = qs.filter(end__gte=start_from)
    if start_to:
        qs = qs.filter(start__lt=start_to)
    if country:
        qs = qs.filter(country__iso3=country)
    if status:
        qs = qs.filter(status=status)
    return qs


def meeting_get_for_user(*, user: Viewer, code: str, action: str = Action.VIEW) -> Meeting:
    return get_for_user(
        Meeting.objects.for_list(),
        user=user,
        action=action,
        not_found=_("Unknown meeting."),
        refused=_("Only the Secretariat may do this."),
        code__exact=code,
    )


def meeting_detail(*, user: Viewer, code: str) -> Meeting:
    """A meeting with everything its page and API detail show, in a fixed number of queries."""
    documents = Document.objects.visible_to(user).prefetch_related(
        "translations",
        Prefetch(
            "files",
            queryset=DocumentFile.objects.filter(replaced_at__isnull=True).order_by("language"),
            to_attr="current_files",
        ),
    )
    qs = Meeting.objects.for_list().prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.prefetch_related(
                "translations", "presenters", "presenters__translations", "plan_items__translations"
            ).order_by("order", "pk"),
        ),
        Prefetch("agenda_items__documents", queryset=documents, to_attr="visible_documents"),
        Prefetch("documents", queryset=documents.order_by("symbol"), to_attr="visible_documents"),
        Prefetch(
            "decision_links",
            queryset=MeetingDecision.objects.select_related(
                "decision", "agenda_item"
            ).prefetch_related(
                "decision__translations",
                Prefetch(
                    "decision__follow_up_actions",
                    queryset=FollowUpAction.objects.select_related("owner").prefetch_related(
                        "translations"
                    ),
                ),
            ),
        ),
        "agenda_versions",
    )
    return get_for_user(qs, user=user, not_found=_("Unknown meeting."), code__exact=code)


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).first()


def minutes_status(meeting: Meeting, minutes: Minutes | None = None) -> str:
    if minutes is None:
        minutes = getattr(meeting, "_minutes_cache", None) or minutes_of(meeting)
    return minutes.status if minutes else MinutesStatus.NONE


def minutes_visible_to(user: Viewer, meeting: Meeting, minutes: Minutes | None) -> bool:
    """Published minutes are read by whoever sees the meeting; drafts by the Secretariat, the
    Bureau and those who may comment."""
    if minutes is None:
        return False
    if minutes.status == MinutesStatus.PUBLISHED:
        return True
    if roles.can_read_all(user):
        return True
    if minutes.status == MinutesStatus.DRAFT:
        return False
    return Meeting.objects.visible_to(user, Action.COMMENT).filter(pk=meeting.pk).exists()


def participants_for(*, user: Viewer, meeting: Meeting) -> QuerySet[Participant]:
    return (
        Participant.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("institution", "nationality")
        .order_by("institution__acronym", "full_name")
    )


def is_registered(user: Viewer, meeting: Meeting) -> bool:
    """Whether ``user`` may see the join link: an approved participant, or the Secretariat."""
    if roles.is_secretariat(user):
        return True
    if not user.is_authenticated:
        return False
    return meeting.participants.filter(
        Q(user=user) | Q(email__iexact=user.email), status=ParticipantStatus.APPROVED
    ).exists()


def my_meetings(*, user: Viewer) -> QuerySet[Meeting]:
    """Meetings the user takes part in (approved or pending), or whose institution is invited."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    mine = Q(participants__user=user) | Q(participants__email__iexact=user.email)
    own = roles.focal_institution_ids(user)
    if own:
        mine |= Q(invitations__institution_id__in=own)
    ids = (
        Meeting.objects.filter(mine)
        .exclude(participants__status=ParticipantStatus.WITHDRAWN, participants__user=user)
        .values("pk")
    )
    return Meeting.objects.visible_to(user).filter(pk__in=ids).for_list()


def join_link_meetings(user: Viewer, meetings: list[Meeting]) -> set[int]:
    if roles.is_secretariat(user):
        return {m.pk for m in meetings}
    if not user.is_authenticated:
        return set()
    return set(
        Participant.objects.filter(
            Q(user=user) | Q(email__iexact=user.email),
            meeting__in=meetings,
            status=ParticipantStatus.APPROVED,
        ).values_list("meeting_id", flat=True)
    )


def calendar_token_user(token: str) -> User:
    """The user of a live private calendar address; ``NotFound`` with a clear message for a
    revoked or unknown one."""
    row = CalendarToken.objects.select_related("user").filter(token=token).first()
    if row is None or not row.user.is_active:
        raise NotFound(_("This calendar address is unknown."))
    if row.revoked_at is not None:
        raise NotFound(
            _(
                "This calendar address was revoked on %(date)s; get the new one from your "
                "“My meetings” page."
            )
            % {"date": row.revoked_at.date().isoformat()},
            code="token_revoked",
        )
    return row.user


def live_calendar_token(user: Viewer) -> CalendarToken | None:
    if not user.is_authenticated:
        return None
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


# --- the decision register ------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFilters:
    body: str | None = None
    meeting: str | None = None
    year: int | None = None
    follow_up: str | None = None  # "open", "overdue", "done", "none"


def decision_register(
    *, user: Viewer, filters: RegisterFilters, today: datetime.date | None = None
) -> QuerySet[Decision]:
    """Every decision the user may see with its chain: meeting → agenda item → decision →
    follow-up actions → plan items → their progress."""
    today = today or timezone.localdate()
    visible_entries = MeetingDecision.objects.visible_to(user)
    qs = Decision.objects.filter(Q(meeting_link__isnull=True) | Q(meeting_link__in=visible_entries))
    if filters.body:
        qs = qs.filter(body__code=filters.body)
    if filters.meeting:
        qs = qs.filter(meeting_link__meeting__code=filters.meeting)
    if filters.year:
        qs = qs.filter(date__year=filters.year)
    open_statuses = ("open", "in_progress")
    if filters.follow_up == "open":
        qs = qs.filter(follow_up_actions__status__in=open_statuses).distinct()
    elif filters.follow_up == "overdue":
        qs = qs.filter(
            follow_up_actions__status__in=open_statuses, follow_up_actions__due_on__lt=today
        ).distinct()
    elif filters.follow_up == "done":
        qs = (
            qs.filter(follow_up_actions__isnull=False)
            .exclude(follow_up_actions__status__in=open_statuses)
            .distinct()
        )
    elif filters.follow_up == "none":
        qs = qs.filter(follow_up_actions__isnull=True)
    return (
        qs.select_related(
            "body",
            "meeting_link",
            "meeting_link__meeting",
            "meeting_link__agenda_item",
        )
        .prefetch_related(
            "translations",
            "body__translations",
            "meeting_link__meeting__translations",
            "meeting_link__agenda_item__translations",
            "meeting_link__plan_items__translations",
            Prefetch(
                "follow_up_actions",
                queryset=FollowUpAction.objects.select_related("owner").prefetch_related(
                    "translations", "plan_items__translations", "owner__translations"
                ),
            ),
        )
        .order_by("-date", "reference")
    )


def decision_get(*, user: Viewer, reference: str) -> Decision:
    qs = decision_register(user=user, filters=RegisterFilters())
    decision = qs.filter(reference=reference).first()
    if decision is None:
        raise NotFound(_("Unknown decision."))
    return decision


def overdue_actions_for(
    *, user: Viewer, today: datetime.date | None = None
) -> QuerySet[FollowUpAction]:
    """The overdue follow-up actions the user's institutions owe (all of them for the
    Secretariat), for the dashboard."""
    today = today or timezone.localdate()
    qs = FollowUpAction.objects.overdue(today)
    if not roles.is_secretariat(user):
        qs = qs.filter(owner_id__in=roles.focal_institution_ids(user))
    return (
        qs.select_related("decision", "owner")
        .prefetch_related("translations", "decision__translations")
        .order_by("due_on", "pk")
    )


def follow_up_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> FollowUpAction:
    return get_for_user(
        FollowUpAction.objects.select_related("decision", "owner"),
        user=user,
        action=action,
        not_found=_("Unknown follow-up action."),
        refused=_("Only the owner institution's focal points report on this action."),
        pk=pk,
    )


def upcoming_public(*, limit: int = 5) -> list[Meeting]:
    now = timezone.now()
    return list(
        Meeting.objects.public()
        .exclude(status=MeetingStatus.CANCELLED)
        .upcoming(now)
        .for_list()[:limit]
    )


def meetings_of_decisions(*, decisions: Iterable[Decision]) -> dict[int, Meeting]:
    """``{decision id: the meeting that took it}`` for the decisions taken at a meeting."""
    links = (
        MeetingDecision.objects.filter(decision__in=[d.pk for d in decisions])
        .select_related("meeting")
        .prefetch_related("meeting__translations")
    )
    return {link.decision_id: link.meeting for link in links}


# --- lookups for the pages and endpoints ----------------------------------------------------
# Views read only through selectors (the permission chokepoint). Bodies, countries, decisions'
# references and plan items are public reference; a meeting's own parts are looked up within a
# meeting the caller was already allowed to reach.


def bodies() -> list[Body]:
    return list(Body.objects.prefetch_related("translations").order_by("order", "code"))


def body_find(*, code: str) -> Body | None:
    return Body.objects.prefetch_related("translations").filter(code=code).first()


def country_find(*, iso3: str) -> Country | None:
    return Country.objects.filter(iso3=iso3.upper()).first()


def plan_items_find(*, ids: Iterable[int]) -> list[PlanItem]:
    return list(PlanItem.objects.filter(pk__in=list(ids)))


def decision_reference_taken(*, reference: str) -> bool:
    return Decision.objects.filter(reference=reference).exists()


def decision_years() -> list[int]:
    return sorted({d.year for d in Decision.objects.dates("date", "year")}, reverse=True)


def agenda_item_find(*, meeting: Meeting, pk: int) -> AgendaItem | None:
    return AgendaItem.objects.filter(meeting=meeting, pk=pk).first()


def document_find(*, meeting: Meeting, symbol: str) -> Document | None:
    return Document.objects.filter(meeting=meeting, symbol=symbol).first()


def document_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> Document:
    return get_for_user(
        Document.objects.prefetch_related("translations", "files"),
        user=user,
        action=action,
        not_found=_("Unknown document."),
        refused=_("Only the Secretariat may do this."),
        pk=pk,
    )


def document_file_get_for_user(*, user: Viewer, pk: int) -> DocumentFile:
    """A language version of a document the user may see (404 otherwise)."""
    version = DocumentFile.objects.select_related("document").filter(pk=pk).first()
    if version is None or not (
        Document.objects.visible_to(user).filter(pk=version.document_id).exists()
    ):
        raise NotFound(_("Unknown document."))
    return version


def participant_get_for_user(
    *, user: Viewer, pk: Any, meeting: Meeting | None = None, action: str = Action.VIEW
) -> Participant:
    qs = Participant.objects.select_related("institution", "nationality", "meeting")
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("Unknown participant.")) from None
    return get_for_user(
        qs,
        user=user,
        action=action,
        not_found=_("Unknown participant."),
        refused=_("Only the Secretariat may do this."),
        pk=pk,
    )


def may_comment(*, user: Viewer, meeting: Meeting) -> bool:
    return Meeting.objects.visible_to(user, Action.COMMENT).filter(pk=meeting.pk).exists()


def meeting_find(*, user: Viewer, code: str) -> Meeting | None:
    """A meeting the user may see, by code, or None (for a form or field that names one)."""
    return Meeting.objects.visible_to(user).filter(code=code).first() if code else None


def later_meetings(*, meeting: Meeting, limit: int = 10) -> list[Meeting]:
    """The same body's later meetings that have taken place (where minutes are adopted)."""
    if not meeting.body_id:
        return []
    return list(
        Meeting.objects.filter(
            body=meeting.body, start__gt=meeting.start, start__lte=timezone.now()
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .prefetch_related("translations")
        .order_by("start")[:limit]
    )


def meetings_with_decisions(*, user: Viewer, limit: int = 200) -> list[Meeting]:
    return list(
        Meeting.objects.visible_to(user)
        .filter(decision_links__isnull=False)
        .distinct()
        .prefetch_related("translations")
        .order_by("-start")[:limit]
    )


def follow_up_detail(*, pk: int) -> FollowUpAction:
    return (
        FollowUpAction.objects.prefetch_related("translations", "plan_items__translations")
        .select_related("owner")
        .get(pk=pk)
    )
