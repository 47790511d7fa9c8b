"""A visitor finds an Arabic best practice with a French query; the Arabic UI is right-to-left."""

import re

import pytest

from .conftest import fonts_used

pytestmark = pytest.mark.browser

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def live_knowledge(live_founding):
    from smenet.knowledge.demo import load_demo

    load_demo()  # commits: the index is updated by the task on commit, as in production


def test_french_query_finds_arabic_best_practice(page, live_server, live_knowledge, screenshot):
    page.goto(f"{live_server.url}/fr/")
    page.get_by_role("link", name=re.compile("Rechercher|Search")).first.click()
    page.locator("input#q").fill("accès au financement")
    page.locator("form[role=search] button[type=submit]").click()
    first = page.locator("ol.results li").first
    title = first.locator("a.hit-title")
    assert ARABIC.search(title.inner_text()), title.inner_text()
    assert title.get_attribute("lang") == "ar"
    screenshot("search-fr-finds-ar")
    title.click()
    assert ARABIC.search(page.locator("h1").inner_text())
    assert page.locator(".badge.sample").count() >= 1


def test_search_in_arabic_is_right_to_left(page, live_server, live_knowledge, screenshot):
    page.goto(f"{live_server.url}/ar/search/?q=" + "accès au financement")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    facets = page.locator("aside.facets").bounding_box()
    results = page.locator("ol.results").bounding_box()
    assert facets["x"] > results["x"], "facets should be on the right in Arabic"
    page.evaluate("document.fonts.ready")
    page.locator("ol.results li a.hit-title").first.evaluate("a => a.id = 'first-hit'")
    assert any("Arabic" in f for f in fonts_used(page, "#first-hit"))
    screenshot("search-ar")


def test_sme_definitions_chart_in_arabic(page, live_server, live_knowledge):
    page.goto(f"{live_server.url}/ar/knowledge/sme-definitions/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("svg.chart-svg rect").count() >= 10
