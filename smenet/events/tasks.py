"""Background work of meetings (run by the db_worker; enqueued after commit): invitations with
the meeting attached as .ics, reminders before a meeting, the minutes' circulation notice and the
close of the silence procedure at the deadline."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from smenet.common.notifications import retry_unless_sent, send_messages
from smenet.common.translation import translated
from smenet.registry import roles

#: Reminders go out this long before a meeting starts.
REMINDER_LEADS = (datetime.timedelta(days=7), datetime.timedelta(days=1))


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _when(meeting, lang: str) -> str:
    from .formatting import meeting_when

    with translation.override(lang):
        return meeting_when(meeting)


@task()
@retry_unless_sent
def send_invitations(invitation_ids: list[int]) -> int:
    """An e-mail to each focal point of each invited institution, in their language, with the
    meeting as an .ics attachment."""
    from .calendar import invitation_bytes
    from .models import Invitation

    invitations = list(
        Invitation.objects.filter(pk__in=invitation_ids).select_related(
            "meeting", "institution", "meeting__country", "meeting__body"
        )
    )
    messages = []
    for invitation in invitations:
        meeting = invitation.meeting
        for user in roles.focal_points_of(invitation.institution_id):
            lang = user.language or "en"
            with translation.override(lang):
                title = translated(meeting, "title", lang) or meeting.code
                subject = _("Invitation: %(meeting)s") % {"meeting": title}
                body = _(
                    "Dear %(name)s,\n\n%(institution)s is invited to %(meeting)s (%(when)s). "
                    "You may nominate up to %(quota)s delegates: %(link)s\n\nThe Secretariat"
                ) % {
                    "name": user.full_name,
                    "institution": invitation.institution.acronym,
                    "meeting": title,
                    "when": _when(meeting, lang),
                    "quota": invitation.quota,
                    "link": _link(meeting.get_absolute_url()),
                }
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            message.attach(
                f"{meeting.code}.ics", invitation_bytes(meeting, lang=lang), "text/calendar"
            )
            messages.append(message)
    send_messages(messages)
    return len(messages)


def schedule_reminders(meeting_id: int, start: datetime.datetime) -> None:
    """Enqueue the reminders of a meeting (each checks, when it runs, that it is still due)."""
    now = timezone.now()
    for lead in REMINDER_LEADS:
        when = start - lead
        if when > now:
            send_reminders.using(run_after=when).enqueue(
                meeting_id=meeting_id, lead_hours=int(lead.total_seconds() // 3600)
            )


@task()
@retry_unless_sent
def send_reminders(meeting_id: int, lead_hours: int) -> int:
    """Remind approved participants; skipped when the meeting moved, was cancelled or the
    reminder was sent already (the log)."""
    from .choices import MeetingStatus, ParticipantStatus
    from .models import Meeting, ReminderLog

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None or meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.HELD):
        return 0
    lead = datetime.timedelta(hours=lead_hours)
    now = timezone.now()
    if not (meeting.start - lead - datetime.timedelta(hours=1) <= now < meeting.start):
        return 0  # the meeting moved; its own reminders were scheduled again
    kind = f"before-{lead_hours}h"
    if ReminderLog.objects.filter(
        meeting=meeting, kind=kind, sent_at__gte=meeting.start - lead - datetime.timedelta(days=1)
    ).exists():
        return 0
    participants = list(meeting.participants.filter(status=ParticipantStatus.APPROVED))
    messages = []
    for p in participants:
        with translation.override(p.language or "en"):
            title = translated(meeting, "title", p.language) or meeting.code
            subject = _("Reminder: %(meeting)s") % {"meeting": title}
            body = _(
                "Dear %(name)s,\n\n%(meeting)s starts %(when)s.\n%(link)s\n\nThe Secretariat"
            ) % {
                "name": p.full_name,
                "meeting": title,
                "when": _when(meeting, p.language or "en"),
                "link": _link(meeting.get_absolute_url()),
            }
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [p.email]))
    send_messages(messages)
    ReminderLog.objects.create(
        meeting=meeting, kind=kind, recipients=[p.email for p in participants]
    )
    return len(messages)


@task()
@retry_unless_sent
def notify_minutes_circulated(minutes_id: int) -> int:
    """Tell the approved participants (and invited institutions' focal points) that the draft
    minutes are open for comments until the deadline."""
    from .choices import ParticipantStatus
    from .models import Minutes

    minutes = Minutes.objects.select_related("meeting").filter(pk=minutes_id).first()
    if minutes is None or minutes.comment_deadline is None:
        return 0
    meeting = minutes.meeting
    recipients: dict[str, str] = {}
    for p in meeting.participants.filter(status=ParticipantStatus.APPROVED):
        recipients.setdefault(p.email, p.language or "en")
    for user in roles.focal_points_of(meeting.invitations.values_list("institution_id", flat=True)):
        recipients.setdefault(user.email, user.language or "en")
    messages = []
    for email, lang in sorted(recipients.items()):
        with translation.override(lang):
            title = translated(meeting, "title", lang) or meeting.code
            subject = _("Draft minutes for comments: %(meeting)s") % {"meeting": title}
            body = _(
                "The draft minutes of %(meeting)s are open for comments until %(deadline)s (UTC). "
                "If no objection is made by then, they are adopted by silence procedure.\n"
                "%(link)s\n\nThe Secretariat"
            ) % {
                "meeting": title,
                "deadline": minutes.comment_deadline.astimezone(datetime.UTC).strftime(
                    "%Y-%m-%d %H:%M"
                ),
                "link": _link(meeting.get_absolute_url() + "minutes/"),
            }
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    send_messages(messages)
    return len(messages)


@task()
def close_silence_procedure(minutes_id: int) -> str:
    from .services import minutes_close_silence

    return minutes_close_silence(minutes_id=minutes_id)
