"""Typing an institution's acronym, or its first letters, ranks that institution first
(acronyms.py): "KOBİ" is also the Turkish word for SME, which matched every SME agency's name
with the same score and left KOBİA about 19th."""

import pytest

from smenet.registry.reference import load_reference_data
from smenet.search.indexing import rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    load_reference_data()
    rebuild(["institution"])


def titles(api, q, **params):
    response = api.get("/api/v1/search/", {"q": q, "type": "institution", **params})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("q", ["KOBİA", "kobia", "KOBİ", "Kobi", "kobİ"])
def test_acronym_or_its_first_letters_rank_the_institution_first(client, indexed, q):
    body = titles(client, q)
    first = body["results"][0]
    from smenet.registry.models import Institution

    kobia = Institution.objects.get(acronym="KOBİA")
    assert first["id"] == kobia.pk, [r["title"] for r in body["results"][:5]]
    ids = [r["id"] for r in body["results"]]
    assert ids.count(kobia.pk) == 1


def test_an_acronym_no_word_matches_is_still_found_and_counted(client, indexed):
    from smenet.registry.models import Institution

    kosgeb = Institution.objects.get(acronym="KOSGEB")
    body = titles(client, "KOSG")
    assert [r["id"] for r in body["results"]][:1] == [kosgeb.pk]
    assert body["count"] == len(body["results"])


def test_paging_does_not_repeat_the_pinned_institution(client, indexed):
    from smenet.registry.models import Institution

    kobia = Institution.objects.get(acronym="KOBİA")
    whole = titles(client, "KOBİ", page_size=200)
    first = titles(client, "KOBİ", page_size=5)
    second = titles(client, "KOBİ", page_size=5, page=2)
    assert whole["count"] == first["count"] == second["count"] == len(whole["results"])
    paged = [r["id"] for r in first["results"] + second["results"]]
    assert paged == [r["id"] for r in whole["results"]][:10]
    assert paged.count(kobia.pk) == 1


def test_other_filters_and_types_still_apply(client, indexed):
    body = titles(client, "KOBİA", country="TUR")
    from smenet.registry.models import Institution

    kobia = Institution.objects.get(acronym="KOBİA")
    assert kobia.pk not in [r["id"] for r in body["results"]]
    practices = client.get("/api/v1/search/", {"q": "KOBİA", "type": "best_practice"}).json()
    assert all(r["type"] == "best_practice" for r in practices["results"])
