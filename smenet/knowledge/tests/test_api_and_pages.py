from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.knowledge.choices import PracticeStatus
from smenet.knowledge.models import BestPractice
from smenet.knowledge.reference import load_sme_definitions
from smenet.registry.tests.factories import InstitutionFactory

from .factories import BestPracticeFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies():
    return InstitutionFactory(acronym="AAA"), InstitutionFactory(acronym="BBB")


def payload(institution, **extra):
    return {
        "country": institution.country.iso3,
        "institution": institution.slug,
        "subjects": ["access-to-finance"],
        "title": {"en": "Guarantees", "ar": "ضمانات"},
        "summary": {"en": "Summary"},
        **extra,
    }


def test_focal_point_creates_edits_and_submits(as_user, focal_point_of, two_agencies):
    a, _b = two_agencies
    client = as_user(focal_point_of(a))
    created = client.post("/api/v1/best-practices/", payload(a), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["texts"]["title"]["ar"] == "ضمانات"
    pk = body["id"]
    edited = client.patch(
        f"/api/v1/best-practices/{pk}/",
        {"version": body["version"], "results": {"en": "30% more loans"}},
        format="json",
    )
    assert edited.status_code == 200, edited.content
    stale = client.patch(
        f"/api/v1/best-practices/{pk}/", {"version": body["version"], "year": 2020}, format="json"
    )
    assert stale.status_code == 409
    assert client.post(f"/api/v1/best-practices/{pk}/submit/").json()["status"] == "submitted"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"country": "XXX"}, "country"),
        ({"subjects": ["astrology"]}, "subjects"),
        ({"title": {"en": " "}}, "title"),
        ({"title": {"english": "x"}}, "title"),
        ({"year": 1200}, "year"),
        ({"links": [{"url": "not a url"}]}, "links"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_saves_nothing(
    as_user, focal_point_of, two_agencies, change, field
):
    a, _b = two_agencies
    response = as_user(focal_point_of(a)).post(
        "/api/v1/best-practices/", payload(a, **change), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not BestPractice.objects.exists()


def test_focal_point_of_a_cannot_read_or_change_b_draft(as_user, focal_point_of, two_agencies):
    a, b = two_agencies
    draft = BestPracticeFactory(institution=b, status=PracticeStatus.DRAFT)
    published = BestPracticeFactory(institution=b)
    client = as_user(focal_point_of(a))
    assert client.get(f"/api/v1/best-practices/{draft.pk}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/best-practices/{draft.pk}/", {"version": 1, "year": 2020}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.patch(
            f"/api/v1/best-practices/{published.pk}/", {"version": 1, "year": 2020}, format="json"
        ).status_code
        == 403
    )
    assert client.post(f"/api/v1/best-practices/{draft.pk}/submit/").status_code == 404
    assert client.post("/api/v1/best-practices/", payload(b), format="json").status_code == 403
    listed = {r["ref"] for r in client.get("/api/v1/best-practices/").json()["results"]}
    assert listed == {published.ref}


def test_anonymous_sees_only_published(api, two_agencies):
    a, _b = two_agencies
    draft = BestPracticeFactory(institution=a, status=PracticeStatus.DRAFT)
    published = BestPracticeFactory(institution=a)
    assert {r["ref"] for r in api.get("/api/v1/best-practices/").json()["results"]} == {
        published.ref
    }
    assert api.get(f"/api/v1/best-practices/{draft.pk}/").status_code == 404
    assert api.get(f"/knowledge/practices/{draft.pk}/").status_code == 404
    assert api.post("/api/v1/best-practices/", payload(a), format="json").status_code in (401, 403)


def test_secretariat_reviews_through_the_api(as_user, secretariat_user, two_agencies):
    a, _b = two_agencies
    practice = BestPracticeFactory(institution=a, status=PracticeStatus.SUBMITTED)
    client = as_user(secretariat_user)
    returned = client.post(f"/api/v1/best-practices/{practice.pk}/return/", {}, format="json")
    assert returned.status_code == 400 and "comment" in returned.json()["errors"]
    returned = client.post(
        f"/api/v1/best-practices/{practice.pk}/return/", {"comment": "Figures?"}, format="json"
    )
    assert returned.json()["status"] == "returned"


def test_sme_definitions_are_seeded_and_compared(client, reference_data):
    assert load_sme_definitions() == 11
    assert load_sme_definitions() == 11  # idempotent
    html = client.get("/knowledge/sme-definitions/").content.decode()
    assert "<svg" in html and "<rect" in html and "250" in html
    assert client.get("/ar/knowledge/sme-definitions/").status_code == 200


@pytest.mark.parametrize("url", ["/knowledge/", "/api/v1/best-practices/", "/api/v1/publications/"])
def test_query_count_does_not_grow(api, two_agencies, url):
    a, b = two_agencies

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(url).status_code == 200
        return len(ctx.captured_queries)

    BestPracticeFactory(institution=a, subjects=["access-to-finance"])
    PublicationFactory()
    small = count()
    for i in range(15):
        BestPracticeFactory(institution=b if i % 2 else a, subjects=["innovation"])
        PublicationFactory()
    assert count() == small <= 15


def test_detail_pages_render(client, two_agencies):
    a, _b = two_agencies
    bp = BestPracticeFactory(institution=a, is_sample=True, texts={"title": {"ar": "عنوان"}})
    html = client.get(f"/knowledge/practices/{bp.pk}/").content.decode()
    assert "sample" in html and 'lang="ar"' in html
    pub = PublicationFactory()
    assert client.get(f"/fr/knowledge/publications/{pub.pk}/").status_code == 200


def test_demo_loads_the_real_news_item_and_marked_samples(founding):
    from smenet.knowledge.demo import FOUNDING_NEWS_REF, load_demo
    from smenet.knowledge.models import Publication

    load_demo()
    load_demo()
    news = Publication.objects.get(ref=FOUNDING_NEWS_REF)
    assert not news.is_sample and "KOBİA" in news.safe_translation_getter(
        "body", language_code="ar"
    )
    assert BestPractice.objects.filter(is_sample=False).count() == 0
    assert BestPractice.objects.filter(is_sample=True).count() >= 4


def test_update_without_version_is_400_naming_it(founding, as_user, secretariat_user):
    from smenet.knowledge.models import BestPractice

    practice = BestPractice.objects.first()
    response = as_user(secretariat_user).patch(
        f"/api/v1/best-practices/{practice.pk}/", {}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()["errors"]
    assert BestPractice.objects.get(pk=practice.pk).version == practice.version
