"""SME statistics in Arabic, at desktop and phone widths: the indicator page, the country
profile and the map read right to left, never scroll sideways, and the map's countries are
reached with the keyboard."""

import re

import pytest

from .conftest import fonts_used

pytestmark = pytest.mark.browser

ARABIC = re.compile("[\u0600-\u06ff]")
WIDTHS = [1280, 390]


@pytest.fixture
def live_statistics(live_founding):
    """Reference figures (loaded with the reference data) and the sample statistics (demo)."""


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"page is {width}px wide in a {viewport}px window"


@pytest.mark.parametrize("width", WIDTHS)
def test_indicator_page_in_arabic(page, live_server, live_statistics, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/ar/statistics/indicators/SME_EMP_SHARE/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert ARABIC.search(page.locator("h1").inner_text())
    assert re.search(r"\d+ من أصل 57", page.locator(".stat-coverage").inner_text())
    chart = page.locator("figure.stat-chart svg")
    assert chart.get_attribute("role") == "img"
    # Labels sit on the right in Arabic: the first country label is right of the first bar.
    label = chart.locator("g text").first.bounding_box()
    bar = chart.locator("g rect").first.bounding_box()
    assert label["x"] > bar["x"]
    # Sorting the table by name (a link: works without JavaScript).
    page.locator("#values thead th a").first.click()
    assert page.locator("#values thead th").first.get_attribute("aria-sort") == "ascending"
    page.evaluate("document.fonts.ready")
    assert any("Arabic" in f for f in fonts_used(page, "h1"))
    _no_sideways_scroll(page)
    screenshot(f"statistics-indicator-ar-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_country_profile_in_arabic(page, live_server, live_statistics, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/ar/statistics/countries/AZE/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # One category of indicators at a time (decision 0018): its charts, and the other
    # categories one link away, each with its count.
    links = page.locator(".stat-categories a")
    assert links.count() >= 2
    assert page.locator(".stat-categories a[aria-current=page]").count() == 1
    first = page.locator(".stat-card svg.stat-line").count()
    assert first >= 1
    other = links.nth(1)
    count = int(re.search(r"\((\d+)\)", other.inner_text()).group(1))
    other.click()
    page.wait_for_load_state()
    assert other.get_attribute("aria-current") == "page"
    assert page.locator(".stat-card svg.stat-line").count() == min(count, 12)
    assert page.locator("#definition").count() == 1
    _no_sideways_scroll(page)
    screenshot(f"statistics-country-ar-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_map_in_arabic_is_keyboard_reachable(page, live_server, live_statistics, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/ar/statistics/map/?indicator=SME_ENT_SHARE")
    assert page.locator("html").get_attribute("dir") == "rtl"
    shapes = page.locator("svg.stat-map a.stat-map-area")
    assert shapes.count() == 57
    assert page.locator(".stat-map-table tbody tr").count() == 57
    # Tab from the download links back into the map: the focused element is a country shape
    # with a title that names it.
    shapes.first.focus()
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and ARABIC.search(focused)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('stat-map-area')")
    _no_sideways_scroll(page)
    screenshot(f"statistics-map-ar-{width}")
