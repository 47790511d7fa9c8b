"""Issue 16, session 6: SME size words. A small business, firm or enterprise is an SME: a
text that speaks of small firms (in any of the nine languages) also carries ``concept:sme``
(data/thesaurus_size.csv), so an acronym next to a word ("KOB maliyyə",
"SME loans") finds the documents that never write the acronym."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.search import indexing
from smenet.search.selectors import search

from .factories import index_document, indexed_corpus

_doc = index_document


@pytest.fixture
def small_firms(db):
    docs = [
        _doc(1, "Kiçik müəssisələr üçün maliyyəyə çıxış", lang="az"),
        _doc(2, "Bank loans for small firms"),
        _doc(3, "Малый бизнес и экспорт", lang="ru"),
        _doc(4, "Turizm statistikası", lang="az"),
        _doc(5, "Bank loans for farmers"),
    ]
    with indexed_corpus(docs):
        yield docs


def refs(q):
    hits = search(user=AnonymousUser(), q=q, semantic=False, limit=10).hits
    return [h.ref for h in hits]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [("KOB maliyyə", ["r1"]), ("SME loans", ["r2"]), ("МСП экспорт", ["r3"])],
)
def test_an_sme_acronym_finds_texts_about_small_firms(small_firms, q, expected):
    assert refs(q) == expected


def test_small_firms_carry_the_sme_concept_in_every_language():
    th = indexing.thesaurus()
    for text, lang in [
        ("Access to finance for small firms", "en"),
        ("Accès au financement des petites entreprises", "fr"),
        ("Küçük işletmelerin dijital dönüşümü", "tr"),
        ("Akses pembiayaan bagi usaha kecil", "id"),
        ("Bantuan guaman untuk perusahaan kecil", "ms"),
        ("چھوٹے کاروبار کے لیے قانونی امداد", "ur"),
        ("الوصول إلى التمويل للمشاريع الصغيرة", "ar"),
    ]:
        assert "sme" in th.concepts_in(text, lang), text
    assert "sme" not in th.concepts_in("Bank loans for farmers", "en")
