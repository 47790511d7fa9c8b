"""Issue 16, session 7: the document-side gloss leaves out the network's own subject (SME,
MSME: nearly every document names it), and Latin and Arabic-script words read و/w and ي/y
alike in their consonant skeletons."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.search import expansion, vectors
from smenet.search.analysis import normalize, tokenize
from smenet.search.selectors import search

from .factories import index_document, indexed_corpus

_doc = index_document


# -- the document gloss --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lang", "gloss"),
    [
        ("Small firms in mountain villages", "en", []),
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
    doc = _doc(1, "Small firms in mountain villages", "Hotels.")
    assert vectors._texts(doc) == ["Small firms in mountain villages. Hotels."]


def test_the_unglossed_concepts_exist_in_the_thesaurus():
    from smenet.search.indexing import thesaurus

    assert vectors.UNGLOSSED <= thesaurus().codes()


# -- و/w and ي/y in consonant skeletons -----------------------------------------------------------


@pytest.mark.parametrize(
    ("latin", "other"),
    [
        ("tawarruq", "تورق"),  # w before a short vowel: Arabic writes و before a consonant
        ("tawakkul", "توكل"),
        ("tawil", "طويل"),
        ("innovasiya", "инновация"),  # Azerbaijani -siya, Russian -ция
        ("tijarah", "تجارة"),  # Malay/Indonesian final h for ة
        ("syariah", "شريعة"),
        ("wadiah", "وديعة"),
        ("tawjih", "توجيه"),  # a final ه after ي is a consonant
        ("tamwil", "تمويل"),  # already met, and still do
        ("riyada", "ريادة"),
        ("hawala", "حوالة"),
        ("siyasa", "سياسة"),
    ],
)
def test_w_and_y_meet_across_scripts(latin, other):
    assert expansion.skeletons(latin) & expansion.skeletons(normalize(other))


def test_the_first_reading_keeps_w_and_y_between_vowels():
    assert expansion.skeleton("tawarruq") == "twrk"
    assert expansion.skeletons("tawarruq") == {"twrk", "trk"}
    assert expansion.skeletons("takaful") == {"tkfl"}  # no w, y or final "ah": one reading
    assert expansion.skeletons(normalize("توجيه")) == {"tjyh", "tjh"}
    assert expansion.skeletons(normalize("حوالة")) == {"hwl", "hwlt"}  # before ة: a consonant


def test_the_vocabulary_transliterates_w_and_y_both_ways():
    vocab = expansion.Vocabulary({"tawarruq": 2, normalize("تجارة"): 1, "инновация": 3})
    assert vocab.transliterations(normalize("تورق")) == ["tawarruq"]
    assert vocab.transliterations("tijarah") == [normalize("تجارة")]
    assert vocab.transliterations("innovasiya") == ["инновация"]


@pytest.fixture
def tawakkul(db):
    # A word no thesaurus concept names: only its skeleton can bring the scripts together.
    docs = [
        _doc(1, "Tawakkul cooperative for small traders", "Shared savings."),
        _doc(2, "تمويل المرابحة للتجار", "صيغة تمويل", lang="ar"),
        _doc(3, "Mountain tourism", "Hotels."),
    ]
    with indexed_corpus(docs):
        yield docs


@pytest.mark.django_db
def test_an_arabic_query_finds_the_latin_spelling_of_its_word(tawakkul):
    hits = search(user=AnonymousUser(), q="توكل", semantic=False, limit=10).hits
    assert [h.ref for h in hits] == ["r1"]


# -- the romanised Arabic article -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sukuk al-ijara", ["sukuk", "ijara"]),
        ("Qard al-Hasan", ["qard", "hasan"]),
        ("El-Sewedy", ["sewedy"]),
        ("Dar-ul-Aman", ["dar", "aman"]),
        ("Ar-Ge", ["ar", "ge"]),  # Turkish R&D: assimilated forms are not articles
        ("KOB-ların", ["kob"]),
        ("al and el", ["al", "and", "el"]),  # only before a hyphen
    ],
)
def test_a_hyphenated_arabic_article_is_not_a_word(text, words):
    assert tokenize(text) == words


@pytest.fixture
def articles(db):
    docs = [
        _doc(1, "Takaful cooperative insurance for small traders", "Mutual cover."),
        _doc(2, "Legal advice for traders", "Contracts."),
        _doc(3, "Sukuk al-Ijara for infrastructure", "Lease-based certificates."),
    ]
    with indexed_corpus(docs):
        yield docs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [("al-takaful", "r1"), ("sukuk al-ijara", "r3"), ('"sukuk ijara"', "r3")],
)
def test_a_query_with_the_article_finds_what_the_word_finds(articles, q, expected):
    # (Other Islamic-finance documents may follow: takaful, sukuk and ijara are its
    # narrower concepts.)
    hits = search(user=AnonymousUser(), q=q, semantic=False, limit=10).hits
    refs = [h.ref for h in hits]
    assert refs[:1] == [expected]
    assert "r2" not in refs
