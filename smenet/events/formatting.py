"""How a meeting's time and a Hijri date read, in the active language.

A meeting is shown in its venue's time zone, named (``10:00 Baku time``), with the visitor's own
time added in the browser (``static/events/localtime.js``). On Arabic pages the Hijri date
(Umm al-Qura, from ``hijridate``) is given beside the Gregorian one.
"""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from smenet.common import formatting

HIJRI_MONTHS_AR = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)


def hijri(day: datetime.date | datetime.datetime | None) -> str:
    """``15 ربيع الآخر 1447 هـ`` for 7 October 2025 (Umm al-Qura), or "" outside its range."""
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = day.date()
    from hijridate import Gregorian

    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    return f"{h.day} {HIJRI_MONTHS_AR[h.month - 1]} {h.year} هـ"


def city_of_zone(time_zone: str) -> str:
    """``Asia/Baku`` → ``Baku`` (the IANA city, as a fallback name for the zone)."""
    return time_zone.rsplit("/", 1)[-1].replace("_", " ")


def meeting_when(meeting, *, lang: str | None = None) -> str:
    """The meeting's dates (and hours unless whole-day) in its venue's zone, naming the zone."""
    lang = lang or translation.get_language() or "en"
    start, end = meeting.local_start, meeting.local_end
    with translation.override(lang):
        if meeting.all_day:
            last = (end - datetime.timedelta(seconds=1)).date()
            first = formatting.date(start.date())
            if last == start.date():
                return first
            return _("%(start)s to %(end)s") % {
                "start": first,
                "end": formatting.date(last),
            }
        zone = meeting.city or city_of_zone(meeting.time_zone)
        if start.date() == end.date():
            text = _("%(date)s, %(start)s–%(end)s") % {
                "date": formatting.date(start.date()),
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
            }
        else:
            text = _("%(start)s to %(end)s") % {
                "start": formatting.date(start.date()) + " " + start.strftime("%H:%M"),
                "end": formatting.date(end.date()) + " " + end.strftime("%H:%M"),
            }
        return _("%(when)s (%(zone)s time, UTC%(offset)s)") % {
            "when": text,
            "zone": zone,
            "offset": _offset(start),
        }


def _offset(moment: datetime.datetime) -> str:
    delta = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
