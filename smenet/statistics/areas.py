"""Reference areas: a member state (ISO alpha-3) or a group of member states.

The groups are the OIC as a whole and its three geographical groups (the registry's regions).
Their codes are SDMX identifiers that no ISO alpha-3 code can take (they contain ``_`` or are
``OIC``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from smenet.common.translation import pick
from smenet.registry.choices import CountryStatus

from .choices import AreaKind

OIC = "OIC"
#: group code → registry region code (None: every member state).
GROUPS: dict[str, str | None] = {
    OIC: None,
    "OIC_ARAB": "Arab",
    "OIC_ASIAN": "Asian",
    "OIC_AFRICAN": "African",
}
GROUP_NAMES = {
    OIC: _("OIC member states"),
    "OIC_ARAB": _("Arab group"),
    "OIC_ASIAN": _("Asian group"),
    "OIC_AFRICAN": _("African group"),
}


@dataclass(frozen=True)
class Area:
    code: str
    kind: str
    name: str
    country_id: int | None = None
    region: str | None = None
    iso2: str = ""
    numeric: str = ""


@dataclass
class AreaIndex:
    """Every area by code, read once (57 countries: one query with their names)."""

    areas: dict[str, Area] = field(default_factory=dict)
    by_country_id: dict[int, Area] = field(default_factory=dict)

    def get(self, code: str) -> Area | None:
        return self.areas.get((code or "").strip().upper())

    @property
    def countries(self) -> list[Area]:
        return [a for a in self.areas.values() if a.kind == AreaKind.COUNTRY]

    def members_of(self, group: str) -> list[Area]:
        region = GROUPS[group]
        return [a for a in self.countries if region is None or a.region == region]

    def name(self, code: str) -> str:
        area = self.get(code)
        return area.name if area else code


def area_index(*, lang: str | None = None, include_former: bool = False) -> AreaIndex:
    """Member states (and, with ``include_former``, suspended and withdrawn ones, so that
    their historical figures still resolve) and the groups, with names in ``lang``.

    Two queries of plain rows (countries with their region, then their names): every
    statistics page needs the index, and building 57 model instances with their prefetched
    translations cost more than the rest of the map page."""
    from smenet.registry.models import Country

    countries = Country.objects.all()
    if not include_former:
        countries = countries.filter(status=CountryStatus.MEMBER)
    rows = list(
        countries.order_by("iso3").values_list("pk", "iso3", "iso2", "numeric", "region__code")
    )
    names: dict[int, dict[str, str]] = {}
    translations = Country.translations.field.model.objects.filter(
        master_id__in=[r[0] for r in rows]
    ).values_list("master_id", "language_code", "name")
    for master_id, language, name in translations:
        if name:
            names.setdefault(master_id, {})[language] = name
    index = AreaIndex()
    for pk, iso3, iso2, numeric, region in rows:
        area = Area(
            code=iso3,
            kind=AreaKind.COUNTRY,
            name=pick(names.get(pk, {}), lang)[0] or iso3,
            country_id=pk,
            region=region,
            iso2=iso2,
            numeric=numeric,
        )
        index.areas[iso3] = area
        index.by_country_id[pk] = area
    for code, region in GROUPS.items():
        index.areas[code] = Area(
            code=code, kind=AreaKind.GROUP, name=str(GROUP_NAMES[code]), region=region
        )
    return index
