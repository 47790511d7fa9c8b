"""How best practices and publications appear in the search index (see search/registry.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from smenet.search.registry import MEMBERS, PUBLIC, RESTRICTED, IndexableType, IndexDocument

from .choices import Confidentiality, PracticeStatus
from .models import TEMPLATE_FIELDS, BestPractice, Publication


def _by_lang(obj, fields: Iterable[str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    titles: dict[str, str] = {}
    bodies: dict[str, list[str]] = {}
    for t in obj.translations.all():
        titles[t.language_code] = t.title
        bodies[t.language_code] = [getattr(t, f) or "" for f in fields]
    return titles, bodies


def _practice_date(bp: BestPractice) -> datetime.date | None:
    """A practice's own date: its year (results show the year the practice is from, not when
    it was entered); without a year, when it was published or written down."""
    if bp.year and datetime.MINYEAR <= bp.year <= datetime.MAXYEAR:
        return datetime.date(bp.year, 1, 1)
    stamp = bp.published_at or bp.created_at
    return stamp.date() if stamp else None


def best_practice_documents(ids: Iterable[int] | None) -> Iterator[IndexDocument]:
    qs = BestPractice.objects.select_related("country", "institution").prefetch_related(
        "translations", "subjects"
    )
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for bp in qs.order_by("pk").iterator(chunk_size=500):
        titles, bodies = _by_lang(bp, TEMPLATE_FIELDS)
        published = bp.status == PracticeStatus.PUBLISHED
        yield IndexDocument(
            object_id=bp.pk,
            url=bp.get_absolute_url(),
            titles=titles,
            bodies=bodies,
            ref=bp.ref,
            country=bp.country.iso3,
            subjects=[s.code for s in bp.subjects.all()],
            date=_practice_date(bp),
            visibility=PUBLIC if published else RESTRICTED,
            institution_id=bp.institution_id,
            original_language=bp.original_language,
            keywords=[bp.institution.acronym] if bp.institution else [],
            sample=bp.is_sample,
        )


def publication_documents(ids: Iterable[int] | None) -> Iterator[IndexDocument]:
    qs = Publication.objects.select_related("country", "institution").prefetch_related(
        "translations"
    )
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for pub in qs.order_by("pk").iterator(chunk_size=500):
        titles, bodies = _by_lang(pub, ("summary", "body"))
        yield IndexDocument(
            object_id=pub.pk,
            url=pub.get_absolute_url(),
            titles=titles,
            bodies=bodies,
            ref=pub.ref,
            country=pub.country.iso3 if pub.country else "",
            date=pub.date,
            visibility=PUBLIC if pub.confidentiality == Confidentiality.PUBLIC else MEMBERS,
            institution_id=pub.institution_id,
            original_language=pub.original_language,
            keywords=[pub.institution.acronym] if pub.institution else [],
            sample=pub.is_sample,
        )


BEST_PRACTICE = IndexableType(
    name="best_practice",
    label=_("Best practice"),
    model=BestPractice,
    documents=best_practice_documents,
)
PUBLICATION = IndexableType(
    name="publication",
    label=_("Publication"),
    model=Publication,
    documents=publication_documents,
)
