"""Reads of the services directory; every one goes through ``visible_to``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext as _

from smenet.common.errors import PermissionDenied, ValidationFailed
from smenet.common.permissions import Action, get_for_user
from smenet.registry import roles
from smenet.registry.models import Country, Institution
from smenet.registry.types import Viewer

from . import guide, reference
from .choices import CrossBorder, FacetKind, ReviewStatus, ServiceStatus, SizeClass, Stage
from .models import Service

#: Words combined with eligibility filters rank this many best text matches, then filter them
#: (words alone, or with a country, are paged by the search over every match).
TEXT_MATCHES = 100
MAX_COMPARED = 4


@dataclass(frozen=True)
class Filters:
    """The finder's and the API's filters, already checked (``check_filters``)."""

    country: str = ""
    category: tuple[str, ...] = ()
    language: str = ""
    size: str = ""
    sector: str = ""
    stage: str = ""
    cross_border: str = ""
    q: str = ""
    institution: str = ""
    status: str = ServiceStatus.ACTIVE


def check_filters(raw: dict[str, Any]) -> Filters:
    """Filters from query parameters, with every unknown code named (400 on the API, form
    errors on the page): an unknown country or category is an error, never an empty list."""
    errors: dict[str, list[str]] = {}
    country = (raw.get("country") or "").strip().upper()
    if country and not Country.objects.filter(iso3=country).exists():
        errors["country"] = [
            _("Unknown country %(code)s (use ISO alpha-3, such as AZE).") % {"code": country}
        ]
    categories = tuple(c.strip() for c in str(raw.get("category") or "").split(",") if c.strip())
    for code in categories:
        if not reference.is_category(code):
            errors.setdefault("category", []).append(
                _("Unknown category %(code)s.") % {"code": code}
            )
    size = (raw.get("size") or "").strip().lower()
    if size and size not in SizeClass.values:
        errors["size"] = [_("Unknown size class %(code)s.") % {"code": size}]
    sector = (raw.get("sector") or "").strip().upper()
    if sector and not reference.is_sector(sector):
        errors["sector"] = [_("Unknown ISIC Rev. 4 section %(code)s.") % {"code": sector}]
    stage = (raw.get("stage") or "").strip().lower()
    if stage and stage not in Stage.values:
        errors["stage"] = [_("Unknown stage %(code)s.") % {"code": stage}]
    language = (raw.get("language") or "").strip().lower()
    if language and not (len(language) == 2 and language.isascii() and language.isalpha()):
        errors["language"] = [
            _("%(code)s is not an ISO 639-1 language code (two letters, such as ar).")
            % {"code": language}
        ]
    cross_border = str(raw.get("cross_border") or "").strip().lower()
    aliases = {"true": "open", "1": "open", "false": CrossBorder.NO, "0": CrossBorder.NO}
    cross_border = aliases.get(cross_border, cross_border)
    if cross_border and cross_border not in (*CrossBorder.values, "open"):
        errors["cross_border"] = [
            _("Unknown value %(value)s; use yes, no, conditions or true (yes or conditions).")
            % {"value": cross_border}
        ]
    status = (raw.get("status") or ServiceStatus.ACTIVE).strip().lower()
    if status not in (*ServiceStatus.values, "all"):
        errors["status"] = [_("Unknown status %(value)s.") % {"value": status}]
    if errors:
        raise ValidationFailed(errors)
    return Filters(
        country=country,
        category=categories,
        language=language,
        size=size,
        sector=sector,
        stage=stage,
        cross_border=cross_border,
        q=(raw.get("q") or "").strip(),
        institution=(raw.get("institution") or "").strip(),
        status=status,
    )


def _filtered(qs: Any, f: Filters) -> Any:
    if f.status != "all":
        qs = qs.filter(status=f.status)
    if f.country:
        qs = qs.in_country(f.country)
    if f.institution:
        qs = qs.filter(institution__slug=f.institution)
    if f.category:
        qs = qs.filter(category__in=f.category)
    if f.cross_border == "open":
        qs = qs.filter(cross_border__in=(CrossBorder.YES, CrossBorder.CONDITIONS))
    elif f.cross_border:
        qs = qs.filter(cross_border=f.cross_border)
    if f.size:
        qs = qs.with_facet(FacetKind.SIZE, f.size, any_matches=True)
    if f.sector:
        qs = qs.with_facet(FacetKind.SECTOR, f.sector, any_matches=True)
    if f.stage:
        qs = qs.with_facet(FacetKind.STAGE, f.stage, any_matches=True)
    if f.language:
        qs = qs.with_facet(FacetKind.LANGUAGE, f.language, any_matches=False)
    return qs


def text_matches(*, user: Viewer, q: str, country: str = "") -> list[int]:
    """Ids of the services matching ``q``, best first (at most ``TEXT_MATCHES``), through the
    one search of the site (Arabic-aware, cross-lingual), among what ``user`` may find."""
    from smenet.search.selectors import search

    result = search(user=user, q=q, types=["service"], country=country or None, limit=TEXT_MATCHES)
    return [hit.id for hit in result.hits]


class ServicesById:
    """Services in a given order (ids already checked against permissions and filters), read
    page by page: paginators slice it, and only the page's services are read in full."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Any:
        return iter(self[0 : len(self.ids)])

    def __getitem__(self, item: Any) -> Any:
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        ids = self.ids[item]
        found = Service.objects.with_related().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def _ranked_subset(qs: Any, ids: list[int]) -> ServicesById:
    """The services of ``qs`` among ``ids``, in the order of ``ids`` (a text ranking)."""
    keep = set(qs.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    return ServicesById([pk for pk in ids if pk in keep])


#: Freshest first: the services confirmed most recently lead (an index gives this order).
ORDER = ("-last_confirmed", "-id")


class RankedServices:
    """The public services matching words (and a country), best first, paged by the search
    itself: a page costs one search of ``limit`` hits, whatever the number of matches. Django's
    and DRF's paginators read it like a queryset (``count()`` and slices)."""

    def __init__(self, *, q: str, country: str = "", first_page: int = 20):
        self.q, self.country, self.first_page = q, country, first_page
        self._pages: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def _search(self, offset: int, limit: int) -> tuple[int, list[int]]:
        from smenet.search.selectors import search

        key = (offset, limit)
        if key not in self._pages:
            result = search(
                user=AnonymousUser(),
                q=self.q,
                types=["service"],
                country=self.country or None,
                offset=offset,
                limit=limit,
            )
            self._pages[key] = (result.count, [hit.id for hit in result.hits])
        return self._pages[key]

    def count(self) -> int:
        return self._search(0, self.first_page)[0]

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Any:
        return iter(self[0 : self.count()])

    def __getitem__(self, item: Any) -> list[Service]:
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        ids = self._search(start, max(0, stop - start))[1]
        found = (
            Service.objects.public().filter(status=ServiceStatus.ACTIVE).with_related().in_bulk(ids)
        )
        return [found[pk] for pk in ids if pk in found]


def _text_only(filters: Filters) -> bool:
    """Words, perhaps with a country, on the active public services: the search pages it."""
    rest = (filters.category, filters.language, filters.size, filters.sector, filters.stage)
    return (
        bool(filters.q)
        and not any(rest)
        and not filters.cross_border
        and not (filters.institution)
        and filters.status == ServiceStatus.ACTIVE
    )


def service_list(
    *, user: Viewer, filters: Filters, public_only: bool = False, page_size: int = 20
) -> Any:
    """Services ``user`` may see (only the published ones with ``public_only``: the public
    finder), filtered; freshest first, or by relevance with words. Words alone (or with a
    country) are paged by the search engine over every match; words with other filters rank
    the ``TEXT_MATCHES`` best matches, then filter them."""
    signed_in = user.is_authenticated
    if _text_only(filters) and (public_only or not signed_in):
        return RankedServices(q=filters.q, country=filters.country, first_page=page_size)
    base = Service.objects.public() if public_only else Service.objects.visible_to(user)
    qs = _filtered(base, filters)
    if filters.q:
        searcher = AnonymousUser() if public_only else user
        ids = text_matches(user=searcher, q=filters.q, country=filters.country)
        return _ranked_subset(qs, ids)
    return qs.with_related().order_by(*ORDER)


def service_get_for_user(*, user: Viewer, pk: int, action: str = Action.VIEW) -> Service:
    return get_for_user(
        Service.objects.with_related(),
        user=user,
        action=action,
        pk=pk,
        not_found=_("Unknown service."),
        refused=_("You may not change this service."),
        code="not_your_institution",
    )


def service_compare(*, ids: list[int]) -> list[Service]:
    """Up to four public services side by side, in the order asked (unknown ids are left
    out; more than four is an error naming the limit)."""
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_COMPARED:
        raise ValidationFailed(
            {"id": [_("Compare at most %(n)s services at a time.") % {"n": MAX_COMPARED}]}
        )
    found = {s.pk: s for s in Service.objects.public().with_related().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def services_for_institution(*, user: Viewer, institution: Institution) -> QuerySet[Service]:
    """An agency's services for its page: the public ones (with the agency's own drafts for
    its focal points and the network's officers)."""
    qs = Service.objects.visible_to(user).filter(institution=institution)
    if not (roles.can_read_all(user) or institution.pk in roles.focal_institution_ids(user)):
        qs = qs.public()
    return qs.exclude(status=ServiceStatus.ARCHIVED).with_related().order_by("category", "id")


def services_for_country(*, user: Viewer, iso3: str, limit: int | None = None) -> QuerySet[Service]:
    """The public services offered in a country (by its agencies), for country pages and the
    statistics' country profile; ``limit`` caps the list (count it with ``.count()``)."""
    qs = (
        Service.objects.public()
        .filter(status=ServiceStatus.ACTIVE)
        .in_country(iso3.upper())
        .with_related()
        .order_by("institution__acronym", "category", "id")
    )
    return qs[:limit] if limit else qs


@dataclass(frozen=True)
class ServiceLink:
    """A service as another capability lists it: its title in the page's language, its page and
    its agency."""

    title: str
    url: str
    agency: str


def service_links_for_country(*, country_id: int, limit: int = 50) -> list[ServiceLink]:
    """The public (published, active) services of a country's agencies, by agency and
    category, for the statistics' country profile (``statistics.hooks.country_services``)."""
    from smenet.common.translation import translated

    qs = (
        Service.objects.public()
        .filter(status=ServiceStatus.ACTIVE, institution__country_id=country_id)
        .with_related()
        .order_by("institution__acronym", "category", "id")[:limit]
    )
    return [
        ServiceLink(
            title=translated(s, "title") or s.ref,
            url=s.get_absolute_url(),
            agency=s.institution.acronym,
        )
        for s in qs
    ]


def service_counts_by_category(*, iso3: str | None = None) -> dict[str, int]:
    qs = Service.objects.public().filter(status=ServiceStatus.ACTIVE)
    if iso3:
        qs = qs.filter(institution__country__iso3=iso3.upper())
    return dict(qs.order_by().values_list("category").annotate(n=Count("id")))


def service_workspace(*, user: Viewer, view: str = "") -> QuerySet[Service]:
    """The services a user keeps: their institutions' for a focal point, all for the
    Secretariat; ``view`` narrows to a review status, ``archived`` or ``unconfirmed``."""
    if not (roles.is_secretariat(user) or roles.focal_institution_ids(user)):
        raise PermissionDenied(
            _("Only the focal points of member institutions and the Secretariat keep services."),
            code="not_a_focal_point",
        )
    qs = Service.objects.visible_to(user, Action.CHANGE)
    if view == "archived":
        qs = qs.filter(status=ServiceStatus.ARCHIVED)
    elif view == "unconfirmed":
        qs = qs.filter(unconfirmed_since__isnull=False).exclude(status=ServiceStatus.ARCHIVED)
    elif view in ReviewStatus.values:
        qs = qs.filter(review_status=view).exclude(status=ServiceStatus.ARCHIVED)
    else:
        qs = qs.exclude(status=ServiceStatus.ARCHIVED)
    return qs.with_related().order_by("institution__acronym", "-updated_at", "-id")


def service_keeper_institutions(*, user: Viewer) -> QuerySet[Institution]:
    """The institutions ``user`` may add services to (all for the Secretariat)."""
    qs = Institution.objects.with_translations()
    if roles.is_secretariat(user):
        return qs.order_by("acronym")
    own = roles.focal_institution_ids(user)
    if not own:
        raise PermissionDenied(
            _("Only the focal points of member institutions and the Secretariat keep services."),
            code="not_a_focal_point",
        )
    return qs.filter(pk__in=own).order_by("acronym")


def service_review_queue(*, user: Viewer) -> QuerySet[Service]:
    """What waits for the Secretariat: submissions, and published services changed since."""
    if not roles.is_secretariat(user):
        raise PermissionDenied(_("Only the Secretariat reviews services."), code="secretariat_only")
    return (
        Service.objects.filter(
            Q(review_status=ReviewStatus.SUBMITTED)
            | Q(review_status=ReviewStatus.PUBLISHED, changed_since_review=True)
        )
        .exclude(status=ServiceStatus.ARCHIVED)
        .with_related()
        .order_by("submitted_at", "id")
    )


@dataclass(frozen=True)
class ServiceActions:
    """What a user may do with one service, for the page to offer (services still check)."""

    change: bool = False
    submit: bool = False
    archive: bool = False
    confirm: bool = False
    review: bool = False
    restore: bool = False


def service_actions(*, user: Viewer, service: Service) -> ServiceActions:
    if not user.is_authenticated:
        return ServiceActions()
    secretariat = roles.is_secretariat(user)
    keeper = secretariat or service.institution_id in roles.focal_institution_ids(user)
    archived = service.status == ServiceStatus.ARCHIVED
    return ServiceActions(
        change=keeper and not archived,
        submit=keeper
        and not archived
        and service.review_status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED),
        archive=keeper and not archived,
        confirm=keeper and not archived,
        review=secretariat
        and not archived
        and (service.review_status != ReviewStatus.PUBLISHED or service.changed_since_review),
        restore=secretariat and archived,
    )


def service_history(*, service: Service) -> list[Any]:
    return list(service.history.select_related("history_user").order_by("-history_date")[:50])


# --- guided mode ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuidedResult:
    answers: guide.Answers
    fits: list[guide.Fit]
    services: dict[int, Service]
    total: int

    @property
    def pairs(self) -> list[tuple[guide.Fit, Service]]:
        return [(f, self.services[f.id]) for f in self.fits if f.id in self.services]


def _candidate(service: Service) -> guide.Candidate:
    country = service.institution.country
    return guide.Candidate(
        id=service.pk,
        country=country.iso3 if country else "",
        category=service.category,
        sizes=service.sizes or (),
        sectors=service.sectors or (),
        stages=service.stages or (),
        languages=service.languages or (),
        cost=service.cost or "",
        cross_border=service.cross_border or "",
    )


def _has(kind: str, value: str) -> Exists:
    from .models import ServiceFacet

    return Exists(ServiceFacet.objects.filter(service=OuterRef("pk"), kind=kind, value=value))


def guided_services(*, answers: guide.Answers, limit: int = 20) -> GuidedResult:
    """The public services fitting an entrepreneur's answers, best first, with why each fits.

    The database does the work, whatever the directory's size: it keeps the services that fit
    and scores them with the weights of ``guide`` (the rule's definition, checked against this
    query by a test); only the ``limit`` best are read, and ``guide.judge`` words why they fit.
    """
    from smenet.registry.models import Institution

    qs = Service.objects.public().filter(status=ServiceStatus.ACTIVE)
    score: Any = Value(0.0)
    if answers.needs:
        qs = qs.filter(category__in=answers.needs)
    if answers.country:
        home = list(
            Institution.objects.filter(country__iso3=answers.country).values_list("pk", flat=True)
        )
        qs = qs.filter(
            Q(institution_id__in=home)
            | Q(cross_border__in=(CrossBorder.YES, CrossBorder.CONDITIONS))
        )
        score += Case(
            When(institution_id__in=home, then=Value(guide.HOME)),
            When(cross_border=CrossBorder.YES, then=Value(guide.CROSS_BORDER)),
            When(cross_border=CrossBorder.CONDITIONS, then=Value(guide.CROSS_BORDER_CONDITIONS)),
            default=Value(0.0),
        )
    for kind, value in (
        (FacetKind.SIZE, answers.size),
        (FacetKind.SECTOR, answers.sector),
        (FacetKind.STAGE, answers.stage),
    ):
        if value:
            qs = qs.with_facet(kind, value, any_matches=True)
            score += Case(When(_has(kind, value), then=Value(guide.SPECIFIC)), default=Value(0.0))
    if answers.language:
        score += Case(
            When(_has(FacetKind.LANGUAGE, answers.language), then=Value(guide.LANGUAGE)),
            default=Value(0.0),
        )
    score += Case(
        When(cost="free", then=Value(guide.FREE)),
        When(cost="subsidised", then=Value(guide.SUBSIDISED)),
        default=Value(0.0),
    )
    total = qs.count()
    ranked = list(
        qs.annotate(fit=ExpressionWrapper(score, output_field=FloatField()))
        .order_by("-fit", "id")
        .with_related()[:limit]
    )
    fits = [fit for s in ranked if (fit := guide.judge(_candidate(s), answers)) is not None]
    return GuidedResult(answers=answers, fits=fits, services={s.pk: s for s in ranked}, total=total)


def size_definitions(*, iso3_list: list[str]) -> dict[str, dict[str, Any]]:
    """``{iso3: {size class: SmeDefinition}}``: what micro, small and medium mean in each
    country (the knowledge hub's national SME definitions), for eligibility."""
    from smenet.knowledge.models import SmeDefinition

    out: dict[str, dict[str, Any]] = {}
    for d in SmeDefinition.objects.filter(country__iso3__in=iso3_list).select_related("country"):
        out.setdefault(d.country.iso3, {})[d.size_class] = d
    return out


def country_choices() -> list[tuple[str, str]]:
    """``(iso3, name)`` of every country in the page's language (with the usual fallback),
    sorted by name (collation), in one light query: the finder and the guided mode offer them
    on every request."""
    from smenet.common import formatting
    from smenet.common.translation import pick

    names: dict[str, dict[str, str]] = {}
    rows = Country._parler_meta.root_model.objects.values_list(
        "master__iso3", "language_code", "name"
    )
    for iso3, lang, name in rows:
        names.setdefault(iso3, {})[lang] = name
    return formatting.sort_by_name(
        ((iso3, pick(n)[0] or iso3) for iso3, n in names.items()), lambda c: c[1]
    )


def institution_for_import(key: str, index: dict[str, Institution]) -> Institution | None:
    from smenet.common.text import fold

    return index.get(key) or index.get(fold(key))


def institution_full(*, pk: int) -> Institution:
    """The whole institution a write names (the import index holds only its keys)."""
    return Institution.objects.get(pk=pk)


def institution_index() -> dict[str, Institution]:
    """Every institution by slug and by folded acronym (``KOBIA`` finds KOBİA), one query."""
    from smenet.common.text import fold

    index: dict[str, Institution] = {}
    for inst in Institution.objects.select_related("country").only(
        "id", "acronym", "slug", "country__iso3"
    ):
        index.setdefault(fold(inst.acronym), inst)
        index[inst.slug] = inst
    return index
