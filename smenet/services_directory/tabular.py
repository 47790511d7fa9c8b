"""Services as a table (CSV or XLSX), both ways: the export writes the columns the import reads,
so that importing an export changes nothing.

Columns (a header row, then one service a row; every column but ``ref``, ``institution``,
``category`` and one ``title_<lang>`` may be left out):

- ``ref`` — the service's stable reference (the import's key: a known ref is updated);
- ``institution`` — slug or acronym (``KOBIA`` finds KOBİA); ``country`` (ISO alpha-3), when
  given, must be the institution's;
- ``category`` — a code of ``data/service_categories.csv``;
- ``title_<lang>``, ``summary_<lang>``, ``details_<lang>``, ``documents_<lang>``,
  ``regions_<lang>``, ``cost_note_<lang>``, ``conditions_<lang>`` — texts in any language
  (ISO 639-1), ``original_language`` the one they were written in;
- ``sizes`` (micro, small, medium), ``sectors`` (ISIC Rev. 4 sections A–U), ``stages`` (idea,
  startup, growth, export), ``languages`` (ISO 639-1), ``channels`` (online, in_person) — lists
  separated by ``;``, commas or spaces; an empty eligibility list means "all";
- ``cost`` (free, subsidised, fee or empty), ``cost_amount``, ``cost_currency`` (ISO 4217);
- ``apply_url``, ``apply_email``, ``apply_phone``, ``response_days``;
- ``cross_border`` (yes, no, conditions), ``status`` (active, suspended, archived),
  ``review_status`` (draft, submitted, published; an import publishes by default),
  ``last_confirmed`` (YYYY-MM-DD; empty keeps the stored date), ``source_url``,
  ``source_note`` (a citation that is not a web page), ``is_sample`` (yes or no).

Cells that a spreadsheet would run as a formula are written with a leading apostrophe, which
the import takes off again.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from smenet.common.translation import translations_dict

from .models import TEXT_FIELDS, Service

LIST_COLUMNS = ("sizes", "sectors", "stages", "languages", "channels")
PLAIN_COLUMNS = (
    "ref",
    "institution",
    "country",
    "category",
    "original_language",
    "status",
    "review_status",
    *LIST_COLUMNS,
    "cost",
    "cost_amount",
    "cost_currency",
    "apply_url",
    "apply_email",
    "apply_phone",
    "response_days",
    "cross_border",
    "last_confirmed",
    "source_url",
    "source_note",
    "is_sample",
)
TEXT_COLUMN = re.compile(r"^({})_([a-z]{{2}})$".format("|".join(TEXT_FIELDS)))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SPLIT = re.compile(r"[;,\s]+")


def split_list(value: str) -> list[str]:
    return [v for v in LIST_SPLIT.split(value or "") if v]


def _safe(value: Any) -> Any:
    """Spreadsheet programs run a cell starting with = + - @ as a formula: keep it text."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


def unescape(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


# --- reading ----------------------------------------------------------------------------------


class TableError(Exception):
    """The file as a whole cannot be read (format, encoding, header)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unescape(str(value).strip())


def read_rows(path: str | Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and ``(line number, {column: text})`` of each non-empty row of a CSV
    (UTF-8, with or without BOM) or XLSX (first sheet) file."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        rows = _csv_rows(path)
    try:
        line, header = next(rows)
    except StopIteration:
        raise TableError(_("The file is empty.")) from None
    header = [h.strip().lower() for h in header]

    def records() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                extra = cells[len(header) :]
                if any(c.strip() for c in extra):
                    yield number, {"__extra__": str(len(cells))}
                    continue
            yield number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}

    return header, records()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(_("The file is not UTF-8 text (save it as CSV UTF-8).")) from None
    except OSError as exc:
        raise TableError(_("The file cannot be read: %(error)s") % {"error": exc}) from None
    if "\x00" in text:
        raise TableError(_("The file contains NUL characters; it is not a CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            yield reader.line_num, [unescape(c.strip()) for c in cells]
    except csv.Error as exc:
        raise TableError(
            _("line %(line)s: the CSV is malformed (%(error)s).")
            % {"line": reader.line_num, "error": exc}
        ) from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise TableError(
            _("The file is not a readable XLSX workbook (%(error)s).") % {"error": exc}
        ) from None
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(v) for v in row]
    finally:
        book.close()


# --- writing ----------------------------------------------------------------------------------


def _languages(services: list[Service]) -> list[str]:
    found = {"ar", "en", "fr"}
    for service in services:
        found.update(t.language_code for t in service.translations.all())
    return sorted(found)


def columns(languages: list[str]) -> list[str]:
    texts = [f"{field}_{lang}" for field in TEXT_FIELDS for lang in languages]
    head = list(PLAIN_COLUMNS[:7])
    return head + texts + list(PLAIN_COLUMNS[7:])


def _row(service: Service, languages: list[str]) -> dict[str, Any]:
    channels = [c for c, on in (("online", service.online), ("in_person", service.in_person)) if on]
    row: dict[str, Any] = {
        "ref": service.ref or "",
        "institution": service.institution.slug,
        "country": service.institution.country.iso3 if service.institution.country else "",
        "category": service.category,
        "original_language": service.original_language,
        "status": service.status,
        "review_status": service.review_status,
        "sizes": ";".join(service.sizes),
        "sectors": ";".join(service.sectors),
        "stages": ";".join(service.stages),
        "languages": ";".join(service.languages),
        "channels": ";".join(channels),
        "cost": service.cost,
        "cost_amount": "" if service.cost_amount is None else format(service.cost_amount, "f"),
        "cost_currency": service.cost_currency,
        "apply_url": service.apply_url,
        "apply_email": service.apply_email,
        "apply_phone": service.apply_phone,
        "response_days": "" if service.response_days is None else service.response_days,
        "cross_border": service.cross_border,
        "last_confirmed": service.last_confirmed.isoformat() if service.last_confirmed else "",
        "source_url": service.source_url,
        "source_note": service.source_note,
        "is_sample": "yes" if service.is_sample else "no",
    }
    for field in TEXT_FIELDS:
        values = translations_dict(service, field)
        for lang in languages:
            row[f"{field}_{lang}"] = values.get(lang, "")
    return row


def _table(services: Iterable[Service]) -> tuple[list[str], Iterator[list[Any]]]:
    items = list(services)
    languages = _languages(items)
    header = columns(languages)

    def rows() -> Iterator[list[Any]]:
        for service in items:
            row = _row(service, languages)
            yield [_safe(row[c]) for c in header]

    return header, rows()


def services_csv(services: Iterable[Service]) -> str:
    header, rows = _table(services)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # BOM: spreadsheet programs then read UTF-8 (Arabic) right


def services_xlsx(services: Iterable[Service]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = _table(services)
    book = Workbook()
    sheet = book.active
    sheet.title = "services"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([str(v) if v != "" else None for v in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
