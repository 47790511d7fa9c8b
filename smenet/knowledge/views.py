"""Pages of the knowledge hub. Thin: parse, call a selector, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from smenet.capacity.taxonomy import subject_label, subject_names
from smenet.common.errors import NotFound
from smenet.registry import selectors as registry

from . import selectors
from .charts import employee_threshold_chart
from .models import TEMPLATE_FIELDS

PAGE_SIZE = 20


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


def hub(request):
    country = (request.GET.get("country") or "").strip().upper()[:3] or None
    subject = (request.GET.get("subject") or "").strip()[:64] or None
    if subject and subject not in subject_names():
        subject = None
    practices = selectors.best_practice_list(user=request.user, country=country, subject=subject)
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    lang = _lang()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "knowledge/hub.html",
        {
            "page": page,
            "query": query.urlencode(),
            "publications": list(selectors.publication_list(user=request.user)[:5]),
            "countries": registry.country_list(),
            "subjects": sorted(
                ((code, subject_label(code, lang)) for code in subject_names()),
                key=lambda s: s[1],
            ),
            "country": country,
            "subject": subject,
        },
    )


def practice_detail(request, pk: int):
    try:
        practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    lang = _lang()
    return render(
        request,
        "knowledge/practice_detail.html",
        {
            "practice": practice,
            "sections": TEMPLATE_FIELDS,
            "subjects": [subject_label(s.code, lang) for s in practice.subjects.all()],
        },
    )


def publication_detail(request, pk: int):
    try:
        publication = selectors.publication_get_for_user(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "knowledge/publication_detail.html", {"publication": publication})


def sme_definitions(request):
    definitions = list(selectors.sme_definition_list())
    return render(
        request,
        "knowledge/sme_definitions.html",
        {"definitions": definitions, "chart": employee_threshold_chart(definitions)},
    )
