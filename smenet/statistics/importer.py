"""``smenet import statistics FILE``: plain CSV/XLSX, SDMX-ML 2.1, SDMX-JSON and SDMX-CSV.

Every format is read into the same records (:mod:`.records`) and checked in full before
anything is written: an import with errors writes nothing and names, for each error, the line
(and for SDMX the series key and period). A file whose records are all in the database already
changes nothing; a changed value is written as a revision that keeps the old one.

SDMX-ML (generic and structure-specific) is read here in one streaming pass with lxml, which
keeps line numbers and reads about ten times faster than building ``sdmx1``'s objects; the
tests check that it reads exactly what ``sdmx1`` reads. SDMX-JSON is read by ``sdmx1``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from smenet.common import cleaning
from smenet.registry.types import User

from .records import Lookups, Raw, Record, clean
from .sdmx_structure import DIMENSIONS, FLOW_ID, TIME_DIMENSION

PLAIN_COLUMNS = (
    "indicator",
    "ref_area",
    "period",
    "value",
    "unit",
    "obs_status",
    "source",
    "definition",
)
PLAIN_REQUIRED = ("indicator", "ref_area", "period", "value")
#: Optional columns beyond the contract's eight (documented in the README).
PLAIN_EXTRA = {"note": "note", "qualifier": "qualifier", "publisher": "source_publisher"}
MAX_ERRORS = 200


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    format: str
    records: int
    created: int
    revised: int
    unchanged: int


class _Errors(list):
    def add(self, where: str, message: str) -> None:
        self.append(f"{where}: {message}" if where else message)


# ---------------------------------------------------------------------------- detection


def detect_format(name: str, head: bytes) -> str:
    """``plain-csv``, ``plain-xlsx``, ``sdmx-ml``, ``sdmx-json`` or ``sdmx-csv``."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"PK\x03\x04") or name.lower().endswith(".xlsx"):
        return "plain-xlsx"
    if text.startswith(b"<"):
        return "sdmx-ml"
    if text.startswith(b"{"):
        return "sdmx-json"
    first = text.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
    first_cell = first.replace(";", ",").split(",", 1)[0].strip().strip('"')
    if first_cell in ("dataflow", "structure"):
        return "sdmx-csv"
    return "plain-csv"


# ---------------------------------------------------------------------------- plain CSV/XLSX


def _place(kind: str, number: int) -> str:
    return _place_template(kind) % {"number": number}


def _place_template(kind: str) -> str:
    return _("row %(number)s") if kind == "row" else _("line %(number)s")


def _plain_rows(
    header: list[Any], rows: Iterator[tuple[int, list[Any]]], errors: _Errors, kind: str
) -> Iterator[Raw]:
    names = [str(h or "").strip().lstrip("\ufeff").lower() for h in header]
    unknown = [n for n in names if n and n not in PLAIN_COLUMNS and n not in PLAIN_EXTRA]
    missing = [n for n in PLAIN_REQUIRED if n not in names]
    if unknown or missing:
        if missing:
            errors.add(
                _place(kind, 1),
                _("missing column(s): %(names)s") % {"names": ", ".join(missing)},
            )
        if unknown:
            errors.add(
                _place(kind, 1),
                _("unknown column(s): %(names)s (expected %(expected)s)")
                % {"names": ", ".join(unknown), "expected": ",".join(PLAIN_COLUMNS)},
            )
        return
    index = {n: i for i, n in enumerate(names) if n}
    place = _place_template(kind)
    width = len(names)
    # Column positions once; a missing optional column reads as None (a padding cell).
    pad = width
    columns = [index.get(name, pad) for name in PLAIN_COLUMNS]
    extras = {field: index.get(col, pad) for col, field in PLAIN_EXTRA.items() if col in index}
    text_rows = kind == "line"
    for number, row in rows:
        if text_rows:
            if not "".join(row).strip():
                continue
        elif not any(str(c).strip() for c in row if c is not None):
            continue
        if len(row) != width:
            where = place % {"number": number}
            if len(row) < width and text_rows:
                errors.add(
                    where,
                    _("expected %(expected)s fields, found %(found)s (is the file truncated?)")
                    % {"expected": width, "found": len(row)},
                )
                continue
            if len(row) > width and any(str(c).strip() for c in row[width:] if c is not None):
                errors.add(where, _("more fields than columns in the header"))
                continue
            row = list(row[:width]) + [None] * (width - len(row))  # noqa: PLW2901
        row.append(None)  # noqa: PLW2901 - the padding cell at index ``pad``
        yield Raw(
            place % {"number": number},
            row[columns[0]],
            row[columns[1]],
            row[columns[2]],
            row[columns[3]],
            row[columns[4]],
            row[columns[5]],
            row[columns[6]],
            row[columns[7]],
            **{field: row[i] for field, i in extras.items()},
        )


def read_plain_csv(data: bytes, errors: _Errors) -> Iterator[Raw]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.add("", _("the file is not UTF-8 text (byte %(offset)s)") % {"offset": exc.start})
        return
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        errors.add(_("line %(number)s") % {"number": 1}, str(exc))
        return
    if not header:
        errors.add("", _("the file is empty"))
        return

    def rows() -> Iterator[tuple[int, list[Any]]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                errors.add(
                    _("line %(number)s") % {"number": reader.line_num},
                    _("%(problem)s (is the file truncated?)") % {"problem": exc},
                )
                return
            yield reader.line_num, row

    yield from _plain_rows(header, rows(), errors, "line")


def read_plain_xlsx(data: bytes, errors: _Errors) -> Iterator[Raw]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        errors.add(
            "",
            _("the file is not a readable XLSX workbook (%(problem)s)")
            % {"problem": str(exc)[:100]},
        )
        return
    sheet = book.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    header = next(rows_iter, None)
    if not header:
        errors.add("", _("the first sheet is empty"))
        return

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for number, row in enumerate(rows_iter, start=2):
            yield number, list(row)

    yield from _plain_rows(list(header), rows(), errors, "row")
    book.close()


# ---------------------------------------------------------------------------- SDMX


def _series_where(key: dict[str, str], period: str, line: int | None) -> str:
    series = ".".join(key.get(d, "") for d in DIMENSIONS)
    if line:
        return _("line %(line)s (series %(series)s, period %(period)s)") % {
            "line": line,
            "series": series,
            "period": period,
        }
    return _("series %(series)s, period %(period)s") % {"series": series, "period": period}


def _raw_from_sdmx(
    key: dict[str, str], period: str, value: Any, attrs: dict[str, str], line: int | None
) -> Raw:
    if isinstance(value, float) and math.isnan(value):
        value = None
    if isinstance(value, str) and value.strip().lower() == "nan":
        value = None
    return Raw(
        where=_series_where(key, period, line),
        indicator=key.get("INDICATOR"),
        ref_area=key.get("REF_AREA"),
        period=period,
        value=value,
        unit=attrs.get("UNIT_MEASURE"),
        unit_multiplier=attrs.get("UNIT_MULT"),
        obs_status=attrs.get("OBS_STATUS"),
        source=attrs.get("SOURCE"),
        definition=attrs.get("SME_DEFINITION"),
        qualifier=attrs.get("VALUE_QUALIFIER", ""),
        source_publisher=attrs.get("PUBLISHER", ""),
        note=attrs.get("OBS_COMMENT", ""),
    )


def _check_key(key: dict[str, str], errors: _Errors, where: str) -> bool:
    missing = [d for d in ("REF_AREA", "INDICATOR") if d not in key]
    if missing:
        errors.add(
            where,
            _(
                "the data do not match SMENET's structure %(flow)s: the series are keyed by %(found)s, expected %(expected)s with %(time)s for the period"
            )
            % {
                "flow": FLOW_ID,
                "found": ", ".join(key) or "—",
                "expected": ".".join(DIMENSIONS),
                "time": TIME_DIMENSION,
            },
        )
        return False
    return True


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


SS_RESERVED = {
    "type",
    "structureRef",
    "setID",
    "action",
    "reportingBeginDate",
    "reportingEndDate",
    "validFromDate",
    "validToDate",
    "publicationYear",
    "publicationPeriod",
    "dataProviderID",
}


def read_sdmx_ml(data: bytes, errors: _Errors) -> Iterator[Raw]:
    """Generic and structure-specific data, series or flat, in one streaming pass."""
    from lxml import etree

    parser = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
    )
    kind = None
    dataset_attrs: dict[str, str] = {}
    series_key: dict[str, str] = {}
    series_attrs: dict[str, str] = {}
    checked = False
    dim_at_obs = TIME_DIMENSION
    seen_obs = False
    try:
        for event, el in parser:
            name = _local(el.tag)
            if kind is None:
                if event != "start":
                    continue
                if name in ("GenericData", "GenericTimeSeriesData"):
                    kind = "generic"
                elif name in ("StructureSpecificData", "StructureSpecificTimeSeriesData"):
                    kind = "specific"
                elif name == "Structure":
                    errors.add("", _("this is an SDMX structure message, not data"))
                    return
                elif name == "Error":
                    errors.add("", _("this is an SDMX error message, not data"))
                    return
                else:
                    errors.add(
                        "",
                        _("not an SDMX-ML 2.1 data message (root element %(name)s)")
                        % {"name": name[:40]},
                    )
                    return
                continue
            if event == "start":
                if name == "Structure" and el.get("dimensionAtObservation"):
                    dim_at_obs = el.get("dimensionAtObservation")
                continue
            # end events
            if kind == "generic":
                if name == "SeriesKey":
                    series_key = {
                        v.get("id"): v.get("value") for v in el if _local(v.tag) == "Value"
                    }
                elif name == "Attributes":
                    parent = _local(el.getparent().tag) if el.getparent() is not None else ""
                    values = {v.get("id"): v.get("value") for v in el if _local(v.tag) == "Value"}
                    if parent == "Series":
                        series_attrs = values
                    elif parent == "DataSet":
                        dataset_attrs = values
                elif name == "Obs":
                    seen_obs = True
                    key = dict(series_key)
                    period = None
                    value = None
                    attrs = {**dataset_attrs, **series_attrs}
                    for child in el:
                        cname = _local(child.tag)
                        if cname == "ObsDimension":
                            period = child.get("value")
                        elif cname == "ObsKey":
                            for v in child:
                                if v.get("id") == TIME_DIMENSION:
                                    period = v.get("value")
                                else:
                                    key[v.get("id")] = v.get("value")
                        elif cname == "ObsValue":
                            value = child.get("value")
                        elif cname == "Attributes":
                            attrs.update({v.get("id"): v.get("value") for v in child})
                    if not checked:
                        if not _check_key(
                            key, errors, _("line %(line)s") % {"line": el.sourceline}
                        ):
                            return
                        checked = True
                    yield _raw_from_sdmx(key, period or "", value, attrs, el.sourceline)
                    el.clear(keep_tail=False)
                elif name == "Series":
                    series_key, series_attrs = {}, {}
                    el.clear(keep_tail=False)
            else:
                if name == "Obs":
                    seen_obs = True
                    parent = el.getparent()
                    attrs = dict(dataset_attrs)
                    key = {}
                    if parent is not None and _local(parent.tag) == "Series":
                        for k, v in parent.attrib.items():
                            key[k] = v
                    for k, v in el.attrib.items():
                        key[k] = v
                    for noise in [k for k in key if "}" in k]:
                        key.pop(noise)
                    time_id = TIME_DIMENSION if dim_at_obs == "AllDimensions" else dim_at_obs
                    period = key.pop(time_id, None) or key.pop(TIME_DIMENSION, "")
                    value = key.pop("OBS_VALUE", None)
                    if not checked:
                        if not _check_key(
                            key, errors, _("line %(line)s") % {"line": el.sourceline}
                        ):
                            return
                        checked = True
                    for attr in [k for k in key if k not in DIMENSIONS]:
                        attrs[attr] = key.pop(attr)
                    yield _raw_from_sdmx(key, period, value, attrs, el.sourceline)
                    el.clear(keep_tail=False)
                elif name == "Series":
                    el.clear(keep_tail=False)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if getattr(exc, "position", None) else "?")
        errors.add(
            _("line %(line)s") % {"line": line},
            _("the file is not well-formed XML (is it truncated?): %(problem)s")
            % {"problem": str(exc.msg)[:120]},
        )
        return
    if kind is None:
        errors.add("", _("the file is empty"))
    elif not seen_obs:
        errors.add("", _("the message contains no observations"))


def read_sdmx_json(data: bytes, errors: _Errors) -> Iterator[Raw]:
    import sdmx

    try:
        # The input-cleaning layer: nesting refused before the parser recurses, then every
        # string and number of the document.
        cleaning.load_json(data)
    except cleaning.InputRejected as exc:
        for path, messages in list(exc.errors.items())[:MAX_ERRORS]:
            for problem in messages:
                errors.add("", f"{cleaning.dotted(path) or '$'}: {problem}")
        return
    except (ValueError, UnicodeDecodeError) as exc:
        errors.add(
            "",
            _("the file is not valid JSON (is it truncated?): %(problem)s")
            % {"problem": str(exc)[:120]},
        )
        return
    try:
        message = sdmx.read_sdmx(io.BytesIO(data), format="JSON")
    except Exception as exc:  # noqa: BLE001 - sdmx1 raises many kinds; all mean "not SDMX-JSON data"
        errors.add(
            "",
            _("not an SDMX-JSON data message that SMENET can read: %(problem)s")
            % {"problem": str(exc)[:160]},
        )
        return
    datasets = getattr(message, "data", None) or []
    checked = False
    for ds in datasets:
        ds_attrs = {k: str(v.value) for k, v in getattr(ds, "attrib", {}).items()}
        for obs in ds.obs:
            key = {k: str(v.value) for k, v in obs.key.values.items()}
            period = key.pop(TIME_DIMENSION, "")
            attrs = {**ds_attrs, **{k: str(v.value) for k, v in obs.attrib.items()}}
            if not checked:
                if not _check_key(key, errors, ""):
                    return
                checked = True
            yield _raw_from_sdmx(key, period, obs.value, attrs, None)
    if not checked and not errors:
        errors.add("", _("the message contains no observations"))


def read_sdmx_csv(data: bytes, errors: _Errors) -> Iterator[Raw]:
    """SDMX-CSV 1.0 (first column DATAFLOW) and 2.0 (STRUCTURE, STRUCTURE_ID, ACTION)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.add("", _("the file is not UTF-8 text (byte %(offset)s)") % {"offset": exc.start})
        return
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [h.strip() for h in next(reader)]
    names = [h.split(":", 1)[0] for h in header]  # "REF_AREA: Reference area" with labels=both
    skip = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION"}
    if "TIME_PERIOD" not in names or "OBS_VALUE" not in names:
        errors.add(
            _("line %(number)s") % {"number": 1},
            _("an SDMX-CSV header needs TIME_PERIOD and OBS_VALUE columns"),
        )
        return
    checked = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.add(
                _("line %(number)s") % {"number": reader.line_num},
                _("%(problem)s (is the file truncated?)") % {"problem": exc},
            )
            return
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(names):
            errors.add(
                _("line %(number)s") % {"number": reader.line_num},
                _("expected %(expected)s fields, found %(found)s (is the file truncated?)")
                % {"expected": len(names), "found": len(row)},
            )
            continue
        values = {
            n: (
                v.split(":", 1)[0].strip()
                if n not in ("SOURCE", "OBS_COMMENT", "PUBLISHER", "OBS_VALUE")
                else v
            )
            for n, v in zip(names, row, strict=True)
            if n not in skip
        }
        if values.get("ACTION", "I") == "D":
            continue
        period = values.pop("TIME_PERIOD", "")
        value = values.pop("OBS_VALUE", None)
        key = {d: values.pop(d) for d in list(values) if d in DIMENSIONS}
        if not checked:
            if not _check_key(
                {
                    **key,
                    **{
                        k: v
                        for k, v in values.items()
                        if k
                        not in (
                            "UNIT_MEASURE",
                            "UNIT_MULT",
                            "DECIMALS",
                            "OBS_STATUS",
                            "VALUE_QUALIFIER",
                            "SOURCE",
                            "PUBLISHER",
                            "SME_DEFINITION",
                            "OBS_COMMENT",
                        )
                    },
                },
                errors,
                _("line %(number)s") % {"number": 1},
            ):
                return
            checked = True
        yield _raw_from_sdmx(
            key, period, value, {k: v for k, v in values.items() if v != ""}, reader.line_num
        )


READERS = {
    "plain-csv": read_plain_csv,
    "plain-xlsx": read_plain_xlsx,
    "sdmx-ml": read_sdmx_ml,
    "sdmx-json": read_sdmx_json,
    "sdmx-csv": read_sdmx_csv,
}


# ---------------------------------------------------------------------------- the import


def read_records(
    data: bytes, *, name: str, lookups: Lookups | None = None
) -> tuple[str, list[Record], list[str]]:
    """Read and check a whole file: (format, records, errors); nothing is written."""
    fmt = detect_format(name, data[:512])
    errors = _Errors()
    lookups = lookups or Lookups()
    records: list[Record] = []
    for raw in READERS[fmt](data, errors):
        record, problems = clean(raw, lookups)
        if problems:
            for p in problems:
                errors.add(raw.where, p)
        elif record is not None:
            records.append(record)
    if not records and not errors:
        errors.add("", _("the file contains no observations"))
    if not errors:
        from .services import duplicate_errors

        errors.extend(duplicate_errors(records))
    return fmt, records, list(errors)


def _limited(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS:
        return errors
    return [
        *errors[:MAX_ERRORS],
        _("… and %(count)s more errors") % {"count": len(errors) - MAX_ERRORS},
    ]


def import_statistics_data(
    data: bytes,
    *,
    name: str,
    actor: User | None = None,
    reason: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read, check and write a whole file, all or nothing. ``progress(done, total)`` is told
    after the check (0 of the records) and after each chunk written (a job's progress bar)."""
    from .services import observations_write

    fmt, records, errors = read_records(data, name=name)
    if errors:
        raise ImportFailed(_limited(errors))
    if progress is not None:
        progress(0, len(records))
    result = observations_write(
        actor=actor,
        progress=progress,
        records=records,
        batch_info={
            "file_name": Path(name).name[:300],
            "format": fmt,
            "sha256": hashlib.sha256(data).hexdigest(),
        },
        reason=reason or _("import of %(name)s") % {"name": Path(name).name[:200]},
    )
    return ImportResult(
        format=fmt,
        records=len(records),
        created=result.created,
        revised=result.revised,
        unchanged=result.unchanged,
    )


def import_statistics(path: str | Path, *, actor: User | None = None) -> ImportResult:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFailed(
            [_("cannot read %(path)s: %(problem)s") % {"path": path, "problem": exc.strerror}]
        ) from exc
    return import_statistics_data(data, name=str(path), actor=actor)
