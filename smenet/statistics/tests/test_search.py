"""SME statistics in the one search (type ``indicator``, issue 16): an indicator is found by
its name or definition in Arabic, English and French, links to its page, follows its edits,
and the type filter of the search API accepts it."""

from __future__ import annotations

import pytest
from django.test import Client

from smenet.common.translation import set_translations

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def _results(client: Client, query: str, **params: str) -> list[dict]:
    response = client.get("/api/v1/search/", {"q": query, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def indicator(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return IndicatorFactory(
            code="SME_EXPORT_SHARE",
            names={
                "en": "Share of SMEs in exports",
                "fr": "Part des PME dans les exportations",
                "ar": "حصة المنشآت الصغيرة والمتوسطة من الصادرات",
            },
            definitions={"en": "Exports by small and medium enterprises over all exports."},
        )


@pytest.mark.parametrize(
    "query", ["SME exports share", "part des PME exportations", "حصة الصادرات", "SME_EXPORT_SHARE"]
)
def test_an_indicator_is_found_by_its_name_in_each_language(indicator, query):
    hits = _results(Client(), query, type="indicator")
    assert [(h["type"], h["id"]) for h in hits] == [("indicator", indicator.pk)]
    assert hits[0]["url"].endswith(f"/statistics/indicators/{indicator.code}/")


def test_an_indicator_is_listed_among_all_types_and_its_page_answers(indicator):
    hits = _results(Client(), "share of SMEs in exports")
    assert ("indicator", indicator.pk) in [(h["type"], h["id"]) for h in hits]
    url = next(h["url"] for h in hits if h["type"] == "indicator")
    assert Client().get(url).status_code == 200


def test_an_edited_name_is_searched_and_the_old_one_no_longer(
    indicator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_translations(indicator, {"name": {"en": "Bakery credit coverage"}})
        indicator.save()
    assert [h["id"] for h in _results(Client(), "bakery credit", type="indicator")] == [
        indicator.pk
    ]
    titles = {h["title"] for h in _results(Client(), "share SMEs exports", type="indicator")}
    assert "Share of SMEs in exports" not in titles


def test_an_unknown_type_is_refused_with_the_known_ones_named():
    response = Client().get("/api/v1/search/", {"q": "exports", "type": "indicators"})
    assert response.status_code == 400
    assert "indicator" in response.content.decode()
