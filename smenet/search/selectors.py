"""The one search over everything: parse, filter by what the user may see, rank, excerpt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import translation

from smenet.common.translation import pick
from smenet.registry import roles

from . import acronyms, analysis, ranking
from .backends import backend_for, index_key
from .indexing import thesaurus
from .models import SearchDocument
from .query import AndNot, CompiledQuery, Node, Term, all_of, any_of, compile_query, tag, tags_any
from .registry import MEMBERS, PUBLIC, RESTRICTED

SNIPPET_CHARS = 220
PINNED_SCORE = 10.0  # above any ranked score (at most 4 + 2 + 1): see acronyms.py


@dataclass(frozen=True, slots=True)
class Hit:
    type: str
    id: int
    ref: str | None
    title: str
    snippet: str
    url: str
    language: str | None
    score: float
    country: str
    date: Any
    sample: bool = False


@dataclass
class SearchResult:
    count: int
    hits: list[Hit]
    query: analysis.Query
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: When facets were counted over the newest N matches only (a broad query): N.
    facets_sampled: int | None = None

    @property
    def is_empty_query(self) -> bool:
        return not self.query


def hidden_from(user: Any) -> Node | None:
    """The documents a user may not see, as index tags (None: nothing is hidden). The
    permission rule of search: public documents for everyone, members-only ones for network
    members, restricted ones for their owner institution's focal points; the Secretariat and
    the Bureau see everything."""
    if roles.can_read_all(user):
        return None
    from smenet.knowledge.querysets import is_network_member

    hidden: list[Node] = []
    if not is_network_member(user):
        hidden.append(Term(tag("vis", MEMBERS)))
    restricted: Node = Term(tag("vis", RESTRICTED))
    owned = tags_any("owner", sorted(roles.focal_institution_ids(user)))
    hidden.append(AndNot(restricted, owned) if owned is not None else restricted)
    return any_of(hidden)


def parse(q: str | None) -> analysis.Query:
    return thesaurus().expand_query(analysis.analyze_query(q or "", None))


def _localised_url(path: str, lang: str) -> str:
    if lang == settings.LANGUAGE_CODE or not path.startswith("/"):
        return path
    return f"/{lang}{path}"


def _hit(doc: SearchDocument, score: float, query: analysis.Query, lang: str) -> Hit:
    title, title_lang = pick(doc.titles, lang)
    texts: dict[str, str] = doc.texts or {}
    order = [title_lang, lang, *sorted(texts)]
    excerpt = ""
    excerpt_lang = title_lang
    for code in dict.fromkeys(c for c in order if c and c in texts):
        candidate = analysis.snippet(texts[code], query, code, SNIPPET_CHARS)
        if "<mark>" in candidate:
            excerpt, excerpt_lang = candidate, code
            break
        if not excerpt and code == (title_lang or lang):
            excerpt = candidate
    if not excerpt and title:
        excerpt = analysis.snippet(title, query, title_lang, SNIPPET_CHARS)
    if excerpt_lang and texts.get(excerpt_lang) and excerpt_lang != title_lang:
        alt_title = doc.titles.get(excerpt_lang)
        if alt_title:
            title, title_lang = alt_title, excerpt_lang
    return Hit(
        type=doc.type,
        id=doc.object_id,
        ref=doc.ref,
        title=title,
        snippet=excerpt,
        url=_localised_url(doc.url, lang),
        language=title_lang,
        score=round(score, 4),
        country=doc.country,
        date=doc.date,
        sample=doc.sample,
    )


def _filters(
    types: Sequence[str] | None,
    country: str | None,
    subject: str | None,
    language: str | None,
) -> list[Node | None]:
    return [
        tags_any("type", types) if types else None,
        Term(tag("country", country)) if country else None,
        Term(tag("subject", subject)) if subject else None,
        Term(tag("lang", language)) if language else None,
    ]


def search(
    *,
    user: Any,
    q: str | None,
    lang: str | None = None,
    types: Sequence[str] | None = None,
    country: str | None = None,
    subject: str | None = None,
    language: str | None = None,
    offset: int = 0,
    limit: int = 20,
    facets: bool = False,
) -> SearchResult:
    """Ranked hits for ``q`` among what ``user`` may see; the same on SQLite and PostgreSQL."""
    lang = (lang or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    query = parse(q)
    if not query:
        return SearchResult(0, [], query)
    backend = backend_for(connection)
    hidden = hidden_from(user)
    compiled = compile_query(query, all_of(_filters(types, country, subject, language)), hidden)
    pinned = _pinned(q, types, country, subject, language)
    if pinned:
        count, page = _with_pinned(backend, compiled, pinned, offset=offset, limit=limit)
    else:
        count, page = ranking.ranked(backend, connection, compiled, limit=limit, offset=offset)
    docs = SearchDocument.objects.in_bulk([doc_id for doc_id, _ in page])
    hits = [_hit(docs[i], s, query, lang) for i, s in page if i in docs]
    result = SearchResult(count, hits, query)
    if facets:
        unfiltered = compile_query(query, None, hidden).match
        size = facet_window()
        rows, sampled = backend.facet_rows(connection, unfiltered, size)
        result.facets = facet_counts(rows)
        result.facets_sampled = size if sampled else None
    return result


def _pinned(
    q: str | None,
    types: Sequence[str] | None,
    country: str | None,
    subject: str | None,
    language: str | None,
) -> list[SearchDocument]:
    """The public institution documents whose acronym the query is, or starts (acronyms.py),
    within the filters asked for."""
    if types and "institution" not in types:
        return []
    ids = acronyms.institutions_for(q)
    if not ids:
        return []
    by_id = {
        d.object_id: d
        for d in SearchDocument.objects.filter(
            type="institution", object_id__in=ids, visibility=PUBLIC
        )
    }
    docs = [by_id[i] for i in ids if i in by_id]
    return [
        d
        for d in docs
        if (not country or d.country == country)
        and (not subject or subject in (d.subjects or "").split(","))
        and (not language or language in (d.languages or "").split(","))
    ]


def _with_pinned(
    backend: Any, compiled: CompiledQuery, pinned: list[SearchDocument], *, offset: int, limit: int
) -> tuple[int, list[tuple[int, float]]]:
    """The pinned documents first, then the ranked matches without them."""
    first = [(d.pk, PINNED_SCORE) for d in pinned]
    ids = {d.pk for d in pinned}
    count, ranked_page = ranking.ranked(
        backend, connection, compiled, limit=offset + limit + len(first), offset=0
    )
    rest = [(i, s) for i, s in ranked_page if i not in ids]
    listed = ids & {i for i, _s in ranked_page}
    unlisted = [index_key(d.pk, d.date) for d in pinned if d.pk not in listed]
    matched = len(listed) + len(backend.matching(connection, compiled.match, unlisted))
    return count + len(first) - matched, (first + rest)[offset : offset + limit]


def facet_window() -> int:
    """Facets count at most this many matches (the newest): counting is linear in matches."""
    return int(getattr(settings, "SEARCH_FACET_WINDOW", 2000))


def facet_counts(rows: list[tuple[str, str, str, str, int]]) -> dict[str, list[tuple[str, int]]]:
    counters: dict[str, Counter[str]] = {
        "type": Counter(),
        "country": Counter(),
        "language": Counter(),
        "subject": Counter(),
    }
    for type_, country, languages, subjects, n in rows:
        counters["type"][type_] += n
        if country:
            counters["country"][country] += n
        for code in filter(None, (languages or "").split(",")):
            counters["language"][code] += n
        for code in filter(None, (subjects or "").split(",")):
            counters["subject"][code] += n
    return {k: c.most_common() for k, c in counters.items()}


def compiled_for(q: str, user: Any = None) -> CompiledQuery:
    """The compiled query (for tests and the benchmark)."""
    return compile_query(parse(q), None, hidden_from(user))
