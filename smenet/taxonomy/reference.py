"""Idempotent loading of the subject taxonomy from ``data/subjects.csv``."""

from __future__ import annotations

from django.db import transaction

from smenet.common.translation import set_translations

from .models import Subject
from .subjects import SUBJECTS_CSV, read_rows

SUBJECT_LANGUAGES = ("en", "fr", "ar", "tr", "az")


@transaction.atomic
def load_subjects() -> int:
    """New codes are added and names refreshed; subjects added by the Secretariat are kept."""
    existing = {s.code: s for s in Subject.objects.prefetch_related("translations")}
    rows = read_rows(SUBJECTS_CSV)
    for order, row in enumerate(rows, start=1):
        names = {lang: row[lang] for lang in SUBJECT_LANGUAGES if row.get(lang)}
        subject = existing.get(row["code"])
        stored = {t.language_code: t.name for t in subject.translations.all()} if subject else {}
        if subject and stored == names and subject.order == order:
            continue
        subject = subject or Subject(code=row["code"])
        subject.order = order
        set_translations(subject, {"name": names})
        subject.save()
    return len(rows)


def load_reference_data() -> dict[str, int]:
    return {"subjects": load_subjects()}
