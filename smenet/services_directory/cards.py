"""The finder's service cards and result counts, computed once and reused (issue 14, performance).

A page of the finder is 20 cards; rendering them (templates, translations, links, the cost in
words) was most of the page's work, and reading them most of its queries. A card depends only on
the service, its agency and country and the page's language, never on who asks, so the finder
reads a page as ``(id, version)`` pairs, takes the cards it has already rendered and reads in
full and renders only the others.

Kept per process, in a bounded least-recently-used map, for ``TTL`` seconds at most. The key
carries the service's version (any change of the service, on any server, makes a new card) and,
where anonymous pages are cached, the site's content generation (``common.pagecache``: replaced
after every committed write on any server, read by that middleware anyway); this process forgets
every card the moment one of its own writes happens (``forget_all``, connected to the model
signals). What another server changes besides the service itself (an agency's name) shows
within the generation's half second, or within ``TTL`` where pages are not cached.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from smenet.common import pagecache

from .models import Service

#: At most this many cards per process (about 1.5 KB each).
MAX_CARDS = 3000
TTL = 300.0
#: Off: every card read and rendered on every request (the benchmark's same-run baseline).
ENABLED = True
TEMPLATE = "services_directory/_card.html"

_cards: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
_lock = threading.Lock()


def forget_all(**_kwargs: Any) -> None:
    with _lock:
        _cards.clear()


def _key(pk: int, version: int, compare_form: str) -> tuple:
    generation = pagecache.generation() if settings.SMENET_PAGE_CACHE else ""
    return (generation, get_language() or "en", pk, version, compare_form)


def _remember(key: tuple, html: Any) -> None:
    with _lock:
        _cards[key] = (time.monotonic() + TTL, html)
        _cards.move_to_end(key)
        while len(_cards) > MAX_CARDS:
            _cards.popitem(last=False)


def _recall(key: tuple) -> SafeString | None:
    with _lock:
        entry = _cards.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del _cards[key]
            return None
        _cards.move_to_end(key)
        return entry[1]


def _render(service: Service, compare_form: str) -> SafeString:
    return SafeString(
        render_to_string(TEMPLATE, {"service": service, "compare_form": compare_form})
    )


def count(items: QuerySet[Service], *, key: Any) -> int:
    """The number of services of the finder's ``items`` for filters ``key`` (public services
    only: the same for every reader), counted once and kept like the cards. Counting through
    the eligibility facets was the costliest query of a filtered page."""
    if not ENABLED:
        return items.count()
    full_key = ("count", pagecache.generation() if settings.SMENET_PAGE_CACHE else "", key)
    with _lock:
        entry = _cards.get(full_key)
    if entry is not None and entry[0] >= time.monotonic():
        return int(entry[1])
    number = items.count()
    _remember(full_key, number)
    return number


def render_page(items: Iterable[Service] | QuerySet[Service], *, compare_form: str = "") -> list:
    """The cards of one page, in its order. ``items`` is the paginator's page: a sliced
    queryset (read here as ids and versions first, the missing services in full, in a fixed
    number of queries) or a list of services already read (a ranked search)."""
    if not ENABLED:
        return [_render(service, compare_form) for service in items]
    if isinstance(items, QuerySet):
        pairs = list(items.values_list("pk", "version"))
        keys = {pk: _key(pk, version, compare_form) for pk, version in pairs}
        found = {pk: html for pk, key in keys.items() if (html := _recall(key)) is not None}
        missing = [pk for pk, _version in pairs if pk not in found]
        if missing:
            for service in Service.objects.with_related().filter(pk__in=missing):
                html = _render(service, compare_form)
                # The key of the version read now (a write may have come in between).
                _remember(_key(service.pk, service.version, compare_form), html)
                found[service.pk] = html
        return [found[pk] for pk, _version in pairs if pk in found]
    cards = []
    for service in items:
        key = _key(service.pk, service.version, compare_form)
        html = _recall(key)
        if html is None:
            html = _render(service, compare_form)
            _remember(key, html)
        cards.append(html)
    return cards
