"""Anonymous pages and API answers from the shared cache (decision 0032): per language, stale
after any committed write, never for signed-in users or pages with a form token."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client

from smenet.common import pagecache, throttling

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.SMENET_PAGE_CACHE = True
    pagecache._memo.update(value=None, read=0.0)
    pagecache.local_copies.clear()
    throttling.counts.clear()
    yield
    pagecache._memo.update(value=None, read=0.0)
    pagecache.local_copies.clear()
    throttling.counts.clear()


def test_second_anonymous_view_is_a_hit_with_an_etag_and_304(founding):
    client = Client()
    first, second = client.get("/members/"), client.get("/members/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert first.content == second.content and first["ETag"] == second["ETag"]
    assert "Cookie" in second["Vary"] and second["Content-Language"] == "en"
    again = client.get("/members/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304 and not again.content


def test_each_language_is_cached_apart_pages_and_api(founding):
    client = Client()
    english, arabic = client.get("/"), client.get("/ar/")
    assert 'dir="rtl"' in client.get("/ar/").content.decode()
    assert english.content != arabic.content and arabic["Content-Language"] == "ar"
    url = "/api/v1/countries/AZE/"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="ar").json()["name"] == "أذربيجان"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["name"] == "Azerbaïdjan"
    hit = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert hit["X-Cache"] == "hit" and hit.json()["name"] == "أذربيجان"
    assert client.get(url, {"lang": "fr"}).json()["name"] == "Azerbaïdjan"
    assert "Accept-Language" in hit["Vary"]


def test_a_committed_write_makes_every_cached_answer_stale(
    founding, secretariat_user, django_capture_on_commit_callbacks
):
    from smenet.registry.models import Institution
    from smenet.registry.services import institution_update

    client = Client()
    kobia = Institution.objects.get(acronym="KOBİA")
    url = f"/api/v1/institutions/{kobia.slug}/"
    before = client.get(url).json()
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        institution_update(
            actor=secretariat_user,
            institution=kobia,
            expected_version=kobia.version,
            names={"en": "Renamed agency"},
        )
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss" and fresh.json() != before
    assert "Renamed agency" in fresh.content.decode()


def test_signed_in_users_and_forms_are_never_served_from_the_cache(founding, secretariat_user):
    anonymous = Client()
    anonymous.get("/")
    signed_in = Client()
    signed_in.force_login(secretariat_user)
    page = signed_in.get("/")
    assert "X-Cache" not in page and secretariat_user.full_name in page.content.decode()
    assert anonymous.get("/")["X-Cache"] == "hit"
    assert secretariat_user.full_name not in anonymous.get("/").content.decode()
    login = anonymous.get("/login/")  # a CSRF token: personal, never shared
    assert "X-Cache" not in login and "csrftoken" in login.cookies
    assert "X-Cache" not in anonymous.get("/login/")


def test_only_anonymous_cached_answers_are_compressed(founding, secretariat_user):
    client = Client()
    response = client.get("/members/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)
    signed_in = Client()
    signed_in.force_login(secretariat_user)
    page = signed_in.get("/members/", HTTP_ACCEPT_ENCODING="gzip")
    assert not page.has_header("Content-Encoding")  # it holds a CSRF token: no BREACH oracle


@pytest.mark.parametrize("cached", [False, True])
def test_the_anonymous_api_rate_limit_counts_answers_from_the_cache(
    founding, settings, monkeypatch, cached
):
    """Three anonymous reads a minute (lowered for the test): the fourth is refused whether
    the answers came from the page cache or from the view."""
    from django.utils.module_loading import import_string
    from rest_framework.throttling import AnonRateThrottle
    from rest_framework.views import APIView

    from config.settings import base
    from smenet.api.testing import problem

    # Production's default throttles (the test settings have none, for the query budgets).
    production = base.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert production, "anonymous API reads are throttled in production"
    monkeypatch.setattr(APIView, "throttle_classes", [import_string(c) for c in production])
    settings.SMENET_PAGE_CACHE = cached
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/min")
    # Mid-minute, so that the four requests fall in one counting window.
    monkeypatch.setattr(throttling.AnonRateThrottle, "timer", staticmethod(lambda: 1.8e9 + 30))
    client = Client()
    url = "/api/v1/institutions/"
    answers = [client.get(url) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    if cached:
        assert [a["X-Cache"] for a in answers] == ["miss", "hit", "hit"]
    refused = client.get(url)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert problem(refused)["status"] == 429 and "X-Cache" not in refused
    # A forged X-Forwarded-For does not make a new client (no trusted proxy configured).
    assert client.get(url, HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429
    # Another address has its own count (and is served from the cache again).
    other = client.get(url, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
    assert other.get("X-Cache") == ("hit" if cached else None)


def test_a_hit_is_served_from_the_process_copy_without_a_query(
    founding, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(pagecache, "GENERATION_TTL", 3600.0)
    client = Client()
    first = client.get("/members/")
    with django_assert_num_queries(0):
        second = client.get("/members/")
    assert second["X-Cache"] == "hit" and second.content == first.content


def test_without_process_copies_a_hit_reads_the_shared_cache(
    founding, settings, monkeypatch, django_assert_num_queries
):
    settings.SMENET_PAGE_CACHE_LOCAL_MB = 0
    monkeypatch.setattr(pagecache, "GENERATION_TTL", 3600.0)
    client = Client()
    client.get("/members/")
    with django_assert_num_queries(1):
        assert client.get("/members/")["X-Cache"] == "hit"


def test_process_copies_go_stale_when_another_server_changes_the_generation(founding, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(pagecache, "GENERATION_TTL", 0.0)
    client = Client()
    client.get("/members/")
    assert client.get("/members/")["X-Cache"] == "hit"
    # Another server committed a write: it replaced the generation in the shared cache.
    cache.set(pagecache.GENERATION_KEY, "from-another-server", None)
    assert client.get("/members/")["X-Cache"] == "miss"
    assert client.get("/members/")["X-Cache"] == "hit"


def test_process_copies_keep_within_their_budget_least_recently_used_out(settings):
    settings.SMENET_PAGE_CACHE_LOCAL_MB = 10_000 / (1024 * 1024)  # 10,000 bytes
    copies = pagecache.LocalCopies()

    def entry(n: int) -> dict:
        return {"body": b"x" * n, "gzip": None}

    copies.put("g1", "a", entry(1500))
    copies.put("g1", "b", entry(1500))
    copies.put("g1", "c", entry(1500))
    assert copies.get("g1", "a") is not None  # a is now the most recently used
    copies.put("g1", "d", entry(1500))
    copies.put("g1", "e", entry(1500))  # over budget: b, the least recently used, goes
    assert copies.get("g1", "b") is None
    assert all(copies.get("g1", k) is not None for k in "acde")
    copies.put("g1", "big", entry(5000))  # more than a quarter of the budget: not kept
    assert copies.get("g1", "big") is None
    assert copies.get("g2", "a") is None  # a new generation empties the copies
    copies.put("g2", "a", entry(10))
    assert copies.get("g1", "a") is None
