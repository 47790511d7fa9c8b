"""How SME services appear in the one search index (type ``service``, docs/contracts.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from smenet.search.registry import PUBLIC, RESTRICTED, IndexableType, IndexDocument

from . import reference
from .choices import ReviewStatus, ServiceStatus
from .models import Service

BODY_FIELDS = ("summary", "details", "documents", "regions", "conditions")


def service_documents(ids: Iterable[int] | None) -> Iterator[IndexDocument]:
    """Every service but the archived ones: public once published and active, otherwise for
    its institution's focal points and the network's officers. The category's names in every
    language are keywords, so "تدريب" finds a training service written in French."""
    qs = Service.objects.select_related("institution", "institution__country").prefetch_related(
        "translations"
    )
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    qs = qs.exclude(status=ServiceStatus.ARCHIVED)
    for service in qs.order_by("pk").iterator(chunk_size=500):
        titles: dict[str, str] = {}
        bodies: dict[str, list[str]] = {}
        for t in service.translations.all():
            titles[t.language_code] = t.title
            bodies[t.language_code] = [getattr(t, f) or "" for f in BODY_FIELDS]
        institution = service.institution
        # Found by everyone once published and offered now; drafts and suspended services
        # only by their institution and the network's officers.
        public = (
            service.review_status == ReviewStatus.PUBLISHED
            and service.status == ServiceStatus.ACTIVE
        )
        yield IndexDocument(
            object_id=service.pk,
            url=service.get_absolute_url(),
            titles=titles,
            bodies=bodies,
            ref=service.ref,
            country=institution.country.iso3 if institution.country else "",
            date=service.last_confirmed
            or (service.published_at.date() if service.published_at else None),
            visibility=PUBLIC if public else RESTRICTED,
            institution_id=service.institution_id,
            original_language=service.original_language,
            keywords=[
                institution.acronym,
                *reference.categories().get(service.category, {}).values(),
            ],
            sample=service.is_sample,
        )


SERVICE = IndexableType(
    name="service", label=_("SME service"), model=Service, documents=service_documents
)
