"""Search through the API and the selector; the suite runs on SQLite and on PostgreSQL, so every
case here checks both back ends (run it with DATABASE_URL pointing at PostgreSQL too)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.knowledge.choices import Confidentiality, PracticeStatus
from smenet.knowledge.tests.factories import BestPracticeFactory, PublicationFactory
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory
from smenet.search.indexing import rebuild
from smenet.search.models import SearchDocument

pytestmark = pytest.mark.django_db

RESULT_KEYS = {"type", "id", "ref", "title", "snippet", "url", "language", "score"}


@pytest.fixture
def corpus():
    aze = CountryFactory(iso3="XAZ")
    sau = CountryFactory(iso3="XSA")
    kob = InstitutionFactory(acronym="KOBİA", country=aze)
    mon = InstitutionFactory(acronym="MONS", country=sau)
    docs = {
        "ar_finance": BestPracticeFactory(
            ref="ar-finance",
            institution=mon,
            original_language="ar",
            subjects=["access-to-finance"],
            texts={
                "title": {"ar": "ضمانات القروض للمنشآت الصغيرة"},
                "summary": {"ar": "برنامج يسهل الوصول إلى التمويل لأصحاب المشاريع الصغيرة."},
            },
        ),
        "en_title": BestPracticeFactory(
            ref="en-title",
            institution=kob,
            texts={
                "title": {"en": "Export promotion for small firms"},
                "summary": {"en": "Trade fairs and market studies."},
            },
        ),
        "en_body": BestPracticeFactory(
            ref="en-body",
            institution=kob,
            texts={
                "title": {"en": "Regional business centres"},
                "summary": {"en": "Centres also advise firms on export promotion abroad."},
            },
        ),
        "en_scattered": BestPracticeFactory(
            ref="en-scattered",
            institution=kob,
            texts={
                "title": {"en": "Training vouchers"},
                "summary": {"en": "Promotion of training; export of services is a later goal."},
            },
        ),
        "draft": BestPracticeFactory(
            ref="draft-1",
            institution=kob,
            status=PracticeStatus.DRAFT,
            texts={"title": {"en": "Secret export plan"}},
        ),
        "members": PublicationFactory(
            ref="members-1",
            confidentiality=Confidentiality.MEMBERS,
            texts={"title": {"en": "Internal export report"}},
        ),
        "old": BestPracticeFactory(
            ref="old-vouchers",
            institution=mon,
            texts={"title": {"en": "Innovation vouchers"}},
        ),
        "new": BestPracticeFactory(
            ref="new-vouchers",
            institution=mon,
            texts={"title": {"en": "Innovation vouchers"}},
        ),
    }
    from smenet.knowledge.models import BestPractice

    BestPractice.objects.filter(pk=docs["old"].pk).update(
        published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    BestPractice.objects.filter(pk=docs["new"].pk).update(
        published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    rebuild()
    return docs


def refs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [r["ref"] for r in response.json()["results"]]


def test_response_has_the_contract_shape(api, corpus):
    response = api.get("/api/v1/search/", {"q": "export"})
    body = response.json()
    assert set(body) == {"count", "results", "suggestion"}
    assert body["count"] == len(body["results"]) >= 3
    for hit in body["results"]:
        assert set(hit) == RESULT_KEYS
    scores = [h["score"] for h in body["results"]]
    assert scores == sorted(scores, reverse=True)
    hit = body["results"][0]
    assert hit["type"] == "best_practice" and hit["url"].startswith("/knowledge/practices/")
    assert (
        "<mark>" in hit["snippet"]
        or "<mark>"
        in api.get("/api/v1/search/", {"q": "trade fairs"}).json()["results"][0]["snippet"]
    )


def test_title_above_body_above_scattered(api, corpus):
    assert refs(api.get("/api/v1/search/", {"q": "export promotion"}))[:3] == [
        "en-title",
        "en-body",
        "en-scattered",
    ]


def test_exact_phrase_and_exclusion(api, corpus):
    assert refs(api.get("/api/v1/search/", {"q": '"export promotion"'})) == ["en-title", "en-body"]
    assert "en-title" not in refs(api.get("/api/v1/search/", {"q": "export -fairs"}))


def test_recency_breaks_ties(api, corpus):
    assert refs(api.get("/api/v1/search/", {"q": "innovation vouchers"})) == [
        "new-vouchers",
        "old-vouchers",
    ]


@pytest.mark.parametrize(
    "q", ["accès au financement", "access to finance", "finansmana erişim", "الوصول إلى التمويل"]
)
def test_cross_lingual_through_the_thesaurus(api, corpus, q):
    assert refs(api.get("/api/v1/search/", {"q": q}))[0] == "ar-finance"


def test_arabic_prefixes_plurals_and_diacritics(api, corpus):
    for q in ("والمنشآت", "منشأة", "القُرُوض", "ضمانات"):
        assert "ar-finance" in refs(api.get("/api/v1/search/", {"q": q})), q


def test_anonymous_sees_published_and_public_only(api, corpus):
    found = refs(api.get("/api/v1/search/", {"q": "export"}))
    assert "draft-1" not in found and "members-1" not in found


def test_focal_point_sees_own_drafts_and_members_documents(as_user, focal_point_of, corpus):
    own = corpus["draft"].institution
    found = refs(as_user(focal_point_of(own)).get("/api/v1/search/", {"q": "export"}))
    assert {"draft-1", "members-1"} <= set(found)
    stranger = focal_point_of(corpus["ar_finance"].institution)
    found = refs(as_user(stranger).get("/api/v1/search/", {"q": "export"}))
    assert "draft-1" not in found and "members-1" in found


def test_secretariat_sees_everything(as_user, secretariat_user, corpus):
    assert "draft-1" in refs(as_user(secretariat_user).get("/api/v1/search/", {"q": "secret"}))


def test_filters(api, corpus):
    assert refs(api.get("/api/v1/search/", {"q": "export", "type": "publication"})) == []
    assert set(refs(api.get("/api/v1/search/", {"q": "vouchers", "country": "XSA"}))) == {
        "new-vouchers",
        "old-vouchers",
    }
    assert refs(api.get("/api/v1/search/", {"q": "الصغيرة", "subject": "access-to-finance"})) == [
        "ar-finance"
    ]
    assert refs(api.get("/api/v1/search/", {"q": "small", "language": "ar"})) == []
    found = api.get("/api/v1/search/", {"q": "KOBİA", "type": "institution,best_practice"})
    assert {r["type"] for r in found.json()["results"]} == {"institution", "best_practice"}
    page = api.get("/api/v1/search/", {"q": "export", "page_size": 1, "page": 2}).json()
    assert len(page["results"]) == 1 and page["count"] >= 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x", "type": "unicorn"}, "type"),
        ({"q": "x", "country": "XXX"}, "country"),
        ({"q": "x", "subject": "astrology"}, "subject"),
        ({"q": "x", "page_size": 201}, "page_size"),
        ({"q": "x", "colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(api, corpus, params, field):
    response = api.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    "q",
    [
        "x" * 1000,
        "export " * 300,
        "a\x00b export",
        '"unbalanced export',
        "export AND OR NOT NEAR/3 * ( ) : ^ { } [ ]",
        "-",
        '""',
        "-export",
        "'; DROP TABLE search_searchdocument; --",
        "\u202eexport\u200b",
        "NEAR(export promotion)",
        'title:export "*"',
    ],
)
def test_hostile_queries_never_fail(api, corpus, q):
    response = api.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200, response.content
    assert "count" in response.json()


def test_index_follows_writes_after_commit(
    secretariat_user, corpus, api, django_capture_on_commit_callbacks, settings
):
    """The lexical index (semantic retrieval off: its nearest neighbours would answer a query
    that matches nothing, which is not what this test is about)."""
    from smenet.knowledge import services

    settings.SEARCH_SEMANTIC = False

    practice = corpus["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        services.best_practice_publish(actor=secretariat_user, practice=practice)
    assert "draft-1" in refs(api.get("/api/v1/search/", {"q": "secret"}))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.best_practice_update(
            actor=secretariat_user, practice=practice, texts={"title": {"en": "Renamed plan"}}
        )
    assert callbacks  # the re-index waits for the commit
    assert refs(api.get("/api/v1/search/", {"q": "renamed"})) == []


def test_institutions_are_indexed_on_save(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        InstitutionFactory(acronym="ZEBRA", names={"en": "Zebra development agency"})
    response = api.get("/api/v1/search/", {"q": "zebra", "type": "institution"})
    assert [r["title"] for r in response.json()["results"]] == ["Zebra development agency"]


def test_rebuild_command_is_idempotent(corpus):
    from django.core.management import call_command

    before = SearchDocument.objects.count()
    call_command("rebuild_search_index")
    call_command("rebuild_search_index", "best_practice")
    assert SearchDocument.objects.count() == before


def _grow(n: int) -> None:
    for i in range(n):
        BestPracticeFactory(texts={"title": {"en": f"Export scheme {i}"}, "summary": {"en": "x"}})
    rebuild()


@pytest.mark.parametrize("url", ["/api/v1/search/?q=export", "/search/?q=export"])
def test_query_count_does_not_grow(api, corpus, url):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(url).status_code == 200
        return len(ctx.captured_queries)

    # Ranking asks one count per tier reached (at most 4) and at most two pages per tier: the
    # number of queries depends on how matches fall into tiers, never on how many there are.
    small = count()
    _grow(30)
    assert small <= 14
    assert count() <= 14


def test_search_page_renders_facets_and_marks(client, corpus):
    response = client.get("/search/", {"q": "export promotion"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in html and 'data-type="best_practice"' in html
    assert "?q=export+promotion&amp;type=best_practice" in html or "type=best_practice" in html
    arabic = client.get("/ar/search/", {"q": "accès au financement"})
    assert 'dir="rtl"' in arabic.content.decode()
    assert "ضمانات القروض" in arabic.content.decode()
    for q in ("", "AND", "x" * 1000, "a\x00b"):
        assert client.get("/search/", {"q": q}).status_code == 200


def test_sample_content_is_badged_in_results(client, corpus):
    BestPracticeFactory(
        ref="demo-one",
        is_sample=True,
        texts={"title": {"en": "Illustrative cluster scheme"}, "summary": {"en": "Demo."}},
    )
    rebuild()
    html = client.get("/search/", {"q": "illustrative cluster"}).content.decode()
    assert html.count('class="badge sample"') == 1
    html = client.get("/search/", {"q": "export promotion"}).content.decode()
    assert 'class="badge sample"' not in html
