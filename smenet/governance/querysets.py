from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class MandateQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MandateQuerySet:
        day = on or timezone.localdate()
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))

    def past(self, on: datetime.date | None = None) -> MandateQuerySet:
        day = on or timezone.localdate()
        return self.filter(end__lt=day)

    def overlapping(self, start: datetime.date, end: datetime.date | None) -> MandateQuerySet:
        qs = self.filter(Q(end__isnull=True) | Q(end__gte=start))
        if end is not None:
            qs = qs.filter(start__lte=end)
        return qs

    def for_display(self) -> MandateQuerySet:
        return self.select_related(
            "position",
            "position__body",
            "position__region",
            "holder",
            "holder__country",
            "decision",
            "person",
        ).prefetch_related(
            "position__translations",
            "position__body__translations",
            "decision__translations",
            "position__region__translations",
            "holder__translations",
        )
