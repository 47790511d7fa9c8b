"""Background tasks of the statistics app (run by the db_worker; enqueued after commit)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from smenet.common.notifications import retry_unless_sent, send_mass_mail
from smenet.registry.choices import Role
from smenet.registry.models import RoleAssignment


@task()
@retry_unless_sent
def send_round_reminders(round_id: int, country_ids: list[int]) -> int:
    """E-mail the focal points of each country, in their own language, and log the reminder."""
    from .models import DataRound, RoundReminder

    data_round = DataRound.objects.prefetch_related("translations").get(pk=round_id)
    assignments = (
        RoleAssignment.objects.filter(
            role=Role.FOCAL_POINT, institution__country_id__in=country_ids, user__is_active=True
        )
        .select_related("user", "institution")
        .order_by("institution__country_id", "user_id")
    )
    messages, logs = [], []
    by_country: dict[int, list] = {}
    for assignment in assignments:
        institution = assignment.institution
        if institution is None or institution.country_id is None:  # filtered out above
            continue
        by_country.setdefault(institution.country_id, []).append(assignment.user)
    for country_id, users in by_country.items():
        for user in users:
            with translation.override(user.language or "en"):
                title = (
                    data_round.safe_translation_getter("title", any_language=True)
                    or data_round.code
                )
                subject = _("Reminder: the data round %(round)s closes on %(date)s") % {
                    "round": title,
                    "date": data_round.deadline.isoformat(),
                }
                body = _(
                    "Dear %(name)s,\n\nThe OIC SME Network is still waiting for some of your "
                    "country's figures for the data round %(round)s. It closes on %(date)s.\n\n"
                    "The Secretariat"
                ) % {
                    "name": user.full_name,
                    "round": title,
                    "date": data_round.deadline.isoformat(),
                }
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
        logs.append(
            RoundReminder(
                round=data_round, country_id=country_id, recipients=[u.email for u in users]
            )
        )
    send_mass_mail(messages, fail_silently=False)
    RoundReminder.objects.bulk_create(logs)
    return len(messages)
