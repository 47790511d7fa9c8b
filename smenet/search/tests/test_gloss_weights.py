"""Issue 16, session 4: the query's gloss weighs each concept by how specific it is (the
vocabulary now counts the documents of each concept), so a common concept ("SME" in an SME
network) does not pull a query that names a specific one towards everything about SMEs."""

from __future__ import annotations

import numpy as np
import pytest

from smenet.search import expansion, semantic, vocabulary
from smenet.search.selectors import _glossed, _specificity, parse

from .factories import index_document, indexed_corpus

_doc = index_document


@pytest.fixture
def counted(db):
    docs = [
        _doc(1, "SME loans"),
        _doc(2, "SME statistics"),
        _doc(3, "SMEs and tourism"),
        _doc(4, "SME census"),
        _doc(5, "ICT for small shops"),
    ]
    with indexed_corpus(docs):
        yield docs


@pytest.mark.django_db
def test_the_vocabulary_counts_the_documents_of_each_concept(counted):
    vocab = vocabulary.vocabulary()
    assert vocab is not None
    assert vocab.df("concept:sme") == 4
    assert vocab.df("concept:digitalisation") == 1
    # Concepts are counted, never offered as corrections or transliterations.
    assert all(not t.startswith("concept:") for t, _ in vocab.corrections("concept:smf"))


@pytest.mark.django_db
def test_a_common_concept_weighs_less_in_the_gloss_next_to_a_specific_one(counted):
    vocabulary.vocabulary()  # loaded, as a search loads it when it expands the query
    assert _specificity(["digitalisation", "sme"]) == [1.0, 0.25]
    glossed = dict(_glossed(parse("ICT for SMEs"), vocabulary.Expanded(None)))
    assert glossed["SME"] < glossed["digitalisation"] == 1.0
    # Alone, a concept keeps its full weight.
    assert _specificity(["sme"]) == [1.0]
    assert dict(_glossed(parse("SME"), vocabulary.Expanded(None))) == {"SME": 1.0}


def test_specificity_is_neutral_before_the_vocabulary_is_copied():
    vocabulary.forget()
    assert _specificity(["digitalisation", "sme"]) == [1.0, 1.0]


def test_the_gloss_mean_is_weighted():
    query = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    rows = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    even = semantic.with_feedback(query, rows, 1.0)
    leaning = semantic.with_feedback(query, rows, 1.0, [1.0, 0.25])
    assert even[1] == pytest.approx(even[2])
    assert leaning[1] > 3 * leaning[2]
    assert np.linalg.norm(leaning) == pytest.approx(1.0)


def test_concept_counts_stay_out_of_the_correction_buckets():
    vocab = expansion.Vocabulary({"concept:sme": 40, "sme": 3})
    assert vocab.corrections("concept:smes") == []
    assert vocab.transliterations("concept") == []
