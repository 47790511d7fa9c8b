"""Import specifications and the one reader of tabular files (CSV, XLSX) and JSON Lines.

An :class:`ImportSpec` names the columns (or keys) of an import with the limits the
input-cleaning layer enforces on them (``common.cleaning``): text length from the model column,
integer ranges, language maps whose every text is checked. Importers read through
:func:`read_table` (tables) or :func:`~smenet.common.cleaning.load_json` (JSON Lines) and
:meth:`ImportSpec.check`, so that a cell too long
for the csv module, a row longer than its header, a NUL byte, a title longer than its column or
JSON nested a thousand deep is an error naming the line and column, never a traceback. Each spec
also carries an example row valid in the demo world, from which the hostile-input test builds
its files (``smenet/common/tests/test_hostile_input.py``).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from . import cleaning
from .errors import ValidationFailed
from .exports import unescape

TEXT, TEXTS, INTEGER, DECIMAL, DATE, LIST, BOOLEAN, ANY = (
    "text",
    "texts",
    "integer",
    "decimal",
    "date",
    "list",
    "boolean",
    "any",
)
#: The most rows a tabular import reads; more is refused with a clear message.
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    max_length: int | None = None
    bounds: tuple[int, int] | None = None
    example: Any = ""


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    format: str  # "table" (CSV or XLSX) or "jsonl"
    columns: tuple[Column, ...]
    #: Column names an importer requires in the header (tables only).
    required: tuple[str, ...] = ()
    #: Extra example rows the example file needs before the row under test (e.g. parents).
    example_prefix: tuple[dict[str, Any], ...] = field(default=())

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def example_row(self) -> dict[str, Any]:
        return {c.name: c.example for c in self.columns}

    def check(self, row: dict[str, Any]) -> list[str]:
        """The layer's problems with one row, each as ``column: message``."""
        problems: list[str] = []
        for name, value in row.items():
            column = self.column(name)
            if column is None or value is None:
                continue
            for path, message in _value_problems(column, value):
                problems.append(f"{path}: {message}")
        return problems

    def write(self, rows: Iterable[dict[str, Any]], fmt: str = "csv") -> bytes:
        """A file of this import's format, as our exports write it (the tests use it)."""
        from . import exports

        rows = list(rows)
        if self.format == "jsonl":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
        names = [c.name for c in self.columns]
        values: list[Sequence[Any]] = [[r.get(n, "") for n in names] for r in rows]
        if fmt == "xlsx":
            return exports.xlsx_bytes([exports.Sheet("import", header=names, rows=values)])
        return exports.csv_bytes(names, values)


def _value_problems(column: Column, value: Any) -> list[tuple[str, str]]:
    name = column.name
    if column.kind == TEXTS and isinstance(value, dict):
        out = []
        for lang, text in value.items():
            if isinstance(lang, str) and (problem := cleaning.text_problem(lang)):
                out.append((name, problem))
            elif isinstance(text, str):
                out += [
                    (f"{name}.{lang}", p)
                    for p in cleaning.check_text(text, max_length=column.max_length)
                ]
        return out
    if isinstance(value, str):
        limit = column.max_length
        if limit is None and column.kind not in (TEXT, TEXTS, LIST, ANY):
            limit = cleaning.SHORT_VALUE_MAX
        return [(name, p) for p in cleaning.check_text(value, max_length=limit)]
    if column.kind == INTEGER and isinstance(value, int) and not isinstance(value, bool):
        low, high = column.bounds or (cleaning.BIGINT_MIN, cleaning.BIGINT_MAX)
        problem = cleaning.integer_problem(value, low, high)
        return [(name, problem)] if problem else []
    if isinstance(value, dict | list):
        try:
            cleaning.check_tree(value)
        except cleaning.InputRejected as exc:
            return [
                (cleaning.dotted((name, *path)), m)
                for path, messages in exc.errors.items()
                for m in messages
            ]
    elif (problem := cleaning.number_problem(value)) is not None:
        return [(name, problem)]
    return []


_SPECS: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> ImportSpec:
    _SPECS[spec.kind] = spec
    return spec


def all_specs() -> dict[str, ImportSpec]:
    """Every import spec of the installed apps (modules named imports, importer or exports)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("imports", "importer", "exports")
    return dict(_SPECS)


def line_label(number: int) -> str:
    return _("line %(line)s") % {"line": number}


def _too_long_row(number: int, cells: int, header: int) -> str:
    return _("This row has %(cells)s cells but the header has %(header)s.") % {
        "cells": cells,
        "header": header,
    }


def read_table(
    name: str, content: bytes, spec: ImportSpec, *, max_rows: int = MAX_ROWS
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and (line number, row) of a CSV or XLSX file, the header being line 1;
    cells as stripped text, empty rows left out. Raises ValidationFailed with every problem
    keyed ``line N`` (or ``file``)."""
    if name.lower().endswith(".xlsx"):
        header, raw_rows = _xlsx_rows(content, max_rows)
    else:
        header, raw_rows = _csv_rows(content, max_rows)
    errors: dict[str, list[str]] = {}
    for problem in (cleaning.text_problem(h) for h in header):
        if problem:
            errors.setdefault(line_label(1), []).append(problem)
    missing = [c for c in spec.required if c not in header]
    if missing:
        errors.setdefault(line_label(1), []).append(
            _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in raw_rows:
        if isinstance(cells, str):  # a structural problem found by the reader
            errors.setdefault(line_label(number), []).append(cells)
            continue
        if len(cells) > len(header) and any(str(c or "").strip() for c in cells[len(header) :]):
            errors.setdefault(line_label(number), []).append(
                _too_long_row(number, len(cells), len(header))
            )
            continue
        row = {h: _cell_text(v) for h, v in zip(header, cells, strict=False) if h}
        if not any(row.values()):
            continue
        if problems := spec.check(row):
            errors.setdefault(line_label(number), []).extend(problems)
            continue
        rows.append((number, row))
    if errors:
        raise ValidationFailed(errors, code="import_failed")
    return header, rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return unescape(str(value).strip())  # the apostrophe our exports put before "=", "+", …


def _csv_rows(content: bytes, max_rows: int) -> tuple[list[str], list[tuple[int, Any]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed({"file": [_("The file is not UTF-8 text.")]}) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, Any]] = []
    header: list[str] | None = None
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = reader.line_num
            message = (
                _("A cell is longer than %(max)s characters.") % {"max": csv.field_size_limit()}
                if "field larger than field limit" in str(exc)
                else _("This line is not valid CSV: %(error)s") % {"error": exc}
            )
            if header is None:
                raise ValidationFailed({line_label(line): [message]}, code="import_failed") from exc
            rows.append((line, message))
            break  # the reader cannot resynchronise after a broken line
        if header is None:
            header = [c.strip() for c in cells]
            continue
        if len(rows) >= max_rows:
            raise _too_many_rows(max_rows)
        rows.append((reader.line_num, cells))
    if header is None:
        raise ValidationFailed({"file": [_("The file is empty.")]}, code="import_failed")
    return header, rows


def _xlsx_rows(content: bytes, max_rows: int) -> tuple[list[str], list[tuple[int, Any]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = wb.active
        iterator = sheet.iter_rows(values_only=True)
        first = next(iterator, None)
    except Exception as exc:  # openpyxl raises many kinds on a bad file
        raise ValidationFailed({"file": [_("This is not a readable XLSX file.")]}) from exc
    if first is None:
        raise ValidationFailed({"file": [_("The file is empty.")]}, code="import_failed")
    header = [_cell_text(h) for h in first]
    while header and not header[-1]:
        header.pop()
    rows: list[tuple[int, Any]] = []
    for number, values in enumerate(iterator, start=2):
        if len(rows) >= max_rows:
            raise _too_many_rows(max_rows)
        cells = list(values)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        rows.append((number, cells))
    return header, rows


def _too_many_rows(max_rows: int) -> ValidationFailed:
    return ValidationFailed(
        {
            "file": [
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": max_rows}
            ]
        },
        code="too_many_rows",
    )
