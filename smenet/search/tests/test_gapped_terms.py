"""Issue 16, session 8 (decision 0024 §31): a visitor's word between a thesaurus term's words.

"selling products abroad" is "selling abroad" with a word inside it, and "xaricə məhsul
satmaq" is "xaricə satmaq": a query word may stand between a multi-word term's words, in
their order, and the query still names the concept (documents are read as before)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.search import indexing
from smenet.search.analysis import CONCEPT_PREFIX, analyze_query
from smenet.search.selectors import search

from .factories import index_document, indexed_corpus

EXPORT = CONCEPT_PREFIX + "export-promotion"


def concepts(q: str) -> list[set[str]]:
    query = indexing.thesaurus().expand_query(analyze_query(q, None))
    return [{a for a in t.alternatives if a.startswith(CONCEPT_PREFIX)} for t in query.terms]


@pytest.mark.parametrize(
    "q",
    [
        "selling abroad",  # the term itself
        "selling products abroad",
        "selling our products abroad",  # a stop word is not counted
        "xaricə məhsul satmaq",
        "vendre nos produits à l'étranger",
    ],
)
def test_one_word_inside_a_term_still_names_its_concept(q):
    assert all(EXPORT in found for found in concepts(q)), concepts(q)


@pytest.mark.parametrize(
    "q",
    [
        "selling food and wood products abroad",  # three words between
        "abroad selling",  # the term's words in another order
    ],
)
def test_more_words_between_or_another_order_do_not(q):
    assert not any(EXPORT in found for found in concepts(q)), concepts(q)


def test_a_quoted_phrase_is_the_concept_only_as_the_term_is_written():
    thesaurus = indexing.thesaurus()
    [gapped] = thesaurus.expand_query(analyze_query('"selling products abroad"', None)).phrases
    [exact] = thesaurus.expand_query(analyze_query('"selling abroad"', None)).phrases
    assert EXPORT not in gapped.concepts
    assert EXPORT in exact.concepts


def test_documents_still_need_the_term_as_it_is_written():
    thesaurus = indexing.thesaurus()
    assert "export-promotion" in thesaurus.concepts_in("Selling abroad made simple", "en")
    assert "export-promotion" not in thesaurus.concepts_in("Selling cheese abroad", "en")


@pytest.fixture
def export_documents(db, settings):
    settings.SEARCH_RELAX = False  # §25's fallback would find them by dropping a word
    with indexed_corpus(
        [
            index_document(1, "Promotion des exportations des PME", "Un programme.", lang="fr"),
            index_document(2, "Programme de formation", "Cours pour les dirigeants.", lang="fr"),
            index_document(3, "New products of the year", "A catalogue of products."),
        ]
    ):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["selling products abroad", "xaricə məhsul satmaq"])
def test_the_gapped_phrase_finds_the_concept_in_another_language(export_documents, q):
    hits = search(user=AnonymousUser(), q=q, semantic=False, limit=10).hits
    assert [h.ref for h in hits] == ["r1"]
