"""News pages: the list (newest first, in the page's language with the others marked) and an
article, with its translation note and the Hijri date on Arabic pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from smenet.common.formatting import language_name
from smenet.common.translation import pick, translations_dict
from smenet.events.formatting import hijri
from smenet.web import errors as web_errors

from . import selectors

domain_pages = web_errors.domain_pages("events/error.html")


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


@require_GET
def news_list(request):
    page = Paginator(selectors.news_list(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": page, "articles": list(page.object_list)})


@domain_pages
@require_GET
def article(request, slug: str):
    item = selectors.news_get_for_user(user=request.user, slug=slug)
    langs = sorted(t.language_code for t in item.translations.all())
    lang = _lang()
    shown = pick(translations_dict(item, "title"))[1] or item.original_language
    return render(
        request,
        "news/article.html",
        {
            "article": item,
            "shown": shown,
            "is_translation": shown != item.original_language,
            "original_name": language_name(item.original_language),
            "hijri": hijri(item.publish_at) if lang == "ar" and item.publish_at else "",
            "languages": langs,
        },
    )
