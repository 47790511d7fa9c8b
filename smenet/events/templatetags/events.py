"""``{% meeting_time m %}``: the meeting's time at the venue, named, with a placeholder the
browser fills with the visitor's own time (static/events/localtime.js); the Hijri date beside
the Gregorian one on Arabic pages. ``{{ day|hijri }}`` for any date."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smenet.events.formatting import hijri as hijri_text
from smenet.events.formatting import meeting_when

register = template.Library()


def _arabic() -> bool:
    return (get_language() or "en").startswith("ar")


@register.filter
def hijri(value) -> str:
    return hijri_text(value) if _arabic() and value else ""


@register.simple_tag
def meeting_time(meeting):
    when = meeting_when(meeting)
    extra = ""
    if _arabic():
        extra = format_html(' <span class="hijri">({})</span>', hijri_text(meeting.local_start))
    local = ""
    if not meeting.all_day:
        local = format_html(
            ' <span class="visitor-time" data-start="{}" data-end="{}" data-label="{}" hidden></span>',
            meeting.start.isoformat(),
            meeting.end.isoformat(),
            _("your time"),
        )
    return format_html(
        '<time datetime="{}">{}</time>{}{}',
        meeting.local_start.date().isoformat()
        if meeting.all_day
        else meeting.local_start.isoformat(),
        when,
        extra,
        local,
    )


@register.filter
def slot_time(value, meeting) -> str:
    """An agenda slot's hour in the venue's zone."""
    return value.astimezone(meeting.zone).strftime("%H:%M") if value else ""


@register.filter
def host(url: str) -> str:
    """The site a source link points to (``azertag.az``): short enough for a phone."""
    from urllib.parse import urlsplit

    return urlsplit(url or "").hostname or url


@register.filter
def plan_state(item, today) -> str:
    """An action-plan item's one state, as the plan's pages show it (decision 0022): "Overdue"
    once its end date has passed unless completed or cancelled, its reported status otherwise;
    with the percent reported, if any."""
    from smenet.plans.choices import ItemState
    from smenet.plans.tree import DONE

    overdue = bool(item.end and today and item.end < today and item.status not in DONE)
    label = str(ItemState(ItemState.OVERDUE if overdue else item.status).label)
    if item.percent is not None:
        return f"{label}, {item.percent}%"
    return label
