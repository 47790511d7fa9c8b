"""Issue 16, session 7: the document-side gloss leaves out the network's own subject (SME,
MSME: nearly every document names it), and Latin and Arabic-script words read و/w and ي/y
alike in their consonant skeletons."""

from __future__ import annotations

import pytest

from smenet.search import vectors

from .factories import index_document

_doc = index_document


# -- the document gloss --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lang", "gloss"),
    [
        ("Bank loans for small firms", "en", []),
        ("Малый бизнес и экспорт", "ru", ["export"]),
        ("KOBİ ihracat desteği", "tr", ["export"]),
        ("MSME digitalisation", "en", ["digitalisation"]),
        ("چھوٹے اور درمیانے کاروبار", "ur", []),
    ],
)
def test_the_document_gloss_never_names_the_networks_own_subject(title, lang, gloss):
    doc = _doc(1, title, "Body.", lang=lang)
    assert vectors._gloss(doc) == gloss
    assert not {"SME", "MSME"} & set(vectors._texts(doc)[0].split(":")[0].split())


def test_a_document_about_small_firms_alone_is_embedded_as_written():
    doc = _doc(1, "Bank loans for small firms", "Loans.")
    assert vectors._texts(doc) == ["Bank loans for small firms. Loans."]


def test_the_unglossed_concepts_exist_in_the_thesaurus():
    from smenet.search.indexing import thesaurus

    assert vectors.UNGLOSSED <= thesaurus().codes()
