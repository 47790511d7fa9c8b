"""``smenet import services FILE`` (CSV or XLSX; columns in ``tabular.py``), and the same
import from the directory's pages, run as a job for a focal point or the Secretariat
(``jobs.py``): a focal point's file may only name its own institutions' services, and the new
ones are drafts (or submitted) until the Secretariat publishes them.

All or nothing: every row is read and checked, each error reported with its line and column
(``line 7: cost_currency: give the currency of the fee``), and nothing is written unless the
whole file is right. A known ``ref`` updates its service; a row equal to what is stored changes
nothing (no new version, no history row), so re-importing the same file is a no-op.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from smenet.common.errors import DomainError, ValidationFailed
from smenet.registry.models import Country
from smenet.registry.types import User

from . import selectors, services
from .choices import ReviewStatus
from .models import Service
from .tabular import (
    LIST_COLUMNS,
    PLAIN_COLUMNS,
    REQUIRED,
    SPEC,
    TEXT_COLUMN,
    read_rows,
    split_list,
)

__all__ = ["SPEC", "ImportFailed", "ImportResult", "import_services"]
TRUE, FALSE = {"yes", "true", "1", "y", "oui", "نعم"}, {"no", "false", "0", "n", "non", "لا", ""}


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class Row:
    line: int
    ref: str
    institution: Any
    values: dict[str, Any]
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    review_status: str = ReviewStatus.PUBLISHED
    explicit_review: bool = False  # the file's review_status column gave it


def _where(line: int, column: str, message: str) -> str:
    return _("line %(line)s: %(column)s: %(message)s") % {
        "line": line,
        "column": column,
        "message": message,
    }


def _parse(line: int, cells: dict[str, str], index: dict, errors: list[str]) -> Row | None:
    problems: list[tuple[str, str]] = []
    for name in REQUIRED:
        if not cells.get(name, "").strip():
            problems.append((name, _("required.")))
    texts: dict[str, dict[str, str]] = {}
    for column, value in cells.items():
        match = TEXT_COLUMN.match(column)
        if match:
            texts.setdefault(match.group(1), {})[match.group(2)] = value.strip()
    if not any(v for v in texts.get("title", {}).values()):
        problems.append(
            ("title", _("give the title in at least one language (title_en, title_ar…)."))
        )
    institution = None
    key = cells.get("institution", "").strip()
    if key:
        institution = selectors.institution_for_import(key, index)
        if institution is None:
            problems.append(("institution", _("unknown institution %(key)s.") % {"key": key}))
    country = cells.get("country", "").strip().upper()
    if country:
        if not Country.objects.filter(iso3=country).exists():
            problems.append(
                ("country", _("unknown ISO alpha-3 code %(code)s.") % {"code": country})
            )
        elif institution is not None and (
            institution.country is None or institution.country.iso3 != country
        ):
            problems.append(
                (
                    "country",
                    _("%(institution)s is not in %(code)s.")
                    % {"institution": institution.acronym, "code": country},
                )
            )
    values: dict[str, Any] = {}
    for column in PLAIN_COLUMNS:
        if column not in cells or column in ("ref", "institution", "country", "review_status"):
            continue
        raw = cells[column].strip()
        if column in LIST_COLUMNS:
            items = split_list(raw)
            if column == "channels":
                unknown = [c for c in items if c not in ("online", "in_person")]
                if unknown:
                    problems.append(
                        (
                            column,
                            _("unknown channel %(code)s; use online or in_person.")
                            % {"code": unknown[0]},
                        )
                    )
                values["online"] = "online" in items
                values["in_person"] = "in_person" in items
            else:
                values[column] = items
        elif column == "response_days":
            if raw:
                if not raw.isdigit() or int(raw) > 3650:
                    problems.append((column, _("give a whole number of days (0 to 3650).")))
                else:
                    values[column] = int(raw)
            else:
                values[column] = None
        elif column == "last_confirmed":
            if raw:
                try:
                    values[column] = datetime.date.fromisoformat(raw)
                except ValueError:
                    problems.append((column, _("give a date as YYYY-MM-DD.")))
        elif column == "is_sample":
            if raw.lower() not in TRUE | FALSE:
                problems.append((column, _("use yes or no.")))
            values[column] = raw.lower() in TRUE
        else:
            values[column] = raw
    review = cells.get("review_status", "").strip() or ReviewStatus.PUBLISHED
    if review not in (ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.PUBLISHED):
        problems.append(("review_status", _("use draft, submitted or published.")))
    cleaned, field_errors = services.clean_values(values)
    for name, messages in field_errors.items():
        problems.extend((name, m) for m in messages)
    errors.extend(_where(line, column, message) for column, message in problems)
    if problems:
        return None
    return Row(
        line=line,
        ref=cells["ref"].strip(),
        institution=institution,
        values=cleaned,
        texts=texts,
        review_status=review,
        explicit_review=bool(cells.get("review_status", "").strip()),
    )


def _write(
    row: Row, existing: Service | None, result: ImportResult, actor: User | None = None
) -> None:
    if existing is None:
        services.service_create(
            actor=actor,
            institution=row.institution,
            texts=row.texts,
            review_status=row.review_status,
            ref=row.ref,
            **row.values,
        )
        result.created += 1
        return
    before = existing.version
    values = dict(row.values)
    if row.institution.pk != existing.institution_id:
        values["institution"] = row.institution
    services.service_update(actor=actor, service=existing, texts=row.texts, **values)
    if existing.version != before:
        result.updated += 1
    else:
        result.unchanged += 1


def _refusals(
    rows: list[Row], existing: dict[str | None, Service], actor: User | None, errors: list[str]
) -> None:
    """What a focal point's file may not do, each named by its line: another institution's
    service (new or known by its ``ref``), or publishing (the Secretariat's step)."""
    from smenet.registry import roles

    if actor is None or roles.is_secretariat(actor):
        return
    own = set(roles.focal_institution_ids(actor))
    for row in rows:
        known = existing.get(row.ref)
        if row.institution.pk not in own:
            errors.append(
                _where(
                    row.line,
                    "institution",
                    _("you may only import the services of your own institution."),
                )
            )
        elif known is not None and known.institution_id not in own:
            errors.append(
                _where(
                    row.line,
                    "ref",
                    _("%(ref)s is another institution's service.") % {"ref": row.ref},
                )
            )
        elif known is None and row.review_status == ReviewStatus.PUBLISHED:
            if row.explicit_review:
                errors.append(
                    _where(
                        row.line,
                        "review_status",
                        _("the Secretariat publishes services; use draft or submitted."),
                    )
                )
            else:
                row.review_status = ReviewStatus.DRAFT


def import_services(path: str | Path, *, actor: User | None = None) -> ImportResult:
    """Import a services file; ``ImportFailed`` lists every error and nothing is saved.
    ``actor``: the person importing (``None``: the system, from the command line)."""
    path = Path(path)
    try:
        header, records = read_rows(path.name, path.read_bytes())
    except OSError as exc:
        raise ImportFailed([_("The file cannot be read: %(error)s") % {"error": exc}]) from None
    except ValidationFailed as exc:
        raise ImportFailed(
            [
                m if key == "file" else f"{key}: {m}"
                for key, msgs in exc.errors.items()
                for m in msgs
            ]
        ) from None
    known = set(PLAIN_COLUMNS)
    errors: list[str] = []
    for column in header:
        if column not in known and not TEXT_COLUMN.match(column):
            errors.append(_where(1, column or "—", _("unknown column.")))
    if errors:
        raise ImportFailed(errors)
    index = selectors.institution_index()
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line, cells in records:
        row = _parse(line, cells, index, errors)
        if row is None:
            continue
        if row.ref in seen:
            errors.append(
                _where(
                    line,
                    "ref",
                    _("%(ref)s is already on line %(first)s.")
                    % {"ref": row.ref, "first": seen[row.ref]},
                )
            )
            continue
        seen[row.ref] = line
        rows.append(row)
    if errors:
        raise ImportFailed(errors)
    existing = {
        s.ref: s for s in Service.objects.filter(ref__in=list(seen)).select_related("institution")
    }
    _refusals(rows, existing, actor, errors)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    _write(row, existing.get(row.ref), result, actor)
            except DomainError as exc:
                for column, messages in exc.errors.items():
                    errors.extend(_where(row.line, column, m) for m in messages)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportFailed(errors)
    return result
