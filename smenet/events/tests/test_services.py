"""The rules of meetings, through the services: each bad input is refused with an error naming
the field, in the user's language, and nothing is saved."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from smenet.common.errors import Conflict, DomainError, NotFound, PermissionDenied
from smenet.events import services
from smenet.events.choices import (
    ActionStatus,
    AdoptionMethod,
    MeetingStatus,
    MinutesStatus,
    ParticipantStatus,
)
from smenet.events.models import (
    Document,
    FollowUpAction,
    Meeting,
    MeetingDecision,
    MinutesComment,
    Participant,
)
from smenet.governance.choices import DecisionKind, VotingMethod
from smenet.governance.models import Decision
from smenet.governance.tests.factories import BodyFactory
from smenet.registry.tests.factories import InstitutionFactory

from .factories import make_meeting

BAKU = ZoneInfo("Asia/Baku")
pytestmark = pytest.mark.django_db


def at(y, m, d, h=9, minute=0, zone=BAKU):
    return datetime.datetime(y, m, d, h, minute, tzinfo=zone)


def test_times_are_kept_in_the_venue_zone_and_stored_in_utc(secretariat_user):
    meeting = services.meeting_create(
        actor=secretariat_user,
        code="bureau-2026-1",
        titles={"en": "Bureau"},
        start=datetime.datetime(2026, 5, 12, 10, 0),  # naive: the venue's wall clock
        end=datetime.datetime(2026, 5, 12, 17, 0),
        time_zone="Asia/Baku",
        body=BodyFactory(code="bureau"),
    )
    meeting.refresh_from_db()
    assert meeting.start == datetime.datetime(2026, 5, 12, 6, 0, tzinfo=datetime.UTC)
    assert meeting.local_start.isoformat() == "2026-05-12T10:00:00+04:00"


@pytest.mark.parametrize("zone", ["Baku", "GMT+4", "Asia/Bakuu", "", " Asia/Baku", "+04:00"])
def test_an_invalid_time_zone_is_refused_naming_the_field(secretariat_user, zone):
    with translation.override("fr"), pytest.raises(DomainError) as exc:
        make_meeting(time_zone=zone)
    assert exc.value.field == "time_zone"
    assert exc.value.code == "invalid_time_zone"
    assert "fuseau horaire" in str(exc.value.message)
    assert not Meeting.objects.exists()


def test_reversed_dates_are_refused(secretariat_user):
    with translation.override("ar"), pytest.raises(DomainError) as exc:
        services.meeting_create(
            actor=secretariat_user,
            code="reversed",
            titles={"en": "Reversed"},
            start=at(2026, 5, 12, 17),
            end=at(2026, 5, 12, 9),
            time_zone="Asia/Baku",
        )
    assert exc.value.field == "end" and exc.value.code == "reversed_dates"
    assert "ينتهي" in str(exc.value.message)
    assert not Meeting.objects.exists()


def test_a_body_does_not_sit_twice_at_the_same_time(secretariat_user):
    bureau = BodyFactory(code="bureau")
    make_meeting(body=bureau, start=at(2026, 5, 12, 9), hours=8)
    with pytest.raises(Conflict) as exc:
        make_meeting(body=bureau, start=at(2026, 5, 12, 15), hours=4)
    assert exc.value.code == "overlapping_meeting" and exc.value.field == "start"
    assert Meeting.objects.count() == 1
    # another body, or the same body once the first is cancelled, is fine
    make_meeting(body=BodyFactory(code="general-assembly"), start=at(2026, 5, 12, 15))
    services.meeting_cancel(
        actor=secretariat_user,
        meeting=Meeting.objects.get(code__startswith="meeting", body=bureau),
        reason="Venue unavailable",
    )
    make_meeting(body=bureau, start=at(2026, 5, 12, 15), hours=4)


def test_only_the_secretariat_creates_meetings(focal_point_of, institution_a):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=focal_point_of(institution_a),
            code="x",
            titles={"en": "X"},
            start=at(2026, 5, 12),
            end=at(2026, 5, 13),
            time_zone="Asia/Baku",
        )


def test_postponing_keeps_the_first_date_and_bumps_the_calendar_sequence(secretariat_user):
    meeting = make_meeting(start=at(2026, 5, 12))
    first = meeting.start
    services.meeting_postpone(
        actor=secretariat_user,
        meeting=meeting,
        start=at(2026, 6, 2),
        end=at(2026, 6, 2, 17),
        reason="Clash with the COMCEC session",
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.POSTPONED
    assert meeting.postponed_from == first
    assert meeting.sequence == 1
    with pytest.raises(DomainError) as exc:
        services.meeting_postpone(
            actor=secretariat_user, meeting=meeting, start=at(2026, 5, 1), end=at(2026, 5, 1, 17)
        )
    assert exc.value.field == "start"
    services.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="No quorum")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.sequence == 2
    assert meeting.history.count() == 3


def test_cancelling_needs_a_reason(secretariat_user):
    meeting = make_meeting()
    with pytest.raises(DomainError) as exc:
        services.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="  ")
    assert exc.value.field == "reason"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and meeting.sequence == 0


def test_an_edit_of_the_title_only_does_not_bump_the_sequence(secretariat_user):
    meeting = make_meeting()
    services.meeting_update(
        actor=secretariat_user, meeting=meeting, titles={"en": "Renamed"}, expected_version=1
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 0 and meeting.version == 2
    with pytest.raises(Conflict):
        services.meeting_update(
            actor=secretariat_user, meeting=meeting, city="Ankara", expected_version=1
        )
    services.meeting_update(
        actor=secretariat_user, meeting=meeting, city="Ankara", expected_version=2
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1


# --- participation ---------------------------------------------------------------------------


@pytest.fixture
def invited(secretariat_user, institution_a, focal_point_of, django_capture_on_commit_callbacks):
    meeting = make_meeting()
    focal = focal_point_of(institution_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(
            actor=secretariat_user, meeting=meeting, institutions=[institution_a], quota=2
        )
    return meeting, focal


def test_invitation_mail_carries_the_meeting_as_ics(invited):
    meeting, focal = invited
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [focal.email]
    name, content, mimetype = message.attachments[0]
    assert name == f"{meeting.code}.ics" and mimetype == "text/calendar"
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(
        content.decode() if isinstance(content, bytes) else content
    )
    assert calendar.events[0].summary.startswith("Meeting")


def test_nomination_within_quota_then_refused_over_it(invited, institution_a):
    meeting, focal = invited
    for n in range(2):
        services.nomination_create(
            actor=focal,
            meeting=meeting,
            institution=institution_a,
            full_name=f"D{n}",
            email=f"d{n}@a.org",
        )
    with translation.override("ar"), pytest.raises(Conflict) as exc:
        services.nomination_create(
            actor=focal,
            meeting=meeting,
            institution=institution_a,
            full_name="D2",
            email="d2@a.org",
        )
    assert exc.value.code == "quota_full"
    assert "AAA" in str(exc.value.message)
    assert Participant.objects.count() == 2
    # a withdrawn delegate frees the place
    services.participant_withdraw(actor=focal, participant=Participant.objects.first())
    services.nomination_create(
        actor=focal, meeting=meeting, institution=institution_a, full_name="D2", email="d2@a.org"
    )


def test_only_the_secretariat_or_its_own_focal_point_withdraws_a_delegate(
    invited, institution_a, institution_b, focal_point_of
):
    meeting, focal = invited
    delegate = services.nomination_create(
        actor=focal, meeting=meeting, institution=institution_a, full_name="D1", email="d1@a.org"
    )
    other = focal_point_of(institution_b)
    with pytest.raises(NotFound):
        services.participant_withdraw(actor=other, participant=delegate)
    delegate.refresh_from_db()
    assert delegate.status == ParticipantStatus.NOMINATED
    assert services.participant_withdraw(actor=focal, participant=delegate).status == (
        ParticipantStatus.WITHDRAWN
    )


def test_an_institution_not_invited_cannot_nominate(invited, institution_b, focal_point_of):
    meeting, _focal = invited
    with pytest.raises(PermissionDenied) as exc:
        services.nomination_create(
            actor=focal_point_of(institution_b),
            meeting=meeting,
            institution=institution_b,
            full_name="X",
            email="x@b.org",
        )
    assert exc.value.code == "not_invited"


def test_a_focal_point_cannot_nominate_for_another_institution(
    invited, institution_a, institution_b, focal_point_of
):
    meeting, _focal = invited
    from smenet.common.errors import NotFound

    with pytest.raises(NotFound):
        services.nomination_create(
            actor=focal_point_of(institution_b),
            meeting=meeting,
            institution=institution_a,
            full_name="X",
            email="x@b.org",
        )


def test_approval_and_attendance(invited, institution_a, secretariat_user):
    meeting, focal = invited
    p = services.nomination_create(
        actor=focal, meeting=meeting, institution=institution_a, full_name="D", email="d@a.org"
    )
    services.participant_decide(actor=secretariat_user, participant=p, approve=True)
    with pytest.raises(Conflict):
        services.participant_decide(actor=secretariat_user, participant=p, approve=False)
    with pytest.raises(DomainError) as exc:
        services.attendance_record(actor=secretariat_user, meeting=meeting, attended={p.pk: True})
    assert exc.value.code == "not_started"
    services.attendance_record(
        actor=secretariat_user,
        meeting=meeting,
        attended={p.pk: True},
        now=meeting.start + datetime.timedelta(hours=1),
    )
    p.refresh_from_db()
    assert p.attended is True and p.status == ParticipantStatus.APPROVED


def test_open_registration(secretariat_user):
    webinar = make_meeting(
        kind="webinar",
        mode="online",
        registration_open=True,
        capacity=1,
        join_url="https://meet.example/x",
    )
    p = services.registration_create(
        actor=None, meeting=webinar, full_name="Visitor", email="V@Example.org"
    )
    assert p.status == ParticipantStatus.REGISTERED and p.email == "v@example.org"
    with pytest.raises(Conflict) as exc:
        services.registration_create(
            actor=None, meeting=webinar, full_name="Again", email="v@example.org"
        )
    assert exc.value.code == "duplicate_participant"
    with pytest.raises(Conflict) as exc:
        services.registration_create(
            actor=None, meeting=webinar, full_name="Other", email="o@example.org"
        )
    assert exc.value.code == "full"
    closed = make_meeting()
    with pytest.raises(PermissionDenied):
        services.registration_create(
            actor=None, meeting=closed, full_name="X", email="x@example.org"
        )


# --- documents ---------------------------------------------------------------------------------


def pdf(text: str, name: str = "r.pdf") -> SimpleUploadedFile:
    from weasyprint import HTML

    return SimpleUploadedFile(name, HTML(string=f"<p>{text}</p>").write_pdf(), "application/pdf")


def test_document_symbols_follow_the_body_rule_and_are_unique(secretariat_user):
    from smenet.events.models import SymbolRule

    ga = BodyFactory(code="general-assembly")
    SymbolRule.objects.create(body=ga, prefix="GA")
    meeting = make_meeting(body=ga, number=1, start=at(2025, 10, 7))
    docs = [
        services.document_create(
            actor=secretariat_user,
            meeting=meeting,
            kind="working_paper",
            titles={"en": f"Paper {n}"},
            original_language="en",
        )
        for n in range(3)
    ]
    assert [d.symbol for d in docs] == [
        "SMENET/GA/2025/1/DOC.1",
        "SMENET/GA/2025/1/DOC.2",
        "SMENET/GA/2025/1/DOC.3",
    ]
    minutes = services.document_create(
        actor=secretariat_user,
        meeting=meeting,
        kind="minutes",
        titles={"ar": "محضر"},
        original_language="ar",
    )
    assert minutes.symbol == "SMENET/GA/2025/1/MIN.1"
    with translation.override("fr"), pytest.raises(Conflict) as exc:
        services.document_create(
            actor=secretariat_user,
            meeting=meeting,
            kind="report",
            titles={"en": "Dup"},
            original_language="en",
            symbol="SMENET/GA/2025/1/DOC.2",
        )
    assert exc.value.code == "duplicate_symbol" and exc.value.field == "symbol"
    assert "déjà" in str(exc.value.message)
    assert Document.objects.count() == 4


def test_a_new_language_version_replaces_and_keeps_the_old_one(secretariat_user):
    meeting = make_meeting()
    doc = services.document_create(
        actor=secretariat_user,
        meeting=meeting,
        kind="report",
        titles={"en": "Report"},
        original_language="en",
    )
    first = services.document_file_add(
        actor=secretariat_user,
        document=doc,
        language="en",
        upload=pdf("first draft on halal exports"),
    )
    second = services.document_file_add(
        actor=secretariat_user,
        document=doc,
        language="en",
        upload=pdf("final text on halal exports"),
    )
    first.refresh_from_db()
    assert first.replaced_at is not None and second.replaced_at is None
    assert doc.files.count() == 2
    assert "final text" in second.text
    with pytest.raises(DomainError) as exc:
        services.document_file_add(
            actor=secretariat_user,
            document=doc,
            language="fr",
            upload=SimpleUploadedFile("x.exe", b"MZ"),
        )
    assert exc.value.field == "file"


# --- minutes -----------------------------------------------------------------------------------


@pytest.fixture
def held(invited, institution_a, secretariat_user):
    meeting, focal = invited
    p = services.nomination_create(
        actor=focal, meeting=meeting, institution=institution_a, full_name="D", email="d@a.org"
    )
    services.participant_decide(actor=secretariat_user, participant=p, approve=True)
    minutes = services.minutes_draft(
        actor=secretariat_user, meeting=meeting, text="1. Opening.\n2. Decisions."
    )
    return meeting, focal, minutes


def test_minutes_adopted_by_silence_when_nobody_objects(
    held, secretariat_user, django_capture_on_commit_callbacks
):
    meeting, focal, minutes = held
    now = timezone.now()
    deadline = now + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_circulate(
            actor=secretariat_user, minutes=minutes, deadline=deadline, now=now
        )
    assert any("Draft minutes" in m.subject for m in mail.outbox)
    services.minutes_comment(
        actor=focal, minutes=minutes, text="Typo in item 2.", now=now + datetime.timedelta(days=1)
    )
    assert (
        services.minutes_close_silence(minutes_id=minutes.pk, now=now + datetime.timedelta(days=2))
        == "not yet"
    )
    assert (
        services.minutes_close_silence(
            minutes_id=minutes.pk, now=deadline + datetime.timedelta(seconds=1)
        )
        == "adopted"
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.ADOPTED
    assert minutes.adoption_method == AdoptionMethod.SILENCE
    assert minutes.adopted_at == deadline
    assert minutes.history.first().history_change_reason == "adopted by silence procedure"
    # frozen
    with pytest.raises(Conflict) as exc:
        services.minutes_revise(actor=secretariat_user, minutes=minutes, text="changed")
    assert exc.value.code == "minutes_frozen"
    services.minutes_publish(actor=secretariat_user, minutes=minutes)


def test_an_objection_breaks_the_silence(held, secretariat_user):
    meeting, focal, minutes = held
    now = timezone.now()
    deadline = now + datetime.timedelta(days=14)
    services.minutes_circulate(actor=secretariat_user, minutes=minutes, deadline=deadline, now=now)
    services.minutes_comment(
        actor=focal,
        minutes=minutes,
        text="Item 2 misstates our position.",
        is_objection=True,
        now=now,
    )
    assert (
        services.minutes_close_silence(
            minutes_id=minutes.pk, now=deadline + datetime.timedelta(hours=1)
        )
        == "silence broken"
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.CIRCULATED
    services.minutes_revise(
        actor=secretariat_user,
        minutes=minutes,
        text="1. Opening.\n2. Decisions (corrected).",
        note="Objection of AAA",
    )
    assert minutes.revisions.count() == 2
    later = make_meeting(body=meeting.body, start=meeting.start + datetime.timedelta(days=120))
    other_body = make_meeting(
        body=BodyFactory(code="task-force"), start=meeting.start + datetime.timedelta(days=130)
    )
    held_then = later.start + datetime.timedelta(hours=2)
    refusals = [
        (meeting, held_then, "not_later"),  # the meeting itself
        (later, later.start - datetime.timedelta(days=1), "not_held"),  # not yet taken place
        (other_body, other_body.start + datetime.timedelta(hours=1), "other_body"),
    ]
    for at, now, code in refusals:
        with translation.override("fr"), pytest.raises(DomainError) as exc:
            services.minutes_adopt(actor=secretariat_user, minutes=minutes, at_meeting=at, now=now)
        assert exc.value.code == code and exc.value.field == "at_meeting"
        minutes.refresh_from_db()
        assert minutes.status == MinutesStatus.CIRCULATED  # nothing saved
    services.minutes_adopt(actor=secretariat_user, minutes=minutes, at_meeting=later, now=held_then)
    minutes.refresh_from_db()
    assert (
        minutes.adoption_method == AdoptionMethod.AT_MEETING and minutes.adopted_by_meeting == later
    )


def test_a_late_comment_is_refused_and_not_saved(held, secretariat_user):
    meeting, focal, minutes = held
    now = timezone.now()
    deadline = now + datetime.timedelta(days=1)
    services.minutes_circulate(actor=secretariat_user, minutes=minutes, deadline=deadline, now=now)
    with translation.override("ar"), pytest.raises(Conflict) as exc:
        services.minutes_comment(
            actor=focal,
            minutes=minutes,
            text="Too late",
            now=deadline + datetime.timedelta(minutes=1),
        )
    assert exc.value.code == "comment_too_late" and exc.value.field == "text"
    assert "متأخر" in str(exc.value.message)
    assert not MinutesComment.objects.exists()


def test_only_participants_comment(held, secretariat_user, institution_b, focal_point_of):
    meeting, focal, minutes = held
    services.minutes_circulate(
        actor=secretariat_user,
        minutes=minutes,
        deadline=timezone.now() + datetime.timedelta(days=3),
    )
    with pytest.raises(PermissionDenied):
        services.minutes_comment(
            actor=focal_point_of(institution_b), minutes=minutes, text="Not mine"
        )


# --- decisions and follow-up -------------------------------------------------------------------


def _decide(actor, meeting, reference="GA-2026-01", **kwargs):
    return services.decision_record_at_meeting(
        actor=actor,
        meeting=meeting,
        reference=reference,
        body=meeting.body,
        date=meeting.local_start.date(),
        kind=DecisionKind.RESOLUTION,
        voting=VotingMethod.CONSENSUS,
        titles={"en": "Work programme", "ar": "برنامج العمل"},
        **kwargs,
    )


def test_a_decision_is_entered_in_the_meeting_register_with_follow_up(
    secretariat_user, institution_a
):
    meeting = make_meeting()
    item = services.agenda_item_add(
        actor=secretariat_user, meeting=meeting, titles={"en": "Work programme"}
    )
    decision = _decide(secretariat_user, meeting, agenda_item=item)
    entry = decision.meeting_link
    assert (entry.meeting, entry.agenda_item, entry.number) == (meeting, item, 1)
    second = _decide(secretariat_user, meeting, reference="GA-2026-02")
    assert second.meeting_link.number == 2
    with pytest.raises(Conflict) as exc:
        _decide(secretariat_user, meeting, reference="GA-2026-03", number=2)
    assert exc.value.field == "number"
    assert not Decision.objects.filter(reference="GA-2026-03").exists()  # all or nothing
    action = services.follow_up_create(
        actor=secretariat_user,
        decision=decision,
        owner=institution_a,
        due_on=decision.date + datetime.timedelta(days=30),
        titles={"en": "Send the list"},
    )
    assert action.is_overdue(decision.date + datetime.timedelta(days=31))
    with pytest.raises(DomainError) as exc:
        services.follow_up_create(
            actor=secretariat_user,
            decision=decision,
            owner=institution_a,
            due_on=decision.date - datetime.timedelta(days=1),
            titles={"en": "Before"},
        )
    assert exc.value.field == "due_on"


def test_the_owner_reports_on_an_action(secretariat_user, institution_a):
    meeting = make_meeting()
    decision = _decide(secretariat_user, meeting)
    action = services.follow_up_create(
        actor=secretariat_user,
        decision=decision,
        owner=institution_a,
        due_on=decision.date,
        titles={"en": "Do it"},
    )
    services.follow_up_update(
        actor=None, action=action, status=ActionStatus.DONE, expected_version=1, today=decision.date
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_on == decision.date
    assert FollowUpAction.objects.overdue(decision.date + datetime.timedelta(days=9)).count() == 0


def test_a_cancelled_meeting_takes_no_decisions(secretariat_user):
    meeting = make_meeting()
    services.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Postponed sine die")
    meeting.refresh_from_db()
    with pytest.raises(Conflict):
        _decide(secretariat_user, meeting)
    assert not MeetingDecision.objects.exists()


def test_agenda_versions_freeze_circulated_items(secretariat_user):
    meeting = make_meeting()
    opening = services.agenda_item_add(
        actor=secretariat_user, meeting=meeting, titles={"en": "Opening"}
    )
    services.agenda_item_add(
        actor=secretariat_user, meeting=meeting, titles={"en": "Welcome"}, parent=opening
    )
    services.agenda_item_add(actor=secretariat_user, meeting=meeting, titles={"en": "Work plan"})
    v1 = services.agenda_set_status(actor=secretariat_user, meeting=meeting, status="circulated")
    assert [i["number"] for i in v1.snapshot] == ["1", "1.1", "2"]
    with pytest.raises(Conflict) as exc:
        services.agenda_item_add(actor=secretariat_user, meeting=meeting, titles={"en": "Late"})
    assert exc.value.code == "agenda_frozen"
    v2 = services.agenda_set_status(actor=secretariat_user, meeting=meeting, status="draft")
    assert v2.number == 2
    services.agenda_item_add(
        actor=secretariat_user, meeting=meeting, titles={"en": "Any other business"}
    )
    final = services.agenda_set_status(actor=secretariat_user, meeting=meeting, status="final")
    assert final.number == 2 and len(final.snapshot) == 4
    assert meeting.agenda_versions.count() == 2
    with pytest.raises(DomainError):
        services.agenda_item_add(
            actor=secretariat_user,
            meeting=make_meeting(),
            titles={"en": "Slot"},
            starts_at=meeting.start - datetime.timedelta(days=3),
        )


def test_calendar_tokens_revoke_the_previous_address(secretariat_user):
    from smenet.common.errors import NotFound
    from smenet.events import selectors

    first = services.calendar_token_issue(user=secretariat_user)
    second = services.calendar_token_issue(user=secretariat_user)
    assert selectors.calendar_token_user(second.token) == secretariat_user
    with translation.override("fr"), pytest.raises(NotFound) as exc:
        selectors.calendar_token_user(first.token)
    assert exc.value.code == "token_revoked" and "révoquée" in str(exc.value.message)


def test_institution_factory_is_usable():
    assert InstitutionFactory().acronym
