from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import Body, Decision, Mandate, Position


def body_list() -> QuerySet[Body]:
    return Body.objects.prefetch_related(
        "translations",
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("region").prefetch_related(
                "translations", "region__translations"
            ),
        ),
    ).order_by("order", "code")


def mandate_list(
    *,
    body: str | None = None,
    current: bool | None = None,
    holder: str | None = None,
    on: datetime.date | None = None,
) -> QuerySet[Mandate]:
    qs = Mandate.objects.for_display()
    day = on or timezone.localdate()
    if body:
        qs = qs.filter(position__body__code=body)
    if holder:
        qs = qs.filter(holder__slug=holder)
    if current is True:
        qs = qs.current(day)
    elif current is False:
        qs = qs.exclude(pk__in=Mandate.objects.current(day).values("pk"))
    return qs.order_by("position__body__order", "position__order", "position__code", "-start")


def decision_list() -> QuerySet[Decision]:
    return (
        Decision.objects.select_related("body", "proposed_by")
        .prefetch_related(
            "translations",
            "body__translations",
            "proposed_by__translations",
        )
        .order_by("-date", "reference")
    )


# Lookups by the keys API clients send. The governance register is public: no visible_to;
# writes are the Secretariat's, checked by the services.


def body_find(*, code: str) -> Body | None:
    return Body.objects.filter(code=code).first()


def position_find(*, pk: int) -> Position | None:
    return Position.objects.select_related("body").filter(pk=pk).first()


def decision_find(*, reference: str) -> Decision | None:
    return Decision.objects.filter(reference=reference).first()


def mandate_for_display(*, pk: int) -> Mandate:
    return Mandate.objects.for_display().get(pk=pk)
