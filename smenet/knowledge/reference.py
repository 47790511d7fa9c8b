"""National SME definitions, seeded from ``data/sme_definitions.csv`` (with its sources)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from smenet.registry.models import Country

from .choices import SizeClass
from .models import SmeDefinition

SME_DEFINITIONS_CSV = Path(__file__).resolve().parent / "data" / "sme_definitions.csv"


def _size_class(raw: str) -> str:
    raw = raw.strip().lower()
    return raw if raw in SizeClass.values else SizeClass.SME


@transaction.atomic
def load_sme_definitions(path: Path = SME_DEFINITIONS_CSV) -> int:
    """Create or update the definitions of the file; countries not in the registry are skipped."""
    countries = {c.iso3: c for c in Country.objects.all()}
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            country = countries.get(row["iso3"].strip().upper())
            if country is None:
                continue
            SmeDefinition.objects.update_or_create(
                country=country,
                size_class=_size_class(row["size_class"]),
                defaults={
                    "max_employees": int(row["max_employees"]) if row["max_employees"] else None,
                    "other_criterion": row.get("other_criterion", "")[:300],
                    "legal_source": row.get("source", ""),
                },
            )
            count += 1
    return count


def load_reference_data() -> dict[str, int]:
    """The knowledge hub's part of ``common.reference.load_reference_data``: the national SME
    definitions are reference data with their legal sources (not demo content)."""
    return {"sme_definitions": load_sme_definitions()}
