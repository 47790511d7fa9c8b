"""E-mail notifications of capacity building: who is told and what they read, in their own
language. Services queue them after commit (``cycle_reminders_after_commit``); the worker's
task (``tasks.send_cycle_reminders``) calls :func:`send_cycle_reminders`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from smenet.common import formatting
from smenet.common.notifications import send_mass_mail
from smenet.registry import roles

from .models import Cycle, ReminderLog


def cycle_reminders_after_commit(*, cycle: Cycle, institution_ids: list[int]) -> None:
    """Queue the questionnaire reminder to these institutions once the transaction commits."""
    from .tasks import send_cycle_reminders

    transaction.on_commit(
        lambda: send_cycle_reminders.enqueue(cycle_id=cycle.pk, institution_ids=institution_ids)
    )


def send_cycle_reminders(*, cycle_id: int, institution_ids: list[int]) -> int:
    """E-mail the focal points of these institutions that the questionnaire closes soon; log
    one reminder per institution. Returns the number of e-mails sent."""
    cycle = Cycle.objects.get(pk=cycle_id)
    messages = []
    logs = []
    by_institution: dict[int, list[Any]] = {}
    for user in roles.focal_points_of(institution_ids):
        by_institution.setdefault(user.focal_for_id, []).append(user)
    for institution_id, users in by_institution.items():
        for user in users:
            with translation.override(user.language or "en"):
                subject = _("Reminder: the %(cycle)s questionnaire closes on %(date)s") % {
                    "cycle": cycle.code,
                    "date": formatting.date(cycle.closes_on),
                }
                body = _(
                    "Dear %(name)s,\n\nYour institution has not yet submitted its answers to the "
                    "needs and capacities questionnaire %(cycle)s of the OIC SME Network. "
                    "It closes on %(date)s.\n\nThe Secretariat"
                ) % {
                    "name": user.full_name,
                    "cycle": cycle.code,
                    "date": formatting.date(cycle.closes_on),
                }
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
        logs.append(
            ReminderLog(
                cycle=cycle, institution_id=institution_id, recipients=[u.email for u in users]
            )
        )
    send_mass_mail(messages, fail_silently=False)
    ReminderLog.objects.bulk_create(logs)
    return len(messages)
