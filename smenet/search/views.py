"""The search page: the same selector as the API, with facets and pagination."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from smenet.registry import selectors as registry
from smenet.taxonomy.subjects import subject_label, subject_names

from . import registry as search_registry
from . import selectors

PAGE_SIZE = 20
MAX_PAGE = 500


class _Hits(list):
    """A list that claims ``count`` items, so Django's paginator can page the ranked hits."""

    def __init__(self, hits, count: int):
        super().__init__(hits)
        self._count = count

    def count(self, *args) -> int:
        return self._count


def _clean(value: str | None, limit: int = 1000) -> str:
    return (value or "").replace("\x00", "")[:limit].strip()


def search_page(request):
    lang = (get_language() or "en").split("-")[0]
    q = _clean(request.GET.get("q"))
    known_types = search_registry.types()
    type_ = _clean(request.GET.get("type"), 32)
    type_ = type_ if type_ in known_types else ""
    country = _clean(request.GET.get("country"), 3).upper()
    subject = _clean(request.GET.get("subject"), 64)
    subject = subject if subject in subject_names() else ""
    language = _clean(request.GET.get("language"), 2).lower()
    try:
        number = min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        number = 1
    result = selectors.search(
        user=request.user,
        q=q,
        lang=lang,
        types=[type_] if type_ else None,
        country=country or None,
        subject=subject or None,
        language=language or None,
        offset=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        facets=bool(q),
    )
    paginator = Paginator(_Hits([], result.count), PAGE_SIZE)
    page = Page(result.hits, min(number, paginator.num_pages), paginator)
    names = {c.iso3: c for c in registry.country_list()} if result.facets or result.hits else {}
    facets = []
    if result.facets:
        facets = [
            (
                "type",
                [
                    (v, str(known_types[v].label) if v in known_types else v, n)
                    for v, n in result.facets["type"]
                ],
            ),
            (
                "country",
                [(v, names[v] if v in names else v, n) for v, n in result.facets["country"][:15]],
            ),
            ("subject", [(v, subject_label(v, lang), n) for v, n in result.facets["subject"][:15]]),
            ("language", [(v, v, n) for v, n in result.facets["language"][:10]]),
        ]
    current = {"type": type_, "country": country, "subject": subject, "language": language}
    query = request.GET.copy()
    query.pop("page", None)
    suggestion_query = query.copy()
    suggestion_query.pop("q", None)
    return render(
        request,
        "search/search.html",
        {
            "q": q,
            "result": result,
            "page": page,
            "query": query.urlencode(),
            "suggestion_query": suggestion_query.urlencode(),
            "facets": facets,
            "countries": names,
            "current": current,
            "type_labels": {k: t.label for k, t in known_types.items()},
        },
    )
