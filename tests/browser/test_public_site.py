import re

import pytest

from .conftest import fonts_used

pytestmark = pytest.mark.browser

ARABIC = re.compile("[\u0600-\u06ff]")


def test_home_in_arabic_is_right_to_left_with_an_arabic_font(
    page, live_server, live_founding, screenshot
):
    page.goto(f"{live_server.url}/ar/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    heading = page.locator("h1")
    assert ARABIC.search(heading.inner_text())
    page.evaluate("document.fonts.ready")
    used = fonts_used(page, "h1")
    assert any("Arabic" in f for f in used), used
    # Right-to-left layout: the brand sits at the right edge, the navigation (its own line
    # below) starts at the right and runs to the left.
    brand = page.locator(".brand").bounding_box()
    first = page.locator("ul.nav li").first.bounding_box()
    last = page.locator("ul.nav li").last.bounding_box()
    assert first["x"] > last["x"] and first["y"] == last["y"]
    assert brand["x"] + brand["width"] > page.viewport_size["width"] * 0.75
    assert first["x"] + first["width"] > page.viewport_size["width"] * 0.75
    screenshot("home-ar")


def test_member_directory_in_arabic(page, live_server, live_founding, screenshot):
    page.goto(f"{live_server.url}/ar/members/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    headers = page.locator("table.directory thead th")
    first, last = headers.first.bounding_box(), headers.last.bounding_box()
    assert first["x"] > last["x"], "the first column should be on the right"
    row = page.locator("table.directory tbody tr", has_text="Monsha'at")
    assert ARABIC.search(row.locator("td").nth(1).inner_text())
    row.locator("td").nth(1).evaluate("cell => cell.setAttribute('id', 'monshaat-name')")
    assert any("Arabic" in f for f in fonts_used(page, "#monshaat-name"))
    # The filters work without JavaScript: choose Morocco and submit.
    page.select_option("#id_country", "MAR")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"country=MAR"))
    rows = page.locator("table.directory tbody tr")
    assert rows.count() == 1 and "Maroc PME" in rows.first.inner_text()
    screenshot("members-ar")


def test_language_switch(page, live_server, live_founding):
    page.goto(f"{live_server.url}/members/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".lang-switch a[data-lang=fr]").click()
    page.wait_for_url(re.compile(r"/fr/members/$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert (
        "Annuaire" in page.locator("h1").inner_text()
        or "membres" in page.locator("h1").inner_text()
    )
    page.locator(".lang-switch a[data-lang=ar]").click()
    page.wait_for_url(re.compile(r"/ar/members/$"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(".lang-switch a[data-lang=en]").click()
    page.wait_for_url(re.compile(r"/members/$"))
    assert page.locator("html").get_attribute("dir") == "ltr"


def test_governance_page_in_arabic(page, live_server, live_founding, screenshot):
    page.goto(f"{live_server.url}/ar/governance/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    row = page.locator("tr.mandate", has_text="KOBİA").first
    assert "2028" in row.inner_text()
    # Bars grow from the right in Arabic: a bar's right edge is at its start date.
    track = page.locator(".timeline-track").first.bounding_box()
    bar = page.locator(".timeline-bar").first.bounding_box()
    assert track["x"] + track["width"] - (bar["x"] + bar["width"]) < track["width"] * 0.9
    screenshot("governance-ar")


def test_login_and_focal_point_edit_in_arabic(page, live_server, live_founding, screenshot):
    page.goto(f"{live_server.url}/ar/login/")
    page.fill("#id_username", "focal.kobia@smenet.example")
    page.fill("#id_password", "wrong password")
    with page.expect_navigation():  # the next page, not the one being left
        page.locator("main button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    page.fill("#id_username", "focal.kobia@smenet.example")
    page.fill("#id_password", "smenet-demo-2025")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/$"))
    assert "KOBİA" in page.locator(".account").inner_text()

    page.goto(f"{live_server.url}/ar/members/kobia-aze/edit/")
    page.fill("#id_name_ar", "وكالة تنمية الأعمال الصغيرة والمتوسطة في جمهورية أذربيجان")
    page.fill("#id_website", "https://smb.gov.az")
    screenshot("institution-edit-ar")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/members/kobia-aze/$"))
    assert page.locator(".messages").is_visible()
    assert "وكالة تنمية الأعمال" in page.locator("h1").inner_text()

    # Another institution's edit page is not there for this focal point (decision 0015).
    response = page.goto(f"{live_server.url}/ar/members/monshaat-sau/edit/")
    assert response.status == 404
