"""Writes of the meetings capability. Every rule lives here, whoever calls (page, API, loader).

- A meeting's times are aware date-times in its venue's IANA zone; the end is after the start;
  a body does not sit twice at the same time (overlap refused). Changing the dates, postponing
  or cancelling bumps the calendar ``sequence`` so that calendar clients replace their copy.
- Participation: the Secretariat invites institutions; their focal points nominate delegates
  within the quota; the Secretariat approves; anyone registers for an open event.
- Documents get a symbol from their body's rule (``SMENET/GA/2025/1/DOC.3``), unique.
- Minutes: draft → circulated (comments until a deadline) → adopted (at a meeting, or by silence
  procedure when the deadline passes with no objection) → published; frozen once adopted.
- Decisions are recorded by governance (``decision_record``) and entered here in the meeting's
  register, with follow-up actions.
"""

from __future__ import annotations

import datetime
import secrets
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import formatting, versioning
from smenet.common.errors import Conflict, DomainError, NotFound, PermissionDenied
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations
from smenet.governance import services as governance
from smenet.governance.models import Body, Decision
from smenet.registry import roles
from smenet.registry.models import Country, Institution
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User, Viewer

from .choices import (
    SYMBOL_KINDS,
    ActionStatus,
    AdoptionMethod,
    AgendaStatus,
    DocumentKind,
    InvitationStatus,
    MeetingStatus,
    MinutesStatus,
    ParticipantStatus,
)
from .models import (
    AgendaItem,
    AgendaVersion,
    CalendarToken,
    Document,
    DocumentFile,
    FollowUpAction,
    Invitation,
    Meeting,
    MeetingDecision,
    Minutes,
    MinutesComment,
    MinutesRevision,
    Participant,
    SymbolRule,
    validate_time_zone,
)

#: Fields whose change a calendar client must see (RFC 5545 SEQUENCE).
CALENDAR_FIELDS = ("start", "end", "all_day", "status", "time_zone", "city", "mode")
#: A meeting in these states can still be moved or cancelled.
MOVABLE = (MeetingStatus.PLANNED, MeetingStatus.CONFIRMED, MeetingStatus.POSTPONED)


def _check_zone(time_zone: str) -> zoneinfo.ZoneInfo:
    try:
        validate_time_zone(time_zone)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code="invalid_time_zone", field="time_zone") from None
    return zoneinfo.ZoneInfo(time_zone)


def localise(
    value: datetime.datetime | datetime.date, zone: zoneinfo.ZoneInfo, *, end: bool = False
) -> datetime.datetime:
    """A date-time given in the venue's zone (naive) or with any offset (aware); a bare date is
    that day's midnight (the next midnight for an ``end``)."""
    if not isinstance(value, datetime.datetime):
        day = value + datetime.timedelta(days=1) if end else value
        return datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)
    if timezone.is_naive(value):
        return value.replace(tzinfo=zone)
    return value


def _check_dates(start: datetime.datetime, end: datetime.datetime) -> None:
    if end <= start:
        raise DomainError(
            _("The meeting ends before it starts: the end must come after the start."),
            code="reversed_dates",
            field="end",
        )
    if end - start > datetime.timedelta(days=31):
        raise DomainError(
            _("A meeting lasts at most 31 days; check the end date."),
            code="too_long",
            field="end",
        )


def _check_overlap(
    body: Body | None, start: datetime.datetime, end: datetime.datetime, exclude: int | None
) -> None:
    if body is None:
        return
    clash = Meeting.objects.filter(body=body, start__lt=end, end__gt=start).exclude(
        status=MeetingStatus.CANCELLED
    )
    if exclude:
        clash = clash.exclude(pk=exclude)
    other = clash.first()
    if other is not None:
        raise Conflict(
            _("%(body)s already meets at that time (%(meeting)s); a body sits once at a time.")
            % {"body": body, "meeting": other.code},
            code="overlapping_meeting",
            field="start",
        )


def _lock_body(body: Body | None) -> None:
    if body is not None:
        Body.objects.select_for_update().filter(pk=body.pk).first()


def meeting_create(
    *,
    actor: User | None,
    code: str,
    titles: Mapping[str, str],
    start: datetime.datetime | datetime.date,
    end: datetime.datetime | datetime.date,
    time_zone: str,
    body: Body | None = None,
    kind: str = "statutory",
    number: int | None = None,
    mode: str = "in_person",
    join_url: str = "",
    city: str = "",
    country: Country | None = None,
    venues: Mapping[str, str] | None = None,
    descriptions: Mapping[str, str] | None = None,
    all_day: bool = False,
    status: str = MeetingStatus.PLANNED,
    audience: str = "public",
    registration_open: bool = False,
    quota_per_institution: int = 2,
    capacity: int | None = None,
    source_url: str = "",
    is_sample: bool = False,
) -> Meeting:
    require_secretariat(actor)
    if not any((v or "").strip() for v in titles.values()):
        raise DomainError(_("Give the title in at least one language."), field="titles")
    zone = _check_zone(time_zone)
    start_at, end_at = localise(start, zone), localise(end, zone, end=True)
    _check_dates(start_at, end_at)
    if status in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED):
        raise DomainError(
            _("A new meeting is planned, confirmed or held; postpone or cancel it afterwards."),
            field="status",
        )
    with transaction.atomic():
        _lock_body(body)
        if Meeting.objects.filter(code=code).exists():
            raise Conflict(
                _("A meeting with the code %(code)s exists already.") % {"code": code},
                code="duplicate_code",
                field="code",
            )
        _check_overlap(body, start_at, end_at, None)
        meeting = Meeting(
            code=code,
            kind=kind,
            body=body,
            number=number,
            mode=mode,
            join_url=join_url,
            city=city,
            country=country,
            time_zone=time_zone,
            start=start_at,
            end=end_at,
            all_day=all_day,
            status=status,
            audience=audience,
            registration_open=registration_open,
            quota_per_institution=quota_per_institution,
            capacity=capacity,
            source_url=source_url,
            is_sample=is_sample,
        )
        set_translations(
            meeting,
            {"title": titles, "venue": venues or {}, "description": descriptions or {}},
        )
        validate(meeting)
        attribute_history(meeting, actor)
        meeting.save()
    _reindex("event", meeting.pk)
    return meeting


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _save_meeting(meeting: Meeting, *, calendar_change: bool) -> Meeting:
    """Save a meeting that ``versioning.edit``/``status_change`` locked and bumped."""
    if calendar_change:
        meeting.sequence += 1
    validate(meeting)
    meeting.save()
    _reindex("event", meeting.pk)
    return meeting


def meeting_update(
    *,
    actor: User | None,
    meeting: Meeting,
    expected_version: int | None = None,
    titles: Mapping[str, str] | None = None,
    descriptions: Mapping[str, str] | None = None,
    venues: Mapping[str, str] | None = None,
    start: datetime.datetime | datetime.date | None = None,
    end: datetime.datetime | datetime.date | None = None,
    time_zone: str | None = None,
    **fields: Any,
) -> Meeting:
    """Change a meeting's details; a change of dates, zone, place or mode bumps its calendar
    sequence. Status changes go through confirm/postpone/cancel/mark-held."""
    require_secretariat(actor)
    allowed = {
        "mode",
        "join_url",
        "city",
        "country",
        "all_day",
        "audience",
        "registration_open",
        "quota_per_institution",
        "capacity",
        "number",
        "kind",
        "source_url",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            field=sorted(unknown)[0],
        )
    with transaction.atomic():
        meeting = versioning.edit(meeting, actor=actor, expected_version=expected_version)
        before = {f: getattr(meeting, f) for f in CALENDAR_FIELDS}
        zone = _check_zone(time_zone) if time_zone else meeting.zone
        if time_zone:
            meeting.time_zone = time_zone
        if start is not None:
            meeting.start = localise(start, zone)
        if end is not None:
            meeting.end = localise(end, zone, end=True)
        if start is not None or end is not None:
            _check_dates(meeting.start, meeting.end)
            _check_overlap(meeting.body, meeting.start, meeting.end, meeting.pk)
        for name, value in fields.items():
            setattr(meeting, name, value)
        values = {
            "title": titles or {},
            "description": descriptions or {},
            "venue": venues or {},
        }
        if any(values.values()):
            set_translations(meeting, values)
        changed = any(getattr(meeting, f) != v for f, v in before.items())
        return _save_meeting(meeting, calendar_change=changed)


def _schedule_reminders_after_commit(meeting: Meeting) -> None:
    """Reminders before a confirmed or moved meeting (each checks, when it runs, that it is
    still due: a meeting moved again gets new ones and the old ones do nothing)."""
    pk, start = meeting.pk, meeting.start

    def schedule() -> None:
        from django_tasks import default_task_backend

        from .tasks import schedule_reminders

        if default_task_backend.supports_defer:
            schedule_reminders(pk, start)

    transaction.on_commit(schedule)


def _refuse(message: Any) -> Any:
    return lambda _record: Conflict(message, code="wrong_status", field="status")


def meeting_confirm(
    *, actor: User | None, meeting: Meeting, expected_version: int | None = None
) -> Meeting:
    require_secretariat(actor)
    with transaction.atomic():
        meeting, _previous = versioning.status_change(
            meeting,
            actor=actor,
            to=MeetingStatus.CONFIRMED,
            allowed_from=(MeetingStatus.PLANNED, MeetingStatus.POSTPONED),
            expected_version=expected_version,
            refuse=_refuse(_("Only a planned or postponed meeting can be confirmed.")),
        )
        _schedule_reminders_after_commit(meeting)
        return _save_meeting(meeting, calendar_change=True)


def meeting_postpone(
    *,
    actor: User | None,
    meeting: Meeting,
    start: datetime.datetime | datetime.date,
    end: datetime.datetime | datetime.date,
    reason: str = "",
    expected_version: int | None = None,
) -> Meeting:
    """Move a meeting to new dates; the first planned start is kept."""
    require_secretariat(actor)
    with transaction.atomic():
        meeting, _previous = versioning.status_change(
            meeting,
            actor=actor,
            to=MeetingStatus.POSTPONED,
            allowed_from=MOVABLE,
            expected_version=expected_version,
            refuse=_refuse(_("A meeting that was held or cancelled cannot be postponed.")),
        )
        new_start, new_end = localise(start, meeting.zone), localise(end, meeting.zone, end=True)
        _check_dates(new_start, new_end)
        if new_start <= meeting.start:
            raise DomainError(
                _("A postponed meeting starts later than planned; give the new dates."),
                code="not_later",
                field="start",
            )
        _check_overlap(meeting.body, new_start, new_end, meeting.pk)
        meeting.postponed_from = meeting.postponed_from or meeting.start
        meeting.start, meeting.end = new_start, new_end
        meeting.status_reason = reason
        _schedule_reminders_after_commit(meeting)
        return _save_meeting(meeting, calendar_change=True)


def meeting_cancel(
    *, actor: User | None, meeting: Meeting, reason: str, expected_version: int | None = None
) -> Meeting:
    require_secretariat(actor)
    if not (reason or "").strip():
        raise DomainError(
            _("Say why the meeting is cancelled."), code="reason_required", field="reason"
        )
    with transaction.atomic():
        meeting, _previous = versioning.status_change(
            meeting,
            actor=actor,
            to=MeetingStatus.CANCELLED,
            allowed_from=MOVABLE,
            expected_version=expected_version,
            refuse=_refuse(_("A meeting that was held or cancelled cannot be cancelled.")),
        )
        meeting.status_reason = reason.strip()
        return _save_meeting(meeting, calendar_change=True)


def meeting_mark_held(
    *,
    actor: User | None,
    meeting: Meeting,
    now: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Meeting:
    require_secretariat(actor)
    now = now or timezone.now()
    with transaction.atomic():
        meeting, _previous = versioning.status_change(
            meeting,
            actor=actor,
            to=MeetingStatus.HELD,
            allowed_from=[s for s in MeetingStatus.values if s != MeetingStatus.CANCELLED],
            expected_version=expected_version,
            refuse=_refuse(_("A cancelled meeting was not held.")),
        )
        if meeting.start > now:
            raise DomainError(
                _("A meeting can be marked as held once it has started."),
                code="not_started",
                field="status",
            )
        return _save_meeting(meeting, calendar_change=True)


# --- agenda ---------------------------------------------------------------------------------


def _agenda_status(meeting: Meeting) -> str:
    latest = meeting.agenda_versions.order_by("-number").first()
    return latest.status if latest else AgendaStatus.DRAFT


def _require_agenda_editable(meeting: Meeting) -> None:
    if _agenda_status(meeting) != AgendaStatus.DRAFT:
        raise Conflict(
            _("The agenda was circulated; start a new version to change it."),
            code="agenda_frozen",
        )


def agenda_item_add(
    *,
    actor: User | None,
    meeting: Meeting,
    titles: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    parent: AgendaItem | None = None,
    order: int | None = None,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    presenters: Sequence[Institution] = (),
    presenter_names: str = "",
    documents: Sequence[Document] = (),
    plan_items: Sequence[Any] = (),
) -> AgendaItem:
    require_secretariat(actor)
    if not any((v or "").strip() for v in titles.values()):
        raise DomainError(_("Give the title in at least one language."), field="titles")
    if parent is not None and parent.meeting_id != meeting.pk:
        raise DomainError(_("The parent item belongs to another meeting."), field="parent")
    if parent is not None and parent.parent_id is not None:
        raise DomainError(_("Sub-items have no sub-items of their own."), field="parent")
    zone = meeting.zone
    starts_at = localise(starts_at, zone) if starts_at else None
    ends_at = localise(ends_at, zone) if ends_at else None
    if starts_at and ends_at and ends_at <= starts_at:
        raise DomainError(
            _("The time slot ends before it starts."), code="reversed_dates", field="ends_at"
        )
    for moment, field in ((starts_at, "starts_at"), (ends_at, "ends_at")):
        if moment and not (meeting.start <= moment <= meeting.end):
            raise DomainError(_("The time slot is outside the meeting's dates."), field=field)
    for doc in documents:
        if doc.meeting_id != meeting.pk:
            raise DomainError(_("A linked document belongs to another meeting."), field="documents")
    with transaction.atomic():
        _lock_meeting(meeting)
        _require_agenda_editable(meeting)
        if order is None:
            siblings = AgendaItem.objects.filter(meeting=meeting, parent=parent)
            order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
        item = AgendaItem(
            meeting=meeting,
            parent=parent,
            order=order,
            starts_at=starts_at,
            ends_at=ends_at,
            presenter_names=presenter_names,
        )
        set_translations(item, {"title": titles, "description": descriptions or {}})
        validate(item)
        attribute_history(item, actor)
        item.save()
        item.presenters.set(presenters)
        item.documents.set(documents)
        item.plan_items.set(plan_items)
    return item


def agenda_numbering(items: Sequence[AgendaItem]) -> dict[int, str]:
    """ "1", "2", "2.1", … from order among siblings."""
    numbers: dict[int, str] = {}
    tops = sorted((i for i in items if i.parent_id is None), key=lambda i: (i.order, i.pk))
    for n, top in enumerate(tops, start=1):
        numbers[top.pk] = str(n)
        subs = sorted((i for i in items if i.parent_id == top.pk), key=lambda i: (i.order, i.pk))
        for m, sub in enumerate(subs, start=1):
            numbers[sub.pk] = f"{n}.{m}"
    return numbers


def _agenda_snapshot(meeting: Meeting) -> list[dict[str, Any]]:
    items = list(meeting.agenda_items.prefetch_related("translations"))
    numbers = agenda_numbering(items)
    return [
        {
            "id": item.pk,
            "number": numbers[item.pk],
            "titles": {t.language_code: t.title for t in item.translations.all()},
            "starts_at": item.starts_at.isoformat() if item.starts_at else None,
            "ends_at": item.ends_at.isoformat() if item.ends_at else None,
        }
        for item in sorted(items, key=lambda i: [int(p) for p in numbers[i.pk].split(".")])
    ]


def agenda_set_status(*, actor: User | None, meeting: Meeting, status: str) -> AgendaVersion:
    """Circulate or finalise the agenda (a snapshot is kept), or open a new draft version."""
    require_secretariat(actor)
    if status not in AgendaStatus.values:
        raise DomainError(_("Unknown agenda status."), field="status")
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        latest = meeting.agenda_versions.order_by("-number").first()
        current = AgendaStatus(latest.status) if latest else AgendaStatus.DRAFT
        allowed = {
            AgendaStatus.DRAFT: {AgendaStatus.CIRCULATED, AgendaStatus.FINAL},
            AgendaStatus.CIRCULATED: {AgendaStatus.FINAL, AgendaStatus.DRAFT},
            AgendaStatus.FINAL: {AgendaStatus.DRAFT},
        }[current]
        if status not in allowed:
            raise Conflict(
                _("The agenda cannot go from %(from)s to %(to)s.")
                % {"from": AgendaStatus(current).label, "to": AgendaStatus(status).label},
                code="wrong_status",
            )
        if not meeting.agenda_items.exists():
            raise DomainError(_("The agenda has no items yet."), field="status")
        if latest is not None and latest.status == AgendaStatus.DRAFT:
            version = latest
            version.status = status
        else:
            version = AgendaVersion(
                meeting=meeting, number=(latest.number + 1) if latest else 1, status=status
            )
        version.snapshot = _agenda_snapshot(meeting)
        version.created_by = actor if getattr(actor, "is_authenticated", False) else None
        version.save()
    return version


# --- participation --------------------------------------------------------------------------


def invitation_send(
    *,
    actor: User | None,
    meeting: Meeting,
    institutions: Sequence[Institution],
    quota: int | None = None,
) -> list[Invitation]:
    """Invite institutions (again: their quota is updated); their focal points get an e-mail
    with the meeting as an .ics attachment."""
    require_secretariat(actor)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.HELD):
        raise Conflict(_("Invitations are sent for meetings still to come."), code="wrong_status")
    quota = meeting.quota_per_institution if quota is None else quota
    if quota < 1:
        raise DomainError(_("Allow at least one delegate."), field="quota")
    sent = []
    with transaction.atomic():
        for institution in institutions:
            invitation, _created = Invitation.objects.update_or_create(
                meeting=meeting,
                institution=institution,
                defaults={"quota": quota, "invited_by": _person(actor)},
            )
            sent.append(invitation)
        ids = [i.pk for i in sent]
        transaction.on_commit(lambda: _enqueue_invitations(ids))
    return sent


def _enqueue_invitations(ids: list[int]) -> None:
    from .tasks import send_invitations

    send_invitations.enqueue(invitation_ids=ids)


def _person(actor: Viewer | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def nomination_create(
    *,
    actor: User,
    meeting: Meeting,
    institution: Institution,
    full_name: str,
    email: str,
    function: str = "",
    nationality: Country | None = None,
    passport_number: str = "",
    language: str = "en",
) -> Participant:
    """A focal point nominates a delegate of its institution, within the invitation's quota."""
    if not roles.is_secretariat(actor) and institution.pk not in roles.focal_institution_ids(actor):
        raise NotFound(_("Unknown meeting."))
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        invitation = (
            Invitation.objects.select_for_update()
            .filter(meeting=meeting, institution=institution)
            .first()
        )
        if invitation is None or invitation.status == InvitationStatus.DECLINED:
            raise PermissionDenied(
                _("%(institution)s is not invited to this meeting.")
                % {"institution": institution.acronym},
                code="not_invited",
            )
        if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.HELD):
            raise Conflict(_("Nominations are closed for this meeting."), code="wrong_status")
        used = Participant.objects.filter(
            meeting=meeting,
            institution=institution,
            status__in=(ParticipantStatus.NOMINATED, ParticipantStatus.APPROVED),
        ).count()
        if used >= invitation.quota:
            raise Conflict(
                _("%(institution)s has used its %(quota)s places for this meeting.")
                % {"institution": institution.acronym, "quota": invitation.quota},
                code="quota_full",
                field="email",
            )
        participant = _participant_new(
            meeting=meeting,
            institution=institution,
            full_name=full_name,
            email=email,
            function=function,
            nationality=nationality,
            passport_number=passport_number,
            language=language,
            status=ParticipantStatus.NOMINATED,
            actor=actor,
        )
        if invitation.status == InvitationStatus.INVITED:
            invitation.status = InvitationStatus.ACCEPTED
            invitation.save(update_fields=["status", "updated_at"])
    return participant


def _participant_new(
    *, actor: Viewer | None, meeting: Meeting, email: str, **values: Any
) -> Participant:
    email = (email or "").strip().lower()
    if Participant.objects.filter(meeting=meeting, email=email).exists():
        raise Conflict(
            _("%(email)s is already registered for this meeting.") % {"email": email},
            code="duplicate_participant",
            field="email",
        )
    user = None
    if email:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
    participant = Participant(
        meeting=meeting, email=email, user=user, nominated_by=_person(actor), **values
    )
    validate(participant)
    attribute_history(participant, actor)
    participant.save()
    return participant


def registration_create(
    *,
    actor: Viewer | None,
    meeting: Meeting,
    full_name: str,
    email: str,
    organisation: str = "",
    function: str = "",
    language: str = "en",
) -> Participant:
    """Someone registers for an open event (a webinar, an open workshop)."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if not meeting.registration_open:
            raise PermissionDenied(
                _("This meeting is by invitation; registration is not open."),
                code="registration_closed",
            )
        if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.HELD) or (
            meeting.end < timezone.now()
        ):
            raise Conflict(_("Registration is closed for this meeting."), code="wrong_status")
        if Participant.objects.filter(
            meeting=meeting, email=(email or "").strip().lower()
        ).exists():
            raise Conflict(
                _("%(email)s is already registered for this meeting.") % {"email": email},
                code="duplicate_participant",
                field="email",
            )
        if meeting.capacity is not None:
            taken = Participant.objects.filter(
                meeting=meeting,
                status__in=(ParticipantStatus.REGISTERED, ParticipantStatus.APPROVED),
            ).count()
            if taken >= meeting.capacity:
                raise Conflict(_("The event is full."), code="full", field="email")
        return _participant_new(
            actor=actor,
            meeting=meeting,
            email=email,
            full_name=full_name,
            organisation=organisation,
            function=function,
            language=language,
            status=ParticipantStatus.REGISTERED,
        )


#: Locking a participant: ordered by pk, because the default ordering joins the (nullable)
#: institution and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
def _participants() -> Any:
    return Participant.objects.order_by("pk")


def participant_decide(
    *,
    actor: User | None,
    participant: Participant,
    approve: bool,
    expected_version: int | None = None,
) -> Participant:
    require_secretariat(actor)
    with transaction.atomic():
        participant, _previous = versioning.status_change(
            participant,
            actor=actor,
            to=ParticipantStatus.APPROVED if approve else ParticipantStatus.REFUSED,
            allowed_from=(ParticipantStatus.NOMINATED, ParticipantStatus.REGISTERED),
            expected_version=expected_version,
            queryset=_participants(),
            refuse=_refuse(_("This participant was already decided on.")),
        )
        participant.decided_by = _person(actor)
        participant.decided_at = timezone.now()
        participant.save()
    return participant


def participant_withdraw(*, actor: User, participant: Participant) -> Participant:
    """The Secretariat, or a focal point of the delegate's institution, withdraws a delegate
    (which frees the place in the quota); anyone else is told the participant is unknown."""
    if not roles.is_secretariat(actor) and (
        participant.institution_id is None
        or participant.institution_id not in roles.focal_institution_ids(actor)
    ):
        raise NotFound(_("Unknown participant."))
    with transaction.atomic():
        versioning.lock(participant, queryset=_participants())
        if participant.status == ParticipantStatus.WITHDRAWN:
            return participant
        if participant.meeting.start <= timezone.now():
            raise Conflict(
                _("The meeting has started; record attendance instead."), code="wrong_status"
            )
        participant.status = ParticipantStatus.WITHDRAWN
        versioning.bump(participant, actor=actor)
        participant.save()
    return participant


def attendance_record(
    *,
    actor: User | None,
    meeting: Meeting,
    attended: Mapping[int, bool],
    now: datetime.datetime | None = None,
) -> int:
    """Record who attended (participant id → present), once the meeting has started."""
    require_secretariat(actor)
    now = now or timezone.now()
    if meeting.start > now:
        raise DomainError(
            _("Attendance is recorded once the meeting has started."), code="not_started"
        )
    with transaction.atomic():
        rows = {
            p.pk: p
            # Ordered by pk: the default ordering joins the (nullable) institution, and
            # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
            for p in _participants()
            .select_for_update()
            .filter(meeting=meeting, pk__in=list(attended))
        }
        missing = set(attended) - set(rows)
        if missing:
            raise DomainError(
                _("Unknown participant %(id)s.") % {"id": min(missing)}, field="attended"
            )
        for pk, present in attended.items():
            row = rows[pk]
            if row.status != ParticipantStatus.APPROVED and present:
                raise DomainError(
                    _("%(name)s was not approved to take part.") % {"name": row.full_name},
                    field="attended",
                )
            row.attended = present
            versioning.bump(row, actor=actor)
            row.save(update_fields=["attended", "version", "updated_at"])
    return len(attended)


# --- documents ------------------------------------------------------------------------------


def document_symbol(meeting: Meeting, kind: str, n: int) -> str:
    rule = SymbolRule.objects.filter(body=meeting.body).first() if meeting.body_id else None
    pattern = rule.pattern if rule else "SMENET/{body}/{year}/{session}/{kind}.{n}"
    prefix = rule.prefix if rule else (meeting.body.code.upper() if meeting.body else "EVENT")
    return pattern.format(
        body=prefix,
        year=meeting.local_start.year,
        session=meeting.number or 1,
        kind=SYMBOL_KINDS.get(kind, "DOC"),
        n=n,
    )


def document_create(
    *,
    actor: User | None,
    meeting: Meeting,
    kind: str,
    titles: Mapping[str, str],
    original_language: str,
    audience: str = "public",
    symbol: str | None = None,
    is_sample: bool = False,
) -> Document:
    """A new official document; its symbol is generated from the body's rule unless given."""
    require_secretariat(actor)
    if kind not in DocumentKind.values:
        raise DomainError(_("Unknown document type."), field="kind")
    if not any((v or "").strip() for v in titles.values()):
        raise DomainError(_("Give the title in at least one language."), field="titles")
    with transaction.atomic():
        _lock_meeting(meeting)
        if symbol is None:
            n = Document.objects.filter(meeting=meeting, kind=kind).count() + 1
            symbol = document_symbol(meeting, kind, n)
            while Document.objects.filter(symbol=symbol).exists():
                n += 1
                symbol = document_symbol(meeting, kind, n)
        elif Document.objects.filter(symbol=symbol).exists():
            raise Conflict(
                _("The symbol %(symbol)s is already used by another document.")
                % {"symbol": symbol},
                code="duplicate_symbol",
                field="symbol",
            )
        document = Document(
            meeting=meeting,
            symbol=symbol,
            kind=kind,
            audience=audience,
            original_language=original_language,
            is_sample=is_sample,
        )
        set_translations(document, {"title": titles})
        validate(document)
        attribute_history(document, actor)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            raise Conflict(
                _("The symbol %(symbol)s is already used by another document.")
                % {"symbol": symbol},
                code="duplicate_symbol",
                field="symbol",
            ) from None
    _reindex("event", meeting.pk)
    return document


def document_file_add(
    *,
    actor: User | None,
    document: Document,
    language: str,
    upload: Any,
    text: str = "",
) -> DocumentFile:
    """Add a language version; a new file for a language replaces (and keeps) the old one."""
    from smenet.common import uploads

    require_secretariat(actor)
    try:
        content_type = uploads.check(upload, purpose="attachment")
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code="invalid_file", field="file") from None
    if not text:
        text = extract_text(upload)
    with transaction.atomic():
        now = timezone.now()
        DocumentFile.objects.select_for_update().filter(
            document=document, language=language, replaced_at__isnull=True
        ).update(replaced_at=now)
        version = DocumentFile(
            document=document,
            language=language,
            file=upload,
            content_type=content_type,  # what the content is, not what the browser said
            size=getattr(upload, "size", 0) or 0,
            text=text[:500000],
            uploaded_by=_person(actor),
        )
        validate(version, exclude=["file"])
        version.save()
    _reindex("event", document.meeting_id)
    return version


def extract_text(upload: Any) -> str:
    """The text of a PDF or a plain-text file, for search; empty for anything else."""
    name = (getattr(upload, "name", "") or "").lower()
    try:
        upload.seek(0)
        if name.endswith(".pdf"):
            from pypdf import PdfReader

            reader = PdfReader(upload)
            text = "\n".join((page.extract_text() or "") for page in reader.pages[:200])
        elif name.endswith((".txt", ".csv")):
            text = upload.read().decode("utf-8", "replace")
        else:
            text = ""
    except Exception:  # noqa: BLE001 - a damaged file is stored, just not searchable
        text = ""
    finally:
        try:
            upload.seek(0)
        except Exception:  # noqa: BLE001,S110
            pass
    return text.replace("\x00", "")


# --- minutes --------------------------------------------------------------------------------


def _minutes() -> Any:
    return Minutes.objects.select_related("meeting")


def _lock_minutes(minutes: Minutes) -> Minutes:
    return versioning.lock(minutes, queryset=_minutes())


_FROZEN = _("Adopted minutes are frozen; they cannot be changed.")


def _frozen(_record: Any) -> Conflict:
    return Conflict(_FROZEN, code="minutes_frozen", field="status")


def minutes_draft(
    *, actor: User | None, meeting: Meeting, text: str, language: str = "en"
) -> Minutes:
    require_secretariat(actor)
    if not (text or "").strip():
        raise DomainError(_("The minutes are empty."), field="text")
    with transaction.atomic():
        _lock_meeting(meeting)
        if Minutes.objects.filter(meeting=meeting).exists():
            raise Conflict(_("This meeting has minutes already; revise them."), code="exists")
        minutes = Minutes(meeting=meeting, text=text, language=language)
        validate(minutes)
        attribute_history(minutes, actor)
        minutes.save()
        MinutesRevision.objects.create(
            minutes=minutes, number=1, text=text, created_by=_person(actor), note=_("First draft")
        )
    return minutes


def minutes_revise(
    *,
    actor: User | None,
    minutes: Minutes,
    text: str,
    note: str = "",
    expected_version: int | None = None,
) -> Minutes:
    require_secretariat(actor)
    if not (text or "").strip():
        raise DomainError(_("The minutes are empty."), field="text")
    with transaction.atomic():
        minutes = versioning.edit(
            minutes, actor=actor, expected_version=expected_version, queryset=_minutes()
        )
        if minutes.status in (MinutesStatus.ADOPTED, MinutesStatus.PUBLISHED):
            raise _frozen(minutes)
        number = minutes.revisions.aggregate(m=Max("number"))["m"] or 0
        MinutesRevision.objects.create(
            minutes=minutes, number=number + 1, text=text, note=note, created_by=_person(actor)
        )
        minutes.text = text
        minutes.save()
    return minutes


def minutes_circulate(
    *,
    actor: User | None,
    minutes: Minutes,
    deadline: datetime.datetime,
    now: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Minutes:
    """Send the draft to the participants for comments until ``deadline``; when it passes with
    no objection, the task worker adopts the minutes by silence procedure."""
    require_secretariat(actor)
    now = now or timezone.now()
    if deadline <= now:
        raise DomainError(_("The deadline for comments must be in the future."), field="deadline")
    with transaction.atomic():
        minutes, _previous = versioning.status_change(
            minutes,
            actor=actor,
            to=MinutesStatus.CIRCULATED,
            allowed_from=(MinutesStatus.DRAFT, MinutesStatus.CIRCULATED),
            expected_version=expected_version,
            queryset=_minutes(),
            refuse=_frozen,
        )
        minutes.comment_deadline = deadline
        minutes.circulated_at = now
        minutes.save()
        pk, when = minutes.pk, deadline
        transaction.on_commit(lambda: _enqueue_silence(pk, when))
    return minutes


def _enqueue_silence(pk: int, when: datetime.datetime) -> None:
    """The notice now; the close of the silence procedure at the deadline. A backend that cannot
    defer (the immediate one in tests) gets only the notice: ``smenet manage meetings_due`` (and
    the next worker run) closes procedures whose deadline passed."""
    from django_tasks import default_task_backend

    from .tasks import close_silence_procedure, notify_minutes_circulated

    notify_minutes_circulated.enqueue(minutes_id=pk)
    if default_task_backend.supports_defer:
        close_silence_procedure.using(run_after=when).enqueue(minutes_id=pk)


def minutes_comment(
    *,
    actor: User,
    minutes: Minutes,
    text: str,
    is_objection: bool = False,
    now: datetime.datetime | None = None,
) -> MinutesComment:
    """A participant comments on circulated minutes before the deadline."""
    now = now or timezone.now()
    if not (text or "").strip():
        raise DomainError(_("The comment is empty."), field="text")
    allowed = Meeting.objects.visible_to(actor, "comment").filter(pk=minutes.meeting_id).exists()
    if not allowed:
        raise PermissionDenied(
            _("Only the meeting's participants comment on its minutes."), code="not_participant"
        )
    with transaction.atomic():
        minutes = _lock_minutes(minutes)
        if minutes.status != MinutesStatus.CIRCULATED:
            raise Conflict(_("The minutes are not open for comments."), code="wrong_status")
        if minutes.comment_deadline and now > minutes.comment_deadline:
            raise Conflict(
                _("Comments closed on %(date)s; this comment came too late.")
                % {"date": formatting.datetime(minutes.comment_deadline) + " UTC"},
                code="comment_too_late",
                field="text",
            )
        revision = minutes.revisions.aggregate(m=Max("number"))["m"] or 1
        own = roles.focal_institution_ids(actor)
        comment = MinutesComment(
            minutes=minutes,
            revision=revision,
            author=actor,
            institution_id=min(own) if own else getattr(actor, "institution_id", None),
            text=text.strip(),
            is_objection=is_objection,
        )
        validate(comment)
        comment.save()
    return comment


def minutes_adopt(
    *,
    actor: User | None,
    minutes: Minutes,
    at_meeting: Meeting | None = None,
    now: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Minutes:
    """Adopt the minutes at a (later) meeting."""
    require_secretariat(actor)
    now = now or timezone.now()
    with transaction.atomic():
        minutes, _previous = versioning.status_change(
            minutes,
            actor=actor,
            to=MinutesStatus.ADOPTED,
            allowed_from=(MinutesStatus.DRAFT, MinutesStatus.CIRCULATED),
            expected_version=expected_version,
            queryset=_minutes(),
            refuse=_refuse(_("These minutes were adopted already.")),
        )
        if at_meeting is not None:
            _check_adopting_meeting(minutes.meeting, at_meeting, now)
        minutes.adoption_method = AdoptionMethod.AT_MEETING
        minutes.adopted_by_meeting = at_meeting
        minutes.adopted_at = now
        minutes._change_reason = "adopted at a meeting"
        minutes.save()
    return minutes


def _check_adopting_meeting(meeting: Meeting, at_meeting: Meeting, now: datetime.datetime) -> None:
    """Minutes are adopted at a later meeting of the same body, once that meeting is held
    (it has started and was not cancelled)."""
    if at_meeting.pk == meeting.pk or at_meeting.start <= meeting.start:
        raise DomainError(
            _("Minutes are adopted at a later meeting."), code="not_later", field="at_meeting"
        )
    if meeting.body_id and at_meeting.body_id != meeting.body_id:
        raise DomainError(
            _("Minutes are adopted at a meeting of the body that met: %(body)s.")
            % {"body": meeting.body},
            code="other_body",
            field="at_meeting",
        )
    if at_meeting.status == MeetingStatus.CANCELLED or at_meeting.start > now:
        raise DomainError(
            _("Adoption at %(meeting)s is recorded once that meeting has taken place.")
            % {"meeting": at_meeting},
            code="not_held",
            field="at_meeting",
        )


def minutes_close_silence(*, minutes_id: int, now: datetime.datetime | None = None) -> str:
    """Run by the task worker at the deadline: no objection → adopted by silence procedure
    (recorded); objections → left circulated for the Secretariat to revise. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        minutes = Minutes.objects.filter(pk=minutes_id).first()
        if minutes is None:
            return "nothing to do"
        versioning.lock(minutes)
        if minutes.status != MinutesStatus.CIRCULATED:
            return "nothing to do"
        if minutes.comment_deadline is None or minutes.comment_deadline > now:
            return "not yet"
        objections = minutes.comments.filter(
            is_objection=True, created_at__gte=minutes.circulated_at
        ).exists()
        if objections:
            minutes._change_reason = "silence broken"
            versioning.bump(minutes, actor=None)
            minutes.save(update_fields=["version", "updated_at"])
            return "silence broken"
        minutes.status = MinutesStatus.ADOPTED
        minutes.adoption_method = AdoptionMethod.SILENCE
        minutes.adopted_at = minutes.comment_deadline
        versioning.bump(minutes, actor=None)
        minutes._change_reason = "adopted by silence procedure"
        minutes.save()
        return "adopted"


def minutes_publish(
    *,
    actor: User | None,
    minutes: Minutes,
    now: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Minutes:
    require_secretariat(actor)
    with transaction.atomic():
        minutes, _previous = versioning.status_change(
            minutes,
            actor=actor,
            to=MinutesStatus.PUBLISHED,
            allowed_from=(MinutesStatus.ADOPTED,),
            expected_version=expected_version,
            queryset=_minutes(),
            refuse=_refuse(_("Only adopted minutes are published.")),
        )
        minutes.published_at = now or timezone.now()
        minutes.save()
    return minutes


# --- decisions and follow-up ----------------------------------------------------------------


def decision_record_at_meeting(
    *,
    actor: User | None,
    meeting: Meeting,
    agenda_item: AgendaItem | None = None,
    number: int | None = None,
    plan_items: Sequence[Any] = (),
    **decision: Any,
) -> Decision:
    """Record a decision through governance and enter it in the meeting's register, together."""
    require_secretariat(actor)
    if meeting.is_cancelled:
        raise Conflict(_("A cancelled meeting takes no decisions."), code="wrong_status")
    with transaction.atomic():
        record = governance.decision_record(actor=actor, **decision)
        meeting_link_create(
            actor=actor,
            decision=record,
            meeting=meeting,
            agenda_item=agenda_item,
            number=number,
            plan_items=plan_items,
        )
    return record


def meeting_record_decisions(
    *, actor: User | None, meeting: Meeting, decisions: Iterable[Decision]
) -> list[MeetingDecision]:
    """Record that ``decisions`` were taken at ``meeting``, numbered in the meeting's register in
    the order given (a decision is taken at one meeting; recording it again at the same meeting
    changes nothing)."""
    links = []
    with transaction.atomic():
        for decision in decisions:
            link = MeetingDecision.objects.filter(decision=decision).first()
            if link is None:
                link = meeting_link_create(actor=actor, decision=decision, meeting=meeting)
            links.append(link)
    return links


def meeting_link_create(
    *,
    actor: User | None,
    decision: Decision,
    meeting: Meeting,
    agenda_item: AgendaItem | None = None,
    number: int | None = None,
    plan_items: Sequence[Any] = (),
) -> MeetingDecision:
    """Enter an existing decision in a meeting's register (the next number unless given)."""
    require_secretariat(actor)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DomainError(_("The agenda item belongs to another meeting."), field="agenda_item")
    with transaction.atomic():
        _lock_meeting(meeting)
        if MeetingDecision.objects.filter(decision=decision).exists():
            raise Conflict(_("This decision is in a register already."), code="duplicate")
        if number is None:
            number = (
                MeetingDecision.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0
            ) + 1
        elif MeetingDecision.objects.filter(meeting=meeting, number=number).exists():
            raise Conflict(
                _("Number %(n)s is already taken in this meeting's register.") % {"n": number},
                code="duplicate_number",
                field="number",
            )
        entry = MeetingDecision(
            decision=decision, meeting=meeting, agenda_item=agenda_item, number=number
        )
        validate(entry)
        entry.save()
        entry.plan_items.set(plan_items)
    return entry


def follow_up_create(
    *,
    actor: User | None,
    decision: Decision,
    owner: Institution,
    due_on: datetime.date,
    titles: Mapping[str, str],
    plan_items: Sequence[Any] = (),
) -> FollowUpAction:
    require_secretariat(actor)
    if not any((v or "").strip() for v in titles.values()):
        raise DomainError(_("Give the title in at least one language."), field="titles")
    if due_on < decision.date:
        raise DomainError(_("The action is due before the decision was taken."), field="due_on")
    with transaction.atomic():
        action = FollowUpAction(decision=decision, owner=owner, due_on=due_on)
        set_translations(action, {"title": titles})
        validate(action)
        attribute_history(action, actor)
        action.save()
        action.plan_items.set(plan_items)
    return action


def follow_up_update(
    *,
    actor: User | None,
    action: FollowUpAction,
    status: str,
    expected_version: int | None = None,
    notes: Mapping[str, str] | None = None,
    today: datetime.date | None = None,
) -> FollowUpAction:
    """The owner's focal point (or the Secretariat) reports where an action stands."""
    if status not in ActionStatus.values:
        raise DomainError(_("Unknown status."), field="status")
    with transaction.atomic():
        action = versioning.edit(action, actor=actor, expected_version=expected_version)
        action.status = status
        action.completed_on = (
            (today or timezone.localdate()) if status == ActionStatus.DONE else None
        )
        if notes:
            set_translations(action, {"note": notes})
        action.save()
    return action


# --- calendar addresses ---------------------------------------------------------------------


def calendar_token_issue(*, user: Viewer) -> CalendarToken:
    """A new private calendar address for ``user``; the previous one stops working."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to get a calendar address."), code="not_signed_in")
    with transaction.atomic():
        CalendarToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_token_revoke(*, user: User) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# --- search ---------------------------------------------------------------------------------


def _reindex(type_name: str, pk: int) -> None:
    from smenet.search.indexing import schedule

    schedule(type_name, [pk])
