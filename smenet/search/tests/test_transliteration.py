"""Issue 16, session 4: loanwords heard rather than spelt (English/French "c" and "x" in the
consonant skeleton), concepts named by a query's transliterations and corrections, and
thesaurus terms that only the Urdu or Azerbaijani analysis reads as written."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.search import expansion
from smenet.search.analysis import analyze_query, normalize
from smenet.search.analysis.query import Query, QueryTerm
from smenet.search.analysis.thesaurus import Thesaurus
from smenet.search.registry import IndexDocument
from smenet.search.selectors import parse, search

from .factories import index_document, indexed_corpus


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("incubator", "انكيوبيتر"),
        ("export", "ایکسپورٹ"),
        ("islamic", "اسلامک"),
        ("finance", "فنانس"),
        ("factoring", "فاكتورينغ"),
        ("takaful", "تكافل"),
    ],
)
def test_loanwords_meet_their_arabic_script_spelling(latin, arabic):
    assert expansion.skeletons(latin) & expansion.skeletons(normalize(arabic))


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("qarz", "قرض"),
        ("karobar", "کاروبار"),
        ("chhote", "چھوٹے"),
        ("zakat", "زكاة"),
        ("riyadat", "ريادة"),
    ],
)
def test_roman_urdu_and_the_persian_reading_of_arabic_letters_meet(latin, arabic):
    assert expansion.skeletons(latin) & expansion.skeletons(normalize(arabic))
    assert not expansion.skeletons("qarz") & expansion.skeletons(normalize("فرص"))


def test_the_turkish_reading_of_c_is_kept():
    # Turkish "c" is j (girişimci, «جيريشيمجي»): both readings are keys.
    assert expansion.skeletons("girisimci") == {"jrsmj", "jrsms"}
    assert expansion.skeleton("incubator") == "njbtr"  # the first reading, as before
    assert expansion.skeletons("takaful") == {expansion.skeleton("takaful")}


def test_the_vocabulary_transliterates_loanwords_both_ways():
    vocab = expansion.Vocabulary({"incubator": 2, "export": 3, normalize("ایکسپورٹ"): 1})
    assert vocab.transliterations(normalize("انكيوبيتر")) == ["incubator"]
    assert vocab.transliterations(normalize("ایکسپورٹ")) == ["export"]
    assert vocab.transliterations("export") == [normalize("ایکسپورٹ")]


def test_the_urdu_acronym_is_one_concept_although_one_word_is_an_arabic_stop_word():
    # «ای» is أي, an Arabic stop word: the Arabic analysis read «ایس ایم ای» as two words,
    # and the third one stayed a required word that documents writing "SME" lack.
    query = parse("ایس ایم ای قرضے")
    assert [("concept:sme" in t.alternatives) for t in query.terms] == [True, True, True, False]


def test_an_inflected_azerbaijani_term_is_found_in_a_query_without_a_language():
    # The Turkish analysis may not stem Azerbaijani terms (it is used for them only where it
    # leaves them unchanged); the Azerbaijani profile does: "maliyyəyə çıxışı" (its access
    # to finance) is the thesaurus's "maliyyəyə çıxış".
    query = parse("maliyyəyə çıxışı")
    assert all("concept:access-to-finance" in t.alternatives for t in query.terms)


def test_alternatives_that_form_a_concept_term_carry_the_concept():
    thesaurus = Thesaurus([("incubator", "ms", "inkubator perniagaan"), ("export", "en", "export")])
    terms = (
        QueryTerm("x1", frozenset({"x1", "inkubator"}), 0),
        QueryTerm("x2", frozenset({"x2", "perniagaan"}), 1),
        QueryTerm("x3", frozenset({"x3", "export"}), 2),
        QueryTerm("x4", frozenset({"x4"}), 3),
    )
    expanded = thesaurus.expand_alternatives(Query(terms=terms, words=("x1", "x2", "x3", "x4")))
    assert [
        sorted(a for a in t.alternatives if a.startswith("concept:")) for t in expanded.terms
    ] == [
        ["concept:incubator"],
        ["concept:incubator"],
        ["concept:export"],
        [],
    ]
    # Only a whole term counts: "perniagaan" alone is not the concept.
    alone = Query(terms=(terms[1],), words=("x2",))
    assert thesaurus.expand_alternatives(alone) == alone


def _doc(i: int, title: str, lang: str) -> IndexDocument:
    return index_document(i, title, lang=lang)


@pytest.fixture
def loanwords(db):
    docs = [
        _doc(1, "Export support for small firms", "en"),
        _doc(2, "دعم التصدير للمشاريع", "ar"),
        _doc(3, "Mountain tourism and handicrafts", "en"),
    ]
    with indexed_corpus(docs):
        yield docs


@pytest.mark.django_db
def test_a_loanword_in_urdu_script_finds_the_word_and_its_concept_in_other_languages(loanwords):
    # «ایکسپورٹ» is "export" as heard: the English document by its skeleton, the Arabic one
    # («التصدير») by the concept the transliteration names.
    found = [h.ref for h in search(user=AnonymousUser(), q="ایکسپورٹ", semantic=False).hits]
    assert sorted(found) == ["r1", "r2"]
    assert analyze_query("ایکسپورٹ").terms  # a word, not a stop word


@pytest.mark.parametrize(
    ("one", "other"),
    [("ہوۓ", "ہوئے"), ("نۓ", "نئے"), ("مسئلۂ", "مسئلہ"), ("۱۲۳", "123")],
)
def test_urdu_precomposed_letters_fold_as_their_usual_spelling(one, other):
    # ۓ is «ئے» in one character, ۂ the izafat's hamza on ہ: older keyboards type them.
    assert normalize(one) == normalize(other)


@pytest.mark.parametrize(
    ("query", "position", "base"),
    [
        ("kredi garantisi", 1, "garanti"),
        ("ihracat bankası", 1, "banka"),
        ("KOBİ desteği", 1, "destek"),
    ],
)
def test_a_turkish_compound_ending_also_searches_the_base_word(query, position, base):
    from smenet.search.analysis.terms import _analyze_word

    assert _analyze_word(base, "tr") in analyze_query(query).terms[position].alternatives


def test_only_the_turkish_endings_after_a_vowel_are_taken_off():
    # "menu" is not "men" + a possessive: an ending after a consonant stays.
    assert "men" not in analyze_query("menu").terms[0].alternatives


def test_cyrillic_loanwords_meet_their_latin_and_arabic_spellings():
    for russian, latin, arabic in [
        ("инкубатор", "incubator", "انكيوبيتر"),
        ("экспорт", "export", "ایکسپورٹ"),
        ("такафул", "takaful", "تكافل"),
    ]:
        assert expansion.skeletons(russian) & expansion.skeletons(latin), russian
        assert expansion.skeletons(russian) & expansion.skeletons(normalize(arabic)), russian
    vocab = expansion.Vocabulary({"интернет": 2, "internet": 3, normalize("تكافل"): 1})
    assert vocab.transliterations("internet") == ["интернет"]
    assert vocab.transliterations("интернет") == ["internet"]
    assert vocab.transliterations("такафул") == [normalize("تكافل")]
