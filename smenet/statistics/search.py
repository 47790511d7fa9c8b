"""How SME statistics appear in the search index (see search/registry.py): one document per
indicator, its name and definition in each language, its code as a keyword, linking to the
indicator's page (public, like every published figure). Re-indexed on every save of an
indicator or of one of its translations (``follow_saves``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from smenet.search.registry import PUBLIC, IndexableType, IndexDocument

from .models import Indicator


def indicator_documents(ids: Iterable[int] | None) -> Iterator[IndexDocument]:
    qs = Indicator.objects.prefetch_related("translations")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for indicator in qs.order_by("pk").iterator(chunk_size=500):
        titles: dict[str, str] = {}
        bodies: dict[str, list[str]] = {}
        for t in indicator.translations.all():
            if t.name:
                titles[t.language_code] = t.name
                bodies[t.language_code] = [t.definition or ""]
        if not titles:
            continue
        yield IndexDocument(
            object_id=indicator.pk,
            url=indicator.get_absolute_url(),
            titles=titles,
            bodies=bodies,
            visibility=PUBLIC,
            keywords=[indicator.code],
            sample=indicator.is_sample,
        )


INDICATOR = IndexableType(
    name="indicator",
    label=_("SME statistics"),
    model=Indicator,
    documents=indicator_documents,
    follow_saves=True,
)
