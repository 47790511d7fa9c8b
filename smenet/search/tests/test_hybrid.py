"""Issue 16: typo tolerance, transliteration, acronyms, the language guess and hybrid
(lexical + semantic) retrieval, through the pure modules, the selector and the HTTP API, in
both modes (semantic on, and off by the setting), on whichever database the suite uses."""

from __future__ import annotations

import io

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client

from smenet.search import expansion, indexing, semantic, vectors, vocabulary
from smenet.search.analysis import analyze_query, normalize
from smenet.search.analysis.languages import guess_language
from smenet.search.models import SearchVector
from smenet.search.registry import PUBLIC, RESTRICTED
from smenet.search.selectors import search

from .factories import index_document, indexed_corpus

# -- pure modules -------------------------------------------------------------------------------


def test_rrf_adds_reciprocal_ranks_and_keeps_first_seen_order_on_ties():
    fused = semantic.rrf([(["a", "b", "c"], 1.0), (["c", "d"], 1.0)], k=10)
    assert [item for item, _ in fused] == ["c", "a", "b", "d"]
    assert semantic.rrf([(["a", "b"], 1.0), (["b", "a"], 1.0)], k=10)[0][0] == "a"


def test_vector_index_with_sign_bits_finds_what_exact_search_finds(monkeypatch):
    rng = np.random.default_rng(7)
    data = rng.normal(size=(600, semantic.DIMENSIONS)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    blobs = [row.astype(np.float16).tobytes() for row in data]
    exact = semantic.VectorIndex.build(list(range(600)), blobs)
    monkeypatch.setattr(semantic, "EXACT_LIMIT", 100)
    approx = semantic.VectorIndex.build(list(range(600)), blobs)
    assert exact.bits is None and approx.bits is not None
    for i in (3, 77, 512):
        query = data[i] + rng.normal(scale=0.05, size=semantic.DIMENSIONS).astype(np.float32)
        query /= np.linalg.norm(query)
        assert exact.search(query, 5)[0][0] == approx.search(query, 5)[0][0] == i


def test_vector_index_update_replaces_and_adds_rows():
    a, b = np.eye(2, semantic.DIMENSIONS, dtype=np.float16)
    index = semantic.VectorIndex.build(["x"], [a.tobytes()])
    index = index.updated(["x", "y"], [b.tobytes(), a.tobytes()])
    assert len(index) == 2
    assert index.search(a.astype(np.float32), 1)[0][0] == "y"


def _same_as_built(index: semantic.VectorIndex, truth: dict, rng) -> None:
    """``index`` holds exactly ``truth`` (key -> float16 bytes): same keys, rows, nearest."""
    built = semantic.VectorIndex.build(list(truth), list(truth.values()))
    assert sorted(index.ids) == sorted(truth)
    assert np.array_equal(index.rows_of(list(truth)), built.rows_of(list(truth)))
    for _ in range(3):
        query = rng.normal(size=semantic.DIMENSIONS).astype(np.float32)
        assert index.search(query, 7) == built.search(query, 7)


@pytest.mark.parametrize("limit", [None, 150])  # exact; sign bits past 150 rows
def test_vector_index_updates_in_place_equal_a_fresh_build(monkeypatch, limit):
    """Replaced rows are written in place and added rows go into the room after the rows in
    use (no copy of the matrix per saved document, which took 0.5-1.9 s at 200,000): after
    any sequence of updates, past the room and across the exact limit, the index equals
    one built from scratch; an older copy still answers with its own rows only."""
    if limit is not None:
        monkeypatch.setattr(semantic, "EXACT_LIMIT", limit)
    rng = np.random.default_rng(11)

    def blob() -> bytes:
        row = rng.normal(size=semantic.DIMENSIONS)
        return (row / np.linalg.norm(row)).astype(np.float16).tobytes()

    truth = {("best_practice", i): blob() for i in range(100)}
    index = semantic.VectorIndex.build(list(truth), list(truth.values()))
    older, older_truth = index, dict(truth)
    seen = {key: {value} for key, value in truth.items()}  # every vector a key has had
    for step in range(40):  # 400 added (room: 100 // 16 + 256), 120 replaced
        changes = {("best_practice", 100 + step * 10 + j): blob() for j in range(10)}
        changes.update({("best_practice", int(i)): blob() for i in rng.integers(0, 100, 3)})
        previous, index = index, index.updated(list(changes), list(changes.values()))
        if step < 20 and (index.bits is None) == (previous.bits is None):
            # Within the room (and not crossing the exact limit): no rows are copied.
            assert np.shares_memory(index.matrix, previous.matrix)
        truth.update(changes)
        for key, value in changes.items():
            seen.setdefault(key, set()).add(value)
        if step == 20:
            _same_as_built(index, truth, rng)
    _same_as_built(index, truth, rng)
    # An older copy answers with its own rows only (those replaced before the room grew
    # show their new vectors), and updating it leaves the newer index untouched.
    assert older.ids == list(older_truth)
    own = {
        key: row.astype(np.float16).tobytes()
        for key, row in zip(older.ids, older.rows_of(older.ids), strict=True)
    }
    assert all(own[key] in seen[key] for key in own)
    _same_as_built(older, own, rng)
    side = {("best_practice", 9999): blob()}
    branched = older.updated(list(side), list(side.values()))
    _same_as_built(branched, {**own, **side}, rng)
    _same_as_built(index, truth, rng)


def test_transliteration_skeletons_meet_across_scripts():
    for latin, arabic in [("takaful", "تكافل"), ("murabaha", "مرابحة"), ("riyada", "ريادة")]:
        assert expansion.skeleton(latin) == expansion.skeleton(normalize(arabic)), latin
    assert expansion.skeleton("ijara") != expansion.skeleton("takaful")


def test_vocabulary_corrects_typos_within_a_small_distance():
    vocab = expansion.Vocabulary({"entrepreneur": 5, "entrepreneurship": 2, "finance": 9})
    assert vocab.corrections("entreprenuer")[0][0] == "entrepreneur"
    assert vocab.corrections("fin") == []  # too short to correct
    assert vocab.corrections("zzzzzzzz") == []


def test_vocabulary_transliterates_only_into_the_other_script():
    vocab = expansion.Vocabulary({normalize("تكافل"): 3, "takaful": 2})
    assert vocab.transliterations("takaful") == [normalize("تكافل")]
    assert vocab.transliterations(normalize("تكافل")) == ["takaful"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("access to the finance", "en"),
        ("accès au financement des entreprises", "fr"),
        ("доступ к финансированию", "ru"),
        ("چھوٹے کاروبار کے قرضے", "ur"),
        ("الوصول إلى التمويل", "ar"),
        ("qadın sahibkarlığı və maliyyə", "az"),
        ("KOBİ", None),
    ],
)
def test_the_query_language_is_guessed(text, lang):
    assert guess_language(text) == lang


def test_urdu_and_persian_letters_fold_onto_arabic_ones():
    assert normalize("اسلامی بینکاری") == normalize("اسلامي بينكاري")
    assert normalize("کریڈٹ") == normalize("كريڈٹ")


def test_the_guessed_language_decides_stop_words():
    # "para" is an Indonesian stop word but a content word in French/Turkish.
    assert [t.text for t in analyze_query("financement para les PME").terms][:2] == [
        "financement",
        "para",
    ]
    assert [t.text for t in analyze_query("چھوٹے کاروبار کے قرضے").terms] == [
        normalize("چھوٹے"),
        normalize("کاروبار"),
        normalize("قرضے"),
    ]


# -- through the selector and the API ---------------------------------------------------------


_doc = index_document


@pytest.fixture
def indexed(db):
    """A small index with vectors: English, Arabic and Russian documents."""
    docs = [
        _doc(1, "Entrepreneur training for young people", "Courses on business plans."),
        _doc(2, "Bakery owners bake bread for export", "Flour, ovens and bread shops."),
        _doc(3, "التكافل للمشاريع الصغيرة", "تأمين تعاوني للمنشآت", lang="ar"),
        _doc(4, "Mountain tourism and handicrafts", "Hotels and carpets."),
        _doc(5, "Support from KOSGEB to exporters", "Small and medium firms."),
        _doc(
            6,
            "Draft plan on bakery credit",
            "Bread and flour loans.",
            visibility=RESTRICTED,
            institution_id=999,
        ),
        _doc(7, "Finanse of small shops", "A rare spelling kept on purpose."),
        _doc(8, "Finance of small shops", "Loans to shops."),
    ]
    with indexed_corpus(docs, with_vectors=True):
        yield docs


def refs(**kw):
    kw.setdefault("user", AnonymousUser())
    return [h.ref for h in search(**kw).hits]


@pytest.mark.django_db
def test_a_typo_finds_the_word_and_is_offered_as_did_you_mean(indexed):
    result = search(user=AnonymousUser(), q="entreprenuer training")
    assert result.hits[0].ref == "r1"
    assert result.suggestion == "entrepreneur training"
    response = Client().get("/api/v1/search/", {"q": "entreprenuer"})
    assert response.status_code == 200
    assert response.json()["suggestion"] == "entrepreneur"
    page = Client().get("/search/", {"q": "entreprenuer"})
    assert "entrepreneur</a>" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("semantic_on", [True, False])
def test_exact_matches_rank_above_corrections(indexed, settings, semantic_on):
    settings.SEARCH_SEMANTIC = semantic_on
    found = refs(q="finanse")
    assert "r8" in found  # the correction "finance"
    if semantic_on:  # the sentence vectors may lift the correction: never above the top two
        assert found.index("r7") < 2
    else:
        assert found[:2] == ["r7", "r8"]


@pytest.mark.django_db
@pytest.mark.parametrize("semantic_on", [True, False])
def test_latin_transliteration_finds_arabic_script(indexed, settings, semantic_on):
    settings.SEARCH_SEMANTIC = semantic_on
    assert refs(q="takaful")[0] == "r3"


@pytest.mark.django_db
def test_an_agency_acronym_finds_its_spelled_out_name(db):
    docs = [
        _doc(1, "Small and Medium Enterprises Development Organization grants"),
        _doc(2, "Tourism fair"),
    ]
    indexing.index_documents("best_practice", docs)
    assert refs(q="KOSGEB", semantic=False) == ["r1"]


@pytest.mark.django_db
def test_semantic_retrieval_finds_a_paraphrase_in_another_language(indexed, settings):
    settings.SEARCH_SEMANTIC = True
    assert refs(q="boulangerie et pain")[:1] == ["r2"]
    settings.SEARCH_SEMANTIC = False
    assert refs(q="boulangerie et pain") == []


@pytest.mark.django_db
def test_fused_results_keep_permissions_and_filters(indexed, settings):
    settings.SEARCH_SEMANTIC = True
    anonymous = refs(q="bakery bread loans")
    assert "r6" not in anonymous  # a draft of another institution
    assert refs(q="boulangerie et pain", country="TUR") == []
    assert refs(q="boulangerie et pain", types=["publication"]) == []


@pytest.mark.django_db
def test_search_keeps_working_while_vectors_are_missing(indexed, settings):
    SearchVector.objects.all().delete()
    assert refs(q="bakery")[:1] == ["r2"]


@pytest.mark.django_db
def test_bad_input_never_fails_in_either_mode(indexed, settings):
    client = Client()
    for semantic_on in (True, False):
        settings.SEARCH_SEMANTIC = semantic_on
        for q in ["\x00bread", "bread " * 400, "bread خبز хлеб ٹ", "?!…«»", "-", '"']:
            assert client.get("/api/v1/search/", {"q": q}).status_code in (200, 400)
            assert client.get("/search/", {"q": q}).status_code == 200


@pytest.mark.django_db
def test_the_worker_embeds_after_a_save_and_rebuild_reports_progress(
    reference_data, django_capture_on_commit_callbacks
):
    from smenet.knowledge.tests.factories import BestPracticeFactory

    with django_capture_on_commit_callbacks(execute=True):
        practice = BestPracticeFactory()
        indexing.schedule("best_practice", [practice.pk])
    assert SearchVector.objects.filter(type="best_practice", object_id=practice.pk).exists()
    SearchVector.objects.all().delete()
    err = io.StringIO()
    call_command("rebuild_search_index", "best_practice", stdout=io.StringIO(), stderr=err)
    assert "vectors best_practice: 1/1" in err.getvalue()
    assert SearchVector.objects.filter(type="best_practice").count() == 1


@pytest.mark.django_db
def test_rebuild_without_vectors_when_switched_off(reference_data, settings):
    settings.SEARCH_SEMANTIC = False
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=io.StringIO())
    assert "vectors: off" in out.getvalue()
    assert not SearchVector.objects.exists()


def test_public_visibility_constant_is_the_default():
    assert _doc(1, "x").visibility == PUBLIC


# -- English glosses of thesaurus concepts on both sides of the vector search -------------------


def test_a_query_vector_moves_towards_its_gloss():
    plain = semantic.query_vector("ایکسپورٹ")
    glossed = semantic.query_vector("ایکسپورٹ", ["export"], 0.5)
    export = semantic.encode(["export"])[0]
    assert plain is not None and glossed is not None
    assert float(glossed @ export) > float(plain @ export)
    assert abs(float(np.linalg.norm(glossed)) - 1.0) < 1e-4
    assert np.array_equal(semantic.query_vector("ایکسپورٹ", ["export"], 0.0), plain)


def test_the_gloss_names_the_concepts_of_the_query_in_english():
    from smenet.search.selectors import _gloss, parse

    assert "export" in _gloss(parse("برآمدات کا فروغ"), vocabulary.Expanded(None))
    assert "SME" in _gloss(parse("МСБ"), vocabulary.Expanded(None))
    assert _gloss(parse("boulangerie"), vocabulary.Expanded(None)) == []


def test_a_document_is_embedded_with_the_english_names_of_its_title_concepts():
    doc = _doc(1, "برآمدات کا فروغ", "Urdu text.", lang="ur")
    texts = vectors._texts(doc)
    assert texts and "export" in texts[0].split(":")[0]
    plain = _doc(2, "Boulangerie", "Pain.", lang="fr")
    assert vectors._texts(plain) == ["Boulangerie. Pain."]


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        ("ICT for small firms", "en", "digitalisation"),
        ("TIC", "fr", "digitalisation"),
        ("ИКТ", "ru", "digitalisation"),
        ("МСБ", "ru", "sme"),
        ("ایس ایم ای", "ur", "sme"),
        ("KÖİ", "tr", "public-private-partnership"),
        ("PMA", "id", "fdi"),
    ],
)
def test_field_acronyms_name_their_concepts(text, lang, concept):
    assert concept in indexing.thesaurus().concepts_in(text, lang)


@pytest.mark.django_db
def test_the_vector_copy_is_reused_between_checks_and_sees_this_process_writes(
    settings, django_assert_num_queries
):
    settings.SEARCH_VECTOR_CHECK_INTERVAL = 60
    vectors.forget()
    docs = [_doc(1, "Bakery loans"), _doc(2, "Export fairs")]
    indexing.index_documents("best_practice", docs)
    vectors.store("best_practice", docs[:1])
    assert len(vectors.vector_index()) == 1
    with django_assert_num_queries(0):
        assert len(vectors.vector_index()) == 1
    vectors.store("best_practice", docs[1:])
    assert len(vectors.vector_index()) == 2
    vectors.remove("best_practice", [1])
    assert len(vectors.vector_index()) == 1
    vectors.forget()


@pytest.mark.django_db
def test_another_process_writes_are_seen_through_the_token_with_one_look_up(
    settings, django_assert_num_queries
):
    """Each check of the copy is one look-up by key (not a count of every stored vector);
    a write by another process (rows committed with a new token, not through this
    process's own ``store``) is seen at the next check, and a deletion too."""
    settings.SEARCH_VECTOR_CHECK_INTERVAL = 0
    vectors.forget()
    docs = [_doc(1, "Bakery loans"), _doc(2, "Export fairs"), _doc(3, "Leasing for farms")]
    indexing.index_documents("best_practice", docs)
    vectors.store("best_practice", docs[:2])
    assert len(vectors.vector_index()) == 2
    with django_assert_num_queries(1) as captured:
        assert len(vectors.vector_index()) == 2
    assert "search_searchvectorstamp" in captured.captured_queries[0]["sql"]
    # Another process: its rows and its new token, none of this process's bookkeeping.
    blob = semantic.embed_documents([["Leasing for farms"]])[0]
    SearchVector.objects.create(
        type="best_practice", object_id=3, model=semantic.MODEL_ID, checksum="x", vector=blob
    )
    with django_assert_num_queries(1):  # not stamped yet: the copy stands
        assert len(vectors.vector_index()) == 2
    vectors._stamp()
    index = vectors.vector_index()
    assert len(index) == 3
    assert index.search(semantic.from_bytes(blob), 1)[0][0] == ("best_practice", 3)
    SearchVector.objects.filter(object_id=1).delete()
    vectors._stamp()
    assert sorted(vectors.vector_index().ids) == [("best_practice", 2), ("best_practice", 3)]
    vectors.forget()


@pytest.mark.django_db
def test_a_write_committed_after_a_newer_one_is_still_seen(settings):
    """Two writers: the one whose rows carry the earlier time commits last (its transaction
    took longer). The copy had already seen the newer write, so its newest time is later
    than the late rows': they are read all the same (rows of the last ``RECENT`` seconds
    are read again), where comparing counts and newest times alone missed them."""
    import datetime

    settings.SEARCH_VECTOR_CHECK_INTERVAL = 0
    vectors.forget()
    docs = [_doc(1, "Bakery loans"), _doc(2, "Export fairs")]
    indexing.index_documents("best_practice", docs)
    vectors.store("best_practice", docs)
    assert len(vectors.vector_index()) == 2  # the copy has seen the newest write
    blobs = semantic.embed_documents([["Export fairs"], ["Bakery loans"]])
    newest = SearchVector.objects.order_by("-updated_at").values_list("updated_at", flat=True)[0]
    # The late writer: doc 1 now has doc 2's old text, timed before the newest row.
    SearchVector.objects.filter(object_id=1).update(
        vector=blobs[0], updated_at=newest - datetime.timedelta(seconds=5)
    )
    vectors._stamp()
    index = vectors.vector_index()
    assert np.array_equal(index.rows_of([("best_practice", 1)])[0], semantic.from_bytes(blobs[0]))
    vectors.forget()


@pytest.mark.django_db
def test_tag_checks_of_a_few_keys_agree_with_the_engine(indexed):
    """The SQLite back end checks filters and permissions of a few candidates on their stored
    tags (no MATCH): the same answers as the engine's own match, on either database."""
    from django.db import connection

    from smenet.search.backends import backend_for
    from smenet.search.backends.base import Backend
    from smenet.search.models import SearchDocument
    from smenet.search.query import And, AndNot, Term, tag, tags_any
    from smenet.search.selectors import hidden_from

    backend = backend_for(connection)
    keys = [indexing.index_key(d.pk, d.date) for d in SearchDocument.objects.all()]
    hidden = hidden_from(AnonymousUser())
    nodes = [
        AndNot(tags_any("type", ["best_practice", "publication"]), hidden),
        And((Term(tag("type", "best_practice")), Term(tag("lang", "ar")))),
        AndNot(Term(tag("type", "best_practice")), Term(tag("vis", RESTRICTED))),
        Term(tag("country", "tur")),
    ]
    for node in nodes:
        expected = Backend.matching(backend, connection, node, keys)
        assert backend.matching(connection, node, keys) == expected, node
    everything = Backend.matching(backend, connection, nodes[0], keys)
    assert len(everything) == len(keys) - 1  # the restricted draft is left out


def test_a_narrower_concept_also_carries_its_broader_one(tmp_path):
    th = indexing.thesaurus()
    assert {"sukuk", "islamic-finance"} <= th.concepts_in("Sukuk for small firms", "en")
    assert "islamic-finance" in th.concepts_in("تمويل المرابحة", "ar")
    assert "islamic-finance" not in th.concepts_in("Bank loans for small firms", "en")
    bad = tmp_path / "broader.csv"
    bad.write_text("narrow,wide\nsukuk,islamic-finance\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        indexing.broader_entries([], bad)
    bad.write_text("narrower,broader\nsukuk\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        indexing.broader_entries([], bad)


# -- queries that mean nothing -------------------------------------------------------------------


def test_the_closest_index_term_is_offered_only_when_close_enough():
    vocab = expansion.Vocabulary({"handicrafts": 3, "handicraft": 1, "tourism": 4})
    assert vocab.closest("hanndikraftts") == "handicrafts"
    assert vocab.closest("qzxvwkrpt") is None
    assert vocab.closest("tourism") is None  # known: nothing to suggest


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["qzxv wkrpt", "ضغظث ذصق", "жщфыв"])
def test_gibberish_finds_nothing_instead_of_the_nearest_documents(indexed, settings, q):
    settings.SEARCH_SEMANTIC = True
    # No floor for recognised queries: every document is somebody's nearest.
    settings.SEARCH_SEMANTIC_MIN = -1.0
    result = search(user=AnonymousUser(), q=q)
    assert (result.count, result.hits, result.suggestion) == (0, [], None)
    # Without the floor for unrecognised queries the same string lists "nearest" documents:
    # the floor, not an accident of the corpus, empties the result.
    settings.SEARCH_UNRECOGNISED_MIN = -1.0
    assert search(user=AnonymousUser(), q=q).count > 0
    page = Client().get("/search/", {"q": q})
    assert page.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("semantic_on", [True, False])
def test_an_unknown_word_close_to_an_index_term_is_offered_as_did_you_mean(
    indexed, settings, semantic_on
):
    settings.SEARCH_SEMANTIC = semantic_on
    settings.SEARCH_UNRECOGNISED_MIN = 1.0  # nothing near enough: the result is empty
    result = search(user=AnonymousUser(), q="hanndikraftts")
    assert result.count == 0
    assert result.suggestion == "handicrafts"
    body = Client().get("/api/v1/search/", {"q": "hanndikraftts"}).json()
    assert (body["count"], body["suggestion"]) == (0, "handicrafts")
    page = Client().get("/search/", {"q": "hanndikraftts"}).content.decode()
    assert "handicrafts</a>" in page


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["bread", "small shops", "help for exporters"])
def test_vague_queries_with_a_known_word_still_find_documents(indexed, settings, q):
    settings.SEARCH_SEMANTIC = True
    assert search(user=AnonymousUser(), q=q).count > 0


@pytest.mark.django_db
def test_a_recognised_query_keeps_the_usual_floor(indexed, settings):
    """The floor applies only when no word is recognised: a known word with no exact
    match ("loans" of the restricted draft only) still lists the nearest documents."""
    settings.SEARCH_SEMANTIC = True
    settings.SEARCH_UNRECOGNISED_MIN = 1.0
    assert search(user=AnonymousUser(), q="bakery ovens tourism").count > 0


def _facet_total(result) -> int:
    return sum(n for _, n in result.facets["type"])


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [100, 2])
@pytest.mark.parametrize("semantic_on", [True, False])
@pytest.mark.parametrize(
    "q", ["boulangerie et pain", "finanse", "bakery bread loans", "takaful", "export"]
)
def test_facets_count_every_result_the_ranking_lists(
    indexed, settings, monkeypatch, semantic_on, q, depth
):
    """The facets count the same documents as the result count: the lexical matches, the
    typo corrections and the nearest documents by meaning (a search for «تمويل» once listed
    36 results under facets that added up to 11). With a fusion depth of 2, matches lie
    beyond the fused head, as with a large index."""
    from smenet.search import selectors

    monkeypatch.setattr(selectors, "FUSION_DEPTH", depth)
    settings.SEARCH_SEMANTIC = semantic_on
    result = search(user=AnonymousUser(), q=q, facets=True, limit=50)
    assert result.facets_sampled is None
    assert _facet_total(result) == result.count == len(result.hits), q
    languages = dict(result.facets["language"])
    assert sum(h.language == "ar" for h in result.hits) == languages.get("ar", 0), q


@pytest.mark.django_db
def test_facets_decide_the_expansion_on_the_unfiltered_matches(indexed, settings, monkeypatch):
    """The facets reuse the ranking's count of exact matches only when no filter narrowed
    it: "finanse" has one exact match (depth 1: enough, no expansion); in Arabic it has
    none, so the ranking adds the correction "finance", but the facets (which ignore the
    filters) must still count what the unfiltered search lists."""
    from smenet.search import selectors

    settings.SEARCH_SEMANTIC = False
    monkeypatch.setattr(selectors, "FUSION_DEPTH", 1)
    everything = search(user=AnonymousUser(), q="finanse", facets=True, limit=50)
    filtered = search(user=AnonymousUser(), q="finanse", facets=True, language="ar", limit=50)
    assert [h.ref for h in everything.hits] == ["r7"]
    assert filtered.facets == everything.facets
    assert _facet_total(filtered) == everything.count == 1


@pytest.mark.django_db
def test_facets_ignore_the_filters_but_keep_the_permissions(indexed, settings):
    """No document has all the words, nor all but the commonest (the relaxed query), in
    either call: the nearest documents then come from the same query vector (the feedback
    of the lexical matches is taken within the filters)."""
    settings.SEARCH_SEMANTIC = True
    q = "bakery bread tourism"
    everything = search(user=AnonymousUser(), q=q, facets=True, limit=50)
    filtered = search(user=AnonymousUser(), q=q, facets=True, country="TUR", limit=50)
    assert filtered.count == 0
    assert filtered.facets == everything.facets  # what choosing each value would leave
    assert _facet_total(everything) == everything.count
    assert "r6" not in {h.ref for h in everything.hits}  # the other institution's draft
