"""Reads of the knowledge hub; every one goes through ``visible_to``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from smenet.common.errors import NotFound, PermissionDenied
from smenet.registry.choices import Action

from .models import BestPractice, Publication, SmeDefinition


def best_practice_list(
    *,
    user: Any,
    country: str | None = None,
    institution: str | None = None,
    subject: str | None = None,
    status: str | None = None,
    language: str | None = None,
) -> QuerySet[BestPractice]:
    qs = BestPractice.objects.visible_to(user, Action.VIEW).with_translations()
    if country:
        qs = qs.filter(country__iso3=country.upper())
    if institution:
        qs = qs.filter(institution__slug=institution)
    if subject:
        qs = qs.filter(subjects__code=subject)
    if status:
        qs = qs.filter(status=status)
    if language:
        qs = qs.filter(translations__language_code=language)
    return qs.distinct().order_by("-year", "-id") if (subject or language) else qs


def best_practice_get_for_user(*, user: Any, pk: int, action: str = Action.VIEW) -> BestPractice:
    """404 when it does not exist or is out of sight; 403 when visible but not changeable."""
    qs = BestPractice.objects.with_translations().prefetch_related(
        "links", "attachments", "interests__institution"
    )
    try:
        return qs.visible_to(user, action).get(pk=pk)
    except BestPractice.DoesNotExist:
        if action != Action.VIEW and qs.visible_to(user, Action.VIEW).filter(pk=pk).exists():
            raise PermissionDenied(
                _("You may not change this best practice."), code="not_your_institution"
            ) from None
        raise NotFound(_("Unknown best practice.")) from None


def best_practice_find_by_ref(*, ref: str) -> BestPractice | None:
    return BestPractice.objects.filter(ref=ref).first()


def publication_list(*, user: Any, kind: str | None = None) -> QuerySet[Publication]:
    qs = Publication.objects.visible_to(user, Action.VIEW).with_translations()
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def publication_get_for_user(*, user: Any, pk: int) -> Publication:
    try:
        return Publication.objects.visible_to(user, Action.VIEW).with_translations().get(pk=pk)
    except Publication.DoesNotExist:
        raise NotFound(_("Unknown publication.")) from None


def sme_definition_list() -> QuerySet[SmeDefinition]:
    return SmeDefinition.objects.select_related("country").prefetch_related("country__translations")
