"""Index adapters for apps that do not (yet) describe their own search documents.

Institutions are followed by signal (``follow_saves``) because the registry's services do not
call ``indexing.schedule`` themselves; when they do, drop ``follow_saves`` here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from smenet.registry.models import Institution

from .registry import PUBLIC, IndexableType, IndexDocument


def institution_documents(ids: Iterable[int] | None) -> Iterator[IndexDocument]:
    qs = Institution.objects.select_related("country").prefetch_related("translations")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for inst in qs.order_by("pk").iterator(chunk_size=500):
        titles: dict[str, str] = {}
        bodies: dict[str, list[str]] = {}
        for t in inst.translations.all():
            titles[t.language_code] = t.name
            bodies[t.language_code] = [t.description or "", t.network_role or ""]
        keywords = [inst.acronym] + ([inst.native_name] if inst.native_name else [])
        yield IndexDocument(
            object_id=inst.pk,
            url=inst.get_absolute_url(),
            titles=titles,
            bodies=bodies,
            country=inst.country.iso3 if inst.country else "",
            date=inst.member_since,
            visibility=PUBLIC,
            original_language=inst.original_language,
            keywords=keywords,
        )


INSTITUTION = IndexableType(
    name="institution",
    label=_("Institution"),
    model=Institution,
    documents=institution_documents,
    follow_saves=True,
)
