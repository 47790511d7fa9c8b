"""Meetings for tests, made through the services (so that every test meets the real rules)."""

from __future__ import annotations

import datetime
import itertools

from smenet.events import services
from smenet.governance.tests.factories import BodyFactory

_codes = itertools.count(1)


def make_meeting(
    *,
    body=None,
    code: str | None = None,
    start: datetime.datetime | None = None,
    hours: int = 8,
    time_zone: str = "Asia/Baku",
    title: str | None = None,
    audience: str = "public",
    **kwargs,
):
    """A meeting, by default of the Bureau, in Baku, in 30 days' time (09:00–17:00 local)."""
    n = next(_codes)
    if start is None:  # the venue's wall clock (naive): the service puts it in the zone
        day = datetime.date.today() + datetime.timedelta(days=30 + n * 3)
        start = datetime.datetime.combine(day, datetime.time(9, 0))
    if body is None and kwargs.get("kind", "statutory") == "statutory":
        body = BodyFactory(code="bureau")
    return services.meeting_create(
        actor=None,
        code=code or f"meeting-{n}",
        titles={"en": title or f"Meeting {n}", "ar": f"اجتماع {n}"},
        start=start,
        end=start + datetime.timedelta(hours=hours),
        time_zone=time_zone,
        body=body,
        audience=audience,
        **kwargs,
    )
