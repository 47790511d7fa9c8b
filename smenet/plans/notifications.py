"""E-mail notifications of the action plan: the reporting-round reminders to the focal points
whose institutions still have items to report, in their own language. Services queue them after
commit; the worker's task (``tasks.send_round_reminders``) calls :func:`round_send_reminders`."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smenet.common.notifications import send_mail
from smenet.registry import roles
from smenet.registry.models import Institution

from .choices import ReportStatus, RoundStatus
from .models import ReminderLog, ReportingRound


def round_reminders_scheduled_after_commit(*, round: ReportingRound) -> None:
    """Once the round is committed, queue its reminders for their days."""
    round_id = round.pk
    transaction.on_commit(lambda: schedule_round_reminders(round_id))


def round_reminders_after_commit(*, round: ReportingRound, days_before: int) -> None:
    """Send the round's reminder now, through the task worker, once the transaction commits."""
    from .tasks import send_round_reminders

    round_id = round.pk
    transaction.on_commit(lambda: send_round_reminders.enqueue(round_id, days_before))


def schedule_round_reminders(round_id: int) -> None:
    """Queue one reminder task per offset, to run that many days before the deadline (08:00
    UTC). A backend that cannot defer (the immediate one in tests) gets none: reminders are
    then sent by ``round_remind`` or the ``plan_reminders`` command."""
    from django_tasks import default_task_backend

    from .tasks import send_round_reminders

    if not default_task_backend.supports_defer:
        return
    rnd = ReportingRound.objects.get(pk=round_id)
    now = timezone.now()
    for days in rnd.reminder_offsets:
        when = datetime.datetime.combine(
            rnd.deadline - datetime.timedelta(days=days), datetime.time(8), tzinfo=datetime.UTC
        )
        if when > now:
            send_round_reminders.using(run_after=when).enqueue(rnd.pk, days)


def round_send_reminders(*, round_id: int, days_before: int) -> list[ReminderLog]:
    """Remind each focal point whose institution still has items to report; log each e-mail.
    Sends nothing twice for the same round, person and offset, and nothing for a closed round."""
    rnd = ReportingRound.objects.select_related("plan_version__plan").get(pk=round_id)
    if rnd.status != RoundStatus.OPEN:
        return []
    done = set(
        rnd.reports.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.VALIDATED]).values_list(
            "item_id", flat=True
        )
    )
    pending: dict[int, int] = {}
    for item_id, lead_id in rnd.plan_version.items.filter(
        lead__isnull=False, children__isnull=True
    ).values_list("pk", "lead_id"):
        if item_id not in done:
            pending[lead_id] = pending.get(lead_id, 0) + 1
    already = set(
        ReminderLog.objects.filter(round=rnd, days_before=days_before).values_list(
            "recipient_id", flat=True
        )
    )
    sent: list[ReminderLog] = []
    acronyms = dict(Institution.objects.filter(pk__in=pending).values_list("pk", "acronym"))
    for user in roles.focal_points_of(pending):
        if user.pk in already:
            continue
        count = pending[user.focal_for_id]
        with translation.override(user.language or "en"):
            plan_title = rnd.plan_version.plan.safe_translation_getter("title", any_language=True)
            subject = _("Reminder: progress report due on %(date)s") % {"date": rnd.deadline}
            body = _(
                "Dear %(name)s,\n\nThe reporting round %(round)s of %(plan)s closes on %(date)s. "
                "%(institution)s still has %(count)s item(s) to report on.\n\nOIC-SMENET"
            ) % {
                "name": user.full_name,
                "round": rnd.label,
                "plan": plan_title,
                "date": rnd.deadline,
                "institution": acronyms[user.focal_for_id],
                "count": count,
            }
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    round=rnd,
                    recipient=user,
                    email=user.email,
                    days_before=days_before,
                    pending_items=count,
                )
        except IntegrityError:
            continue  # another worker sent it
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        already.add(user.pk)
        sent.append(log)
    return sent
