"""The iCalendar feeds, read back with an independent parser (``ical``, not the ``icalendar``
library that writes them): stable UIDs, VTIMEZONE, SEQUENCE bumped and STATUS:CANCELLED on
change, private feeds with a revocable token."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from ical.calendar_stream import IcsCalendarStream

from smenet.events import services
from smenet.events.choices import ParticipantStatus
from smenet.governance.tests.factories import BodyFactory

from .factories import make_meeting

pytestmark = pytest.mark.django_db
BAKU = ZoneInfo("Asia/Baku")


def parse(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return IcsCalendarStream.calendar_from_ics(response.content.decode("utf-8"))


def test_public_feed_has_stable_uids_timezones_and_sequence(client, secretariat_user):
    meeting = make_meeting(
        start=datetime.datetime(2027, 3, 4, 10, 0), title="Bureau spring meeting"
    )
    hidden = make_meeting(audience="bureau", title="Closed session")
    calendar = parse(client.get("/feeds/meetings.ics"))
    events = {e.summary: e for e in calendar.events}
    assert "Closed session" not in events and hidden.code
    event = events["Bureau spring meeting"]
    uid = event.uid
    assert uid.startswith(f"meeting-{meeting.pk}@")
    assert event.dtstart == datetime.datetime(2027, 3, 4, 10, 0, tzinfo=BAKU)
    assert event.dtstart.utcoffset() == datetime.timedelta(hours=4)
    assert [tz.tz_id for tz in calendar.timezones] == ["Asia/Baku"]
    assert event.sequence == 0

    services.meeting_postpone(
        actor=secretariat_user,
        meeting=meeting,
        start=datetime.datetime(2027, 4, 1, 10, 0),
        end=datetime.datetime(2027, 4, 1, 16, 0),
    )
    event = {e.summary: e for e in parse(client.get("/feeds/meetings.ics")).events}[
        "Bureau spring meeting"
    ]
    assert event.uid == uid and event.sequence == 1
    assert event.dtstart.date() == datetime.date(2027, 4, 1)

    services.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="No quorum")
    event = {e.summary: e for e in parse(client.get("/feeds/meetings.ics")).events}[
        "Bureau spring meeting"
    ]
    assert event.uid == uid and event.sequence == 2
    assert (
        str(event.status.value if hasattr(event.status, "value") else event.status).upper()
        == "CANCELLED"
    )
    assert "No quorum" in event.description


def test_one_meeting_and_a_whole_day_meeting(client, founding):
    calendar = parse(client.get("/meetings/inaugural-meeting-2025.ics"))
    (event,) = calendar.events
    assert event.dtstart == datetime.date(2025, 10, 7)  # whole day: a DATE value
    assert event.dtend == datetime.date(2025, 10, 8)
    assert event.location == "Baku, Azerbaijan"  # the venue is the city: said once
    with translation.override("ar"):
        arabic = parse(client.get("/ar/meetings/inaugural-meeting-2025.ics"))
    assert "الاجتماع الافتتاحي" in arabic.events[0].summary
    assert arabic.events[0].uid == event.uid


def test_body_feed_and_unknown_body(client):
    bureau = BodyFactory(code="bureau")
    ga = BodyFactory(code="general-assembly")
    make_meeting(body=bureau, title="Bureau 1")
    make_meeting(body=ga, title="GA 1")
    calendar = parse(client.get("/feeds/bodies/bureau.ics"))
    assert [e.summary for e in calendar.events] == ["Bureau 1"]
    assert client.get("/feeds/bodies/nothing.ics").status_code == 404
    assert client.get("/meetings/no-such-meeting.ics").status_code == 404


def test_private_feed_shows_my_meetings_with_join_links_and_refuses_a_revoked_token(
    client, secretariat_user, institution_a, focal_point_of
):
    focal = focal_point_of(institution_a)
    online = make_meeting(
        mode="online",
        join_url="https://meet.example/bureau",
        audience="members",
        title="Online bureau",
    )
    make_meeting(title="Not mine")
    services.invitation_send(actor=secretariat_user, meeting=online, institutions=[institution_a])
    p = services.nomination_create(
        actor=focal,
        meeting=online,
        institution=institution_a,
        full_name=focal.full_name,
        email=focal.email,
    )
    assert (
        services.participant_decide(actor=secretariat_user, participant=p, approve=True).status
        == ParticipantStatus.APPROVED
    )
    token = services.calendar_token_issue(user=focal)
    calendar = parse(client.get(f"/feeds/my/{token.token}.ics"))
    assert [e.summary for e in calendar.events] == ["Online bureau"]
    raw = client.get(f"/feeds/my/{token.token}.ics").content.decode()
    assert "CONFERENCE;VALUE=URI:https://meet.example/bureau" in raw
    # the public feed has no join link
    assert "meet.example" not in client.get("/feeds/meetings.ics").content.decode()

    services.calendar_token_issue(user=focal)  # a new address revokes the old one
    with translation.override("fr"):
        response = client.get(f"/fr/feeds/my/{token.token}.ics")
    assert response.status_code == 410
    assert "révoquée" in response.content.decode()
    assert client.get("/feeds/my/not-a-token.ics").status_code == 404


def test_feed_queries_do_not_grow_with_the_number_of_meetings(
    client, django_assert_max_num_queries
):
    for n in range(3):
        make_meeting(title=f"M{n}")
    with django_assert_max_num_queries(8):
        client.get("/feeds/meetings.ics")
    for n in range(3, 15):
        make_meeting(title=f"M{n}", time_zone="Europe/Istanbul" if n % 2 else "Asia/Riyadh")
    with django_assert_max_num_queries(8):
        calendar = parse(client.get("/feeds/meetings.ics"))
    assert len(calendar.events) == 15
    assert {tz.tz_id for tz in calendar.timezones} == {
        "Asia/Baku",
        "Europe/Istanbul",
        "Asia/Riyadh",
    }
