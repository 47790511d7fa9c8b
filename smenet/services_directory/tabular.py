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

Files are read through the input-cleaning layer (``common.tabular``, the spec below: lengths
from the columns, no NUL or direction-override character, rows no longer than the header) and
written through ``common.exports`` (a cell a spreadsheet would run as a formula is written as
text; the import reads it back unchanged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from smenet.common import exports
from smenet.common import tabular as common_tabular
from smenet.common.cleaning import max_length
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
REQUIRED = ("ref", "institution", "category")
TEXT_COLUMN = re.compile(r"^({})_([a-z]{{2}})$".format("|".join(TEXT_FIELDS)))
LIST_SPLIT = re.compile(r"[;,\s]+")
#: The most rows one file may hold.
MAX_ROWS = 20_000


def split_list(value: str) -> list[str]:
    return [v for v in LIST_SPLIT.split(value or "") if v]


# --- reading ----------------------------------------------------------------------------------


#: Columns that are not a column of ``Service`` (resolved to an institution, a country).
_LOOKUPS = {"institution": 200, "country": 3}


def _plain(name: str, kind: str = common_tabular.TEXT, example: str = "") -> common_tabular.Column:
    limit = None
    if kind == common_tabular.TEXT:
        limit = _LOOKUPS.get(name) or max_length(Service, name)
    return common_tabular.Column(name, kind, max_length=limit, example=example)


def _text_column(field: str, lang: str, example: str = "") -> common_tabular.Column:
    return common_tabular.Column(
        f"{field}_{lang}", max_length=max_length(Service, field), example=example
    )


@dataclass(frozen=True)
class ServicesSpec(common_tabular.ImportSpec):
    """The spec knows ``<text>_<lang>`` for every language, not only those it lists."""

    def column(self, name: str) -> common_tabular.Column | None:
        found = super().column(name)
        if found is None and (match := TEXT_COLUMN.match(name)):
            return _text_column(match.group(1), match.group(2))
        return found


_KINDS = {
    **dict.fromkeys(LIST_COLUMNS, common_tabular.LIST),
    "cost_amount": common_tabular.DECIMAL,
    "response_days": common_tabular.INTEGER,
    "last_confirmed": common_tabular.DATE,
    "is_sample": common_tabular.BOOLEAN,
}
_EXAMPLES = {
    "ref": "hostile-import-1",
    "institution": "kobia-aze",
    "category": "training",
    "original_language": "en",
    "status": "active",
    "cross_border": "no",
    "is_sample": "yes",
}

SPEC = common_tabular.register(
    ServicesSpec(
        kind="services",
        format="table",
        required=REQUIRED,
        columns=(
            *(
                _plain(name, _KINDS.get(name, common_tabular.TEXT), _EXAMPLES.get(name, ""))
                for name in PLAIN_COLUMNS
            ),
            *(
                _text_column(field, lang, "Export coaching" if field == "title" else "")
                for field in TEXT_FIELDS
                for lang in ("ar", "en", "fr")
            ),
        ),
    )
)


def read_rows(name: str, content: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (lower case) and ``(line number, {column: text})`` of each non-empty row of
    a CSV (UTF-8, with or without BOM) or XLSX (first sheet) file, every cell checked by the
    input-cleaning layer. Raises ``ValidationFailed`` (errors by line) on any problem."""
    header, rows = common_tabular.read_table(name, content, SPEC, max_rows=MAX_ROWS)
    lower = [h.lower() for h in header]
    return lower, [(n, {k.lower(): v for k, v in row.items()}) for n, row in rows]


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


def _table(services: Iterable[Service]) -> tuple[list[str], list[list[Any]]]:
    items = list(services)
    languages = _languages(items)
    header = columns(languages)
    return header, [[_row(service, languages)[c] for c in header] for service in items]


def services_csv(services: Iterable[Service]) -> bytes:
    """UTF-8 with a BOM; no cell is a formula (``common.exports``)."""
    header, rows = _table(services)
    return exports.csv_bytes(header, rows)


def services_xlsx(services: Iterable[Service]) -> bytes:
    """One sheet; text cells are text, never formulas (``common.exports``)."""
    header, rows = _table(services)
    values: list[Sequence[Any]] = [[v if v != "" else None for v in row] for row in rows]
    return exports.xlsx_bytes([exports.Sheet("services", header=header, rows=values)])
