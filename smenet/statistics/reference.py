"""Reference data of the statistics app: the indicators (``data/indicators.csv``) and the SME
figures published about the network and its members (``data/sme_figures.csv``), as published,
with their sources. Loaded by ``load_reference_data``; idempotent."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.db import transaction

from smenet.common.translation import set_translations

from .models import Indicator
from .records import Lookups, Raw, clean

DATA = Path(__file__).resolve().parent / "data"
QUALIFIERS = {"more than": "gt", "over": "gt", "about": "about"}
UNIT_RE = re.compile(r"^\s*(?P<unit>[^(]+?)\s*(\((?P<qualifier>[^)]*)\))?\s*$")
QUARTER_RE = re.compile(r"\bend of Q([1-4])\b", re.IGNORECASE)


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@transaction.atomic
def load_indicators() -> int:
    count = 0
    for row in _rows("indicators.csv"):
        indicator = Indicator.objects.filter(code=row["code"]).first() or Indicator(
            code=row["code"]
        )
        indicator.unit = row["unit"]
        indicator.unit_multiplier = int(row["unit_multiplier"])
        indicator.decimals = int(row["decimals"])
        indicator.category = row["category"]
        indicator.direction = row["direction"]
        indicator.aggregation = row["aggregation"]
        indicator.min_value = _float(row["min_value"])
        indicator.max_value = _float(row["max_value"])
        indicator.order = int(row["order"])
        set_translations(
            indicator,
            {
                "name": {lang: row[f"name_{lang}"] for lang in ("en", "fr", "ar")},
                "definition": {lang: row[f"definition_{lang}"] for lang in ("en", "fr", "ar")},
            },
        )
        indicator.save()
        count += 1
    return count


def published_as() -> dict[str, str]:
    """The wording of ``sme_figures.csv`` → indicator code."""
    return {
        label.strip().lower(): row["code"]
        for row in _rows("indicators.csv")
        for label in row["published_as"].split("|")
    }


def reference_figures() -> list[Raw]:
    """The published figures as records to check and write (unit qualifiers → qualifier)."""
    labels = published_as()
    first = {
        row["code"]: row["published_as"].split("|")[0].lower() for row in _rows("indicators.csv")
    }
    raws = []
    for number, row in enumerate(_rows("sme_figures.csv"), start=2):
        code = labels[row["indicator"].strip().lower()]
        unit = UNIT_RE.match(row["unit"])
        assert unit is not None
        qualifier = QUALIFIERS.get((unit.group("qualifier") or "").strip().lower(), "")
        period = row["year"].strip()
        if quarter := QUARTER_RE.search(row["note"]):
            period = f"{period}-Q{quarter.group(1)}"
        notes = []
        if row["indicator"].strip().lower() != first[code]:
            notes.append(f"Published as: {row['indicator'].strip()}.")
        if row["note"].strip():
            notes.append(row["note"].strip()[0].upper() + row["note"].strip()[1:] + ".")
        raws.append(
            Raw(
                where=f"sme_figures.csv line {number}",
                indicator=code,
                ref_area=row["scope"],
                period=period,
                value=row["value"],
                unit=unit.group("unit"),
                source=row["source"],
                qualifier=qualifier,
                source_publisher="",
                note=" ".join(notes),
            )
        )
    return raws


def load_reference_figures() -> int:
    from .services import observations_write

    lookups = Lookups()
    records = []
    for raw in reference_figures():
        record, errors = clean(raw, lookups)
        if errors or record is None:
            raise ValueError(f"{raw.where}: {'; '.join(errors)}")
        records.append(record)
    observations_write(actor=None, records=records, reason="reference data")
    return len(records)


def load_reference_data() -> dict[str, int]:
    """The statistics' part of ``common.reference.load_reference_data`` (after the registry's
    countries and the knowledge hub's definitions)."""
    return {"indicators": load_indicators(), "figures": load_reference_figures()}
