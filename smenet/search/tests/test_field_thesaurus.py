"""Issue 16, session 7: the field's vocabulary in the thesaurus (data/thesaurus_field.csv).

What SME agencies offer and visitors ask for — grants, loans, training, consulting, business
matchmaking, technology transfer, standards, trade finance, export credit insurance,
investment promotion, licences, marketing, e-government — are concepts with terms in the nine
languages, so a query in one language finds a document written in another that never uses
the query's words."""

from __future__ import annotations

import csv
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.search import indexing
from smenet.search.selectors import search

from .factories import index_document, indexed_corpus

_doc = index_document
_FIELD_CSV = indexing.DEFAULT_THESAURUS_CSV.parent / "thesaurus_field.csv"
_LANGUAGES = {"ar", "en", "fr", "tr", "az", "id", "ms", "ru", "ur"}
_NEW_CONCEPTS = {
    "grants",
    "loans",
    "training",
    "business-matchmaking",
    "technology-transfer",
    "standards-certification",
    "trade-finance",
    "export-credit-insurance",
    "investment-promotion",
    "licences-permits",
    "marketing",
    "e-government",
    "seed-funding",
    "working-capital",
}


@pytest.fixture
def services(db):
    docs = [
        _doc(1, "منح التأسيس للمشاريع الناشئة", "تقدم الهيئة منحاً لرواد الأعمال.", lang="ar"),
        _doc(2, "KOBİ'lere işletme kredisi", "Bankalar aracılığıyla krediler verildi.", lang="tr"),
        _doc(3, "Pelatihan bagi pengusaha", "Program pelatihan selama tiga bulan.", lang="id"),
        _doc(4, "Services de conseil aux entreprises", "Un accompagnement sur mesure.", lang="fr"),
        _doc(5, "Торговое финансирование для экспортёров", "Аккредитивы и гарантии.", lang="ru"),
        _doc(6, "Turizm istatistikası", "Otel sayısı artdı.", lang="az"),
        _doc(7, "Annual report of the agency", "Staff and budget of the year."),
        _doc(8, "Посевное финансирование стартапов", "Фонд вложил средства.", lang="ru"),
    ]
    with indexed_corpus(docs):
        yield docs


def refs(q, *, semantic=False):
    hits = search(user=AnonymousUser(), q=q, semantic=semantic, limit=10).hits
    return [h.ref for h in hits]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("subvention", ["r1"]),  # French query, Arabic document on «منح»
        ("hibe", ["r1"]),  # Turkish
        ("кредит", ["r2"]),  # Russian query, Turkish document on "kredi"
        ("pinjaman", ["r2"]),  # Malay/Indonesian
        ("قرض", ["r2"]),  # Arabic/Urdu
        ("training", ["r3"]),  # English query, Indonesian "pelatihan"
        ("تربیت", ["r3"]),  # Urdu
        ("formation", ["r3"]),  # French
        ("danışmanlık", ["r4"]),  # Turkish query, French "services de conseil"
        ("consulting services", ["r4"]),
        ("trade finance", ["r5"]),  # English query, Russian document
        ("تمويل الصادرات", ["r5"]),
        ("capital d'amorçage", ["r8"]),  # French query, Russian document
    ],
)
def test_a_field_word_finds_documents_in_other_languages(services, q, expected):
    assert refs(q) == expected


@pytest.mark.django_db
def test_the_hybrid_search_lists_them_too(services):
    assert refs("subvention", semantic=True)[0] == "r1"
    assert refs("кредит", semantic=True)[0] == "r2"


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        ("Hibeler ve krediler", "tr", "grants"),
        ("Hibesi onaylandı", "tr", "grants"),
        ("Hibeler ve krediler", "tr", "loans"),
        ("Kreditlər və qrantlar", "az", "grants"),
        ("Kreditlər və qrantlar", "az", "loans"),
        ("Гранты и субсидии для малого бизнеса", "ru", "grants"),
        ("Кредиты для малого бизнеса", "ru", "loans"),
        ("Geran padanan untuk PKS", "ms", "grants"),
        ("چھوٹے کاروبار کے لیے قرضے", "ur", "loans"),
        ("چھوٹے کاروبار کے لیے گرانٹس", "ur", "grants"),
        ("Eğitimleri tamamlayan girişimciler", "tr", "training"),
        ("Təlimlər keçirildi", "az", "training"),
        ("Renforcement des capacités des agences", "fr", "training"),
        ("بناء القدرات للمؤسسات", "ar", "training"),
        ("Rencontres B2B à Istanbul", "fr", "business-matchmaking"),
        ("Teknoloji transfer ofisi kuruldu", "tr", "technology-transfer"),
        ("Évaluation de la conformité des produits", "fr", "standards-certification"),
        ("تأمين ائتمان الصادرات", "ar", "export-credit-insurance"),
        ("Привлечение инвестиций в регионы", "ru", "investment-promotion"),
        ("İşyeri açma ruhsatı", "tr", "licences-permits"),
        ("Perizinan berusaha secara daring", "id", "licences-permits"),
        ("Strategi pemasaran untuk UMKM", "id", "marketing"),
        ("E-Devlet Kapısı üzerinden başvuru", "tr", "e-government"),
        ("Электронное правительство", "ru", "e-government"),
        # broader.csv: the narrower concept's texts carry the broader one
        ("Transfert de technologie vers les PME", "fr", "innovation"),
        ("Girişimcilik eğitimi programı", "tr", "training"),
        ("Vocational training centres", "en", "training"),
        ("Pembiayaan tawarruq", "id", "islamic-finance"),
        ("عقد السلم للمزارعين", "ar", "islamic-finance"),
        # existing concepts in the languages they lacked
        ("Koperasi simpan pinjam", "id", "cooperative"),
        ("Семейный бизнес в регионах", "ru", "family-business"),
        ("دستکاری کی برآمدات", "ur", "handicrafts"),
        ("Pusat sehenti untuk usahawan", "ms", "one-stop-shop"),
        ("Оборотный капитал для МСП", "ru", "working-capital"),
        ("Выход на внешние рынки", "ru", "export-promotion"),
    ],
)
def test_inflected_and_multi_word_terms_name_their_concept(text, lang, concept):
    assert concept in indexing.thesaurus().concepts_in(text, lang), text


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        # Broad words that would tag most documents are not terms on their own.
        ("Access to markets for small firms", "en", "marketing"),
        ("Akses pasar bagi usaha kecil", "id", "marketing"),
        ("Public consultation on the SME law", "en", "business-advisory"),
        ("Kamu desteği ve danışma hattı", "tr", "grants"),
        ("الدعم الحكومي للمشاريع", "ar", "grants"),
        ("Halal certification for food exporters", "en", "standards-certification"),
        ("The standard procedure of the agency", "en", "standards-certification"),
        # loans are not filed under access to finance (measured: the finance topics blur)
        ("Bank loans for farmers", "en", "access-to-finance"),
        # Turkish "istisna" is "exception", not the Islamic contract
        ("Bu kural istisna değildir", "tr", "islamic-finance"),
    ],
)
def test_broad_words_do_not_name_a_field_concept(text, lang, concept):
    assert concept not in indexing.thesaurus().concepts_in(text, lang), text


def _rows():
    with _FIELD_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(line for line in fh if line.strip() and not line.startswith("#")))
    assert rows[0] == ["concept", "lang", "term"]
    return rows[1:]


def test_every_row_of_the_field_thesaurus_is_valid():
    rows = _rows()
    assert len(rows) > 300
    seen = set()
    for row in rows:
        assert len(row) == 3, row
        code, lang, term = row
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code), row
        assert lang in _LANGUAGES, row
        assert term.strip() == term and term, row
        assert (code, lang, term.casefold()) not in seen, f"duplicate {row}"
        seen.add((code, lang, term.casefold()))


def test_every_new_concept_has_terms_in_the_nine_languages_and_an_english_name_first():
    by_concept: dict[str, set[str]] = {}
    first_lang: dict[str, str] = {}
    for code, lang, _ in _rows():
        by_concept.setdefault(code, set()).add(lang)
        first_lang.setdefault(code, lang)
    assert _NEW_CONCEPTS <= set(by_concept)
    for code in _NEW_CONCEPTS:
        assert by_concept[code] == _LANGUAGES, (code, _LANGUAGES - by_concept[code])
        assert first_lang[code] == "en", code  # the English name is the gloss (vectors._gloss)
    known = indexing.thesaurus().codes()
    assert set(by_concept) <= known
