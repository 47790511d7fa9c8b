"""Meetings as iCalendar (RFC 5545), written with the ``icalendar`` library.

- One VEVENT per meeting, UID ``meeting-<id>@<domain>``: stable for the life of the meeting
  (the code may be edited, the id never is), so a client updates its copy instead of adding one.
- DTSTART/DTEND in the venue's zone with a TZID, and a VTIMEZONE for each zone used (built from
  the IANA database by the library); whole-day meetings as DATE values.
- SEQUENCE is the meeting's ``sequence`` (bumped by every change of date, place, mode or
  status); a cancelled meeting stays in the feed with STATUS:CANCELLED so clients remove it.
- DTSTAMP is the last change of the meeting, so a feed is byte-identical until something changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from icalendar import Calendar, Event, Timezone

from smenet.common.translation import translated

from .choices import MeetingMode, MeetingStatus
from .models import Meeting

PRODID = "-//OIC SME Network//SMENET meetings//EN"
STATUS = {
    MeetingStatus.PLANNED: "TENTATIVE",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "smenet.example"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{uid_domain()}"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else path


def _event(meeting: Meeting, lang: str, *, with_join_link: bool) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
    event.add("created", meeting.created_at.astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("sequence", meeting.sequence)
    if meeting.all_day:
        event.add("dtstart", meeting.local_start.date())
        event.add("dtend", meeting.local_end.date())
    else:
        event.add("dtstart", meeting.local_start)
        event.add("dtend", meeting.local_end)
    event.add("summary", translated(meeting, "title", lang) or meeting.code)
    description = translated(meeting, "description", lang)
    if meeting.status == MeetingStatus.CANCELLED and meeting.status_reason:
        description = f"{description}\n\n{meeting.status_reason}".strip()
    if description:
        event.add("description", description)
    place = [translated(meeting, "venue", lang), meeting.city]
    if meeting.country_id:
        place.append(translated(meeting.country, "name", lang))
    parts: list[str] = []
    for p in place:  # the venue is often the city itself ("Baku, Baku" said once)
        if p and p.casefold() not in {q.casefold() for q in parts}:
            parts.append(p)
    location = ", ".join(parts)
    if meeting.mode == MeetingMode.ONLINE and not location:
        with translation.override(lang):
            location = str(MeetingMode.ONLINE.label)
    if location:
        event.add("location", location)
    event.add("status", STATUS[MeetingStatus(meeting.status)])
    url = absolute(meeting.get_absolute_url())
    if url.startswith("http"):
        event.add("url", url)
    if with_join_link and meeting.join_url and meeting.mode != MeetingMode.IN_PERSON:
        event.add("conference", meeting.join_url, parameters={"VALUE": "URI"})
    if meeting.body is not None:
        event.add("categories", [translated(meeting.body, "name", lang) or meeting.body.code])
    return event


def calendar_bytes(
    meetings: Iterable[Meeting],
    *,
    name: str,
    lang: str = "en",
    join_links_for: set[int] | frozenset[int] = frozenset(),
) -> bytes:
    """A VCALENDAR of ``meetings`` (prefetched translations, body, country)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    events, zones = [], set()
    first: dict[str, datetime.datetime] = {}
    last: dict[str, datetime.datetime] = {}
    for meeting in meetings:
        events.append(_event(meeting, lang, with_join_link=meeting.pk in join_links_for))
        if not meeting.all_day:
            zones.add(meeting.time_zone)
            zone = meeting.time_zone
            first[zone] = min(first.get(zone, meeting.start), meeting.start)
            last[zone] = max(last.get(zone, meeting.end), meeting.end)
    for zone in sorted(zones):
        start = first[zone].replace(tzinfo=None) - datetime.timedelta(days=366)
        end = last[zone].replace(tzinfo=None) + datetime.timedelta(days=366)
        cal.add_component(Timezone.from_tzid(zone, first_date=start.date(), last_date=end.date()))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def invitation_bytes(meeting: Meeting, *, lang: str) -> bytes:
    """The single meeting as an e-mail attachment (METHOD:PUBLISH: informational)."""
    return calendar_bytes(
        [meeting], name=translated(meeting, "title", lang) or meeting.code, lang=lang
    )
