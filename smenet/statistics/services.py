"""Writes of the statistics app. Observations change only here, and every change of a value
keeps the old one as a revision.

Large imports write in short transactions of ``CHUNK`` observations (SQLite serialises
writers; one transaction over half a million rows would block every other writer for its
whole length). They stay all or nothing: every record is checked before the first write, and
if a write fails half-way the chunks already written are undone from the revisions they left
(decision 0014).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common.errors import Conflict, ValidationFailed
from smenet.registry.roles import require_secretariat

from .choices import ImportState
from .models import ImportBatch, Observation, ObservationRevision
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
    actor: Any,
    records: Sequence[Record],
    batch_info: dict[str, Any] | None = None,
    reason: str = "",
    submitted_by: Any = None,
    round_id: int | None = None,
    is_sample: bool = False,
    now: datetime.datetime | None = None,
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
    chunks = [("new", plan.new[i : i + CHUNK]) for i in range(0, len(plan.new), CHUNK)]
    chunks += [("rev", plan.revised[i : i + CHUNK]) for i in range(0, len(plan.revised), CHUNK)]
    single = len(chunks) == 1 or batch is None
    try:
        with transaction.atomic() if single else nullcontext():
            for kind, chunk in chunks:
                with transaction.atomic():
                    if kind == "new":
                        _create(chunk, common, is_sample)
                    else:
                        _revise(chunk, common, user, batch, reason)
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


def _create(records: Sequence[Record], common: dict[str, Any], is_sample: bool) -> None:
    rows = []
    for r in records:
        values = _wanted(r, None)
        rows.append(
            Observation(
                indicator_id=r.indicator.pk,
                ref_area=r.ref_area,
                period=r.period.code,
                year=r.period.year,
                quarter=r.period.quarter,
                is_sample=is_sample,
                **values,
                **common,
            )
        )
    Observation.objects.bulk_create(rows, batch_size=1000)


def _revise(
    items: Sequence[tuple[Record, int, dict[str, Any]]],
    common: dict[str, Any],
    user: Any,
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


def observation_conflict(message: str) -> Conflict:
    return Conflict(message, code="observation_conflict")
