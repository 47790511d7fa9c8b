"""Reads of the registry. Views and API call these, never ``objects.get`` on member data."""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound
from smenet.common.permissions import Action, get_for_user

from .choices import InstitutionCategory
from .models import Country, Institution, Region
from .types import Viewer


def region_list() -> QuerySet[Region]:
    return Region.objects.prefetch_related("translations").order_by("code")


def country_list(*, region: str | None = None, status: str | None = None) -> QuerySet[Country]:
    qs = Country.objects.with_translations().annotate(
        institution_count=Count(
            "institutions", filter=Q(institutions__category=InstitutionCategory.MEMBER)
        )
    )
    if region:
        qs = qs.filter(region__code__iexact=region)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("iso3")


def country_exists(*, iso3: str) -> bool:
    return Country.objects.filter(iso3=iso3.upper()).exists()


def country_get(*, iso3: str) -> Country:
    try:
        return (
            Country.objects.with_translations()
            .prefetch_related("status_changes")
            .get(iso3=iso3.upper())
        )
    except Country.DoesNotExist:
        raise NotFound(_("Unknown country %(code)s.") % {"code": iso3}, field="country") from None


def institution_list(
    *,
    user: Viewer,
    country: str | None = None,
    type: str | None = None,
    status: str | None = None,
    category: str | None = None,
    region: str | None = None,
    q: str | None = None,
) -> QuerySet[Institution]:
    qs = Institution.objects.visible_to(user, Action.VIEW).with_translations()
    if country:
        qs = qs.filter(country__iso3=country.upper())
    if type:
        qs = qs.filter(type=type)
    if status:
        qs = qs.filter(membership_status=status)
    if category:
        qs = qs.filter(category=category)
    if region:
        qs = qs.filter(country__region__code__iexact=region)
    if q:
        qs = qs.filter(
            Q(acronym__icontains=q)
            | Q(native_name__icontains=q)
            | Q(translations__name__icontains=q)
        ).distinct()
    # Partners (no country) last, the same on SQLite and PostgreSQL.
    return qs.order_by(F("country__iso3").asc(nulls_last=True), "acronym")


def institution_get_for_user(*, user: Viewer, slug: str, action: str = Action.VIEW) -> Institution:
    """The institution if ``user`` may perform ``action`` on it (see ``common.permissions``)."""
    return get_for_user(
        Institution.objects.with_translations().prefetch_related("status_changes"),
        user=user,
        action=action,
        slug=slug,
        not_found=_("Unknown institution."),
        refused=_("You may only change your own institution."),
        code="not_your_institution",
    )


def institution_may_change(*, user: Viewer, institution: Institution) -> bool:
    return Institution.objects.visible_to(user, Action.CHANGE).filter(pk=institution.pk).exists()


def institution_find(*, key: str) -> Institution | None:
    """An institution by slug or acronym, ignoring case and diacritics (``KOBIA`` finds KOBİA)."""
    from smenet.common.text import fold

    match = Institution.objects.filter(slug=key).first()
    if match:
        return match
    wanted = fold(key)
    for inst in Institution.objects.only("id", "acronym", "slug"):
        if fold(inst.acronym) == wanted:
            return inst
    return None
