"""SDMX 2.1 RESTful web service under ``/sdmx/`` (the SDMX-REST 1.x paths and parameters).

Structures: ``/{dataflow|datastructure|codelist|conceptscheme}[/{agency}[/{id}[/{version}]]]``
with ``all``/``*`` and ``latest``, and ``references``. Data: ``/data/{flowRef}[/{key}
[/{provider}]]`` with ``startPeriod``, ``endPeriod``, ``detail``, ``dimensionAtObservation``,
``firstNObservations``, ``lastNObservations`` and ``updatedAfter``; generic SDMX-ML by default,
structure-specific SDMX-ML, SDMX-CSV or SDMX-JSON 1.0 by the Accept header or ``format``.
Errors are SDMX-ML error messages with the standard codes (100 no results → 404, 140 syntax
→ 400, 501 not implemented, 406 not acceptable).

SMENET maintains every artefact it serves (agency ``SMENET``). Clients such as ``sdmx1`` put the
identifier of their local source configuration in the agency segment, so an agency segment is
accepted whatever it says (see decision 0018).
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape

import sdmx
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from sdmx import message

from . import exports
from .models import Observation
from .periods import bounds_key, parse_bound
from .sdmx_structure import AGENCY_ID, DIMENSIONS, DSD_ID, FLOW_ID, VERSION, Structures, load

GENERIC = "application/vnd.sdmx.genericdata+xml; version=2.1"
SPECIFIC = "application/vnd.sdmx.structurespecificdata+xml; version=2.1"
STRUCTURE = "application/vnd.sdmx.structure+xml; version=2.1"
CSV = "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"
JSON = "application/vnd.sdmx.data+json; version=1.0.0; charset=utf-8"
ERROR_STATUS = {100: 404, 140: 400, 150: 403, 500: 500, 501: 501, 406: 406}
ERROR_TEXT = {
    100: "No results found",
    140: "Syntax error",
    150: "Semantic error",
    406: "Not acceptable",
    500: "Internal server error",
    501: "Not implemented",
}
REFERENCES = {
    "none",
    "parents",
    "parentsandsiblings",
    "children",
    "descendants",
    "all",
    "datastructure",
    "dataflow",
    "codelist",
    "conceptscheme",
}
DETAIL_STRUCTURE = {
    "full",
    "allstubs",
    "referencestubs",
    "referencepartial",
    "allcompletestubs",
    "referencecompletestubs",
}
DETAIL_DATA = {"full", "dataonly", "serieskeysonly", "nodata"}


class SdmxError(Exception):
    def __init__(self, code: int, detail: str = ""):
        super().__init__(detail)
        self.code = code
        self.detail = detail


def error_response(code: int, detail: str = "") -> HttpResponse:
    text = ERROR_TEXT.get(code, "Error") + (f": {detail}" if detail else "")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<mes:Error xmlns:mes="{exports.NS["mes"]}" xmlns:com="{exports.NS["com"]}">'
        f'<mes:ErrorMessage code="{code}"><com:Text xml:lang="en">{escape(text)}</com:Text>'
        "</mes:ErrorMessage></mes:Error>\n"
    )
    return HttpResponse(
        body, status=ERROR_STATUS.get(code, 500), content_type="application/xml; charset=utf-8"
    )


def _sdmx_view(view):
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except SdmxError as exc:
            return error_response(exc.code, exc.detail)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return require_GET(wrapped)


def _matches(segment: str | None, value: str) -> bool:
    return segment in (None, "", "all", "*") or segment == value


def _version_matches(segment: str | None) -> bool:
    return segment in (None, "", "all", "*", "latest", "+", "~") or segment == VERSION


def _check_params(request: HttpRequest, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise SdmxError(140, f"unknown parameter(s): {', '.join(unknown)}")


def _structure_response(structures: Structures, artefacts: list[object]) -> HttpResponse:
    msg = message.StructureMessage(
        header=message.Header(
            id=f"SMENET-STRUCT-{timezone.now():%Y%m%d%H%M%S}",
            prepared=timezone.now(),
            sender=structures.agency,
            test=False,
        )
    )
    for artefact in artefacts:
        msg.add(artefact)
    return HttpResponse(sdmx.to_xml(msg), content_type=STRUCTURE + "; charset=utf-8")


RESOURCES = ("dataflow", "datastructure", "codelist", "conceptscheme")


@_sdmx_view
def structure(
    request: HttpRequest,
    resource: str,
    agency: str | None = None,
    resource_id: str | None = None,
    version: str | None = None,
) -> HttpResponse:
    _check_params(request, {"references", "detail"})
    references = request.GET.get("references", "none").lower()
    detail = request.GET.get("detail", "full").lower()
    if references not in REFERENCES:
        raise SdmxError(140, f"references={references}")
    if detail not in DETAIL_STRUCTURE:
        raise SdmxError(140, f"detail={detail}")
    if not _version_matches(version):
        raise SdmxError(100, f"no {resource} in version {version}")
    s = load()
    if resource == "dataflow":
        found: list[object] = [s.dataflow] if _matches(resource_id, FLOW_ID) else []
    elif resource == "datastructure":
        found = [s.dsd] if _matches(resource_id, DSD_ID) else []
    elif resource == "codelist":
        found = [cl for cl in s.codelists.values() if _matches(resource_id, cl.id)]
    else:
        found = [s.concepts] if _matches(resource_id, s.concepts.id) else []
    if not found:
        raise SdmxError(100, f"no {resource} {resource_id}")
    extra: list[object] = []
    children = references in ("children", "descendants", "all")
    if resource == "dataflow" and (children or references == "datastructure"):
        extra.append(s.dsd)
    if resource == "dataflow" and references in ("descendants", "all"):
        extra += [*s.codelists.values(), s.concepts]
    if resource == "datastructure" and (children or references == "codelist"):
        extra += list(s.codelists.values())
    if resource == "datastructure" and (children or references == "conceptscheme"):
        extra.append(s.concepts)
    if resource == "datastructure" and references in (
        "parents",
        "parentsandsiblings",
        "all",
        "dataflow",
    ):
        extra.append(s.dataflow)
    if resource in ("codelist", "conceptscheme") and references in (
        "parents",
        "parentsandsiblings",
        "all",
        "datastructure",
    ):
        extra.append(s.dsd)
    return _structure_response(s, found + extra)


def _flow_matches(flow_ref: str) -> bool:
    parts = [p.strip() for p in flow_ref.split(",")]
    if len(parts) == 1:
        return parts[0] in (FLOW_ID, "all", "*")
    if len(parts) in (2, 3):
        agency_ok = parts[0] in (AGENCY_ID, "all", "*", "")
        version_ok = len(parts) == 2 or _version_matches(parts[2])
        return agency_ok and parts[1] in (FLOW_ID, "all", "*") and version_ok
    return False


def _parse_key(key: str | None) -> list[set[str]]:
    if key in (None, "", "all", "ALL", "*"):
        return [set() for _ in DIMENSIONS]
    parts = key.split(".")
    if len(parts) != len(DIMENSIONS):
        raise SdmxError(
            140,
            f"the key has {len(parts)} part(s); {FLOW_ID} is keyed by {'.'.join(DIMENSIONS)}",
        )
    return [{v for v in p.split("+") if v} for p in parts]


def _representation(request: HttpRequest) -> str:
    fmt = request.GET.get("format", "").lower()
    if fmt:
        choice = {
            "genericdata": "generic",
            "generic": "generic",
            "structurespecificdata": "specific",
            "structurespecific": "specific",
            "csv": "csv",
            "sdmx-csv": "csv",
            "csvfile": "csv",
            "jsondata": "json",
            "json": "json",
            "sdmx-json": "json",
        }.get(fmt)
        if choice is None:
            raise SdmxError(406, f"format={fmt}")
        return choice
    accept = request.headers.get("Accept", "*/*").lower()
    offers = [part.split(";")[0].strip() for part in accept.split(",")]
    for offer in offers:
        if "genericdata" in offer:
            return "generic"
        if "structurespecificdata" in offer:
            return "specific"
        if offer in ("application/vnd.sdmx.data+csv", "text/csv"):
            return "csv"
        if offer in ("application/vnd.sdmx.data+json", "application/json"):
            return "json"
        if offer in ("*/*", "application/*", "application/xml", "text/xml", "text/*"):
            return "generic"
    raise SdmxError(406, f"Accept: {accept[:100]}")


@_sdmx_view
def data(
    request: HttpRequest, flow: str, key: str | None = None, provider: str | None = None
) -> HttpResponseBase:
    _check_params(
        request,
        {
            "startPeriod",
            "endPeriod",
            "detail",
            "dimensionAtObservation",
            "firstNObservations",
            "lastNObservations",
            "updatedAfter",
            "includeHistory",
            "format",
        },
    )
    if not _flow_matches(flow):
        raise SdmxError(100, f"no dataflow {flow}")
    if provider not in (None, "", "all", "*", AGENCY_ID):
        raise SdmxError(100, f"no data provider {provider}")
    detail = request.GET.get("detail", "full").lower()
    if detail not in DETAIL_DATA:
        raise SdmxError(140, f"detail={detail}")
    dim_at_obs = request.GET.get("dimensionAtObservation", "TIME_PERIOD")
    if dim_at_obs != "TIME_PERIOD":
        raise SdmxError(501, "dimensionAtObservation other than TIME_PERIOD")
    representation = _representation(request)
    freq, areas, indicators = _parse_key(key)
    qs = Observation.objects.visible_to(request.user)
    if areas:
        qs = qs.filter(ref_area__in=sorted(areas))
    if indicators:
        qs = qs.filter(indicator__code__in=sorted(indicators))
    if freq:
        if freq - {"A", "Q"}:
            raise SdmxError(100, "frequencies other than A and Q")
        if freq == {"A"}:
            qs = qs.filter(quarter=0)
        elif freq == {"Q"}:
            qs = qs.filter(quarter__gt=0)
    qs = _period_filter(qs, request.GET.get("startPeriod"), request.GET.get("endPeriod"))
    if updated := request.GET.get("updatedAfter"):
        moment = _datetime(updated)
        qs = qs.filter(updated_at__gt=moment)
    first_n = _positive(request, "firstNObservations")
    last_n = _positive(request, "lastNObservations")
    if not qs.exists():
        raise SdmxError(100)
    rows = list(exports.rows_of(qs))  # read in this thread, before streaming starts
    if first_n or last_n:
        rows = _limit_per_series(rows, first_n, last_n)
    if representation == "csv":
        body = exports.sdmx_csv(rows)
        content_type = CSV
    elif representation == "json":
        body = exports.sdmx_json(rows, detail=detail)
        content_type = JSON
    elif representation == "specific":
        body = exports.structure_specific_xml(rows, detail=detail)
        content_type = SPECIFIC + "; charset=utf-8"
    else:
        body = exports.generic_xml(rows, detail=detail)
        content_type = GENERIC + "; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Vary"] = "Accept"
    return response


def _period_filter(qs, start: str | None, end: str | None):
    from django.db.models import Q

    if start:
        bound = parse_bound(start)
        if bound is None:
            raise SdmxError(140, f"startPeriod={start[:20]}")
        year, quarter = bounds_key(bound, end=False)
        qs = qs.filter(Q(year__gt=year) | Q(year=year, quarter__gte=quarter))
    if end:
        bound = parse_bound(end)
        if bound is None:
            raise SdmxError(140, f"endPeriod={end[:20]}")
        year, quarter = bounds_key(bound, end=True)
        qs = qs.filter(Q(year__lt=year) | Q(year=year, quarter__lte=quarter))
    return qs


def _datetime(text: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SdmxError(140, f"updatedAfter={text[:30]}") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def _positive(request: HttpRequest, name: str) -> int | None:
    text = request.GET.get(name)
    if text is None:
        return None
    if not text.isdigit() or int(text) < 1:
        raise SdmxError(140, f"{name}={text[:20]}")
    return int(text)


def _limit_per_series(rows, first_n: int | None, last_n: int | None):
    from itertools import groupby

    for _key, series in groupby(rows, key=exports._series_key):
        items = list(series)
        chosen = []
        if first_n:
            chosen += items[:first_n]
        if last_n:
            chosen += [r for r in items[-last_n:] if r not in chosen]
        yield from chosen


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """What this service offers, for a person who opens /sdmx/ in a browser."""
    base = request.build_absolute_uri("/sdmx/")
    lines = [
        "SMENET SDMX 2.1 RESTful web service",
        "",
        f"{base}dataflow/{AGENCY_ID}/{FLOW_ID}/latest?references=all",
        f"{base}datastructure/{AGENCY_ID}/{DSD_ID}/latest?references=children",
        f"{base}codelist/{AGENCY_ID}/all/latest",
        f"{base}conceptscheme/{AGENCY_ID}/all/latest",
        f"{base}data/{FLOW_ID}/A.AZE+TUR.SME_EMP_SHARE?startPeriod=2015&endPeriod=2024",
        "",
        "Key: FREQ.REF_AREA.INDICATOR (ISO alpha-3 or group codes OIC, OIC_ARAB, OIC_ASIAN,",
        "OIC_AFRICAN); TIME_PERIOD 2023 or 2023-Q3. Generic SDMX-ML by default; structure-",
        "specific SDMX-ML, SDMX-CSV or SDMX-JSON by the Accept header or",
        "?format=structurespecificdata|csv|jsondata.",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
