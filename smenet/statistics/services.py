"""Writes of the statistics app. Observations change only here, and every change of a value
keeps the old one as a revision.

Large imports write in short transactions of ``CHUNK`` observations (SQLite serialises
writers; one transaction over half a million rows would block every other writer for its
whole length). They stay all or nothing: every record is checked before the first write, and
if a write fails half-way the chunks already written are undone from the revisions they left
(decision 0018).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common import versioning
from smenet.common.errors import Conflict, PermissionDenied, ValidationFailed
from smenet.common.services import attribute_history, validate
from smenet.common.translation import set_translations
from smenet.registry import roles
from smenet.registry.roles import require_secretariat
from smenet.registry.types import User

from .choices import ImportState, RoundStatus, SubmissionStatus
from .models import DataRound, ImportBatch, Indicator, Observation, ObservationRevision, Submission
from .querysets import focal_country_ids
from .records import Record

CHUNK = 5000
#: The fields of an observation an import or a verification may change.
FIELDS = (
    "value",
    "obs_status",
    "qualifier",
    "source_url",
    "source_publisher",
    "definition_id",
    "note",
)
_STATE = (*FIELDS, "import_batch_id", "verified_by_id", "verified_at", "submitted_by_id")


@dataclass
class WriteResult:
    created: int = 0
    revised: int = 0
    unchanged: int = 0
    batch: ImportBatch | None = None

    @property
    def changed(self) -> int:
        return self.created + self.revised


@dataclass
class _Plan:
    new: list[Record]
    revised: list[tuple[Record, int, dict[str, Any]]]  # record, observation id, old state
    unchanged: int


def _existing(records: Sequence[Record]) -> dict[tuple[int, str, str], tuple[int, dict[str, Any]]]:
    """The stored state of every key the records touch, read by indicator in a few queries."""
    by_indicator: dict[int, set[str]] = {}
    for r in records:
        by_indicator.setdefault(r.indicator.pk, set()).add(r.ref_area)
    found: dict[tuple[int, str, str], tuple[int, dict[str, Any]]] = {}
    indicator_ids = sorted(by_indicator)
    columns = ("id", "indicator_id", "ref_area", "period", *_STATE)
    for start in range(0, len(indicator_ids), 200):
        ids = indicator_ids[start : start + 200]
        areas = set().union(*(by_indicator[i] for i in ids))
        qs = Observation.objects.filter(indicator_id__in=ids)
        if len(areas) <= 100:
            qs = qs.filter(ref_area__in=sorted(areas))
        for row in qs.values_list(*columns).iterator(chunk_size=10000):
            state = dict(zip(_STATE, row[4:], strict=True))
            found[(row[1], row[2], row[3])] = (row[0], state)
    return found


def _wanted(record: Record, old: dict[str, Any] | None) -> dict[str, Any]:
    """The field values the record asks for; fields its format does not carry stay as they are."""
    values = {
        "value": record.value,
        "obs_status": record.obs_status,
        "source_url": record.source_url,
        "definition_id": record.definition_id,
    }
    for name in ("qualifier", "source_publisher", "note"):
        if name in record.extra:
            values[name] = record.extra[name]
        else:
            values[name] = old[name] if old is not None else ""
    return values


def _plan(records: Sequence[Record]) -> _Plan:
    existing = _existing(records)
    new: list[Record] = []
    revised: list[tuple[Record, int, dict[str, Any]]] = []
    unchanged = 0
    for record in records:
        hit = existing.get(record.key)
        if hit is None:
            new.append(record)
            continue
        pk, old = hit
        wanted = _wanted(record, old)
        if all(wanted[f] == old[f] for f in FIELDS):
            unchanged += 1
        else:
            revised.append((record, pk, old))
    return _Plan(new=new, revised=revised, unchanged=unchanged)


def duplicate_errors(records: Iterable[Record]) -> list[str]:
    seen: dict[tuple[int, str, str], str] = {}
    errors = []
    for r in records:
        if r.key in seen:
            errors.append(
                _("%(where)s: %(indicator)s, %(area)s, %(period)s already appears at %(first)s")
                % {
                    "where": r.where,
                    "indicator": r.indicator.code,
                    "area": r.ref_area,
                    "period": r.period.code,
                    "first": seen[r.key],
                }
            )
        else:
            seen[r.key] = r.where
    return errors


def observations_write(
    *,
    actor: User | None,
    records: Sequence[Record],
    batch_info: dict[str, Any] | None = None,
    reason: str = "",
    submitted_by: User | None = None,
    round_id: int | None = None,
    is_sample: bool = False,
    now: datetime.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> WriteResult:
    """Write checked records as verified observations: new keys are added, changed ones revised
    (the old value kept), identical ones left alone. ``batch_info`` (file name, format, sha256)
    records an import; nothing is recorded when nothing changes."""
    require_secretariat(actor)
    if errors := duplicate_errors(records):
        raise ValidationFailed({"records": errors})
    plan = _plan(records)
    result = WriteResult(unchanged=plan.unchanged)
    if not plan.new and not plan.revised:
        return result
    now = now or timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    submitter = submitted_by if getattr(submitted_by, "is_authenticated", False) else user
    batch = None
    if batch_info is not None:
        batch = ImportBatch.objects.create(actor=user, records=len(records), **batch_info)
    common = {
        "verified_by": user,
        "verified_at": now,
        "submitted_by": submitter,
        "import_batch": batch,
        "round_id": round_id,
    }
    # ("new", records) and ("rev", (record, observation id, old state)) chunks.
    chunks: list[tuple[str, Sequence[Any]]]
    chunks = [("new", plan.new[i : i + CHUNK]) for i in range(0, len(plan.new), CHUNK)]
    chunks += [("rev", plan.revised[i : i + CHUNK]) for i in range(0, len(plan.revised), CHUNK)]
    single = len(chunks) == 1 or batch is None
    try:
        with transaction.atomic() if single else nullcontext():
            done = plan.unchanged
            for kind, chunk in chunks:
                with transaction.atomic():
                    if kind == "new":
                        _create(chunk, common, is_sample)
                    else:
                        _revise(chunk, common, user, batch, reason)
                done += len(chunk)
                if progress is not None and not single:
                    progress(done, len(records))
    except Exception:
        if batch is not None and not single:
            _undo(batch)
        elif batch is not None:
            ImportBatch.objects.filter(pk=batch.pk).delete()
        raise
    result.created, result.revised, result.batch = len(plan.new), len(plan.revised), batch
    if batch is not None:
        ImportBatch.objects.filter(pk=batch.pk).update(
            state=ImportState.DONE,
            created=result.created,
            revised=result.revised,
            unchanged=result.unchanged,
        )
        batch.state = ImportState.DONE
    return result


_INSERT_FIELDS = (
    "indicator",
    "ref_area",
    "period",
    "year",
    "quarter",
    *FIELDS,
    "submitted_by",
    "verified_by",
    "verified_at",
    "import_batch",
    "round",
    "is_sample",
    "updated_at",
)


def _create(records: Sequence[Record], common: dict[str, Any], is_sample: bool) -> None:
    """One multi-row INSERT statement run over the chunk (``executemany``): the rows are
    already checked, and building a model instance per row costs more than the write."""
    ops = connection.ops
    fields = [_column(name) for name in _INSERT_FIELDS]
    columns = ", ".join(ops.quote_name(column) for column in fields)
    # Table and column names come from the model, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {ops.quote_name(Observation._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    now = ops.adapt_datetimefield_value(timezone.now())
    verified_at = ops.adapt_datetimefield_value(common["verified_at"])
    tail = (
        _pk(common["submitted_by"]),
        _pk(common["verified_by"]),
        verified_at,
        _pk(common["import_batch"]),
        common["round_id"],
        is_sample,
        now,
    )
    rows = []
    for r in records:
        values = _wanted(r, None)
        rows.append(
            (
                r.indicator.pk,
                r.ref_area,
                r.period.code,
                r.period.year,
                r.period.quarter,
                *(values[name] for name in FIELDS),
                *tail,
            )
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream for the chunk, about five times the rows a second of an
            # INSERT per row (the values are adapted by psycopg, as parameters are).
            copy_sql = f"COPY {ops.quote_name(Observation._meta.db_table)} ({columns}) FROM STDIN"  # noqa: S608
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(sql, rows)


def _column(name: str) -> str:
    """The database column of an observation field (a concrete field: never a relation's
    reverse side)."""
    field = Observation._meta.get_field(name)
    if not isinstance(field, Field) or field.column is None:
        raise LookupError(name)
    return field.column


def _pk(obj: Any) -> Any:
    return getattr(obj, "pk", None)


def _revise(
    items: Sequence[tuple[Record, int, dict[str, Any]]],
    common: dict[str, Any],
    user: User | None,
    batch: ImportBatch | None,
    reason: str,
) -> None:
    revisions, updated = [], []
    for record, pk, old in items:
        revisions.append(
            ObservationRevision(
                observation_id=pk,
                revised_by=user,
                revised_in=batch,
                reason=reason[:300],
                previous_batch_id=old["import_batch_id"],
                **{f: old[f] for f in FIELDS},
                verified_by_id=old["verified_by_id"],
                verified_at=old["verified_at"],
                submitted_by_id=old["submitted_by_id"],
            )
        )
        obs = Observation(pk=pk, **_wanted(record, old), **common)
        updated.append(obs)
    ObservationRevision.objects.bulk_create(revisions, batch_size=1000)
    Observation.objects.bulk_update(
        updated,
        [*FIELDS, "import_batch", "verified_by", "verified_at", "submitted_by", "round"],
        batch_size=500,
    )


def _undo(batch: ImportBatch) -> None:
    """Take back what the chunks of a failed import wrote (see the module docstring)."""
    with transaction.atomic():
        revisions = list(ObservationRevision.objects.filter(revised_in=batch))
        restored = [
            Observation(
                pk=rev.observation_id,
                **{f: getattr(rev, f) for f in FIELDS},
                import_batch_id=rev.previous_batch_id,
                verified_by_id=rev.verified_by_id,
                verified_at=rev.verified_at,
                submitted_by_id=rev.submitted_by_id,
            )
            for rev in revisions
        ]
        Observation.objects.bulk_update(
            restored,
            [*FIELDS, "import_batch", "verified_by", "verified_at", "submitted_by"],
            batch_size=500,
        )
        ObservationRevision.objects.filter(revised_in=batch).delete()
        Observation.objects.filter(import_batch=batch).delete()
        ImportBatch.objects.filter(pk=batch.pk).update(state=ImportState.UNDONE)


# ---------------------------------------------------------------------------- single figures


def observation_record(*, actor: User, record: Record, reason: str = "") -> Observation:
    """The Secretariat enters or corrects one figure directly (verified by that act)."""
    observations_write(
        actor=actor, records=[record], reason=reason or _("entered by the Secretariat")
    )
    return Observation.objects.get(
        indicator=record.indicator, ref_area=record.ref_area, period=record.period.code
    )


def _previous_value(record: Record) -> tuple[str, float] | None:
    """The verified figure of the period before (the year before, or the quarter before)."""
    period = record.period
    if period.quarter:
        prev = (
            f"{period.year}-Q{period.quarter - 1}"
            if period.quarter > 1
            else f"{period.year - 1}-Q4"
        )
    else:
        prev = str(period.year - 1)
    value = (
        Observation.objects.filter(
            indicator=record.indicator, ref_area=record.ref_area, period=prev
        )
        .values_list("value", flat=True)
        .first()
    )
    return (prev, value) if value is not None else None


def change_needs_comment(record: Record) -> str | None:
    """The message asking for a comment when the figure moves more than the indicator's
    threshold from the period before; None when it does not."""
    threshold = record.indicator.change_threshold
    if threshold is None or record.value is None:
        return None
    previous = _previous_value(record)
    if previous is None:
        return None
    period, old = previous
    if old == 0:
        change = math.inf if record.value else 0.0
    else:
        change = abs(record.value - old) / abs(old) * 100
    if change <= threshold:
        return None
    return _(
        "The figure changes by %(change)s %% from %(period)s (%(old)s); explain the change in a comment."
    ) % {
        "change": "∞" if math.isinf(change) else f"{change:.0f}",
        "period": period,
        "old": f"{old:g}",
    }


@transaction.atomic
def submission_create(
    *, actor: User, record: Record, comment: str = "", round: DataRound | None = None
) -> Submission:
    """A focal point submits a figure for its country; it waits for the Secretariat."""
    country_id = _submitter_country(actor, record)
    if round is not None:
        _check_round(round, record)
    if not comment.strip() and (problem := change_needs_comment(record)):
        raise ValidationFailed({"comment": [problem]}, code="comment_required")
    _check_missing_reason(record)
    if Submission.objects.filter(
        indicator=record.indicator,
        country_id=country_id,
        period=record.period.code,
        status__in=PENDING,
    ).exists():
        raise Conflict(
            _(
                "A figure for %(indicator)s, %(period)s is already awaiting verification; change that one instead."
            )
            % {"indicator": record.indicator.code, "period": record.period.code},
            code="already_submitted",
        )
    submission = Submission(
        round=round,
        indicator=record.indicator,
        country_id=country_id,
        period=record.period.code,
        year=record.period.year,
        quarter=record.period.quarter,
        value=record.value,
        obs_status=record.obs_status,
        qualifier=record.extra.get("qualifier", ""),
        source_url=record.source_url,
        source_publisher=record.extra.get("source_publisher", ""),
        definition_id=record.definition_id,
        note=record.extra.get("note", ""),
        comment=comment.strip(),
        submitted_by=actor,
    )
    validate(submission)
    attribute_history(submission, actor)
    submission.save()
    return submission


@transaction.atomic
def submission_update(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    record: Record,
    comment: str = "",
) -> Submission:
    """The focal point corrects a figure awaiting verification or returned to it (locked and
    version-checked by ``common.versioning``, decision 0019)."""
    locked, _previous = versioning.status_change(
        submission,
        actor=actor,
        to=SubmissionStatus.SUBMITTED,
        allowed_from=PENDING,
        expected_version=expected_version,
        refuse=lambda s: Conflict(
            _("This figure was verified in the meantime."), code="already_verified"
        ),
    )
    _submitter_country(actor, record)
    if (record.indicator.pk, record.period.code) != (locked.indicator_id, locked.period):
        raise ValidationFailed(
            {"period": [_("A submitted figure keeps its indicator and period.")]}
        )
    if not comment.strip() and (problem := change_needs_comment(record)):
        raise ValidationFailed({"comment": [problem]}, code="comment_required")
    _check_missing_reason(record)
    locked.value = record.value
    locked.obs_status = record.obs_status
    locked.qualifier = record.extra.get("qualifier", locked.qualifier)
    locked.source_url = record.source_url
    locked.source_publisher = record.extra.get("source_publisher", locked.source_publisher)
    locked.definition_id = record.definition_id
    locked.note = record.extra.get("note", locked.note)
    locked.comment = comment.strip()
    validate(locked)
    locked.save()
    return locked


@transaction.atomic
def submission_verify(
    *, actor: User, submission: Submission, expected_version: int | None = None
) -> Observation:
    """The Secretariat accepts a figure: it becomes the observation (a revision of the
    previous value, if there was one)."""
    require_secretariat(actor)
    locked, _previous = versioning.status_change(
        submission,
        actor=actor,
        to=SubmissionStatus.VERIFIED,
        allowed_from=[SubmissionStatus.SUBMITTED],
        expected_version=expected_version,
        refuse=lambda s: Conflict(
            _("Only a figure awaiting verification can be verified."), code="not_submitted"
        ),
    )
    from .periods import parse_period

    period = parse_period(locked.period)
    if period is None:  # pragma: no cover - stored from a checked record
        raise ValueError(f"submission {locked.pk} has no valid period {locked.period!r}")
    record = Record(
        where=_("submitted figure"),
        indicator=locked.indicator,
        ref_area=locked.country.iso3,
        period=period,
        value=locked.value,
        obs_status=locked.obs_status,
        source_url=locked.source_url,
        definition_id=locked.definition_id,
        extra={
            "qualifier": locked.qualifier,
            "source_publisher": locked.source_publisher,
            "note": locked.note,
        },
    )
    observations_write(
        actor=actor,
        records=[record],
        submitted_by=locked.submitted_by,
        round_id=locked.round_id,
        reason=_("submitted figure verified")
        + (f": {locked.comment[:200]}" if locked.comment else ""),
    )
    observation = Observation.objects.get(
        indicator=locked.indicator, ref_area=record.ref_area, period=record.period.code
    )
    locked.reviewed_by = actor
    locked.reviewed_at = timezone.now()
    locked.observation = observation
    locked.save()
    return observation


@transaction.atomic
def submission_return(
    *, actor: User, submission: Submission, comment: str, expected_version: int | None = None
) -> Submission:
    require_secretariat(actor)
    if not comment.strip():
        raise ValidationFailed({"comment": [_("Say what should be corrected.")]})
    locked, _previous = versioning.status_change(
        submission,
        actor=actor,
        to=SubmissionStatus.RETURNED,
        allowed_from=[SubmissionStatus.SUBMITTED],
        expected_version=expected_version,
        refuse=lambda s: Conflict(
            _("Only a figure awaiting verification can be returned."), code="not_submitted"
        ),
    )
    locked.review_comment = comment.strip()
    locked.reviewed_by = actor
    locked.reviewed_at = timezone.now()
    locked.save()
    return locked


PENDING = (SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED)
ROUND_MOVES = {
    RoundStatus.DRAFT: {RoundStatus.OPEN},
    RoundStatus.OPEN: {RoundStatus.CLOSED},
    RoundStatus.CLOSED: {RoundStatus.OPEN},
}


def _submitter_country(actor: User, record: Record) -> int:
    from smenet.registry.models import Country

    country = Country.objects.filter(iso3=record.ref_area).values_list("pk", flat=True).first()
    if country is None:
        raise ValidationFailed(
            {"ref_area": [_("Figures are submitted for a member state, not a group.")]}
        )
    if roles.is_secretariat(actor):
        return country
    if country not in focal_country_ids(actor):
        raise PermissionDenied(
            _("You submit figures for your own country only."), code="not_your_country"
        )
    return country


def _check_round(round: DataRound, record: Record) -> None:
    if round.status != RoundStatus.OPEN:
        raise Conflict(_("This data round is not open."), code="round_not_open")
    if not round.first_year <= record.period.year <= round.last_year:
        raise ValidationFailed(
            {
                "period": [
                    _("This round asks for %(first)s to %(last)s.")
                    % {"first": round.first_year, "last": round.last_year}
                ]
            }
        )
    if not round.indicators.filter(pk=record.indicator.pk).exists():
        raise ValidationFailed({"indicator": [_("This round does not ask for this indicator.")]})


def _check_missing_reason(record: Record) -> None:
    if record.obs_status == "M" and not record.extra.get("note", "").strip():
        raise ValidationFailed({"note": [_("Say why the figure is missing.")]})


# ---------------------------------------------------------------------------- rounds


@transaction.atomic
def round_create(
    *,
    actor: User | None,
    code: str,
    titles: dict[str, str],
    indicators: Sequence[Indicator],
    first_year: int,
    last_year: int,
    deadline: datetime.date,
    opens_on: datetime.date | None = None,
    instructions: dict[str, str] | None = None,
    is_sample: bool = False,
) -> DataRound:
    require_secretariat(actor)
    if not indicators:
        raise ValidationFailed({"indicators": [_("Choose at least one indicator.")]})
    data_round = DataRound(
        code=code,
        first_year=first_year,
        last_year=last_year,
        deadline=deadline,
        opens_on=opens_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_sample=is_sample,
    )
    set_translations(data_round, {"title": titles, "instructions": instructions or {}})
    validate(data_round)
    if first_year > last_year:
        raise ValidationFailed({"last_year": [_("The last year comes after the first.")]})
    attribute_history(data_round, actor)
    data_round.save()
    data_round.indicators.set(indicators)
    return data_round


@transaction.atomic
def round_set_status(
    *, actor: User | None, round: DataRound, status: str, expected_version: int | None = None
) -> DataRound:
    require_secretariat(actor)
    if status not in RoundStatus.values:
        raise ValidationFailed({"status": [_("Unknown status.")]})
    locked, _previous = versioning.status_change(
        round,
        actor=actor,
        to=status,
        allowed_from=[old for old, new in ROUND_MOVES.items() if status in new],
        expected_version=expected_version,
        refuse=lambda r: Conflict(
            _("A round that is %(current)s cannot become %(next)s.")
            % {"current": r.get_status_display(), "next": RoundStatus(status).label},
            code="bad_transition",
        ),
    )
    locked.save()
    return locked


@transaction.atomic
def round_update(
    *,
    actor: User,
    round: DataRound,
    expected_version: int | None,
    deadline: datetime.date | None = None,
    opens_on: datetime.date | None = None,
) -> DataRound:
    """The Secretariat moves a round's deadline (or opening date); two people doing so from the
    same version: one wins, the other is told who changed it (409)."""
    require_secretariat(actor)
    locked = versioning.edit(round, actor=actor, expected_version=expected_version)
    if deadline is not None:
        locked.deadline = deadline
    if opens_on is not None:
        locked.opens_on = opens_on
    if locked.opens_on and locked.opens_on > locked.deadline:
        raise ValidationFailed({"deadline": [_("The deadline comes after the opening date.")]})
    validate(locked)
    locked.save()
    return locked


def round_send_reminders(*, actor: User, round: DataRound) -> int:
    """Queue reminders (after commit) to the focal points of member states that have not
    submitted every figure the open round asks for; returns how many countries."""
    require_secretariat(actor)
    if round.status != RoundStatus.OPEN:
        raise Conflict(_("Reminders go out for open rounds only."), code="round_not_open")
    from .selectors import round_response_rates
    from .tasks import send_round_reminders

    pending = [
        r.country.country_id
        for r in round_response_rates(round=round)
        if r.submitted < r.expected and r.country.country_id is not None
    ]
    if pending:
        transaction.on_commit(
            lambda: send_round_reminders.enqueue(round_id=round.pk, country_ids=pending)
        )
    return len(pending)


def previous_values(submissions: Sequence[Submission]) -> dict[int, tuple[str, float]]:
    """For each submitted figure, the verified figure of the period before (one query)."""
    from django.db.models import Q

    wanted: dict[tuple[int, str, str], int] = {}
    for s in submissions:
        if s.quarter:
            prev = f"{s.year}-Q{s.quarter - 1}" if s.quarter > 1 else f"{s.year - 1}-Q4"
        else:
            prev = str(s.year - 1)
        wanted[(s.indicator_id, s.country.iso3, prev)] = s.pk
    if not wanted:
        return {}
    condition = Q()
    for indicator_id, area, period in wanted:
        condition |= Q(indicator_id=indicator_id, ref_area=area, period=period)
    out = {}
    for indicator_id, area, period, value in Observation.objects.filter(condition).values_list(
        "indicator_id", "ref_area", "period", "value"
    ):
        if value is not None:
            out[wanted[(indicator_id, area, period)]] = (period, value)
    return out
