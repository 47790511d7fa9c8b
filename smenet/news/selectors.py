from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from smenet.common.permissions import Action, get_for_user
from smenet.registry.types import Viewer

from .models import NewsArticle


def news_list(*, user: Viewer, lang: str | None = None) -> QuerySet[NewsArticle]:
    qs = NewsArticle.objects.visible_to(user)
    if lang:
        qs = qs.in_language(lang)
    return qs.prefetch_related("translations", "categories__translations").newest_first()


def news_published(*, lang: str | None = None, limit: int | None = None) -> list[NewsArticle]:
    qs = NewsArticle.objects.published()
    if lang:
        qs = qs.filter(translations__language_code=lang)
    qs = qs.prefetch_related("translations").newest_first()
    return list(qs[:limit] if limit else qs)


def news_get_for_user(*, user: Viewer, slug: str, action: str = Action.VIEW) -> NewsArticle:
    return get_for_user(
        NewsArticle.objects.prefetch_related(
            "translations",
            "categories__translations",
            "meetings__translations",
            "institutions__translations",
        ),
        user=user,
        action=action,
        not_found=_("Unknown article."),
        slug=slug,
    )
