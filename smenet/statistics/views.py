"""Pages of the statistics app. Thin: parse the query, call selectors, build the charts, render.

Every chart page also answers ``?format=svg`` and ``?format=png`` (the chart alone) and
``?format=csv`` (its data in the plain import layout), so that the download links work without
any script.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smenet.common import uploads
from smenet.common.errors import NotFound
from smenet.registry import roles
from smenet.web import errors as web_errors

from . import charts, exports, hooks, selectors
from .areas import GROUPS, Area, area_index
from .choices import Category
from .models import Indicator

ERROR_TEMPLATE = "statistics/error.html"
domain_pages = web_errors.domain_pages(ERROR_TEMPLATE)
SORTS = ("value", "name")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _download(request: HttpRequest, svg: str, rows: Any, name: str) -> HttpResponseBase | None:
    fmt = request.GET.get("format")
    response: HttpResponseBase
    if fmt == "svg":
        response = HttpResponse(
            '<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
            content_type="image/svg+xml; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.svg"'
        return response
    if fmt == "png":
        response = HttpResponse(charts.to_png(svg), content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="{name}.png"'
        return response
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.plain_csv(list(rows)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return None


def _links(request: HttpRequest, **params: Any) -> dict[str, str]:
    base: dict[str, Any] = {k: v for k, v in request.GET.items() if k != "format"}
    base.update({k: v for k, v in params.items() if v is not None})
    return {
        fmt: f"{request.path}?{urlencode({**base, 'format': fmt})}" for fmt in ("svg", "png", "csv")
    }


# ---------------------------------------------------------------------------- index


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    indicators = list(selectors.indicator_list(user=request.user))
    coverage = selectors.indicator_coverage(user=request.user)
    by_category: dict[str, list[Any]] = {}
    for ind in indicators:
        by_category.setdefault(ind.category, []).append((ind, coverage.get(ind.pk)))
    groups = [(Category(cat).label, items) for cat, items in by_category.items()]
    return render(
        request,
        "statistics/index.html",
        {
            "groups": groups,
            "members": len(area_index().countries),
            "published": selectors.published_group_figures(user=request.user),
            "first": indicators[0] if indicators else None,
        },
    )


# ---------------------------------------------------------------------------- indicator page


@require_GET
@domain_pages
def indicator_page(request: HttpRequest, code: str) -> HttpResponseBase:
    indicator = selectors.indicator_get(user=request.user, code=code)
    years = selectors.indicator_years(indicator=indicator)
    year = _int(request.GET.get("year"))
    if year is None or year not in years:
        year = years[0] if years else None
    years = sorted(years, reverse=True)
    areas = area_index()
    context: dict[str, Any] = {"indicator": indicator, "years": years, "year": year}
    if year is None:
        return render(request, "statistics/indicator.html", context)
    year_points = selectors.year_figures(user=request.user, indicator=indicator, year=year)
    table = selectors.indicator_year_table(
        user=request.user, indicator=indicator, year=year, areas=areas, year_points=year_points
    )
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "value"
    descending = request.GET.get("dir", "desc" if sort == "value" else "asc") == "desc"
    rows, notes = _table_rows(table, indicator)
    for note in notes:
        note["definition_name"] = areas.name(note["definition"]) if note["definition"] else ""
    key = (
        (lambda r: (r["value"] is None, r["value"] or 0))
        if sort == "value"
        else (lambda r: r["name"])
    )
    covered = sorted([r for r in rows if r["value"] is not None], key=key, reverse=descending)
    missing = sorted([r for r in rows if r["value"] is None], key=lambda r: r["name"])
    bars = [
        charts.Bar(
            label=r["name"],
            value=r["value"],
            text=r["text"],
            note="*" if r["nearest"] else "",
            title=r["title"],
            nearest=r["nearest"],
        )
        for r in sorted(covered, key=lambda r: -r["value"])
    ]
    title = _("%(indicator)s, %(year)s") % {"indicator": indicator, "year": year}
    desc = _(
        "%(covered)s of %(members)s member states have a figure; the table below gives every value."
    ) % {
        "covered": table.coverage,
        "members": table.members,
    }
    svg = charts.bar_chart(bars, title=title, desc=desc)
    download = _download(
        request,
        svg,
        exports.rows_of(
            selectors.observation_list(user=request.user, indicator=indicator, year=year)
        ),
        f"{indicator.code}-{year}",
    )
    if download:
        return download
    context.update(
        table=table,
        rows=covered + missing,
        notes=notes,
        chart=svg,
        sort=sort,
        descending=descending,
        downloads=_links(request, year=year),
        groups=selectors.group_figures(
            user=request.user, indicator=indicator, year=year, areas=areas, year_points=year_points
        ),
        unit=charts.unit_label(indicator),
    )
    return render(request, "statistics/indicator.html", context)


def _table_rows(
    table: selectors.YearTable, indicator: Indicator
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows with numbered footnotes: one note per distinct (source, definition, note)."""
    notes: list[dict[str, Any]] = []
    index: dict[tuple[str, str, str, str], int] = {}
    rows: list[dict[str, Any]] = []
    for r in table.rows:
        p = r.point
        if p is None or p.value is None:
            rows.append(
                {
                    "code": r.area.code,
                    "name": r.area.name,
                    "value": None,
                    "nearest": False,
                    "point": None,
                    "marks": "",
                    "text": "—",
                    "title": r.area.name,
                }
            )
            continue
        key = (p.source, p.publisher, p.definition, p.note)
        if key not in index:
            notes.append(
                {
                    "number": len(notes) + 1,
                    "source": p.source,
                    "publisher": p.publisher,
                    "definition": p.definition,
                    "note": p.note,
                }
            )
            index[key] = len(notes)
        number = index[key]
        text = charts.display(p.value, indicator, qualifier=p.qualifier)
        title = _("%(area)s: %(value)s (%(period)s) — note %(note)s") % {
            "area": r.area.name,
            "value": text,
            "period": p.period,
            "note": number,
        }
        rows.append(
            {
                "code": r.area.code,
                "name": r.area.name,
                "value": p.value,
                "text": text,
                "nearest": r.nearest,
                "point": p,
                "marks": f" [{number}]",
                "note": number,
                "title": title,
            }
        )
    return rows, notes


def _chosen_indicator(
    request: HttpRequest,
) -> tuple[list[selectors.IndicatorChoice], Indicator]:
    """The menu of indicators (from the catalogue, no model instances) and the one asked for
    (``?indicator=``, else the first), read with its translations."""
    indicators = selectors.indicator_catalogue(user=request.user)
    if not indicators:
        raise NotFound(_("No indicator is defined yet."))
    code = request.GET.get("indicator") or indicators[0].code
    if not any(i.code == code for i in indicators):
        raise NotFound(_("Unknown indicator."))
    return indicators, selectors.indicator_get(user=request.user, code=code)


# ---------------------------------------------------------------------------- map


@require_GET
@domain_pages
def map_page(request: HttpRequest) -> HttpResponseBase:
    indicators, indicator = _chosen_indicator(request)
    years = selectors.indicator_years(indicator=indicator)
    year = _int(request.GET.get("year"))
    if year is None or year not in years:
        year = years[0] if years else None
    years = sorted(years, reverse=True)
    areas = area_index()
    context: dict[str, Any] = {
        "indicators": indicators,
        "indicator": indicator,
        "years": years,
        "year": year,
    }
    if year is None:
        return render(request, "statistics/map.html", context)
    table = selectors.indicator_year_table(
        user=request.user, indicator=indicator, year=year, areas=areas
    )
    values = [r.value for r in table.covered if r.value is not None]
    bounds = charts.classes(values)
    map_areas = []
    rows = []
    for r in sorted(table.rows, key=lambda r: r.area.name):
        p = r.point
        value = p.value if p else None
        text = charts.display(value, indicator, qualifier=p.qualifier if p else "")
        if p is None or value is None:
            title = _("%(area)s: no figure") % {"area": r.area.name}
        elif r.nearest:
            title = _("%(area)s: %(value)s (nearest year: %(period)s)") % {
                "area": r.area.name,
                "value": text,
                "period": p.period,
            }
        else:
            title = _("%(area)s: %(value)s (%(period)s)") % {
                "area": r.area.name,
                "value": text,
                "period": p.period,
            }
        href = reverse("statistics:country", kwargs={"iso3": r.area.code})
        map_areas.append(
            charts.MapArea(
                code=r.area.code, name=r.area.name, value=value, text=text, title=title, href=href
            )
        )
        rows.append(
            {
                "area": r.area,
                "value": value,
                "text": text,
                "point": p,
                "nearest": r.nearest,
                "href": href,
                "colour": charts.NO_DATA
                if value is None
                else charts.colour(charts.class_of(value, bounds), len(bounds)),
            }
        )
    title = _("%(indicator)s, %(year)s, by member state") % {"indicator": indicator, "year": year}
    desc = _(
        "A map of the %(members)s member states coloured by value in %(classes)s classes; %(covered)s have a figure. The table beside the map gives every value."
    ) % {
        "members": table.members,
        "classes": len(bounds),
        "covered": table.coverage,
    }
    svg = charts.choropleth(map_areas, title=title, desc=desc, bounds=bounds)
    download = _download(
        request,
        svg,
        exports.rows_of(
            selectors.observation_list(user=request.user, indicator=indicator, year=year)
        ),
        f"map-{indicator.code}-{year}",
    )
    if download:
        return download
    legend = []
    lower = min(values) if values else None
    for i, bound in enumerate(bounds):
        legend.append(
            {
                "colour": charts.colour(i, len(bounds)),
                "low": charts.display(lower, indicator),
                "high": charts.display(bound, indicator),
            }
        )
        lower = bound
    context.update(
        table=table,
        rows=rows,
        chart=svg,
        legend=legend,
        no_data=charts.NO_DATA,
        downloads=_links(request, indicator=indicator.code, year=year),
    )
    return render(request, "statistics/map.html", context)


# ---------------------------------------------------------------------------- aggregates


@require_GET
@domain_pages
def aggregates_page(request: HttpRequest) -> HttpResponse:
    indicators, indicator = _chosen_indicator(request)
    years = selectors.indicator_years(indicator=indicator)
    year = _int(request.GET.get("year"))
    if year is None or year not in years:
        year = years[0] if years else None
    years = sorted(years, reverse=True)
    figures = (
        selectors.group_figures(user=request.user, indicator=indicator, year=year) if year else []
    )
    return render(
        request,
        "statistics/aggregates.html",
        {
            "indicators": indicators,
            "indicator": indicator,
            "years": years,
            "year": year,
            "figures": figures,
        },
    )


# ---------------------------------------------------------------------------- country profile


#: Charts on one page of a country profile (within one category of indicators).
PROFILE_PAGE = 12


@require_GET
@domain_pages
def country_page(request: HttpRequest, iso3: str) -> HttpResponseBase:
    """A country's indicators, one category at a time and at most ``PROFILE_PAGE`` small
    charts a page (a profile of 300 indicators drew 300 charts, about 1 MB of HTML); the
    categories with their counts are the navigation."""
    areas = area_index(include_former=True)
    area = selectors.area_get(code=iso3, areas=areas)
    if area.code in GROUPS or area.country_id is None:
        raise NotFound(_("Unknown reference area."))
    if iso3 != area.code:
        return redirect("statistics:country", iso3=area.code)
    fmt = request.GET.get("format")
    if fmt == "csv":
        download = _download(
            request,
            "",
            exports.rows_of(selectors.observation_list(user=request.user, ref_areas=[area.code])),
            f"{area.code}-statistics",
        )
        if download is not None:  # always, for this format
            return download
    catalogue = selectors.indicator_catalogue(user=request.user)
    if fmt in ("svg", "png"):
        chart_code = request.GET.get("indicator")
        choice = next((c for c in catalogue if c.code == chart_code), None)
        if choice is None:
            raise NotFound(_("Unknown indicator."))
        cards = _country_cards(request, area, [choice.pk])
        if not cards:
            raise NotFound(_("Unknown indicator."))
        download = _download(request, cards[0]["chart"], [], f"{area.code}-{choice.code}")
        if download is not None:  # always, for these formats
            return download
    with_data = selectors.country_indicator_ids(user=request.user, area=area)
    shown = [c for c in catalogue if c.pk in with_data]
    counts: dict[str, int] = {}
    for choice in shown:
        counts[choice.category] = counts.get(choice.category, 0) + 1
    categories: list[dict[str, Any]] = [
        {"code": code, "label": label, "count": counts[code]}
        for code, label in Category.choices
        if code in counts
    ]
    categories += [
        {"code": code, "label": code, "count": n}
        for code, n in counts.items()
        if code not in Category.values
    ]
    requested = request.GET.get("category")
    if requested is not None and requested in counts:
        category: str = requested
    else:
        category = categories[0]["code"] if categories else ""
    page = Paginator([c for c in shown if c.category == category], PROFILE_PAGE).get_page(
        request.GET.get("page")
    )
    cards = _country_cards(request, area, [c.pk for c in page.object_list])
    return render(
        request,
        "statistics/country.html",
        {
            "area": area,
            "cards": cards,
            "categories": categories,
            "category": category,
            "indicator_count": len(shown),
            "page": page,
            "query": urlencode({"category": category}),
            "definitions": selectors.country_definitions(country_id=area.country_id),
            "agencies": selectors.country_agencies(user=request.user, country_id=area.country_id),
            "services": hooks.country_services(country_id=area.country_id),
            "practices": hooks.country_best_practices(user=request.user, iso3=area.code),
            "csv": f"{request.path}?format=csv",
        },
    )


def _country_cards(
    request: HttpRequest, area: Area, indicator_ids: list[int]
) -> list[dict[str, Any]]:
    """The small line chart and latest figure of each indicator (in the order given), all
    series read in one query; the charts share one span of years."""
    if not indicator_ids:
        return []
    indicators = {
        i.pk: i for i in selectors.indicator_list(user=request.user).filter(pk__in=indicator_ids)
    }
    series = selectors.country_series(
        user=request.user,
        area=area,
        indicators=[indicators[pk] for pk in indicator_ids if pk in indicators],
    )
    years = [p.year for s in series for p in s.points]
    first, last = (min(years), max(years)) if years else (0, 0)
    cards = []
    for s in series:
        points = [
            (p.year + (p.quarter - 1) / 4 if p.quarter else p.year, p.value) for p in s.points
        ]
        latest = s.latest
        latest_text = (
            charts.display(latest.value, s.indicator, qualifier=latest.qualifier) if latest else "—"
        )
        title = _("%(indicator)s, %(area)s") % {"indicator": s.indicator, "area": area.name}
        desc = _("%(count)s figures from %(first)s to %(last)s; latest %(value)s (%(period)s).") % {
            "count": len([p for p in s.points if p.value is not None]),
            "first": s.points[0].period,
            "last": s.points[-1].period,
            "value": latest_text,
            "period": latest.period if latest else "—",
        }
        svg = charts.line_chart(
            points,
            first_year=first,
            last_year=last,
            title=title,
            desc=desc,
            ident=s.indicator.code.lower(),
        )
        cards.append({"series": s, "chart": svg, "latest": latest, "latest_text": latest_text})
    return cards


# ---------------------------------------------------------------------------- export of a selection


@require_GET
def export(request: HttpRequest) -> HttpResponseBase:
    """Any selection (same filters as the API) as plain CSV or XLSX; SDMX is under /sdmx/."""
    from .api.serializers import ObservationFilterSerializer

    params = {k: v for k, v in request.GET.items() if k not in ("format", "lang")}
    fmt = request.GET.get("format", "csv")
    serializer = ObservationFilterSerializer(data=params)
    if not serializer.is_valid():
        message = "; ".join(
            f"{field}: {' '.join(str(e) for e in errs)}"
            for field, errs in serializer.errors.items()
        )
        return render(
            request,
            ERROR_TEMPLATE,
            {"title": _("This link cannot be used"), "message": message},
            status=400,
        )
    filters = {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}
    qs = selectors.observation_list(
        user=request.user, **ObservationFilterSerializer.to_selector(filters)
    )
    rows = list(exports.rows_of(qs))  # read in this thread, before streaming starts
    response: HttpResponseBase
    if fmt == "xlsx":
        response = HttpResponse(
            exports.plain_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="smenet-statistics.xlsx"'
        return response
    response = StreamingHttpResponse(
        exports.plain_csv(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="smenet-statistics.csv"'
    return response


# ---------------------------------------------------------------------------- import (Secretariat)


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """The Secretariat uploads a file; the import runs as a job in the task worker and this
    page sends the person to the job's progress page (decision 0020)."""
    if not roles.is_secretariat(request.user):
        return web_errors.error_page(request, ERROR_TEMPLATE, None, 403)
    from smenet.jobs import services as job_services

    from .jobs import IMPORT

    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("Choose a file to import.")]
        else:
            try:  # the upload policy: type by content, size cap
                uploads.check(upload, purpose="statistics")
            except ValidationError as exc:
                errors = list(exc.messages)
        if not errors and upload is not None:
            name = upload.name or ""
            job = job_services.job_start(
                owner=request.user,
                kind=IMPORT,
                title=_("Import of %(name)s into the SME statistics") % {"name": name},
                params={"name": name},
                upload=(name, upload.read()),
                return_url=reverse("statistics:import"),
            )
            return redirect(job.get_absolute_url())
    return render(
        request,
        "statistics/import.html",
        {"errors": errors, "max_mb": uploads.policy("statistics").max_bytes // (1024 * 1024)},
        status=400 if errors else 200,
    )
