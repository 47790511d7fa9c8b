"""Idempotent loading of the activity types (data/activity_types.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from smenet.common.translation import set_translations

from .models import ActivityType

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _stored_names(obj) -> dict[str, str]:
    return {t.language_code: t.name for t in obj.translations.all()}


@transaction.atomic
def load_activity_types() -> int:
    existing = {t.code: t for t in ActivityType.objects.prefetch_related("translations")}
    rows = _rows("activity_types.csv")
    for order, row in enumerate(rows, start=1):
        names = {lang: row[lang] for lang in ("en", "fr", "ar") if row.get(lang)}
        kind = existing.get(row["code"])
        if kind and _stored_names(kind) == names and kind.order == order:
            continue
        kind = kind or ActivityType(code=row["code"])
        kind.order = order
        set_translations(kind, {"name": names})
        kind.save()
    return len(rows)


def load_reference_data() -> dict[str, int]:
    return {"activity_types": load_activity_types()}
