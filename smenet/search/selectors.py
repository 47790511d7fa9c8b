"""The one search over everything: parse, filter by what the user may see, rank, excerpt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import translation

from smenet.common.translation import pick
from smenet.registry import roles
from smenet.registry.types import Viewer

from . import acronyms, analysis, ranking, semantic, vectors, vocabulary
from .backends import Backend, backend_for, doc_pk, index_key
from .indexing import thesaurus
from .models import SearchDocument
from .query import AndNot, CompiledQuery, Node, Term, all_of, any_of, compile_query, tag, tags_any
from .registry import MEMBERS, PUBLIC, RESTRICTED
from .registry import types as registered_types

SNIPPET_CHARS = 220
PINNED_SCORE = 10.0  # above any ranked score (at most 4 + 2 + 1): see acronyms.py
#: The head of the ranking where lexical and semantic candidates are fused (reciprocal rank
#: fusion); beyond it, the lexical order continues.
FUSION_DEPTH = 100
#: Defaults of the settings that tune the fusion (decision 0024; tuned on the tuning half
#: of the judged set only).
DEFAULT_RRF_K = 60.0
DEFAULT_SEMANTIC_WEIGHT = 0.5
DEFAULT_SEMANTIC_MIN = 0.1
DEFAULT_FEEDBACK_WEIGHT = 0.5
DEFAULT_FEEDBACK_DOCUMENTS = 3
DEFAULT_GLOSS_WEIGHT = 0.5
#: The similarity floor of the nearest documents when no word of the query is recognised
#: (no index term, concept, correction or transliteration): the encoder is then the only
#: evidence, and it places any string, gibberish too, near something. Calibrated on
#: generated gibberish, never on the judged queries (decision 0024).
DEFAULT_UNRECOGNISED_MIN = 0.26


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
    #: The query with its unknown words corrected ("did you mean"), or None.
    suggestion: str | None = None

    @property
    def is_empty_query(self) -> bool:
        return not self.query


def hidden_from(user: Viewer | None) -> Node | None:
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
    user: Viewer,
    q: str | None,
    lang: str | None = None,
    types: Sequence[str] | None = None,
    country: str | None = None,
    subject: str | None = None,
    language: str | None = None,
    offset: int = 0,
    limit: int = 20,
    facets: bool = False,
    semantic: bool | None = None,
    expand: bool = True,
) -> SearchResult:
    """Ranked hits for ``q`` among what ``user`` may see; the same on SQLite and PostgreSQL.

    Lexical matches (exact, then typo corrections and transliterations) are fused with the
    nearest documents by sentence vector when semantic retrieval is on (``semantic=None``:
    as the ``SEARCH_SEMANTIC`` setting says); permissions and filters apply to both.
    """
    lang = (lang or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    query = parse(q)
    if not query:
        return SearchResult(0, [], query)
    backend = backend_for(connection)
    hidden = hidden_from(user)
    filters = all_of(_filters(types, country, subject, language))
    compiled = compile_query(query, filters, hidden)
    expanded = vocabulary.expand(query) if expand else vocabulary.Expanded(None)
    if expanded.query is not None:  # concepts its corrections and transliterations name
        expanded = replace(expanded, query=thesaurus().expand_alternatives(expanded.query))
    dense = vectors.enabled() if semantic is None else (semantic and vectors.enabled())
    nearest = (
        _nearest(
            backend,
            q or "",
            types,
            filters,
            hidden,
            gloss=_glossed(query, expanded),
            minimum=None if expanded.recognised else unrecognised_floor(),
        )
        if dense
        else None
    )
    extra = compile_query(expanded.query, filters, hidden) if expanded.query else None
    relaxed_query = _relaxed(expanded.query or query)
    relaxed = compile_query(relaxed_query, filters, hidden) if relaxed_query else None

    known = _Known()  # what the ranking found out that the facets can reuse
    # Without filters the facets count the matches the ranking reads: it keeps the newest.
    sample = facet_window() if facets and filters is None else 0

    def rank(offset: int, limit: int) -> tuple[int, list[tuple[int, float]]]:
        if nearest is None and extra is None:
            known.newest = ranking.Newest.of(sample)
            found = ranking.ranked(
                backend, connection, compiled, limit=limit, offset=offset, newest=known.newest
            )
            known.exact, known.relaxed = found[0], not found[0] and relaxed is not None
            if known.relaxed and relaxed is not None:
                known.newest = ranking.Newest.of(sample)
                return ranking.ranked(
                    backend, connection, relaxed, limit=limit, offset=offset, newest=known.newest
                )
            return found
        return _fused(
            backend,
            compiled,
            extra,
            nearest,
            limit=limit,
            offset=offset,
            known=known,
            relaxed=relaxed,
            sample=sample,
        )

    pinned = _pinned(q, types, country, subject, language)
    if pinned:
        count, page = _with_pinned(backend, compiled, pinned, rank, offset=offset, limit=limit)
    else:
        count, page = rank(offset, limit)
    docs = SearchDocument.objects.in_bulk([doc_id for doc_id, _ in page])
    hits = [_hit(docs[i], s, query, lang) for i, s in page if i in docs]
    suggestion = _suggestion(expanded, q or "", docs)
    if not count and suggestion is None:
        suggestion = _closest_suggestion(backend, query, q or "", hidden)
    result = SearchResult(count, hits, query, suggestion=suggestion)
    if facets:
        size = facet_window()
        rows, sampled = _facet_rows(
            backend,
            query,
            expanded if extra is not None else None,
            nearest,
            relaxed_query,
            _pinned(q, None, None, None, None),
            hidden,
            size,
            # Without filters the ranking looked at the same matches.
            known if filters is None else None,
        )
        result.facets = facet_counts(rows)
        result.facets_sampled = size if sampled else None
    return result


@dataclass
class _Known:
    """What the fused ranking found out that the facets would otherwise ask again: the
    number of exact matches, and which of the nearest documents are lexical matches (of
    the stream the ranking counted: the exact matches, or with the expansion when they
    were too few)."""

    exact: int | None = None
    nearest_matched: set[int] | None = None
    #: Whether the relaxed query (``_relaxed``) stood in for the lexical matches.
    relaxed: bool | None = None
    #: The newest lexical matches of the stream the ranking counted (``ranking.Newest``).
    newest: ranking.Newest | None = None


def _facet_rows(
    backend: Backend,
    query: analysis.Query,
    expanded: vocabulary.Expanded | None,
    nearest: _Nearest | None,
    relaxed: analysis.Query | None,
    pinned: Sequence[SearchDocument],
    hidden: Node | None,
    size: int,
    known: _Known | None = None,
) -> tuple[list[tuple[str, str, str, str, int]], bool]:
    """The facet groups of the documents the query finds without the facet filters (a facet
    says how many results choosing it leaves): the same three sources as the ranking — the
    lexical matches (with the typo and transliteration expansion when the ranking used it;
    the relaxed query's when no document has every word), the nearest documents by meaning,
    the pinned agencies — each document counted once. The lexical matches are sampled to the
    ``size`` newest (``facet_window``); the other two are at most ``FUSION_DEPTH`` documents
    and always counted. ``known``: what a ranking without filters found out about the same
    matches (``_fused``), not asked again."""
    known = known or _Known()
    lexical = compile_query(query, None, hidden).match
    if expanded is not None and expanded.query is not None:
        if lexical is None:
            exact_count = 0
        elif known.exact is not None:
            exact_count = known.exact
        else:
            exact_count = backend.count(connection, lexical)
        if exact_count < FUSION_DEPTH:
            lexical = compile_query(expanded.query, None, hidden).match
    if relaxed is not None:
        if known.relaxed is None:
            known.relaxed = lexical is None or not backend.count(connection, lexical)
        if known.relaxed:
            lexical = compile_query(relaxed, None, hidden).match
    if known.newest is not None and lexical is not None:
        rows = backend.groups(connection, [doc_pk(k) for k in known.newest.keys])
        sampled = not known.newest.complete
    else:
        rows, sampled = backend.facet_rows(connection, lexical, size)
    nearby = dict(nearest.unfiltered()) if nearest is not None else {}
    if known.nearest_matched is not None:  # the ranking checked them against these matches
        nearby = {pk: key for pk, key in nearby.items() if pk not in known.nearest_matched}
        unchecked = {d.pk: index_key(d.pk, d.date) for d in pinned if d.pk not in nearby}
    else:
        unchecked = {**nearby, **{d.pk: index_key(d.pk, d.date) for d in pinned}}
        nearby = {}
    if unchecked and lexical is not None:
        matched = backend.matching(connection, lexical, list(unchecked.values()))
        unchecked = {pk: key for pk, key in unchecked.items() if key not in matched}
    others = {**nearby, **unchecked}
    if others:
        rows = list(rows) + [
            (type_, country, languages, subjects, 1)
            for type_, country, languages, subjects in SearchDocument.objects.filter(
                pk__in=list(others)
            ).values_list("type", "country", "languages", "subjects")
        ]
    return rows, sampled


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
    backend: Any,
    compiled: CompiledQuery,
    pinned: list[SearchDocument],
    rank: Callable[[int, int], tuple[int, list[tuple[int, float]]]],
    *,
    offset: int,
    limit: int,
) -> tuple[int, list[tuple[int, float]]]:
    """The pinned documents first, then the ranked (or fused) matches without them."""
    first = [(d.pk, PINNED_SCORE) for d in pinned]
    ids = {d.pk for d in pinned}
    count, ranked_page = rank(0, offset + limit + len(first))
    rest = [(i, s) for i, s in ranked_page if i not in ids]
    listed = ids & {i for i, _s in ranked_page}
    unlisted = [index_key(d.pk, d.date) for d in pinned if d.pk not in listed]
    matched = len(listed) + len(backend.matching(connection, compiled.match, unlisted))
    return count + len(first) - matched, (first + rest)[offset : offset + limit]


def unrecognised_floor() -> float:
    return float(getattr(settings, "SEARCH_UNRECOGNISED_MIN", DEFAULT_UNRECOGNISED_MIN))


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


def _suggestion(expanded: vocabulary.Expanded, raw: str, docs: dict[int, Any]) -> str | None:
    """ "Did you mean": corrections written as the found documents write them."""
    if not expanded.replacements:
        return None
    terms = set(expanded.replacements.values())
    surface: dict[str, str] = {}
    for doc in docs.values():
        for lang, text in [*doc.titles.items(), *(doc.texts or {}).items()]:
            for term, word in analysis.surface_words(text, terms - set(surface), lang).items():
                surface.setdefault(term, word)
        if len(surface) == len(terms):
            break
    return expanded.suggestion(raw, surface)


def _closest_suggestion(
    backend: Backend, query: analysis.Query, raw: str, hidden: Node | None
) -> str | None:
    """ "Did you mean" for a query that found nothing: its unknown words replaced by the
    index terms most like them, written as a few documents with those terms write them."""
    closest = vocabulary.closest(query)
    if not closest.replacements:
        return None
    match = any_of(Term(t) for t in sorted(set(closest.replacements.values())))
    if match is not None and hidden is not None:
        match = AndNot(match, hidden)
    _, found = ranking.ranked(
        backend, connection, CompiledQuery(match, None, None), limit=3, offset=0
    )
    docs = SearchDocument.objects.in_bulk([pk for pk, _ in found])
    return _suggestion(closest, raw, docs)


class _Nearest:
    """The documents nearest to the query by sentence vector, among those the filters and
    permissions allow (checked by the engine, with the same tags as lexical matches)."""

    def __init__(
        self,
        backend: Backend,
        index: semantic.VectorIndex,
        vector: semantic.FloatArray,
        types: Sequence[str] | None,
        filters: Node | None,
        hidden: Node | None,
        minimum: float | None = None,
    ) -> None:
        self.backend, self.index, self.vector = backend, index, vector
        self.types, self.filters, self.hidden = types, filters, hidden
        self.minimum = minimum
        self._found: list[tuple[Any, float]] = []
        self._listed: list[tuple[int, int]] | None = None

    def __call__(self, feedback: Sequence[int]) -> list[int]:
        """Best first; ``feedback``: the best lexical matches (search document ids), whose
        vectors pull the query vector towards their subject (``SEARCH_FEEDBACK``)."""
        vector = self.vector
        weight = float(getattr(settings, "SEARCH_FEEDBACK_WEIGHT", DEFAULT_FEEDBACK_WEIGHT))
        count = int(getattr(settings, "SEARCH_FEEDBACK_DOCUMENTS", DEFAULT_FEEDBACK_DOCUMENTS))
        if feedback and weight > 0 and count > 0:
            keys = SearchDocument.objects.filter(pk__in=list(feedback[:count])).values_list(
                "type", "object_id"
            )
            vector = semantic.with_feedback(vector, self.index.rows_of(list(keys)), weight)
        minimum = float(getattr(settings, "SEARCH_SEMANTIC_MIN", DEFAULT_SEMANTIC_MIN))
        if self.minimum is not None:
            minimum = max(minimum, self.minimum)
        self._found = self.index.search(vector, FUSION_DEPTH, minimum)
        self._listed = self._allowed(self.types, self.filters)
        return [pk for pk, _ in self._listed]

    def unfiltered(self) -> list[tuple[int, int]]:
        """The last call's nearest documents as ``(id, index key)`` pairs, within the
        permissions but not the filters (for the facets)."""
        if not self.types and self.filters is None and self._listed is not None:
            return self._listed  # the ranking's own list: nothing narrowed it
        return self._allowed(None, None)

    def _allowed(self, types: Sequence[str] | None, filters: Node | None) -> list[tuple[int, int]]:
        by_type: dict[str, list[int]] = {}
        for key, _ in self._found:
            type_name, object_id = key
            if not types or type_name in types:
                by_type.setdefault(type_name, []).append(object_id)
        if not by_type:
            return []
        where = Q()
        for type_name, ids in by_type.items():
            where |= Q(type=type_name, object_id__in=ids)
        rows = {
            (t, o): (pk, index_key(pk, d))
            for pk, t, o, d in SearchDocument.objects.filter(where).values_list(
                "pk", "type", "object_id", "date"
            )
        }
        ordered = [rows[key] for key, _ in self._found if key in rows]
        allowed_types = tags_any("type", sorted(registered_types()))
        node = all_of([allowed_types, filters])
        if node is not None and self.hidden is not None:
            node = AndNot(node, self.hidden)
        allowed = self.backend.matching(connection, node, [k for _, k in ordered])
        return [(pk, k) for pk, k in ordered if k in allowed]


def _gloss(query: analysis.Query, expanded: vocabulary.Expanded) -> list[str]:
    """English names of the thesaurus concepts the query (or its corrected, transliterated
    form) names: the encoder knows English best, and some of the network's languages (Urdu,
    Azerbaijani, Malay, Indonesian) not at all."""
    return [name for name, _ in _glossed(query, expanded)]


def _glossed(query: analysis.Query, expanded: vocabulary.Expanded) -> list[tuple[str, float]]:
    """The gloss (``_gloss``) with each concept's weight: its specificity (``_specificity``)."""
    codes: set[str] = set()
    for q in (query, expanded.query):
        if q is None:
            continue
        q = thesaurus().expand_query(q) if q is not query else q
        for t in q.terms:
            codes.update(
                a[len(analysis.CONCEPT_PREFIX) :]
                for a in t.alternatives
                if a.startswith(analysis.CONCEPT_PREFIX)
            )
    named = []
    for code in sorted(codes):
        english = thesaurus().terms_for(code).get("en")
        if english:
            named.append((code, english[0]))
    weights = _specificity([code for code, _ in named])
    return [(name, w) for (_, name), w in zip(named, weights, strict=True)]


def _specificity(codes: Sequence[str]) -> list[float]:
    """How much each concept says, relative to the most specific of them: the fewest
    documents carrying one of them over the documents carrying it (the vocabulary's
    counts). In an SME network "SME" is on a fifth of the documents; next to "ICT" it
    should not pull the query towards everything written about SMEs. 1 for each when there
    is one concept or the counts are unknown."""
    vocab = vocabulary.loaded() if len(codes) > 1 else None
    if vocab is None:
        return [1.0] * len(codes)
    counts = [max(1, vocab.df(analysis.CONCEPT_PREFIX + c)) for c in codes]
    fewest = min(counts)
    return [fewest / n for n in counts]


def _nearest(
    backend: Backend,
    text: str,
    types: Sequence[str] | None,
    filters: Node | None,
    hidden: Node | None,
    gloss: Sequence[str | tuple[str, float]] = (),
    minimum: float | None = None,
) -> _Nearest | None:
    """The vector search for a query, or None while no vectors are stored (lexical only).
    ``minimum``: a similarity floor above the usual one (``SEARCH_SEMANTIC_MIN``);
    ``gloss``: names, or (name, weight) pairs (``_glossed``)."""
    index = vectors.vector_index()
    if index is None or not len(index):
        return None
    weight = float(getattr(settings, "SEARCH_GLOSS_WEIGHT", DEFAULT_GLOSS_WEIGHT))
    names = [g if isinstance(g, str) else g[0] for g in gloss]
    weights = [1.0 if isinstance(g, str) else g[1] for g in gloss]
    vector = semantic.query_vector(text, names, weight, weights)
    if vector is None:
        return None
    return _Nearest(backend, index, vector, types, filters, hidden, minimum)


def _fused(
    backend: Backend,
    compiled: CompiledQuery,
    extra: CompiledQuery | None,
    nearest_to: _Nearest | None,
    *,
    limit: int,
    offset: int,
    known: _Known | None = None,
    relaxed: CompiledQuery | None = None,
    sample: int = 0,
) -> tuple[int, list[tuple[int, float]]]:
    """The count and a page of the fused ranking (``known``: filled in for the facets).

    The lexical stream is the exact matches in their ranking, then the matches only the
    expanded query (typos, transliterations) finds, in theirs; when neither finds anything,
    the matches of the ``relaxed`` query (``_relaxed``). Its first ``FUSION_DEPTH``
    documents are fused with the nearest documents by vector (reciprocal rank fusion) into
    the head of the ranking; the rest of the stream follows, without the head's documents.
    ``sample``: keep that many newest matches of the counted stream in ``known.newest``.
    """
    depth = FUSION_DEPTH

    kept = ranking.Newest.of(sample)
    exact_count, exact = ranking.ranked(
        backend, connection, compiled, limit=depth, offset=0, newest=kept
    )
    if known is not None:
        known.exact = exact_count
    extra_count = 0
    stream = [pk for pk, _ in exact]
    if extra is not None and exact_count < depth:
        kept = ranking.Newest.of(sample)
        extra_count, more = ranking.ranked(
            backend, connection, extra, limit=2 * depth, offset=0, newest=kept
        )
        seen = set(stream)
        stream += [pk for pk, _ in more if pk not in seen][: depth - len(stream)]
    else:
        extra = None
    if known is not None:
        known.relaxed = not stream and relaxed is not None
    if not stream and relaxed is not None:
        kept = ranking.Newest.of(sample)
        exact_count, loose = ranking.ranked(
            backend, connection, relaxed, limit=depth, offset=0, newest=kept
        )
        stream, compiled, extra, extra_count = [pk for pk, _ in loose], relaxed, None, 0
    if known is not None:
        known.newest = kept
    nearest = nearest_to(stream) if nearest_to is not None else []
    k = float(getattr(settings, "SEARCH_RRF_K", DEFAULT_RRF_K))
    weight = float(getattr(settings, "SEARCH_SEMANTIC_WEIGHT", DEFAULT_SEMANTIC_WEIGHT))
    head = semantic.rrf([(stream[:depth], 1.0), (nearest, weight)], k=k)
    head_ids = {pk for pk, _ in head}
    stream_count = max(exact_count, extra_count)
    lexical = extra if extra is not None else compiled
    dense_only = [pk for pk in nearest if pk not in set(stream)]
    if dense_only and stream_count > len(stream) and lexical.match is not None:
        # Nearest documents may also be lexical matches beyond the head: not counted twice.
        keys = _keys(dense_only)
        matched = backend.matching(connection, lexical.match, list(keys.values()))
        dense_only = [pk for pk in dense_only if keys[pk] not in matched]
    count = stream_count + len(dense_only)
    if known is not None:
        known.nearest_matched = set(nearest) - set(dense_only)
    end = offset + limit
    page: list[tuple[int, float]] = [(pk, score) for pk, score in head[offset:end]]
    if end > len(head) and stream_count > len(stream):
        want = end - len(head) + len(head_ids)
        _, tail = ranking.ranked(backend, connection, lexical, limit=want, offset=0)
        rest = [pk for pk, _ in tail if pk not in head_ids]
        first = max(0, offset - len(head))
        page += [
            (pk, 1.0 / (k + depth + first + i + 1))
            for i, pk in enumerate(rest[first : end - len(head)])
        ]
    return count, page


def _relaxed(query: analysis.Query) -> analysis.Query | None:
    """The query without its commonest word, for when no document has every word: the word
    whose best alternative (concepts included) the most documents hold says least about
    what is wanted ("R-D PME": research and development, next to SMEs, which a fifth of the
    documents name). None for a query of one word, with a phrase, or before the vocabulary
    is loaded; off with ``SEARCH_RELAX = False``."""
    vocab = vocabulary.loaded()
    if not getattr(settings, "SEARCH_RELAX", True) or vocab is None:
        return None
    if len(query.terms) < 2 or query.phrases:
        return None
    df = [max(vocab.df(a) for a in t.alternatives) for t in query.terms]
    drop = max(range(len(df)), key=lambda i: (df[i], i))
    return replace(query, terms=tuple(t for i, t in enumerate(query.terms) if i != drop))


def _keys(pks: list[int]) -> dict[int, int]:
    return {
        pk: index_key(pk, date)
        for pk, date in SearchDocument.objects.filter(pk__in=pks).values_list("pk", "date")
    }


@dataclass(frozen=True)
class IndexStatus:
    state: str  # indexing.index_state
    documents: int
    vectors: int
    semantic: bool
    model: str
    reindex: Any  # the latest re-indexing job, or None


def index_status_for_user(*, user: Viewer | None) -> IndexStatus:
    """The state of the search index, for the Secretariat (403 to anyone else)."""
    from django.utils.translation import gettext as _

    from smenet.common.errors import PermissionDenied
    from smenet.jobs.models import Job

    from .indexing import index_state
    from .jobs import REINDEX
    from .models import SearchVector

    if not roles.is_secretariat(user):
        raise PermissionDenied(_("Only the Secretariat may do this."), code="secretariat_only")
    return IndexStatus(
        state=index_state(),
        documents=SearchDocument.objects.count(),
        vectors=SearchVector.objects.filter(model=semantic.MODEL_ID).count(),
        semantic=vectors.enabled(),
        model=semantic.MODEL_ID,
        reindex=Job.objects.filter(key=REINDEX).order_by("-pk").first(),
    )
