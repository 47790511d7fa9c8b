"""Reporting rounds: opened and closed by the Secretariat, reminders through the task worker."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common.errors import DomainError
from smenet.common.services import attribute_history, validate
from smenet.registry.models import User
from smenet.registry.roles import require_secretariat

from .. import notifications
from ..choices import RoundStatus, VersionStatus
from ..models import PlanVersion, ReportingRound


def round_open(
    *,
    actor: User | None,
    version: PlanVersion,
    label: str,
    deadline: datetime.date,
    opens_on: datetime.date | None = None,
    reminder_days: str = "7,1",
    is_sample: bool = False,
) -> ReportingRound:
    require_secretariat(actor)
    if version.status == VersionStatus.SUPERSEDED:
        raise DomainError(
            _("Reports are made on the current version, not a superseded one."),
            field="plan_version",
        )
    if not label.strip():
        raise DomainError(_("Give the round a label."), field="label")
    opens_on = opens_on or timezone.localdate()
    if deadline < opens_on:
        raise DomainError(_("The deadline is before the round opens."), field="deadline")
    with transaction.atomic():
        rnd = ReportingRound(
            plan_version=version,
            label=label.strip(),
            opens_on=opens_on,
            deadline=deadline,
            reminder_days=reminder_days,
            is_sample=is_sample,
        )
        validate(rnd)
        attribute_history(rnd, actor)
        rnd.save()
        notifications.round_reminders_scheduled_after_commit(round=rnd)
    return rnd


def round_close(*, actor: User | None, round: ReportingRound) -> ReportingRound:
    require_secretariat(actor)
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    attribute_history(round, actor)
    round.save()
    return round


def round_remind(*, actor: User | None, round: ReportingRound) -> None:
    """Send the reminder now (through the task worker, after commit)."""
    require_secretariat(actor)
    if round.status != RoundStatus.OPEN:
        raise DomainError(_("The round is closed."), code="round_closed")
    days = (round.deadline - timezone.localdate()).days
    notifications.round_reminders_after_commit(round=round, days_before=days)
