"""Exports of any selection of observations: the plain layout (CSV, XLSX) and SDMX (generic and
structure-specific SDMX-ML 2.1, SDMX-CSV 1.0, SDMX-JSON 1.0). Each is read back by the import
unchanged.

The writers stream: they take an iterator of :class:`Row` and yield text, so that a whole
data set leaves without being held in memory.
"""

from __future__ import annotations

import datetime
import io
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any
from xml.sax.saxutils import quoteattr

from django.db.models import QuerySet

from smenet.common.exports import csv_stream, xlsx_stream_row

from .importer import PLAIN_COLUMNS
from .models import Indicator
from .sdmx_structure import AGENCY_ID, DSD_ID, FLOW_ID, TIME_DIMENSION, VERSION

NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
    "gen": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic",
    "ss": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SS_NAMESPACE = (
    f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={AGENCY_ID}:{DSD_ID}({VERSION})"
    f":ObsLevelDim:{TIME_DIMENSION}"
)
STRUCTURE_ID = f"{AGENCY_ID}_{DSD_ID}_{VERSION.replace('.', '_')}"
ROW_FIELDS = (
    "indicator_id",
    "ref_area",
    "period",
    "quarter",
    "value",
    "obs_status",
    "qualifier",
    "source_url",
    "source_publisher",
    "definition__iso3",
    "note",
)


@dataclass(frozen=True)
class Row:
    indicator: str
    unit: str
    unit_multiplier: int
    decimals: int
    ref_area: str
    period: str
    frequency: str
    value: float | None
    obs_status: str
    qualifier: str
    source: str
    publisher: str
    definition: str
    note: str


def number(value: float | None) -> str:
    """The shortest text that reads back as the same float, never localised."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def rows_of(queryset: QuerySet, *, ordered: bool = True) -> Iterator[Row]:
    """The rows of an observation queryset, series by series (area, indicator, period)."""
    indicators = {
        i.pk: i for i in Indicator.objects.only("pk", "code", "unit", "unit_multiplier", "decimals")
    }
    qs = queryset.values_list(*ROW_FIELDS)
    if ordered:
        qs = qs.order_by("ref_area", "indicator__code", "quarter", "year")
    records = []
    for r in qs.iterator(chunk_size=5000):
        ind = indicators[r[0]]
        records.append(
            Row(
                indicator=ind.code,
                unit=ind.unit,
                unit_multiplier=ind.unit_multiplier,
                decimals=ind.decimals,
                ref_area=r[1],
                period=r[2],
                frequency="Q" if r[3] else "A",
                value=r[4],
                obs_status=r[5],
                qualifier=r[6],
                source=r[7],
                publisher=r[8],
                definition=r[9] or "",
                note=r[10],
            )
        )
    if ordered:
        # Quarterly and annual figures are separate series (FREQ); periods sort as text.
        records.sort(key=lambda r: (r.frequency, r.ref_area, r.indicator, r.period))
    yield from records


# ---------------------------------------------------------------------------- plain layout


def plain_csv(rows: Iterable[Row]) -> Iterator[str]:
    return csv_stream(
        PLAIN_COLUMNS,
        (
            (
                r.indicator,
                r.ref_area,
                r.period,
                number(r.value),
                r.unit,
                r.obs_status,
                r.source,
                r.definition,
            )
            for r in rows
        ),
    )


def plain_xlsx(rows: Iterable[Row]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("observations")
    sheet.append(list(PLAIN_COLUMNS))
    for r in rows:
        sheet.append(
            xlsx_stream_row(
                sheet,
                [
                    r.indicator,
                    r.ref_area,
                    r.period,
                    r.value,
                    r.unit,
                    r.obs_status,
                    r.source,
                    r.definition,
                ],
            )
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------- SDMX


def _header(structure_attrs: str, prepared: datetime.datetime | None = None) -> str:
    prepared = prepared or datetime.datetime.now(datetime.UTC)
    return (
        "<mes:Header>"
        f"<mes:ID>SMENET-{uuid.uuid4().hex[:16]}</mes:ID>"
        "<mes:Test>false</mes:Test>"
        f"<mes:Prepared>{prepared.strftime('%Y-%m-%dT%H:%M:%S')}</mes:Prepared>"
        f'<mes:Sender id="{AGENCY_ID}"/>'
        f'<mes:Structure structureID="{STRUCTURE_ID}"{structure_attrs} dimensionAtObservation="{TIME_DIMENSION}">'
        f'<com:Structure><Ref agencyID="{AGENCY_ID}" id="{DSD_ID}" version="{VERSION}"/></com:Structure>'
        "</mes:Structure>"
        "</mes:Header>"
    )


def _series_attrs(r: Row) -> list[tuple[str, str]]:
    return [
        ("UNIT_MEASURE", r.unit),
        ("UNIT_MULT", str(r.unit_multiplier)),
        ("DECIMALS", str(r.decimals)),
    ]


def _obs_attrs(r: Row) -> list[tuple[str, str]]:
    pairs = [
        ("OBS_STATUS", r.obs_status),
        ("VALUE_QUALIFIER", r.qualifier),
        ("SOURCE", r.source),
        ("PUBLISHER", r.publisher),
        ("SME_DEFINITION", r.definition),
        ("OBS_COMMENT", r.note),
    ]
    return [(k, v) for k, v in pairs if v]


def _obs_value(value: float | None) -> str:
    return "NaN" if value is None else number(value)


def _series_key(r: Row) -> tuple[str, str, str]:
    return (r.frequency, r.ref_area, r.indicator)


def generic_xml(rows: Iterable[Row], *, detail: str = "full") -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<mes:GenericData xmlns:mes="{NS["mes"]}" xmlns:com="{NS["com"]}" xmlns:gen="{NS["gen"]}">'
    )
    yield _header("")
    yield f'<mes:DataSet structureRef="{STRUCTURE_ID}">'
    for (freq, area, indicator), series in groupby(rows, key=_series_key):
        parts = [
            "<gen:Series><gen:SeriesKey>",
            f'<gen:Value id="FREQ" value={quoteattr(freq)}/>',
            f'<gen:Value id="REF_AREA" value={quoteattr(area)}/>',
            f'<gen:Value id="INDICATOR" value={quoteattr(indicator)}/>',
            "</gen:SeriesKey>",
        ]
        items = list(series)
        if detail not in ("dataonly", "serieskeysonly"):
            parts.append("<gen:Attributes>")
            parts += [
                f'<gen:Value id="{k}" value={quoteattr(v)}/>' for k, v in _series_attrs(items[0])
            ]
            parts.append("</gen:Attributes>")
        if detail not in ("serieskeysonly", "nodata"):
            for r in items:
                parts.append(
                    f"<gen:Obs><gen:ObsDimension value={quoteattr(r.period)}/>"
                    f'<gen:ObsValue value="{_obs_value(r.value)}"/>'
                )
                attrs = _obs_attrs(r) if detail != "dataonly" else []
                if attrs:
                    parts.append("<gen:Attributes>")
                    parts += [f'<gen:Value id="{k}" value={quoteattr(v)}/>' for k, v in attrs]
                    parts.append("</gen:Attributes>")
                parts.append("</gen:Obs>")
        parts.append("</gen:Series>")
        yield "".join(parts)
    yield "</mes:DataSet></mes:GenericData>\n"


def structure_specific_xml(rows: Iterable[Row], *, detail: str = "full") -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<mes:StructureSpecificData xmlns:mes="{NS["mes"]}" xmlns:com="{NS["com"]}" '
        f'xmlns:ss="{NS["ss"]}" xmlns:xsi="{NS["xsi"]}" xmlns:ns1="{SS_NAMESPACE}">'
    )
    yield _header(f' namespace="{SS_NAMESPACE}"')
    yield (
        f'<mes:DataSet ss:dataScope="DataStructure" xsi:type="ns1:DataSetType" '
        f'ss:structureRef="{STRUCTURE_ID}">'
    )
    for (freq, area, indicator), series in groupby(rows, key=_series_key):
        items = list(series)
        attrs = [("FREQ", freq), ("REF_AREA", area), ("INDICATOR", indicator)]
        if detail not in ("dataonly", "serieskeysonly"):
            attrs += _series_attrs(items[0])
        parts = ["<Series" + "".join(f" {k}={quoteattr(v)}" for k, v in attrs) + ">"]
        if detail not in ("serieskeysonly", "nodata"):
            for r in items:
                obs = [(TIME_DIMENSION, r.period), ("OBS_VALUE", _obs_value(r.value))]
                if detail != "dataonly":
                    obs += _obs_attrs(r)
                parts.append("<Obs" + "".join(f" {k}={quoteattr(v)}" for k, v in obs) + "/>")
        parts.append("</Series>")
        yield "".join(parts)
    yield "</mes:DataSet></mes:StructureSpecificData>\n"


SDMX_CSV_COLUMNS = (
    "DATAFLOW",
    "FREQ",
    "REF_AREA",
    "INDICATOR",
    "TIME_PERIOD",
    "OBS_VALUE",
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


def sdmx_csv(rows: Iterable[Row]) -> Iterator[str]:
    """SDMX-CSV 1.0 (the companion of SDMX 2.1): one observation per line."""
    flow = f"{AGENCY_ID}:{FLOW_ID}({VERSION})"
    return csv_stream(
        SDMX_CSV_COLUMNS,
        (
            (
                flow,
                r.frequency,
                r.ref_area,
                r.indicator,
                r.period,
                "NaN" if r.value is None else number(r.value),
                r.unit,
                r.unit_multiplier,
                r.decimals,
                r.obs_status,
                r.qualifier,
                r.source,
                r.publisher,
                r.definition,
                r.note,
            )
            for r in rows
        ),
    )


#: SDMX-JSON 1.0: the dimensions at series level, then the attributes by level, each with the
#: name a reader shows and whether its values are codes (``id``) or free text (``name`` only).
JSON_SERIES_DIMENSIONS = (
    ("FREQ", "Frequency"),
    ("REF_AREA", "Reference area"),
    ("INDICATOR", "Indicator"),
)
JSON_SERIES_ATTRIBUTES = (
    ("UNIT_MEASURE", "Unit of measure", True),
    ("UNIT_MULT", "Unit multiplier", True),
    ("DECIMALS", "Decimals", True),
)
JSON_OBS_ATTRIBUTES = (
    ("OBS_STATUS", "Observation status", True),
    ("VALUE_QUALIFIER", "Value qualifier", True),
    ("SOURCE", "Source", False),
    ("PUBLISHER", "Publisher", False),
    ("SME_DEFINITION", "National SME definition", True),
    ("OBS_COMMENT", "Comment", False),
)


class _Values:
    """The distinct values of one dimension or attribute, in order of first use: a message
    refers to them by position."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def index(self, value: str) -> int:
        try:
            return self._index[value]
        except KeyError:
            self._index[value] = len(self.items)
            self.items.append(value)
            return self._index[value]


def sdmx_json(rows: Iterable[Row], *, detail: str = "full") -> Iterator[str]:
    """An SDMX-JSON 1.0 data message (the format of SDMX 2.1 web services): series keyed by
    positions in the structure's value lists (``"0:3:1"``), observations by the position of
    their period, each ``[value, attribute positions…]``. Attributes are listed only when the
    message uses them (a reader cannot refer to an attribute without values)."""
    with_obs = detail not in ("serieskeysonly", "nodata")
    with_attrs = detail not in ("dataonly", "serieskeysonly")
    dims = [_Values() for _ in JSON_SERIES_DIMENSIONS]
    periods = _Values()
    series_attrs = [_Values() for _ in JSON_SERIES_ATTRIBUTES]
    obs_attrs = [_Values() for _ in JSON_OBS_ATTRIBUTES]
    series: dict[str, dict[str, Any]] = {}
    for key, grouped in groupby(rows, key=_series_key):
        items = list(grouped)
        entry: dict[str, Any] = {}
        if with_attrs:
            values = dict(_series_attrs(items[0]))
            entry["attributes"] = [
                series_attrs[i].index(values[a[0]]) if values.get(a[0]) else None
                for i, a in enumerate(JSON_SERIES_ATTRIBUTES)
            ]
        if with_obs:
            observations = {}
            for r in items:
                obs: list[Any] = [r.value]
                if with_attrs:
                    values = dict(_obs_attrs(r))
                    obs += [
                        obs_attrs[i].index(values[a[0]]) if values.get(a[0]) else None
                        for i, a in enumerate(JSON_OBS_ATTRIBUTES)
                    ]
                observations[str(periods.index(r.period))] = obs
            entry["observations"] = observations
        series[":".join(str(dims[i].index(v)) for i, v in enumerate(key))] = entry

    def listed(spec: tuple, values: list[_Values]) -> list[dict[str, Any]]:
        # Every attribute of the structure, in its order, even one no observation uses: sdmx1
        # fails on an attribute of the structure that the message does not list, and drops
        # one listed without values, which shifts the positions of those after it; so an
        # unused attribute gets one empty value that nothing refers to.
        return [
            {
                "id": ident,
                "name": name,
                "values": [{"id": v, "name": v} if coded else {"name": v} for v in vals.items]
                or [{"name": ""}],
            }
            for (ident, name, coded), vals in zip(spec, values, strict=True)
        ]

    series_spec = listed(JSON_SERIES_ATTRIBUTES, series_attrs)
    obs_spec = listed(JSON_OBS_ATTRIBUTES, obs_attrs)
    message = {
        "header": {
            "id": f"SMENET-{uuid.uuid4().hex[:16]}",
            "test": False,
            "prepared": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sender": {"id": AGENCY_ID},
        },
        "dataSets": [{"action": "Information", "series": series}],
        "structure": {
            "name": "SME statistics",
            "links": [
                {
                    "rel": "datastructure",
                    "urn": f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={AGENCY_ID}:{DSD_ID}({VERSION})",
                }
            ],
            "dimensions": {
                "dataSet": [],
                "series": [
                    {
                        "id": ident,
                        "name": name,
                        "keyPosition": position,
                        "values": [{"id": v, "name": v} for v in dims[position].items],
                    }
                    for position, (ident, name) in enumerate(JSON_SERIES_DIMENSIONS)
                ],
                "observation": [
                    {
                        "id": TIME_DIMENSION,
                        "name": "Time period",
                        "keyPosition": len(JSON_SERIES_DIMENSIONS),
                        "role": "time",
                        "values": [{"id": p, "name": p} for p in periods.items],
                    }
                ],
            },
            "attributes": {"dataSet": [], "series": series_spec, "observation": obs_spec},
        },
    }
    yield json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def render(fmt: str, rows: Iterable[Row], **options: Any) -> Iterator[str] | bytes:
    return {
        "csv": plain_csv,
        "sdmx-generic": generic_xml,
        "sdmx-structure-specific": structure_specific_xml,
        "sdmx-csv": sdmx_csv,
        "sdmx-json": sdmx_json,
    }[fmt](rows, **options)
