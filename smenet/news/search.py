"""How news appears in the search index: published articles (and scheduled ones once their time
has come: the worker re-indexes them when it publishes them), public."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from smenet.search.registry import PUBLIC, IndexableType, IndexDocument

from .models import NewsArticle


def news_documents(ids: Iterable[int] | None) -> Iterator[IndexDocument]:
    qs = NewsArticle.objects.published().prefetch_related("translations", "institutions")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for article in qs.order_by("pk").iterator(chunk_size=500):
        titles: dict[str, str] = {}
        bodies: dict[str, list[str]] = {}
        for t in article.translations.all():
            titles[t.language_code] = t.title
            bodies[t.language_code] = [t.summary, _strip(t.body)]
        yield IndexDocument(
            object_id=article.pk,
            url=article.get_absolute_url(),
            titles=titles,
            bodies=bodies,
            date=article.publish_at.date() if article.publish_at else None,
            visibility=PUBLIC,
            original_language=article.original_language,
            keywords=[i.acronym for i in article.institutions.all()],
            sample=article.is_sample,
        )


def _strip(html: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(html or "")


NEWS = IndexableType(name="news", label=_("News"), model=NewsArticle, documents=news_documents)
