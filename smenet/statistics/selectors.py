"""Reads of the statistics app; every one goes through ``visible_to``.

The pages read a few hundred to a few thousand rows with ``values_list`` (no model instances)
and shape them here, so that their cost does not grow with the size of the whole data set.
"""

from __future__ import annotations

import statistics as pystats
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound, PermissionDenied
from smenet.common.permissions import Action, get_for_user
from smenet.common.translation import pick
from smenet.registry import roles
from smenet.registry.types import Viewer

from .areas import GROUPS, Area, AreaIndex, area_index
from .choices import Aggregation, ObsStatus, SubmissionStatus
from .models import DataRound, Indicator, Observation, Submission
from .periods import Period, bounds_key
from .querysets import focal_country_ids

if TYPE_CHECKING:
    from smenet.knowledge.models import SmeDefinition
    from smenet.registry.models import Institution

# ---------------------------------------------------------------------------- indicators


def indicator_list(*, user: Viewer, category: str | None = None) -> QuerySet[Indicator]:
    qs = Indicator.objects.visible_to(user, Action.VIEW).with_translations()
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("order", "code")


def indicator_get(*, user: Viewer, code: str) -> Indicator:
    try:
        return Indicator.objects.visible_to(user, Action.VIEW).with_translations().get(code=code)
    except Indicator.DoesNotExist:
        raise NotFound(_("Unknown indicator.")) from None


@dataclass(frozen=True)
class IndicatorChoice:
    """An indicator as lists and menus show it: its code, its name in one language, its
    category (no model instance, no translation objects)."""

    pk: int
    code: str
    name: str
    category: str

    def __str__(self) -> str:
        return self.name


#: language → (version, catalogue); see ``indicator_catalogue``.
_catalogue_memo: dict[str, tuple[tuple[Any, ...], list[IndicatorChoice]]] = {}


def indicator_catalogue(*, user: Viewer, lang: str | None = None) -> list[IndicatorChoice]:
    """Every indicator the user sees, in display order, named in ``lang`` (the active language
    by default). Kept in the process and read again only when the indicator table changes (its
    row count, highest id or latest ``updated_at``, asked in one aggregate query): at 300
    indicators, reading them with their 900 translations cost more than the rest of a map
    page. A translation is saved with its indicator, which moves ``updated_at``."""
    from django.db.models import Count, Max

    lang = (lang or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    qs = Indicator.objects.visible_to(user, Action.VIEW)
    stamp = qs.order_by().aggregate(n=Count("id"), top=Max("id"), last=Max("updated_at"))
    version = (qs.db, stamp["n"], stamp["top"], stamp["last"])
    memo = _catalogue_memo.get(lang)
    if memo is not None and memo[0] == version:
        return memo[1]
    rows = list(qs.order_by("order", "code").values_list("pk", "code", "category"))
    names: dict[int, dict[str, str]] = {}
    translations = Indicator.translations.field.model.objects.filter(
        master_id__in=[r[0] for r in rows]
    ).values_list("master_id", "language_code", "name")
    for master_id, language, name in translations:
        if name:
            names.setdefault(master_id, {})[language] = name
    catalogue = [
        IndicatorChoice(
            pk=pk, code=code, name=pick(names.get(pk, {}), lang)[0] or code, category=cat
        )
        for pk, code, cat in rows
    ]
    _catalogue_memo[lang] = (version, catalogue)
    return catalogue


# ---------------------------------------------------------------------------- observations


def observation_list(
    *,
    user: Viewer,
    indicator: Indicator | None = None,
    ref_areas: Iterable[str] | None = None,
    period: Period | None = None,
    year: int | None = None,
    start: Period | None = None,
    end: Period | None = None,
    status: str | None = None,
) -> QuerySet[Observation]:
    """The figures ``user`` may read (the API, SDMX and the pages' CSV downloads); ``year``:
    every period of that year, quarters included."""
    qs = Observation.objects.visible_to(user, Action.VIEW).select_related("indicator", "definition")
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    if ref_areas:
        qs = qs.filter(ref_area__in=sorted(set(ref_areas)))
    if year is not None:
        qs = qs.filter(year=year)
    if period is not None:
        qs = qs.filter(period=period.code)
    if start is not None:
        year, quarter = bounds_key(start, end=False)
        qs = qs.filter(Q(year__gt=year) | Q(year=year, quarter__gte=quarter))
    if end is not None:
        year, quarter = bounds_key(end, end=True)
        qs = qs.filter(Q(year__lt=year) | Q(year=year, quarter__lte=quarter))
    if status:
        qs = qs.filter(obs_status=status)
    return qs.order_by("indicator__order", "indicator__code", "ref_area", "year", "quarter")


@dataclass(frozen=True)
class Point:
    """One figure as the pages show it."""

    area: str
    period: str
    year: int
    quarter: int
    value: float | None
    obs_status: str
    qualifier: str
    source: str
    publisher: str
    definition: str  # ISO alpha-3 of the national definition, "" if not stated
    note: str
    is_sample: bool
    revised: bool = False

    @property
    def is_missing(self) -> bool:
        return self.value is None

    @property
    def status_label(self) -> str:
        return str(ObsStatus(self.obs_status).label)


_POINT = (
    "ref_area",
    "period",
    "year",
    "quarter",
    "value",
    "obs_status",
    "qualifier",
    "source_url",
    "source_publisher",
    "definition__iso3",
    "note",
    "is_sample",
)


def _points(qs: QuerySet) -> list[Point]:
    return [
        Point(
            area=r[0],
            period=r[1],
            year=r[2],
            quarter=r[3],
            value=r[4],
            obs_status=r[5],
            qualifier=r[6],
            source=r[7],
            publisher=r[8],
            definition=r[9] or "",
            note=r[10],
            is_sample=r[11],
        )
        for r in qs.values_list(*_POINT)
    ]


def indicator_years(*, indicator: Indicator) -> list[int]:
    """The years with at least one member-state figure, the one to show first leading: the
    latest year with at least half the coverage of the best-covered year (a single early
    figure for the current year does not make a page of "nearest year" values); then the
    others, newest first."""
    from django.db.models import Count

    counts = dict(
        Observation.objects.filter(indicator=indicator)
        .exclude(ref_area__in=list(GROUPS))
        .order_by()
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    if not counts:
        return []
    best = max(counts.values())
    default = max(y for y, n in counts.items() if n * 2 >= best)
    return [default, *sorted((y for y in counts if y != default), reverse=True)]


@dataclass(frozen=True)
class CountryValue:
    area: Area
    point: Point | None
    nearest: bool  # the figure is from another year than the one asked for

    @property
    def value(self) -> float | None:
        return self.point.value if self.point else None


@dataclass
class YearTable:
    indicator: Indicator
    year: int
    rows: list[CountryValue]
    members: int
    published: list[Point] = field(default_factory=list)  # figures published for groups

    @property
    def covered(self) -> list[CountryValue]:
        return [r for r in self.rows if r.point is not None and r.point.value is not None]

    @property
    def coverage(self) -> int:
        return len(self.covered)

    @property
    def exact(self) -> int:
        return sum(1 for r in self.covered if not r.nearest)

    @property
    def definitions(self) -> set[str]:
        return {r.point.definition for r in self.covered if r.point and r.point.definition}

    @property
    def undefined(self) -> int:
        return sum(1 for r in self.covered if r.point and not r.point.definition)


def _pick(points: list[Point], year: int) -> tuple[Point | None, bool]:
    """The figure for ``year`` (the annual one, else the latest quarter), else the nearest
    year's (earlier on a tie)."""
    if not points:
        return None, False
    by_year: dict[int, list[Point]] = defaultdict(list)
    for p in points:
        by_year[p.year].append(p)

    def best(items: list[Point]) -> Point:
        annual = [p for p in items if p.quarter == 0]
        return annual[0] if annual else max(items, key=lambda p: p.quarter)

    if year in by_year:
        return best(by_year[year]), False
    nearest = min(by_year, key=lambda y: (abs(y - year), y))
    return best(by_year[nearest]), True


def indicator_year_table(
    *,
    user: Viewer,
    indicator: Indicator,
    year: int,
    areas: AreaIndex | None = None,
    year_points: list[Point] | None = None,
) -> YearTable:
    """Every member state's figure for ``year`` (or the nearest year's, marked as such).

    One query for the year (through the ``(indicator, year)`` index), and a second one only
    for the member states that have no figure that year, to find their nearest year: a page
    reads about 57 rows, not the indicator's whole history."""
    areas = areas or area_index()
    qs = Observation.objects.visible_to(user, Action.VIEW).filter(indicator=indicator)
    if year_points is None:
        year_points = year_figures(user=user, indicator=indicator, year=year)
    by_area: dict[str, list[Point]] = defaultdict(list)
    for p in year_points:
        if p.value is not None:
            by_area[p.area].append(p)
    missing = [a.code for a in areas.countries if a.code not in by_area]
    if missing:
        others = qs.filter(ref_area__in=missing, value__isnull=False).exclude(year=year)
        for p in _points(others.order_by("year", "quarter")):
            by_area[p.area].append(p)
    rows = []
    for area in areas.countries:
        point, nearest = _pick(by_area.get(area.code, []), year)
        rows.append(CountryValue(area=area, point=point, nearest=nearest))
    published = [p for code in GROUPS for p in by_area.get(code, []) if p.year == year]
    return YearTable(
        indicator=indicator, year=year, rows=rows, members=len(areas.countries), published=published
    )


def year_figures(*, user: Viewer, indicator: Indicator, year: int) -> list[Point]:
    """Every figure of ``indicator`` for ``year`` (all areas, annual and quarterly)."""
    qs = Observation.objects.visible_to(user, Action.VIEW).filter(indicator=indicator, year=year)
    return _points(qs.order_by("ref_area", "quarter"))


# ---------------------------------------------------------------------------- aggregates


@dataclass(frozen=True)
class GroupFigure:
    code: str
    name: str
    members: int
    covered: int
    value: float | None
    method: str
    definitions: int  # distinct national definitions among the figures
    undefined: int  # figures whose definition is not stated
    published: Point | None

    @property
    def comparable(self) -> bool:
        """True only when every figure follows one and the same stated definition."""
        return self.covered > 0 and self.undefined == 0 and self.definitions <= 1


def group_figures(
    *,
    user: Viewer,
    indicator: Indicator,
    year: int,
    areas: AreaIndex | None = None,
    year_points: list[Point] | None = None,
) -> list[GroupFigure]:
    """The OIC and its three groups for ``year`` (exact year only: a group figure never mixes
    years), with coverage, the method, and how many national definitions it mixes."""
    areas = areas or area_index()
    points = (
        year_points
        if year_points is not None
        else year_figures(user=user, indicator=indicator, year=year)
    )
    by_area = {p.area: p for p in points if p.quarter == 0}
    for p in points:
        if p.quarter and p.area not in by_area:
            by_area[p.area] = p
    out = []
    for code in GROUPS:
        members = areas.members_of(code)
        values = [
            by_area[a.code]
            for a in members
            if a.code in by_area and by_area[a.code].value is not None
        ]
        numbers = [p.value for p in values if p.value is not None]
        method = indicator.aggregation
        value = None
        if numbers and method == Aggregation.SUM:
            value = sum(numbers)
        elif numbers and method == Aggregation.MEAN:
            value = pystats.fmean(numbers)
        elif numbers and method == Aggregation.MEDIAN:
            value = pystats.median(numbers)
        out.append(
            GroupFigure(
                code=code,
                name=areas.name(code),
                members=len(members),
                covered=len(numbers),
                value=value,
                method=str(Aggregation(method).label),
                definitions=len({p.definition for p in values if p.definition}),
                undefined=sum(1 for p in values if not p.definition),
                published=by_area.get(code),
            )
        )
    return out


# ---------------------------------------------------------------------------- country profile


@dataclass
class Series:
    indicator: Indicator
    points: list[Point]

    @property
    def latest(self) -> Point | None:
        valued = [p for p in self.points if p.value is not None]
        return valued[-1] if valued else None


def country_indicator_ids(*, user: Viewer, area: Area) -> set[int]:
    """The indicators with at least one figure for the area (read from the
    ``(ref_area, indicator)`` index alone)."""
    qs = Observation.objects.visible_to(user, Action.VIEW).filter(ref_area=area.code)
    return set(qs.order_by().values_list("indicator_id", flat=True).distinct())


def country_series(
    *, user: Viewer, area: Area, indicators: Iterable[Indicator] | None = None
) -> list[Series]:
    """The time series of the area for ``indicators`` (default: every indicator), those with at
    least one figure, in the order given; one query."""
    if indicators is None:
        indicators = indicator_list(user=user)
    wanted = {i.pk: i for i in indicators}
    qs = (
        Observation.objects.visible_to(user, Action.VIEW)
        .filter(ref_area=area.code, indicator_id__in=list(wanted))
        .order_by("indicator_id", "year", "quarter")
    )
    by_indicator: dict[int, list[Point]] = defaultdict(list)
    for row in qs.values_list("indicator_id", *_POINT):
        by_indicator[row[0]].append(
            Point(
                area=row[1],
                period=row[2],
                year=row[3],
                quarter=row[4],
                value=row[5],
                obs_status=row[6],
                qualifier=row[7],
                source=row[8],
                publisher=row[9],
                definition=row[10] or "",
                note=row[11],
                is_sample=row[12],
            )
        )
    return [
        Series(indicator=ind, points=by_indicator[pk])
        for pk, ind in wanted.items()
        if by_indicator.get(pk)
    ]


def area_get(*, code: str, areas: AreaIndex | None = None) -> Area:
    areas = areas or area_index(include_former=True)
    area = areas.get(code)
    if area is None:
        raise NotFound(_("Unknown reference area."))
    return area


def country_definitions(*, country_id: int) -> list[SmeDefinition]:
    """The country's national SME definitions, smallest size class first, as the knowledge hub
    publishes them (its ``sme_definition_list``: the public ones)."""
    from smenet.knowledge.selectors import sme_definition_list

    return list(sme_definition_list().filter(country_id=country_id).order_by("max_employees"))


def country_agencies(*, user: Viewer, country_id: int) -> list[Institution]:
    """The country's institutions ``user`` may see (the registry's ``institution_list``: the
    public directory), by acronym."""
    from smenet.registry.selectors import institution_list

    return list(institution_list(user=user).filter(country_id=country_id).order_by("acronym"))


# ---------------------------------------------------------------------------- rounds and submissions


def round_list(*, user: Viewer) -> QuerySet[DataRound]:
    return (
        DataRound.objects.visible_to(user, Action.VIEW)
        .prefetch_related("translations")
        .order_by("-deadline")
    )


def round_get_for_user(*, user: Viewer, code: str, action: str = Action.VIEW) -> DataRound:
    return get_for_user(
        DataRound.objects.prefetch_related("translations", "indicators__translations"),
        user=user,
        action=action,
        not_found=_("Unknown data round."),
        refused=_("Only the Secretariat changes data rounds."),
        code="secretariat_only",
        code__exact=code,
    )


def submission_list(
    *,
    user: Viewer,
    round: DataRound | None = None,
    status: str | None = None,
    country_id: int | None = None,
) -> QuerySet[Submission]:
    qs = (
        Submission.objects.visible_to(user, Action.VIEW)
        .select_related(
            "indicator", "country", "submitted_by", "reviewed_by", "definition", "round"
        )
        .prefetch_related("indicator__translations", "country__translations")
    )
    if round is not None:
        qs = qs.filter(round=round)
    if status:
        qs = qs.filter(status=status)
    if country_id:
        qs = qs.filter(country_id=country_id)
    return qs.order_by("-updated_at", "-id")


def submission_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> Submission:
    """404 outside the user's sight (another country's figures); 403 when visible but not
    changeable now (verified, or the round closed) or not the user's to review."""
    return get_for_user(
        Submission.objects.select_related("indicator", "country", "round", "definition"),
        user=user,
        action=action,
        not_found=_("Unknown submitted figure."),
        refused=_(
            "This figure can no longer be changed (it was verified, or the round is closed)."
        ),
        code="not_changeable",
        pk=pk,
    )


def verification_queue(*, user: Viewer) -> QuerySet[Submission]:
    if not roles.is_secretariat(user):
        raise PermissionDenied(_("Only the Secretariat verifies figures."), code="secretariat_only")
    return submission_list(user=user, status=SubmissionStatus.SUBMITTED).order_by(
        "created_at", "id"
    )


@dataclass(frozen=True)
class ResponseRate:
    country: Area
    expected: int
    submitted: int
    verified: int
    returned: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0


def round_response_rates(*, round: DataRound, areas: AreaIndex | None = None) -> list[ResponseRate]:
    """Per member state: figures asked for (indicators × years), submitted, verified."""
    areas = areas or area_index()
    expected = round.indicators.count() * (round.last_year - round.first_year + 1)
    counts: dict[tuple[int | None, str], int] = defaultdict(int)
    for country_id, status in Submission.objects.filter(round=round).values_list(
        "country_id", "status"
    ):
        counts[(country_id, status)] += 1
    out = []
    for area in areas.countries:
        verified = counts[(area.country_id, SubmissionStatus.VERIFIED)]
        returned = counts[(area.country_id, SubmissionStatus.RETURNED)]
        pending = counts[(area.country_id, SubmissionStatus.SUBMITTED)]
        out.append(
            ResponseRate(
                country=area,
                expected=expected,
                submitted=min(expected, verified + returned + pending),
                verified=verified,
                returned=returned,
            )
        )
    return out


def focal_countries(*, user: Viewer) -> set[int]:
    return focal_country_ids(user)


@dataclass(frozen=True)
class Coverage:
    countries: int
    latest_year: int | None


def indicator_coverage(*, user: Viewer) -> dict[int, Coverage]:
    """Per indicator: member states with at least one figure, and the latest year (two
    aggregate queries, whatever the number of observations)."""
    from django.db.models import Count, Max

    base = Observation.objects.visible_to(user, Action.VIEW).exclude(ref_area__in=list(GROUPS))
    counts = dict(
        base.order_by()
        .values("indicator_id")
        .annotate(n=Count("ref_area", distinct=True))
        .values_list("indicator_id", "n")
    )
    latest = dict(
        base.order_by()
        .values("indicator_id")
        .annotate(y=Max("year"))
        .values_list("indicator_id", "y")
    )
    return {pk: Coverage(countries=counts[pk], latest_year=latest.get(pk)) for pk in counts}


def published_group_figures(*, user: Viewer) -> list[tuple[Indicator, Point]]:
    """Figures published for the OIC and its groups (such as those stated in Baku)."""
    indicators = {i.pk: i for i in indicator_list(user=user)}
    qs = (
        Observation.objects.visible_to(user, Action.VIEW)
        .filter(ref_area__in=list(GROUPS))
        .order_by("indicator__order", "-year")
    )
    out = []
    for row in qs.values_list("indicator_id", *_POINT):
        out.append(
            (
                indicators[row[0]],
                Point(
                    area=row[1],
                    period=row[2],
                    year=row[3],
                    quarter=row[4],
                    value=row[5],
                    obs_status=row[6],
                    qualifier=row[7],
                    source=row[8],
                    publisher=row[9],
                    definition=row[10] or "",
                    note=row[11],
                    is_sample=row[12],
                ),
            )
        )
    return out
