"""Importing a plan from CSV/XLSX into a draft version without losing anything (decision 0014).

An import is a merge, not a replacement: every row is matched to the item it describes — by the
``key`` column when the file has one (the export writes it), otherwise by the item's number —
and that item is updated in place, so its progress reports, evidence, indicator actuals, comments
and revisions stay attached. Rows that match nothing become new items. An item that is missing
from the file is removed only if nobody did any work on it: the import is refused, naming the
items, when one of them has progress reports, comments or edits made after it was created.

Everything is checked before the first write (all line errors at once, nothing saved); rows whose
``version`` column is older than the item and whose content differs are refused like a stale edit.
The writes then go in short transactions, so that a big import never blocks other people's saves
(decision 0020).
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.db.models import Count
from django.utils.translation import gettext as _

from smenet.common import tabular
from smenet.common.cleaning import max_length
from smenet.common.errors import ValidationFailed
from smenet.registry.selectors import institution_find
from smenet.registry.types import User
from smenet.taxonomy.subjects import subject_names

from . import selectors, services
from .exports import LANGS
from .models import Indicator, ItemComment, PlanItem, PlanVersion, ProgressReport
from .tree import _plain, item_snapshot

REQUIRED_COLUMNS = ("number", "title_en", "lead")
MAX_BYTES = 10 * 2**20
MAX_ROWS = 5000  # a plan has a few hundred items; the 2,500-row benchmark fits twice
BATCH_SIZE = 100  # rows per transaction at most …
BATCH_SECONDS = 0.5  # … and at most this long: another person's save waits no longer than this
SQLITE_GAP = 0.12  # seconds between batches on SQLite (see ``_let_others_write``)
Progress = Callable[[int, int], None]


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class Row:
    """One item of the file (its first line) with the indicator lines that follow it."""

    number: str
    line: int
    parent: str | None
    position: int
    titles: dict[str, str]
    descriptions: dict[str, str]
    lead: Any
    partners: list[Any]
    subjects: list[str]
    start: datetime.date | None
    end: datetime.date | None
    budget: Decimal | None
    currency: str
    funding_source: str
    weight: Decimal
    indicators: list[dict[str, Any]] = field(default_factory=list)
    key: str = ""
    version: int | None = None
    item: PlanItem | None = None  # the existing item it describes, once matched


# --- Reading the file ---


def _spec() -> tabular.ImportSpec:
    def text(name: str, model: Any, field: str, example: str = "") -> tabular.Column:
        return tabular.Column(name, max_length=max_length(model, field), example=example)

    return tabular.ImportSpec(
        kind="plan",
        format="table",
        required=REQUIRED_COLUMNS,
        columns=(
            tabular.Column("number", max_length=40, example="9"),
            *(
                text(f"title_{c}", PlanItem, "title", "Access to finance" if c == "en" else "")
                for c in LANGS
            ),
            *(text(f"description_{c}", PlanItem, "description") for c in LANGS),
            tabular.Column("lead", max_length=300, example="KOBIA"),
            tabular.Column("partners", tabular.LIST, max_length=2000),
            tabular.Column("start", tabular.DATE, example="2026-01-01"),
            tabular.Column("end", tabular.DATE, example="2026-12-31"),
            tabular.Column("subjects", tabular.LIST, max_length=2000, example="access-to-finance"),
            tabular.Column("budget", tabular.DECIMAL, example="1000"),
            text("currency", PlanItem, "currency", "USD"),
            text("funding_source", PlanItem, "funding_source"),
            tabular.Column("weight", tabular.DECIMAL, example="1"),
            *(
                text(f"indicator_{c}", Indicator, "name", "Firms reached" if c == "en" else "")
                for c in LANGS
            ),
            text("unit", Indicator, "unit", "firms"),
            tabular.Column("baseline", tabular.DECIMAL, example="0"),
            tabular.Column("target", tabular.DECIMAL, example="100"),
            tabular.Column("target_date", tabular.DATE, example="2026-12-31"),
            text("key", PlanItem, "key"),
            tabular.Column("version", tabular.INTEGER, max_length=20),
        ),
    )


SPEC = tabular.register(_spec())


def read_rows(name: str, content: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and (line number, row) of a CSV or XLSX file; the header is line 1. Read
    through the input-cleaning layer (``common.tabular``): cells checked against ``SPEC``."""
    return tabular.read_table(name, content, SPEC, max_rows=MAX_ROWS)


def _date(value: str, errors: list[str], column: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        errors.append(
            _("%(column)s: %(value)s is not a date (YYYY-MM-DD).")
            % {"column": column, "value": value}
        )
        return None


def _dec(value: str, errors: list[str], column: str) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:
        errors.append(
            _("%(column)s: %(value)s is not a number.") % {"column": column, "value": value}
        )
        return None


def _line(line: int) -> str:
    return _("line %(line)s") % {"line": line}


def parse(version: PlanVersion, rows: list[tuple[int, dict[str, str]]]) -> list[Row]:
    """The file's items in file order (parents first), or every line's errors at once."""
    known_subjects = subject_names()
    plan = version.plan
    errors: dict[str, list[str]] = {}
    items: dict[str, Row] = {}
    institutions: dict[str, Any] = {}

    def inst(acronym: str, problems: list[str]) -> Any:
        if acronym not in institutions:
            institutions[acronym] = institution_find(key=acronym)
        if institutions[acronym] is None:
            problems.append(_("Unknown institution %(key)s.") % {"key": acronym})
        return institutions[acronym]

    for line, row in rows:
        problems: list[str] = []
        number = row.get("number", "").strip().rstrip(".")
        parts = number.split(".")
        if not number or not all(p.isdigit() for p in parts):
            problems.append(_("number: give the item's number, such as 1.2.3."))
        titles = {c: row.get(f"title_{c}", "") for c in LANGS}
        indicator = None
        if any(row.get(f"indicator_{c}") for c in LANGS):
            indicator = {
                "names": {c: row.get(f"indicator_{c}", "") for c in LANGS},
                "unit": row.get("unit", ""),
                "baseline": _dec(row.get("baseline", ""), problems, "baseline"),
                "target": _dec(row.get("target", ""), problems, "target"),
                "target_date": _date(row.get("target_date", ""), problems, "target_date"),
            }
            if indicator["target"] is None and not row.get("target"):
                problems.append(_("target: give the indicator's target."))
        if not problems and number in items:
            if any(titles.values()):
                problems.append(_("number %(number)s appears twice.") % {"number": number})
            elif indicator:
                items[number].indicators.append(indicator)
        elif not problems:
            if not any(titles.values()):
                problems.append(_("Give the title in at least one language."))
            parent = ".".join(parts[:-1]) or None
            if parent and parent not in items:
                problems.append(
                    _("Its parent %(parent)s must come before it.") % {"parent": parent}
                )
            if len(parts) > plan.max_depth:
                problems.append(
                    _("This plan has at most %(depth)s levels.") % {"depth": plan.max_depth}
                )
            lead = inst(row["lead"], problems) if row.get("lead") else None
            partners = [
                inst(p.strip(), problems) for p in row.get("partners", "").split(";") if p.strip()
            ]
            subjects = [s.strip() for s in row.get("subjects", "").split(";") if s.strip()]
            for code in subjects:
                if code not in known_subjects:
                    problems.append(_("Unknown subject %(code)s.") % {"code": code})
            start = _date(row.get("start", ""), problems, "start")
            end = _date(row.get("end", ""), problems, "end")
            for column, day in (("start", start), ("end", end)):
                if day and not (plan.period_start <= day <= plan.period_end):
                    problems.append(
                        _("%(column)s: outside the plan's period.") % {"column": column}
                    )
            if start and end and end < start:
                problems.append(_("The end date is before the start date."))
            weight = _dec(row.get("weight", ""), problems, "weight")
            row_version = row.get("version", "")
            if row_version and not row_version.isdigit():
                problems.append(
                    _("%(column)s: %(value)s is not a number.")
                    % {"column": "version", "value": row_version}
                )
            items[number] = Row(
                number=number,
                line=line,
                parent=parent,
                position=int(parts[-1]) if parts[-1].isdigit() else 0,
                titles=titles,
                descriptions={c: row.get(f"description_{c}", "") for c in LANGS},
                lead=lead,
                partners=partners,
                subjects=subjects,
                start=start,
                end=end,
                budget=_dec(row.get("budget", ""), problems, "budget"),
                currency=row.get("currency", ""),
                funding_source=row.get("funding_source", ""),
                weight=weight if weight is not None else Decimal(1),
                indicators=[indicator] if indicator else [],
                key=row.get("key", ""),
                version=int(row_version) if row_version.isdigit() else None,
            )
        if problems:
            errors[_line(line)] = problems
    if not rows:
        errors["file"] = [_("The file has no items.")]
    if errors:
        raise ValidationFailed(errors, code="import_failed")
    return list(items.values())


# --- Matching rows to items ---


def _desired_snapshot(row: Row, parent_key: str | None) -> dict[str, Any]:
    """The row in the shape of ``tree.item_snapshot``, to tell an unchanged item from a changed
    one (indicators keep the keys of the item's existing ones, by position)."""
    existing = sorted(row.item.indicators.all(), key=lambda i: (i.order, i.pk)) if row.item else []
    return {
        "title": {c: v for c, v in sorted(row.titles.items()) if v},
        "description": {c: v for c, v in sorted(row.descriptions.items()) if v},
        "parent": parent_key,
        "lead": row.lead.acronym if row.lead else None,
        "partners": sorted(p.acronym for p in row.partners),
        "start": _plain(row.start),
        "end": _plain(row.end),
        "subjects": sorted(set(row.subjects)),
        "budget": _plain(row.budget),
        "currency": row.currency,
        "funding_source": row.funding_source,
        "weight": _plain(row.weight),
        "indicators": [
            {
                "key": existing[i].key if i < len(existing) else None,
                "name": {c: v for c, v in sorted(ind["names"].items()) if v},
                "unit": ind["unit"],
                "baseline": _plain(ind["baseline"]),
                "target": _plain(ind["target"]),
                "target_date": _plain(ind["target_date"]),
            }
            for i, ind in enumerate(row.indicators)
        ],
    }


def _current_snapshot(item: PlanItem) -> dict[str, Any]:
    snapshot = item_snapshot(item)
    snapshot.pop("order")
    for name in ("title", "description"):
        snapshot[name] = {c: v for c, v in snapshot[name].items() if c in LANGS}
    return snapshot


def _seeded_key(seed: str, number: str) -> str:
    return hashlib.sha256(f"{seed}:{number}".encode()).hexdigest()[:12]


def _match(
    version: PlanVersion, rows: list[Row], has_keys: bool, seed: str | None = None
) -> list[PlanItem]:
    """Attach each row to its existing item; return the items no row describes. Rows of a file
    with a ``key`` column match by key (an empty key is a new item); other files by number."""
    tree = selectors.version_tree(version=version)
    by_key = {n.item.key: n.item for n in tree.walk()}
    by_number = {n.number: n.item for n in tree.walk()}
    errors: dict[str, list[str]] = {}
    claimed: dict[int, Row] = {}
    for row in rows:
        file_key = row.key if has_keys else ""
        if file_key:
            item = by_key.get(file_key)
            if item is None:
                errors[_line(row.line)] = [
                    _(
                        "key: %(key)s is not an item of this version; leave the key empty for "
                        "a new item."
                    )
                    % {"key": file_key}
                ]
                continue
        else:
            item = None
            if seed:  # a new row keeps the same key if this import is run again
                row.key = _seeded_key(seed, row.number)
                item = by_key.get(row.key)
            if item is None and not has_keys:
                item = by_number.get(row.number)
        if item is None:
            continue
        if item.pk in claimed:
            errors[_line(row.line)] = [
                _("This row describes the same item as line %(line)s.")
                % {"line": claimed[item.pk].line}
            ]
            continue
        claimed[item.pk] = row
        row.item = item
    if errors:
        raise ValidationFailed(errors, code="import_failed")
    numbers = {n.item.pk: n.number for n in tree.walk()}
    for row in rows:
        row.current_number = numbers.get(row.item.pk) if row.item else None  # type: ignore[attr-defined]
    return [n.item for n in tree.walk() if n.item.pk not in claimed]


def _changes(rows: list[Row]) -> tuple[list[Row], dict[str, list[str]]]:
    """The rows that change their item, and the stale ones (older ``version`` than the item)."""
    by_number = {row.number: row for row in rows}
    changed: list[Row] = []
    stale: dict[str, list[str]] = {}
    for row in rows:
        if row.item is None:
            continue
        parent = by_number.get(row.parent) if row.parent else None
        parent_key = None
        if parent is not None:
            parent_key = parent.item.key if parent.item is not None else f"new:{parent.number}"
        current = _current_snapshot(row.item)
        moved = row.current_number != row.number  # type: ignore[attr-defined]
        if _desired_snapshot(row, parent_key) == current and not moved:
            continue
        if row.version is not None and row.version != row.item.version:
            last = row.item.revisions.select_related("author").order_by("-version").first()
            who = getattr(getattr(last, "author", None), "full_name", None) or _("someone else")
            stale[_line(row.line)] = [
                _(
                    "Item %(number)s was changed by %(who)s after this file was exported (file "
                    "version %(yours)s, current version %(current)s). Export the plan again and "
                    "apply your changes to the new file."
                )
                % {
                    "number": row.number,
                    "who": who,
                    "yours": row.version,
                    "current": row.item.version,
                }
            ]
            continue
        changed.append(row)
    return changed, stale


def _work_on(items: list[PlanItem]) -> dict[int, list[str]]:
    """For each item that holds someone's work, what that work is (translated, counted)."""
    ids = [i.pk for i in items]
    reports = dict(
        ProgressReport.objects.filter(item_id__in=ids)
        .values_list("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
    )
    comments = dict(
        ItemComment.objects.filter(item_id__in=ids)
        .values_list("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
    )
    work: dict[int, list[str]] = {}
    for item in items:
        what = []
        if reports.get(item.pk):
            what.append(
                _("%(count)s progress report(s)") % {"count": reports[item.pk]},
            )
        if comments.get(item.pk):
            what.append(_("%(count)s comment(s)") % {"count": comments[item.pk]})
        if item.version > 1:
            what.append(_("edits made after it was created"))
        if what:
            work[item.pk] = what
    return work


def check_removals(removed: list[PlanItem]) -> None:
    """Refuse the import if an item it would remove holds anyone's work, naming each one."""
    work = _work_on(removed)
    if not work:
        return
    numbers = {
        n.item.pk: n.number for n in selectors.version_tree(version=removed[0].plan_version).walk()
    }
    named = [
        _("%(number)s «%(title)s»: %(work)s")
        % {
            "number": numbers.get(item.pk, "?"),
            "title": item.safe_translation_getter("title", any_language=True),
            "work": ", ".join(work[item.pk]),
        }
        for item in removed
        if item.pk in work
    ]
    raise ValidationFailed(
        {
            "file": [
                _(
                    "These items are not in the file, but an import never deletes an item that "
                    "holds someone's work. Put their rows back in the file (or delete them in the "
                    "plan editor if they are really to go):"
                ),
                *named,
            ]
        },
        code="import_would_delete",
    )


# --- Writing ---


def _indicators(row: Row) -> list[dict[str, Any]]:
    existing = sorted(row.item.indicators.all(), key=lambda i: (i.order, i.pk)) if row.item else []
    return [
        {**ind, "key": existing[i].key if i < len(existing) else ""}
        for i, ind in enumerate(row.indicators)
    ]


def _apply(
    actor: User | None, version: PlanVersion, row: Row, parent: PlanItem | None, changed: bool
):
    """Create or update the row's item (in the caller's savepoint); ``None``: unchanged."""
    if row.item is None:
        return services.item_create(
            actor=actor,
            version=version,
            parent=parent,
            order=row.position,
            key=row.key or None,
            titles=row.titles,
            descriptions=row.descriptions,
            lead=row.lead,
            partners=row.partners,
            start=row.start,
            end=row.end,
            subjects=row.subjects,
            budget=row.budget,
            currency=row.currency or "USD",
            funding_source=row.funding_source,
            weight=row.weight,
            indicators=row.indicators,
        )
    if not changed:
        return None
    return services.item_update(
        actor=actor,
        item=row.item,
        expected_version=row.item.version,
        parent=parent,
        order=row.position,
        titles=row.titles,
        descriptions=row.descriptions,
        lead=row.lead,
        partners=row.partners,
        start=row.start,
        end=row.end,
        subjects=row.subjects,
        budget=row.budget,
        currency=row.currency,
        funding_source=row.funding_source,
        weight=row.weight,
        indicators=_indicators(row),
    )


def _step(
    actor: User | None,
    version: PlanVersion,
    row: Row,
    changed_ids: set[int],
    made: dict[str, PlanItem],
    failed: set[str],
    summary: ImportSummary,
) -> None:
    """Apply one row in its own savepoint; a refusal skips it (and later its children)."""
    from django.db import transaction

    if row.parent in failed:
        failed.add(row.number)
        summary.skipped[_line(row.line)] = [
            _("Its parent %(parent)s was not applied.") % {"parent": row.parent}
        ]
        return
    parent = made.get(row.parent) if row.parent else None
    try:
        with transaction.atomic():
            item = _apply(actor, version, row, parent, id(row) in changed_ids)
    except services.DomainError as exc:
        failed.add(row.number)
        summary.skipped[_line(row.line)] = _messages(exc)
        return
    if row.item is None:
        summary.created += 1
    elif item is None:
        summary.unchanged += 1
    else:
        summary.updated += 1
    made[row.number] = cast(PlanItem, item or row.item)  # one of them is set here


def _messages(exc: services.DomainError) -> list[str]:
    return [f"{name}: {message}" for name, messages in exc.errors.items() for message in messages]


def plan_import(
    *,
    actor: User | None,
    version: PlanVersion,
    name: str,
    content: bytes,
    progress: Progress | None = None,
    seed: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Merge the file into a draft version (see the module docstring).

    The whole file is checked before the first write; a file with any error changes nothing.
    The writes then go in short transactions (``batch_size`` rows or ``BATCH_SECONDS``), so
    that other people can save while a big file is imported. A row whose item someone changed
    meanwhile is skipped and reported (``summary.skipped``), with the rows under it; importing
    the file again applies them. ``seed`` (the job's id) gives new rows stable keys, so that a retried import
    finds the items its first attempt created instead of creating them twice."""
    from django.db import transaction

    services._require_drafting(actor, version)
    if len(content) > MAX_BYTES:
        raise ValidationFailed(
            {"file": [_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20}]},
            code="file_too_large",
        )
    header, raw = read_rows(name, content)
    rows = parse(version, raw)
    removed = _match(version, rows, has_keys="key" in header, seed=seed)
    changed, stale = _changes(rows)
    if stale:
        raise ValidationFailed(stale, code="edit_conflict")
    if removed:
        check_removals(removed)
    changed_ids = {id(row) for row in changed}
    summary = ImportSummary()
    made: dict[str, PlanItem] = {}
    failed: set[str] = set()
    steps: list[Row | PlanItem] = [*rows, *sorted(removed, key=lambda i: -i.depth)]
    total, done = len(steps), 0
    while done < total:
        started = time.monotonic()
        with transaction.atomic():
            locked = services._lock(version)
            try:
                services._require_drafting(actor, locked)
            except services.DomainError as exc:
                summary.skipped["file"] = [
                    *_messages(exc),
                    _("The import stopped after %(done)s of %(total)s rows.")
                    % {"done": done, "total": total},
                ]
                break
            for step in steps[done : done + batch_size]:
                done += 1
                if isinstance(step, PlanItem):
                    try:
                        with transaction.atomic():
                            services.item_delete(
                                actor=actor, item=step, expected_version=step.version
                            )
                        summary.removed += 1
                    except services.DomainError as exc:
                        summary.skipped[str(step)] = _messages(exc)
                else:
                    _step(actor, locked, step, changed_ids, made, failed, summary)
                if time.monotonic() - started > BATCH_SECONDS:
                    break  # a slow machine: commit early, others' saves wait at most this long
        if progress:
            progress(done, total)
        if done < total:
            _let_others_write()
    return summary


def _let_others_write() -> None:
    """On SQLite a waiting writer polls for the lock every 100 ms: without a gap longer than
    that between two batches, the import would take the lock again first every time and the
    other save would still fail after the busy timeout. PostgreSQL queues waiters itself."""
    from django.db import connection

    if connection.vendor == "sqlite":
        time.sleep(SQLITE_GAP)
