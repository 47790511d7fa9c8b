"""Progress reports on items: saved by the lead's focal point, submitted, validated or returned."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import versioning
from smenet.common.errors import Conflict, DomainError
from smenet.common.services import attribute_history, validate
from smenet.registry.models import User
from smenet.registry.roles import require_secretariat

from ..choices import DEFAULT_PERCENT, ProgressStatus, ReportStatus, RoundStatus
from ..models import IndicatorActual, PlanItem, ProgressReport, ReportingRound
from ._common import _decimal, _require_reporter


def report_save(
    *,
    actor: User | None,
    round: ReportingRound,
    item: PlanItem,
    progress_status: str,
    percent: int | None = None,
    narrative: str = "",
    language: str = "en",
    actuals: Mapping[int, Any] | None = None,
    expected_version: int | None = None,
) -> ProgressReport:
    """Create or change the lead's report on an item (a draft until submitted)."""
    _require_reporter(actor, item)
    if item.plan_version_id != round.plan_version_id:
        raise DomainError(_("The item is not part of this round's plan version."), field="item")
    if round.status != RoundStatus.OPEN:
        raise DomainError(_("The round is closed."), code="round_closed")
    if progress_status not in ProgressStatus.values:
        raise DomainError(
            _("Unknown status %(status)s.") % {"status": progress_status}, field="status"
        )
    if percent is None:
        percent = DEFAULT_PERCENT.get(progress_status)
        if percent is None:
            raise DomainError(_("Give the percentage complete."), field="percent")
    if progress_status == ProgressStatus.COMPLETED and percent != 100:
        # xgettext:no-python-format
        raise DomainError(_("A completed item is 100% complete."), field="percent")
    with transaction.atomic():
        versioning.lock(item)  # two first saves of the same report at once: one creates it
        report = ProgressReport.objects.filter(round=round, item=item).first()
        if report is None:
            report = ProgressReport(round=round, item=item)
            attribute_history(report, actor)
        else:
            report = versioning.edit(report, actor=actor, expected_version=expected_version)
            if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
                raise Conflict(
                    _("The report was submitted and is waiting for the Secretariat."),
                    code="report_locked",
                )
        report.progress_status = progress_status
        report.percent = percent
        report.narrative = narrative
        report.language = language
        validate(report)
        report.save()
        if actuals is not None:
            indicators = {ind.pk: ind for ind in item.indicators.all()}
            for indicator_id, value in actuals.items():
                if int(indicator_id) not in indicators:
                    raise DomainError(
                        _("Unknown indicator %(id)s.") % {"id": indicator_id},
                        field=f"actuals.{indicator_id}",
                    )
                number = _decimal(value, f"actuals.{indicator_id}")
                if number is None:
                    IndicatorActual.objects.filter(
                        report=report, indicator_id=indicator_id
                    ).delete()
                    continue
                IndicatorActual.objects.update_or_create(
                    report=report, indicator_id=int(indicator_id), defaults={"value": number}
                )
    return report


def report_submit(*, actor: User | None, report: ProgressReport) -> ProgressReport:
    _require_reporter(actor, report.item)
    with transaction.atomic():
        report, _previous = versioning.status_change(
            report,
            actor=actor,
            to=ReportStatus.SUBMITTED,
            allowed_from={ReportStatus.DRAFT, ReportStatus.RETURNED},
            refuse=lambda _r: Conflict(
                _("The report was submitted already."), code="report_locked"
            ),
        )
        if report.round.status != RoundStatus.OPEN:
            raise DomainError(_("The round is closed."), code="round_closed")
        report.submitted_by = actor
        report.submitted_at = timezone.now()
        report.save()
    return report


def report_validate(
    *, actor: User | None, report: ProgressReport, comment: str = ""
) -> ProgressReport:
    """The Secretariat accepts a report: the item's progress and indicator actuals follow it."""
    require_secretariat(actor)
    with transaction.atomic():
        report, _previous = versioning.status_change(
            report,
            actor=actor,
            to=ReportStatus.VALIDATED,
            allowed_from={ReportStatus.SUBMITTED},
            queryset=ProgressReport.objects.select_related("round"),
            refuse=lambda _r: Conflict(
                _("Only a submitted report can be validated."), code="wrong_status"
            ),
        )
        report.reviewed_by = actor
        report.reviewed_at = timezone.now()
        report.review_comment = comment
        report.save()
        # The item's progress and its indicators' actuals follow the report, validated like any
        # save. Progress is not plan content: the item's version (which guards its titles,
        # dates and indicators against stale edits and imports) and revisions stay as they
        # are; the validated report, with who validated it and when, is the record.
        item = versioning.lock(report.item)
        item.status = report.progress_status
        item.percent = report.percent
        validate(item)
        item.save(update_fields=["status", "percent"])
        as_of = min(report.round.deadline, timezone.localdate())
        for actual in report.actuals.select_related("indicator"):
            indicator = actual.indicator
            indicator.actual = actual.value
            indicator.actual_on = as_of
            validate(indicator)
            indicator.save(update_fields=["actual", "actual_on"])
    return report


def report_return(*, actor: User | None, report: ProgressReport, comment: str) -> ProgressReport:
    require_secretariat(actor)
    if not comment.strip():
        raise DomainError(_("Say what the focal point should change."), field="comment")
    with transaction.atomic():
        report, _previous = versioning.status_change(
            report,
            actor=actor,
            to=ReportStatus.RETURNED,
            allowed_from={ReportStatus.SUBMITTED},
            refuse=lambda _r: Conflict(
                _("Only a submitted report can be returned."), code="wrong_status"
            ),
        )
        report.reviewed_by = actor
        report.reviewed_at = timezone.now()
        report.review_comment = comment
        report.save()
    return report
