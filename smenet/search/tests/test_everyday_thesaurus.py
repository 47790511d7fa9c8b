"""Issue 16, session 8: everyday phrasings of the field's concepts (data/thesaurus_field_everyday.csv).

Visitors describe a need in their own words, which name no concept: "interest-free banking"
for Islamic finance, "selling abroad" for export promotion, "government tenders" for public
procurement. These phrasings are terms of the existing concepts in the nine languages, so
they find a document that names the concept in another language and other words."""

from __future__ import annotations

import csv
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.search import indexing, vocabulary
from smenet.search.selectors import search

from .factories import index_document

_doc = index_document
_EVERYDAY_CSV = indexing.DEFAULT_THESAURUS_CSV.parent / "thesaurus_field_everyday.csv"
_LANGUAGES = {"ar", "en", "fr", "tr", "az", "id", "ms", "ru", "ur"}


@pytest.fixture
def needs(db):
    docs = [
        _doc(1, "الصيرفة الإسلامية للمشاريع الصغيرة", "برنامج للتجار والحرفيين.", lang="ar"),
        _doc(2, "Promotion des exportations des PME", "Un programme pour fabricants.", lang="fr"),
        _doc(3, "Pengadaan pemerintah untuk UMKM", "Kuota bagi usaha kecil.", lang="id"),
        _doc(4, "Kadın girişimciliği programı", "Eğitim ve mentorluk.", lang="tr"),
        _doc(5, "Электронная коммерция для малого бизнеса", "Обзор программ.", lang="ru"),
        _doc(6, "Green transition of manufacturers", "A programme for small factories."),
        _doc(7, "Annual report of the agency", "Staff and budget of the year."),
    ]
    indexing.index_documents("best_practice", docs)
    vocabulary.refresh(force=True)
    yield docs
    vocabulary.forget()


def refs(q, *, semantic=False):
    hits = search(user=AnonymousUser(), q=q, semantic=semantic, limit=10).hits
    return [h.ref for h in hits]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("interest-free banking", ["r1"]),  # English query, Arabic «الصيرفة الإسلامية»
        ("faizsiz bankacılık", ["r1"]),  # Turkish
        ("беспроцентное финансирование", ["r1"]),  # Russian
        ("غیر سودی بینکاری", ["r1"]),  # Urdu
        ("selling abroad", ["r2"]),  # English query, French "promotion des exportations"
        ("xarici bazarlar", ["r2"]),  # Azerbaijani
        ("pasaran antarabangsa", ["r2"]),  # Malay
        ("غیر ملکی منڈیاں", ["r2"]),  # Urdu
        ("government tenders", ["r3"]),  # English query, Indonesian "pengadaan pemerintah"
        ("appels d'offres", ["r3"]),  # French
        ("тендеры", ["r3"]),  # Russian
        ("businesswomen", ["r4"]),  # English query, Turkish "kadın girişimciliği"
        ("usahawanita", ["r4"]),  # Malay
        ("سيدات الأعمال", ["r4"]),  # Arabic
        ("online shop", ["r5"]),  # English query, Russian «электронная коммерция»
        ("vente en ligne", ["r5"]),  # French
        ("toko online", ["r5"]),  # Indonesian
        ("çevre dostu", ["r6"]),  # Turkish query, English "green transition"
        ("ramah lingkungan", ["r6"]),  # Indonesian
    ],
)
def test_an_everyday_phrasing_finds_the_concept_in_other_languages_and_words(needs, q, expected):
    assert refs(q) == expected


@pytest.mark.django_db
def test_the_hybrid_search_lists_them_first(needs):
    assert refs("interest-free banking", semantic=True)[0] == "r1"
    assert refs("selling abroad", semantic=True)[0] == "r2"


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        # Expressions are read through stop words and inflections.
        ("Finance sans intérêt pour les artisans", "fr", "islamic-finance"),
        ("Pembiayaan tanpa riba untuk pedagang", "id", "islamic-finance"),
        ("Dış pazarlara açılan firmalar", "tr", "export-promotion"),
        ("Kredit tanpa agunan untuk UMKM", "id", "credit-guarantees"),
        ("Devlet ihaleleri ve KOBİ'ler", "tr", "public-procurement"),
        ("Коворкинг для стартапов", "ru", "incubator"),
    ],
)
def test_everyday_terms_name_their_concept(text, lang, concept):
    assert concept in indexing.thesaurus().concepts_in(text, lang), text


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        # Only expressions: the words on their own name nothing.
        ("Free training for the staff", "en", "islamic-finance"),
        ("Un taux d'intérêt élevé", "fr", "islamic-finance"),
        ("Online registration of the participants", "en", "e-commerce"),
        ("Markets and prices of the year", "en", "export-promotion"),
        ("Yeni ürün tanıtımı", "tr", "startup"),  # "new companies" is left out (measured)
        ("A lawyer spoke at the meeting", "en", "legal-assistance"),  # measured, left out
    ],
)
def test_the_words_alone_do_not_name_the_concept(text, lang, concept):
    assert concept not in indexing.thesaurus().concepts_in(text, lang), text


def _rows():
    with _EVERYDAY_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(line for line in fh if line.strip() and not line.startswith("#")))
    assert rows[0] == ["concept", "lang", "term"]
    return rows[1:]


def test_every_row_is_valid_and_every_concept_has_the_nine_languages():
    rows = _rows()
    assert len(rows) > 400
    seen = set()
    by_concept: dict[str, set[str]] = {}
    for row in rows:
        assert len(row) == 3, row
        code, lang, term = row
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code), row
        assert lang in _LANGUAGES, row
        assert term.strip() == term and term, row
        assert (code, lang, term.casefold()) not in seen, f"duplicate {row}"
        seen.add((code, lang, term.casefold()))
        by_concept.setdefault(code, set()).add(lang)
    for code, langs in by_concept.items():
        assert langs == _LANGUAGES, (code, _LANGUAGES - langs)


def test_the_file_adds_terms_only_and_keeps_every_concepts_english_name():
    """The first English term loaded is a concept's name in the gloss (vectors._gloss): an
    everyday phrasing must never become it (files load in name order)."""
    rows = _rows()
    ours = {(code, term) for code, lang, term in rows if lang == "en"}
    thesaurus = indexing.thesaurus()
    for code in {code for code, _, _ in rows}:
        english = thesaurus.terms_for(code).get("en")
        assert english, code  # an existing concept with an English name
        assert (code, english[0]) not in ours, (code, english[0])
    others = set()
    for path in indexing.THESAURUS_FILES:
        if path != _EVERYDAY_CSV:
            others.update(r.code for r in indexing.Thesaurus.read_thesaurus_csv(path))
    subjects = {e.code for e in indexing.Thesaurus.read_subjects_csv(indexing.SUBJECTS_CSV)}
    assert {code for code, _, _ in rows} <= others | subjects
