"""Idempotent loading of the subject taxonomy and the activity types (data/*.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from smenet.common.translation import set_translations

from .models import ActivityType, Subject

DATA = Path(__file__).resolve().parent / "data"
SUBJECT_LANGUAGES = ("en", "fr", "ar", "tr", "az")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _stored_names(obj) -> dict[str, str]:
    return {t.language_code: t.name for t in obj.translations.all()}


@transaction.atomic
def load_subjects() -> int:
    """New codes are added and names refreshed; subjects added by the Secretariat are kept."""
    existing = {s.code: s for s in Subject.objects.prefetch_related("translations")}
    rows = _rows("subjects.csv")
    for order, row in enumerate(rows, start=1):
        names = {lang: row[lang] for lang in SUBJECT_LANGUAGES if row.get(lang)}
        subject = existing.get(row["code"])
        if subject and _stored_names(subject) == names and subject.order == order:
            continue
        subject = subject or Subject(code=row["code"])
        subject.order = order
        set_translations(subject, {"name": names})
        subject.save()
    return len(rows)


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
