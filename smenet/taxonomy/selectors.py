"""Reads of the taxonomy. The taxonomy is public: no ``visible_to``."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Subject


def subject_list() -> QuerySet[Subject]:
    return Subject.objects.filter(is_active=True).prefetch_related("translations")


def subject_find(*, code: str) -> Subject | None:
    return Subject.objects.filter(code=code).first() if code else None
