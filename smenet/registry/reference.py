"""Idempotent loading of the registry's reference data: OIC regions, the 57 member states with
CLDR names, their status history, the SME institutions and the partner organisations."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from babel import Locale
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from smenet.common.translation import set_translations

from .choices import CountryStatus, InstitutionCategory, InstitutionType, MembershipStatus
from .models import Country, CountryStatusChange, Institution, InstitutionStatusChange, Region

DATA = Path(__file__).resolve().parent / "data"
FOUNDING_DATE = datetime.date(2025, 10, 7)

REGIONS = {
    "Arab": {"en": "Arab group", "fr": "Groupe arabe", "ar": "المجموعة العربية"},
    "Asian": {"en": "Asian group", "fr": "Groupe asiatique", "ar": "المجموعة الآسيوية"},
    "African": {"en": "African group", "fr": "Groupe africain", "ar": "المجموعة الأفريقية"},
}

# Status changes beyond joining, with their sources (see oic_member_states.csv's note column).
STATUS_HISTORY = {
    "SYR": [
        (
            datetime.date(2012, 8, 15),
            CountryStatus.SUSPENDED,
            "Suspended by the 4th Extraordinary Islamic Summit, Makkah, August 2012.",
        ),
        (
            datetime.date(2025, 3, 7),
            CountryStatus.MEMBER,
            "Reinstated by the 20th extraordinary Council of Foreign Ministers.",
        ),
    ]
}

ARABIC_SCRIPT = range(0x0600, 0x0700)

# The partners' official names in Arabic and French (their own publications).
PARTNER_NAMES = {
    "SESRIC": {
        "ar": "مركز الأبحاث الإحصائية والاقتصادية والاجتماعية والتدريب للدول الإسلامية",
        "fr": "Centre de recherches statistiques, économiques et sociales et de formation "
        "pour les pays islamiques",
    },
    "ICCIA": {
        "ar": "الغرفة الإسلامية للتجارة والصناعة والزراعة",
        "fr": "Chambre islamique de commerce, d'industrie et d'agriculture",
    },
    "IsDB": {"ar": "البنك الإسلامي للتنمية", "fr": "Banque islamique de développement"},
    "COMCEC": {
        "ar": "اللجنة الدائمة للتعاون الاقتصادي والتجاري لمنظمة التعاون الإسلامي",
        "fr": "Comité permanent pour la coopération économique et commerciale de l'OCI",
    },
}


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _is_arabic(text: str) -> bool:
    return any(ord(c) in ARABIC_SCRIPT for c in text)


def cldr_names(iso2: str) -> dict[str, str]:
    return {lang: Locale(lang).territories.get(iso2, "") for lang in ("ar", "en", "fr")}


@transaction.atomic
def load_regions() -> dict[str, Region]:
    regions = {}
    for code, names in REGIONS.items():
        region, _ = Region.objects.get_or_create(code=code)
        set_translations(region, {"name": names})
        region.save()
        regions[code] = region
    return regions


def _bulk_create_countries(rows: list[dict[str, str]], regions: dict[str, Region]) -> None:
    """First load into an empty table: a few bulk inserts (with their history) instead of
    hundreds of single saves, so that a new installation and every test start quickly."""
    countries = bulk_create_with_history(
        [
            Country(
                iso3=row["iso3"],
                iso2=row["iso2"],
                numeric=row["numeric"],
                region=regions[row["oic_group"]],
                joined=int(row["joined"]) if row["joined"] else None,
                note=row["note"],
            )
            for row in rows
        ],
        Country,
    )
    by_iso3 = {c.iso3: c for c in Country.objects.filter(iso3__in=[c.iso3 for c in countries])}
    translation_model = Country._parler_meta.root_model
    translations = [
        translation_model(master=by_iso3[row["iso3"]], language_code=lang, name=name)
        for row in rows
        for lang, name in _country_names(row).items()
    ]
    bulk_create_with_history(translations, translation_model)


def _country_names(row: dict[str, str]) -> dict[str, str]:
    names = cldr_names(row["iso2"])
    names["en"] = names["en"] or row["name_en"]
    return {lang: name for lang, name in names.items() if name}


def _wanted(row: dict[str, str]) -> tuple:
    joined = int(row["joined"]) if row["joined"] else None
    names = tuple(sorted(_country_names(row).items()))
    return (row["iso2"], row["numeric"], row["oic_group"], joined, row["note"], names)


def _stored(country: Country) -> tuple:
    names = tuple(sorted((t.language_code, t.name) for t in country.translations.all()))
    return (country.iso2, country.numeric, country.region.code, country.joined, country.note, names)


@transaction.atomic
def load_countries() -> int:
    """Create the member states on first load; afterwards update only what the data changed."""
    regions = load_regions()
    rows = _rows("oic_member_states.csv")
    if not Country.objects.exists():
        _bulk_create_countries(rows, regions)
    stored = {
        c.iso3: c for c in Country.objects.select_related("region").prefetch_related("translations")
    }
    for row in rows:
        country = stored.get(row["iso3"])
        if country is None or _stored(country) != _wanted(row):
            country = country or Country(iso3=row["iso3"])
            country.iso2 = row["iso2"]
            country.numeric = row["numeric"]
            country.region = regions[row["oic_group"]]
            country.joined = int(row["joined"]) if row["joined"] else None
            country.note = row["note"]
            set_translations(country, {"name": _country_names(row)})
            country.save()
        _apply_status_history(country)
    return len(rows)


def _apply_status_history(country: Country) -> None:
    history = STATUS_HISTORY.get(country.iso3)
    if not history:
        return
    for date, status, note in history:
        CountryStatusChange.objects.get_or_create(
            country=country, date=date, status=status, defaults={"note": note}
        )
    latest = country.status_changes.order_by("-date").first()
    if latest and country.status != latest.status:
        country.status = latest.status
        country.save(update_fields=["status"])


def _membership(network_role: str) -> tuple[str, bool]:
    """Members are the institutions the founding sources name as taking part; the rest are
    invited. An entry whose institution the sources do not name is left unconfirmed."""
    role = network_role.lower()
    unconfirmed = "not named in the sources" in role
    took_part = any(word in role for word in ("founding", "chair", "co-organiser"))
    return (MembershipStatus.MEMBER if took_part else MembershipStatus.INVITED), not unconfirmed


def _official_names() -> dict[tuple[str, str], dict[str, str]]:
    """Names in Arabic, French (and English where the main file has another language) from
    ``institution_names.csv``, each with its source: the institutions of the founding first."""
    names: dict[tuple[str, str], dict[str, str]] = {}
    for row in _rows("institution_names.csv"):
        names.setdefault((row["iso3"], row["acronym"]), {})[row["lang"]] = row["name"]
    return names


@transaction.atomic
def load_institutions() -> int:
    count = 0
    countries = {c.iso3: c for c in Country.objects.all()}
    official = _official_names()
    for row in _rows("institutions.csv"):
        country = countries[row["iso3"]]
        status, verified = _membership(row["network_role"])
        names = {"en": row["name_en"]}
        if _is_arabic(row["name_native"]):
            names["ar"] = row["name_native"]
        names.update(official.get((row["iso3"], row["acronym"]), {}))
        found = Institution.objects.filter(acronym=row["acronym"], country=country).first()
        created = found is None
        inst = found or Institution(
            acronym=row["acronym"],
            country=country,
            slug=_slug(row["acronym"], row["iso3"]),
            membership_status=status,
            status_since=FOUNDING_DATE if status == MembershipStatus.MEMBER else None,
            member_since=FOUNDING_DATE if status == MembershipStatus.MEMBER else None,
        )
        inst.native_name = row["name_native"]
        inst.type = row["type"] if row["type"] in InstitutionType.values else InstitutionType.OTHER
        inst.category = InstitutionCategory.MEMBER
        inst.source_url = row["source"]
        inst.is_verified = verified
        # The file's network_role column is a curator's note (what the sources say and do not
        # say): it decides the status above and is never shown; a role written in the back
        # office is kept.
        set_translations(inst, {"name": names, "network_role": _kept_role(inst, row)})
        inst.save()
        if created:
            InstitutionStatusChange.objects.create(
                institution=inst, status=status, date=FOUNDING_DATE, note=""
            )
        count += 1
    for row in _rows("partners.csv"):
        partner = Institution.objects.filter(acronym=row["acronym"], country=None).first()
        if partner is None:
            partner = Institution(
                acronym=row["acronym"],
                country=None,
                slug=_slug(row["acronym"], "intl"),
                membership_status=MembershipStatus.MEMBER,
                member_since=FOUNDING_DATE,
                status_since=FOUNDING_DATE,
            )
        partner.type = InstitutionType.INTERNATIONAL
        partner.category = InstitutionCategory.PARTNER
        partner.source_url = row["source"]
        partner.is_verified = True
        names = {"en": row["name_en"], **PARTNER_NAMES.get(row["acronym"], {})}
        set_translations(partner, {"name": names, "network_role": _kept_role(partner, row, "role")})
        partner.save()
        count += 1
    return count


def _kept_role(inst: Institution, row: dict[str, str], column: str = "network_role") -> dict:
    """The institution's public role texts, less the curator's note an earlier load stored."""
    if inst.pk is None:
        return {}
    roles = {t.language_code: t.network_role for t in inst.translations.all() if t.network_role}
    if roles.get("en") == row[column]:
        roles["en"] = ""
    return roles


def _slug(acronym: str, suffix: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(acronym) or 'institution'}-{suffix.lower()}"


def load_reference_data() -> dict[str, int]:
    """The registry's part of ``common.reference.load_reference_data``."""
    with transaction.atomic():
        return {"countries": load_countries(), "institutions": load_institutions()}
