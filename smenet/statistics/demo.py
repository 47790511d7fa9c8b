"""Demo statistics: illustrative figures for part of the member states (flagged ``is_sample``
and badged "sample" on every page) and an open data round with submissions from the sample
focal points. The published figures of the reference data are never overwritten."""

from __future__ import annotations

import datetime
import random

from smenet.registry.models import User

from . import services
from .areas import area_index
from .models import DataRound, Indicator, Observation
from .periods import Period
from .records import Record

#: indicator → (low, high, yearly drift) of the sample values
RANGES = {
    "SME_ENT_SHARE": (95.0, 99.8, 0.05),
    "SME_EMP_SHARE": (30.0, 80.0, 0.6),
    "SME_VA_SHARE": (15.0, 60.0, 0.5),
    "SME_GDP_SHARE": (15.0, 60.0, 0.5),
}
FIRST, LAST = 2014, 2024
ROUND_CODE = "2026-sme-figures"


def load_demo(verbosity: int = 0) -> None:
    if DataRound.objects.filter(code=ROUND_CODE).exists():
        return
    rng = random.Random(2025)  # noqa: S311 - illustrative figures, not security
    areas = area_index()
    indicators = {i.code: i for i in Indicator.objects.all()}
    taken = set(Observation.objects.values_list("indicator_id", "ref_area", "year"))
    countries = [a for a in areas.countries if rng.random() < 0.65]
    from smenet.knowledge.models import SmeDefinition

    defined = set(SmeDefinition.objects.values_list("country_id", flat=True))
    records = []
    for code, (low, high, drift) in RANGES.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        for area in countries:
            level = rng.uniform(low, high)
            start = rng.choice([FIRST, FIRST, FIRST + 3, FIRST + 5])
            for year in range(start, LAST + 1):
                level = min(high, max(low, level + rng.gauss(drift, abs(drift) * 2 + 0.2)))
                if rng.random() < 0.15 or (indicator.pk, area.code, year) in taken:
                    continue
                records.append(
                    _record(
                        indicator,
                        area.code,
                        year,
                        round(level, 1),
                        rng,
                        definition=area.country_id if area.country_id in defined else None,
                    )
                )
    count = indicators.get("SME_COUNT")
    if count is not None:
        for area in countries:
            level = rng.uniform(20_000, 3_000_000)
            for year in range(FIRST + 4, LAST + 1):
                level *= rng.uniform(1.0, 1.06)
                if (count.pk, area.code, year) not in taken and rng.random() > 0.2:
                    records.append(
                        _record(
                            count,
                            area.code,
                            year,
                            round(level, -2),
                            rng,
                            definition=area.country_id if area.country_id in defined else None,
                        )
                    )
    services.observations_write(actor=None, records=records, reason="demo data", is_sample=True)
    data_round = services.round_create(
        actor=None,
        code=ROUND_CODE,
        titles={
            "en": "SME figures 2024–2025 (sample round)",
            "fr": "Chiffres des PME 2024-2025 (cycle d'exemple)",
            "ar": "أرقام المنشآت الصغيرة والمتوسطة 2024-2025 (جولة توضيحية)",
        },
        instructions={
            "en": "Submit your country's latest figures with their source and the national SME definition they follow.",
            "fr": "Soumettez les derniers chiffres de votre pays avec leur source et la définition nationale des PME qu'ils suivent.",
            "ar": "قدّموا أحدث أرقام بلدكم مع مصدرها والتعريف الوطني للمنشآت الصغيرة والمتوسطة الذي تتبعه.",
        },
        indicators=[indicators[c] for c in ("SME_EMP_SHARE", "SME_COUNT") if c in indicators],
        first_year=2024,
        last_year=2025,
        deadline=datetime.date(2027, 3, 31),
        is_sample=True,
    )
    services.round_set_status(actor=None, round=data_round, status="open")
    focal = User.objects.filter(email="focal.kobia@smenet.example").first()
    if focal is not None and "SME_EMP_SHARE" in indicators:
        services.submission_create(
            actor=focal,
            record=_record(
                indicators["SME_EMP_SHARE"],
                "AZE",
                2024,
                45.2,
                rng,
                source="https://www.stat.gov.az/",
            ),
            comment="",
            round=DataRound.objects.get(pk=data_round.pk),
        )
    if verbosity:
        print(f"Demo statistics: {len(records)} sample figures, one open data round.")


def _record(
    indicator: Indicator,
    area: str,
    year: int,
    value: float,
    rng: random.Random,
    source: str = "",
    definition: int | None = None,
) -> Record:
    return Record(
        where="demo",
        indicator=indicator,
        ref_area=area,
        period=Period(year),
        value=value,
        obs_status="E" if rng.random() < 0.1 else "A",
        source_url=source,
        definition_id=definition,
        extra={"note": ""},
    )
