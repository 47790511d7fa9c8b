"""Background tasks of capacity building (run by the db_worker; enqueued after commit)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from smenet.common import formatting
from smenet.registry import roles


@task()
def send_cycle_reminders(cycle_id: int, institution_ids: list[int]) -> int:
    from .models import Cycle, ReminderLog

    cycle = Cycle.objects.get(pk=cycle_id)
    messages = []
    logs = []
    by_institution: dict[int, list] = {}
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
