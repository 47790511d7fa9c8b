"""Tests for smenet.search.analysis: pure Python, no database or Django needed.

Examples come from STACK-NOTES ("Arabic text search") and the subject taxonomy; property
tests (hypothesis) guard the invariants the indexer and the query side rely on.
"""

from __future__ import annotations

import csv
import re
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smenet.search.analysis import (
    DEFAULT_PLURALS_TSV,
    DEFAULT_THESAURUS_CSV,
    MAX_QUERY_TERMS,
    Query,
    Thesaurus,
    Token,
    analyze,
    analyze_query,
    concept_term,
    index_positions,
    normalise,
    normalize,
    snippet,
    tokenize,
    trigrams,
)
from smenet.search.analysis import terms as analysis_terms

# The access-to-finance and SME rows of shared/data/subjects.csv, so the core tests do not
# depend on where that file lives; the full file is tested too when it can be found.
SUBJECTS_EXCERPT = """code,en,fr,ar,tr,az
sme-policy,SME policy and strategy,Politique et stratégie PME,سياسات واستراتيجيات المشاريع الصغيرة والمتوسطة,KOBİ politikası ve stratejisi,KOB siyasəti və strategiyası
access-to-finance,Access to finance,Accès au financement,الوصول إلى التمويل,Finansmana erişim,Maliyyəyə çıxış
women-entrepreneurship,Women's entrepreneurship,Entrepreneuriat féminin,ريادة الأعمال النسائية,Kadın girişimciliği,Qadın sahibkarlığı
"""


# The project's own copy of the subject taxonomy (copied from the shared reference data).
SUBJECTS_CSV = Path(__file__).resolve().parents[2] / "taxonomy" / "data" / "subjects.csv"


@pytest.fixture(scope="module")
def subjects_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("subjects") / "subjects.csv"
    path.write_text(SUBJECTS_EXCERPT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def thesaurus(subjects_csv: Path) -> Thesaurus:
    return Thesaurus.from_files(subjects_csv)


def terms(text: str, lang: str | None) -> list[str]:
    return [t.term for t in analyze(text, lang)]


def same_term(a: str, b: str, lang: str | None = "ar") -> bool:
    ta, tb = terms(a, lang), terms(b, lang)
    return len(ta) == 1 and ta == tb


# ---------------------------------------------------------------------------------------
# normalize / tokenize
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("KOBİ", "kobi"),
        ("kobi", "kobi"),
        ("Kiçik", "kicik"),
        ("ılık IŞIK", "ilik isik"),
        ("Financements Économiques", "financements economiques"),
        ("ﬁnance ＰＭＥ", "finance pme"),  # NFKC: ligature, full-width letters
        ("Straße", "strasse"),
        ("a\x00b\x01c\u200bd", "abcd"),  # NUL, control and zero-width characters vanish
        ("fi\u00adnance", "finance"),  # soft hyphen
        ("one\ttwo\n\nthree  ", "one two three"),
        ("مَشَارِيعُ", "مشاريع"),  # tashkeel
        ("المـــشـروع", "المشروع"),  # tatweel
        ("أحمد إسلام آمال ٱلله", "احمد اسلام امال الله"),  # alef forms
        ("على مستوى", "علي مستوي"),  # alef maqsura
        ("کتاب یک", "كتاب يك"),  # Persian kaf and yeh
        ("٢٠٢٤ ۱۲۳", "2024 123"),  # Arabic-Indic and Persian digits
        ("Ёлка", "елка"),
        ("йод", "йод"),  # Cyrillic short i is a letter, not an accent
        ("KOBİ’ler", "kobi'ler"),  # curly apostrophe
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_empty() -> None:
    assert normalize("") == ""
    assert normalize(" \x00\t ") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Access to finance: SMEs (2024)!", ["access", "to", "finance", "smes", "2024"]),
        ("e-ticaret/e-commerce", ["e", "ticaret", "e", "commerce"]),
        ("KOBİ'lerin kamu alımlarına", ["kobi", "kamu", "alimlarina"]),
        ("Türkiye'nin KOB-ların", ["turkiye", "kob"]),
        ("l'entrepreneuriat d'accès", ["entrepreneuriat", "acces"]),
        ("women's entrepreneurship", ["women", "entrepreneurship"]),
        ("O'Brien", ["o", "brien"]),
        ("snake_case", ["snake", "case"]),
        ("Малый бизнес, نمو", ["малый", "бизнес", "نمو"]),
        ("नमस्ते दुनिया", ["नमस्ते", "दुनिया"]),  # combining vowel signs stay inside words
        ("", []),
        ("*** ( ) : ^", []),
    ],
)
def test_tokenize_examples(raw: str, expected: list[str]) -> None:
    assert tokenize(raw) == expected


# ---------------------------------------------------------------------------------------
# Arabic (STACK-NOTES examples)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("الصغيرة", "الصغير"),  # Snowball: both صغير (no ة->ه before stemming)
        ("الصغيرة", "صغيرة"),
        ("الصغيره", "الصغيرة"),  # ه typed for ة
        ("والمتوسطة", "المتوسطة"),  # Snowball alone keeps والمتوسط
        ("فالمشاريع", "المشاريع"),
        ("مشاريع", "مشروع"),  # broken plural
        ("المشاريع", "مشروع"),
        ("للمشاريع", "مشروع"),
        ("مشاريعها", "مشروعها"),  # inflected plural via the stem map
        ("مؤسسات", "مؤسسة"),
        ("خدمات", "خدمة"),
        ("الخدمات", "خدمة"),
        ("شركات", "شركة"),
        ("أسواق", "سوق"),
        ("قروض", "قرض"),
        ("برامج", "برنامج"),
        ("البرنامج", "برنامج"),
        ("دول", "دولة"),
        ("سياسات", "سياسة"),
        ("القانون", "قانون"),  # Snowball alone: قان vs قانون
        ("السنة", "سنه"),
        ("ضمانات", "ضمان"),  # sound plural of a masculine noun
        ("مَشَارِيعُ", "مشاريع"),  # diacritised == plain
        ("المـــشروع", "المشروع"),  # tatweel
        ("أسواق", "اسواق"),  # alef variants
        ("إسلامي", "اسلامي"),
        ("آلات", "الات"),
        ("مستوى", "مستوي"),
        ("الإلكترونية", "إلكترونية"),
    ],
)
def test_arabic_same_term(a: str, b: str) -> None:
    assert same_term(a, b), (terms(a, "ar"), terms(b, "ar"))


def test_arabic_stack_notes_stems() -> None:
    assert terms("الصغيرة", "ar") == ["صغير"]
    assert terms("والمتوسطة", "ar") == terms("المتوسطة", "ar") == ["متوسط"]


def test_arabic_stop_words_keep_positions() -> None:
    toks = analyze("الوصول إلى التمويل", "ar")
    assert [t.position for t in toks] == [0, 2]
    assert terms("في من على", "ar") == []


def test_arabic_pipeline_used_for_unknown_language() -> None:
    assert terms("المشاريع الصغيرة", None) == terms("مشروع صغير", "ar")
    assert terms("المشاريع", "de") == terms("مشروع", "ar")
    # Persian/Urdu are normalised but not Arabic-stemmed.
    assert terms("کتاب‌ها", "fa") == ["كتابها"]


def _plural_pairs() -> list[tuple[str, str]]:
    pairs = []
    with DEFAULT_PLURALS_TSV.open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n") for line in fh if line.strip() and not line.startswith("#")]
    assert rows[0] == "plural\tsingular"
    for row in rows[1:]:
        plural, singular = row.split("\t")
        pairs.append((plural, singular))
    return pairs


def test_plural_lexicon_file() -> None:
    text = DEFAULT_PLURALS_TSV.read_text(encoding="utf-8")
    assert text.startswith("#"), "the file starts with a comment explaining the format"
    pairs = _plural_pairs()
    assert len(pairs) >= 150
    plurals = [p for p, _ in pairs]
    assert len(plurals) == len(set(plurals)), "duplicate plural"
    # No chains: a singular must not itself be listed as a plural.
    assert not {normalize(s) for _, s in pairs} & {normalize(p) for p in plurals}
    for plural, singular in pairs:
        assert plural.strip() == plural and singular.strip() == singular
        assert normalise._script(normalize(plural)) == "arabic"
        assert normalise._script(normalize(singular)) == "arabic"


@pytest.mark.parametrize(("plural", "singular"), _plural_pairs())
def test_plural_lexicon_joins_plural_and_singular(plural: str, singular: str) -> None:
    expected = terms(singular, "ar")
    assert len(expected) == 1
    for form in (plural, "ال" + plural, "لل" + plural, "وال" + plural, "ال" + singular):
        assert terms(form, "ar") == expected, form


# ---------------------------------------------------------------------------------------
# Latin and Cyrillic languages
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("financement", "Financements", "fr"),
        ("accès", "acces", "fr"),
        ("entreprise", "Entreprises", "fr"),
        ("KOBİ", "kobi", "tr"),
        ("KOBİ'ler", "kobiler", "tr"),
        ("erişim", "Erişim", "tr"),
        ("erişim", "erisim", "tr"),
        ("şirketler", "şirket", "tr"),
        ("enterprises", "enterprise", "en"),
        ("policies", "policy", "en"),
        ("businesses", "business", "en"),
        ("financing", "finance", "en"),
        ("предпринимательства", "предпринимательство", "ru"),
        ("малого", "малый", "ru"),
        ("pembiayaan", "biaya", "id"),
        ("Kiçik", "kicik", "az"),
        ("SME", "sme", "en-GB"),
        ("PME", "pme", "FR_ca"),
    ],
)
def test_latin_and_cyrillic_same_term(a: str, b: str, lang: str) -> None:
    assert same_term(a, b, lang), (terms(a, lang), terms(b, lang))


def test_other_languages_are_unstemmed() -> None:
    assert terms("Unternehmen Förderung", "de") == ["unternehmen", "forderung"]
    assert terms("financements", None) == ["financements"]
    assert terms("the financements", "zz") == ["the", "financements"]


def test_stop_words_dropped_with_positions() -> None:
    assert analyze("Access to the finance", "en") == [Token("access", 0), Token("financ", 3)]
    assert analyze("Accès au financement", "fr") == [Token("acce", 0), Token("financ", 2)]
    assert terms("KOBİ ve girişimci için", "tr") == terms("kobi girişimci", "tr")


def test_words_of_another_script_are_routed() -> None:
    # An Arabic word in an English document still takes the Arabic pipeline, and Latin
    # words in an Arabic document are kept plain rather than fed to the Arabic stemmer.
    assert terms("the المشاريع", "en") == ["مشروع"]
    assert terms("SME finance", "ar") == ["sme", "finance"]


def test_stemmers_are_thread_safe() -> None:
    words = (
        tokenize("financements entreprises policies şirketler предпринимательства المشاريع") * 50
    )
    expected = [terms(" ".join(words), lang) for lang in ("fr", "en", "tr", "ru", "ar")]
    results: list[list[list[str]]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            analysis_terms._analyze_word.cache_clear()
            results.append(
                [terms(" ".join(words), lang) for lang in ("fr", "en", "tr", "ru", "ar")]
            )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [expected] * 8


def test_character_tables_match_unicode() -> None:
    def cls(prefix: str) -> str:
        return normalise._category_class(prefix).encode().decode("unicode_escape")

    if unicodedata.unidata_version == "14.0.0":
        assert cls("M") == normalise._MARKS
        assert cls("Cf") == normalise._FORMAT
    else:  # newer Unicode: the literal tables are still a subset
        marks = re.compile(f"[{normalise._MARKS}]")
        for cp in range(0x10000):
            if marks.fullmatch(chr(cp)):
                assert unicodedata.category(chr(cp)).startswith("M"), hex(cp)


# ---------------------------------------------------------------------------------------
# Thesaurus
# ---------------------------------------------------------------------------------------

ACCESS_TO_FINANCE = [
    ("access to finance", "en"),
    ("accès au financement", "fr"),
    ("الوصول إلى التمويل", "ar"),
    ("finansmana erişim", "tr"),
]


@pytest.mark.parametrize(("text", "lang"), ACCESS_TO_FINANCE)
def test_four_phrases_same_concept(thesaurus: Thesaurus, text: str, lang: str) -> None:
    assert "access-to-finance" in thesaurus.concepts_in(text, lang)
    assert "access-to-finance" in thesaurus.concepts_in(text, None)
    # ...also inside longer text, and with other inflections
    longer = {
        "en": "Improving Access to Finance for SMEs",
        "fr": "Améliorer l'accès au financement des PME",
        "ar": "تحسين الوصول إلى التمويل للمنشآت الصغيرة والمتوسطة",
        "tr": "KOBİ'lerin finansmana erişimi",
    }[lang]
    found = thesaurus.concepts_in(longer, lang)
    assert {"access-to-finance", "sme"} <= found, found


@pytest.mark.parametrize("term", ["SME", "SMEs", "PME", "KOBİ", "المنشآت الصغيرة والمتوسطة", "UKM"])
def test_sme_concept_across_languages(thesaurus: Thesaurus, term: str) -> None:
    assert "sme" in thesaurus.concepts_in(term, None)


def test_concepts_in_accepts_tokens(thesaurus: Thesaurus) -> None:
    toks = analyze("Accès au financement", "fr")
    assert "access-to-finance" in thesaurus.concepts_in(toks, "fr")
    assert "access-to-finance" in thesaurus.concepts_in([t.term for t in toks], "fr")
    assert thesaurus.concept_terms("accès au financement", "fr") == ["concept:access-to-finance"]
    assert thesaurus.concepts_in("finance access", "en") == frozenset()


def test_concepts_for_arabic_script_languages(thesaurus: Thesaurus) -> None:
    # Persian documents are not Arabic-stemmed; thesaurus terms are analysed the same way.
    assert "access-to-finance" in thesaurus.concepts_in("الوصول إلى التمويل", "fa")
    assert "access-to-finance" in thesaurus.concepts_in("Accès au financement", "fr-CA")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Organisation of Islamic Cooperation", "en"),  # not "cooperative"
        ("Organisation de la coopération islamique", "fr"),
        ("منظمة التعاون الإسلامي", "ar"),
        ("key factors for digital products and competition", "en"),
        ("the production of goods", "en"),
        ("زيادة الإنتاج والصادر عن الوزارة", "ar"),  # production; "issued by" (not exports)
        ("this iş ortamı report", "en"),  # Turkish words in English text are not stemmed as English
        ("faktor risiko", "id"),
    ],
)
def test_no_spurious_concepts(thesaurus: Thesaurus, text: str, lang: str) -> None:
    assert thesaurus.concepts_in(text, lang) == frozenset()


def test_foreign_acronyms_are_recognised(thesaurus: Thesaurus) -> None:
    assert "sme" in thesaurus.concepts_in("support for PME and KOBİ networks", "en")
    assert "sme" in thesaurus.concepts_in("les SMEs européennes", "fr")
    assert "access-to-finance" in thesaurus.concepts_in("report: الوصول إلى التمويل", "en")


def test_thesaurus_file_format() -> None:
    entries = Thesaurus.read_thesaurus_csv(DEFAULT_THESAURUS_CSV)
    text = DEFAULT_THESAURUS_CSV.read_text(encoding="utf-8")
    assert text.startswith("#")
    by_code: dict[str, set[str]] = {}
    for e in entries:
        by_code.setdefault(e.code, set()).add(e.lang)
        assert analyze(e.term, e.lang), e  # every term analyses to something
    complete = [c for c, langs in by_code.items() if {"ar", "en", "fr", "tr"} <= langs]
    assert len(complete) >= 40
    assert len(entries) == len(set(entries)), "duplicate rows"


def test_thesaurus_rejects_bad_files(tmp_path: Path) -> None:
    bad_header = tmp_path / "a.csv"
    bad_header.write_text("code,lang,term\nsme,en,SME\n", encoding="utf-8")
    with pytest.raises(ValueError):
        Thesaurus.read_thesaurus_csv(bad_header)
    bad_code = tmp_path / "b.csv"
    bad_code.write_text("concept,lang,term\nNot A Code,en,SME\n", encoding="utf-8")
    with pytest.raises(ValueError):
        Thesaurus.read_thesaurus_csv(bad_code)
    no_code = tmp_path / "c.csv"
    no_code.write_text("en,fr\nA,B\n", encoding="utf-8")
    with pytest.raises(ValueError):
        Thesaurus.read_subjects_csv(no_code)


def _subject_rows() -> list[tuple[str, str, str]]:
    with SUBJECTS_CSV.open(encoding="utf-8", newline="") as fh:
        return [
            (row["code"], lang, row[lang])
            for row in csv.DictReader(fh)
            for lang in ("en", "fr", "ar", "tr", "az")
            if row.get(lang)
        ]


@pytest.fixture(scope="module")
def full_thesaurus() -> Thesaurus:
    return Thesaurus.from_files(SUBJECTS_CSV)


@pytest.mark.parametrize(("code", "lang", "name"), _subject_rows())
def test_every_subject_name_finds_its_subject(
    full_thesaurus: Thesaurus, code: str, lang: str, name: str
) -> None:
    assert code in full_thesaurus.concepts_in(name, lang)
    assert code in full_thesaurus.concepts_in(name, None)
    # and a query in that language, without saying which language, is expanded to it
    expanded = full_thesaurus.expand_query(analyze_query(name))
    assert any(concept_term(code) in t.alternatives for t in expanded.terms), name


# ---------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------


def _doc(text: str, lang: str | None, thesaurus: Thesaurus | None = None) -> dict[str, list[int]]:
    toks = analyze(text, lang)
    extra = thesaurus.concept_terms(toks, lang) if thesaurus else []
    return index_positions(toks, extra)


def test_query_basic_structure() -> None:
    q = analyze_query('SME -bank "access to finance" AND OR NEAR/3 ( ) * : ^')
    assert [t.text for t in q.terms] == ["sme", "access", "finance"]
    assert [t.text for t in q.excluded] == ["bank"]
    assert len(q.phrases) == 1
    assert [t.position for t in q.phrases[0].terms] == [1, 3]  # "to" keeps its slot
    assert q.words == ("sme", "access", "to", "finance")
    assert q and not q.is_empty and not q.truncated


def test_query_alternatives_cover_languages() -> None:
    q = analyze_query("Financements")
    (term,) = q.terms
    assert {"financ", "financements"} <= term.alternatives  # fr stem and plain word
    assert analyze_query("financements", "fr").terms[0].alternatives == {"financ", "financements"}
    assert terms("financements", "fr")[0] in term.alternatives
    assert terms("Financements", "en")[0] in term.alternatives
    (ar,) = analyze_query("المشاريع").terms
    assert terms("مشروع", "ar")[0] in ar.alternatives


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \t\n ",
        "\x00\x00\x00",
        "AND OR NOT NEAR",
        '* ( ) : ^ && || "" - --',
        "the of and",  # only stop words
        "-excluded -only",
        '"',
        "-",
    ],
)
def test_queries_without_positive_terms_are_empty(text: str) -> None:
    q = analyze_query(text)
    assert not q
    assert q.is_empty
    assert q.matches({"anything": [0]}) is False


def test_query_garbage_never_raises() -> None:
    for text in [
        "fin\x00ance",
        'unbalanced "quote here',
        '"unbalanced',
        "«guillemets» “curly” „low”",
        "x" * 5000,
        "a\udcffb",
        "ﷺ ﷽",
        '-"excluded phrase" keep',
        "NEAR/ NEAR/5 title:finance^2",
    ]:
        q = analyze_query(text)
        assert isinstance(q, Query)
    assert [t.text for t in analyze_query("fin\x00ance").terms] == ["finance"]
    q = analyze_query('access "to finance')
    assert [t.text for t in q.terms] == ["access", "finance"]
    q = analyze_query('-"access to finance" keep')
    assert [t.text for t in q.terms] == ["keep"]
    assert len(q.excluded_phrases) == 1 and not q.excluded
    assert analyze_query(None) == Query()


def test_long_query_is_capped() -> None:
    text = " ".join(f"word{i}" for i in range(400))[:1000]
    assert len(text) == 1000
    q = analyze_query(text)
    assert len(q.terms) == MAX_QUERY_TERMS
    assert q.truncated
    q = analyze_query("finance " * 2000)
    assert len(q.terms) <= MAX_QUERY_TERMS and q.truncated


def test_query_matches_semantics() -> None:
    doc = _doc("Improving access to finance for small businesses", "en")
    assert analyze_query("finance businesses").matches(doc)
    assert analyze_query("Financing business").matches(doc)  # stems
    assert not analyze_query("finance export").matches(doc)  # AND
    assert analyze_query('"access to finance"').matches(doc)  # phrase with a stop-word gap
    assert not analyze_query('"finance access"').matches(doc)
    assert not analyze_query('"access finance"').matches(doc)  # the gap is kept
    assert not analyze_query("finance -businesses").matches(doc)
    assert analyze_query("finance -export").matches(doc)
    assert not analyze_query('finance -"small businesses"').matches(doc)
    assert analyze_query('finance -"businesses small"').matches(doc)


def test_query_in_any_language_finds_documents_in_that_language() -> None:
    cases = [
        ("Accès au financement des entreprises", "fr", "financements entreprise"),
        ("KOBİ'lerin finansmana erişimi", "tr", "kobi erişim"),
        ("تحسين الوصول إلى التمويل للمشاريع الصغيرة", "ar", "مشروع صغير التمويل"),
        ("Доступ малого бизнеса к финансированию", "ru", "малый бизнес"),
        ("Pembiayaan usaha kecil", "id", "biaya usaha"),
        ("Unternehmen Förderung", "de", "forderung Unternehmen"),
    ]
    for text, lang, query in cases:
        assert analyze_query(query).matches(_doc(text, lang)), (text, query)


def test_expand_query_finds_documents_in_other_languages(thesaurus: Thesaurus) -> None:
    docs = {lang: _doc(f"xx {text} yy", lang, thesaurus) for text, lang in ACCESS_TO_FINANCE}
    for text, lang in ACCESS_TO_FINANCE:
        plain = analyze_query(text)
        expanded = thesaurus.expand_query(plain)
        for doc_lang, doc in docs.items():
            assert expanded.matches(doc), (text, doc_lang)
        assert plain.matches(docs[lang])
        assert not plain.matches(docs["ar" if lang != "ar" else "en"])  # words alone do not cross
        # phrase form too
        phrase = thesaurus.expand_query(analyze_query(f'"{text}"'))
        assert all(phrase.matches(doc) for doc in docs.values()), text


def test_expand_query_keeps_other_constraints(thesaurus: Thesaurus) -> None:
    doc_ar = _doc("برنامج الوصول إلى التمويل", "ar", thesaurus)
    q = thesaurus.expand_query(analyze_query("access to finance -برامج"))
    assert not q.matches(doc_ar)  # exclusions still apply (and are not expanded)
    q = thesaurus.expand_query(analyze_query("access to finance export"))
    assert not q.matches(doc_ar)  # unrelated words still required
    # a document merely tagged with the subject (no matching words) is found too
    tagged = index_positions(analyze("نص بدون كلمات", "ar"), [concept_term("access-to-finance")])
    assert thesaurus.expand_query(analyze_query("accès au financement", "fr")).matches(tagged)
    # nothing to expand: the same object comes back
    q = analyze_query("blue sky")
    assert thesaurus.expand_query(q) is q


# ---------------------------------------------------------------------------------------
# Snippets and trigrams
# ---------------------------------------------------------------------------------------


def test_snippet_marks_and_escapes() -> None:
    text = (
        "<b>Intro</b> & more. " + "filler " * 60 + "Access to <finance> for SMEs. " + "tail " * 60
    )
    out = snippet(text, analyze_query("finance smes"), "en", max_chars=80)
    assert "<mark>finance</mark>" in out and "<mark>SMEs</mark>" in out
    assert "&lt;<mark>finance</mark>&gt;" in out
    assert out.startswith("…") and out.endswith("…")
    assert len(re.sub(r"</?mark>|…", "", out)) <= 80 + 10  # entities may lengthen it a bit
    assert "<b>" not in out


def test_snippet_arabic_original_text() -> None:
    text = "تعمل الحكومة على دعم المَشَارِيعِ الصغيرة والمتوسطة في كل المناطق"
    out = snippet(text, "مشروع", None)
    assert "<mark>المَشَارِيعِ</mark>" in out
    out = snippet(text, analyze_query("المتوسطة"), "ar")
    assert "<mark>والمتوسطة</mark>" in out


def test_snippet_without_match_and_edge_cases() -> None:
    text = "Plain text without the word. " * 20
    out = snippet(text, ["nothing"], "en", max_chars=50)
    assert out.startswith("Plain text") and out.endswith("…") and "<mark>" not in out
    assert snippet("", "x", "en") == ""
    assert snippet("a\x00b <i>", [], None) == "a b &lt;i&gt;"
    assert "<mark>" in snippet("x" * 1000, "x" * 1000, None, max_chars=50)


def test_snippet_cuts_at_word_boundaries() -> None:
    text = "alpha beta gamma delta epsilon finance zeta eta theta iota kappa lambda mu"
    out = snippet(text, "finance", "en", max_chars=30)
    assert out.startswith("…") and out.endswith("…") and "<mark>finance</mark>" in out
    shown = re.sub(r"</?mark>", "", out).strip("…").split()
    assert shown and all(w in text.split() for w in shown)


def test_trigrams() -> None:
    assert trigrams("KOBİ") == {"  k", " ko", "kob", "obi", "bi "}
    a, b = trigrams("financement"), trigrams("financemnet")
    assert len(a & b) / len(a | b) > 0.4
    assert trigrams("") == frozenset()


# ---------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------

ARABIC_ALPHABET = (
    "".join(
        chr(c) for c in list(range(0x0621, 0x064B)) + list(range(0x064B, 0x0653)) + [0x0640, 0x0670]
    )
    + "ٱکیى٠١٢٣٤٥٦٧٨٩ "
)
arabic_text = st.text(alphabet=ARABIC_ALPHABET, max_size=40)
mixed_text = st.one_of(
    st.text(max_size=80),
    arabic_text,
    st.text(alphabet="aeiouİIıçşğüöéèàKOBİ'’-\" ", max_size=40),
    st.lists(
        st.sampled_from(
            [
                "الصغيرة",
                "والمتوسطة",
                "مشاريع",
                "KOBİ'ler",
                "Financements",
                "l'accès",
                "SMEs",
                "erişim",
                "малого",
                '"',
                "-",
                "AND",
                "\x00",
                "ﷺ",
                "ǅ",
                "ẞ",
                "ΐ",
                "ﬃ",
                "İ̇",
            ]
        ),
        max_size=12,
    ).map(" ".join),
)
languages = st.one_of(
    st.none(),
    st.sampled_from(["ar", "en", "fr", "tr", "ru", "id", "az", "fa", "de", "EN-us", "", "xx"]),
    st.text(max_size=8),
)
PROPERTY = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(mixed_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "\x00" not in once


@PROPERTY
@given(mixed_text, languages)
def test_analyze_never_raises_and_is_normalisation_invariant(text: str, lang: str | None) -> None:
    toks = analyze(text, lang)
    assert analyze(normalize(text), lang) == toks
    positions = [t.position for t in toks]
    assert positions == sorted(set(positions))
    for t in toks:
        assert t.term and normalize(t.term) == t.term and ":" not in t.term


@PROPERTY
@given(mixed_text)
def test_tokens_are_normalised_words(text: str) -> None:
    for word in tokenize(text):
        assert word and normalize(word) == word and " " not in word


@PROPERTY
@given(st.one_of(mixed_text, st.text(min_size=900, max_size=2000)), languages)
def test_analyze_query_never_raises(text: str, lang: str | None) -> None:
    q = analyze_query(text, lang)
    assert len(q.terms) + len(q.excluded) <= MAX_QUERY_TERMS
    assert all(t.alternatives for t in q.terms)
    assert q.matches({}) is False


@PROPERTY
@given(mixed_text, mixed_text, languages, st.integers(min_value=-5, max_value=400))
def test_snippet_is_html_safe(text: str, query: str, lang: str | None, max_chars: int) -> None:
    out = snippet(text, query, lang, max_chars=max_chars)
    stripped = out.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped
    assert out.count("<mark>") == out.count("</mark>")
    assert "\x00" not in out


@settings(deadline=None, max_examples=100)
@given(mixed_text)
def test_document_always_matches_its_own_words(text: str) -> None:
    # Any word typed from a document finds that document, whatever its language setting.
    for lang in ("ar", "en", "fr", "tr", None):
        doc = index_positions(analyze(text, lang))
        for word in tokenize(text)[:5]:
            q = analyze_query(word)
            if q:
                assert q.matches(doc), (word, lang)
