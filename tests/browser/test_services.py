"""The services directory in Arabic, at 1280 and 390 px: the finder, the guided mode, the
comparison and the expert roster are right to left, fit the screen (no sideways scroll) and
work without JavaScript."""

from __future__ import annotations

import re

import pytest

from .test_accessibility import axe_source  # noqa: F401  (the fixture: axe-core's script)

pytestmark = pytest.mark.browser

ARABIC = re.compile("[\u0600-\u06ff]")
WIDTHS = [1280, 390]


@pytest.fixture
def live_directory(live_founding):
    """The demo (founding + services) with the search index built, as ``smenet serve`` does."""
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)


def arabic_page(browser, width: int, *, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="ar", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def assert_rtl_and_fits(page):
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
    ), "the page scrolls sideways"


@pytest.mark.parametrize("width", WIDTHS)
def test_finder_in_arabic(browser, live_server, live_directory, width):
    context, page = arabic_page(browser, width, javascript=False)
    try:
        page.goto(f"{live_server.url}/ar/services/")
        assert_rtl_and_fits(page)
        assert ARABIC.search(page.locator("h1").inner_text())
        page.locator("#id_q").fill("تمويل")
        page.select_option("#id_country", "AZE")
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        cards = page.locator("ul.service-cards > li")
        assert cards.count() >= 1
        first = cards.first
        assert ARABIC.search(first.locator(".card-title").inner_text())
        assert "KOBİA" in first.locator(".agency").inner_text()
        assert first.locator(".apply").is_visible()
        assert_rtl_and_fits(page)
        if width == 1280:  # the card's text starts on the right
            box = first.locator(".card-title").bounding_box()
            card = first.bounding_box()
            assert box["x"] + box["width"] > card["x"] + card["width"] - 40
        page.screenshot(path=f"test-artifacts/services-finder-ar-{width}.png", full_page=True)
        first.locator(".card-title").click()
        page.wait_for_load_state()
        assert ARABIC.search(page.locator("h1").inner_text())
        assert page.locator("#how-to-apply").is_visible()
        assert_rtl_and_fits(page)
        page.screenshot(path=f"test-artifacts/services-detail-ar-{width}.png", full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_guided_mode_in_arabic_without_javascript(browser, live_server, live_directory, width):
    context, page = arabic_page(browser, width, javascript=False)
    try:
        page.goto(f"{live_server.url}/ar/services/guide/")
        assert_rtl_and_fits(page)
        page.select_option("#id_country", "AZE")
        page.check("input[name=size][value=small]")
        page.check("input[name=need][value=access-to-finance]")
        page.check("input[name=need][value=training]")
        page.locator("#guide-submit").click()
        page.wait_for_load_state()
        fits = page.locator("#fits > li")
        assert fits.count() >= 2
        reasons = fits.first.locator(".reasons li")
        assert reasons.count() >= 2 and ARABIC.search(reasons.first.inner_text())
        assert "أذربيجان" in fits.first.inner_text()  # offered in your country, first
        share = page.locator("#share-url").input_value()
        assert "need=access-to-finance" in share and "/ar/services/guide/" in share
        assert_rtl_and_fits(page)
        page.screenshot(path=f"test-artifacts/services-guide-ar-{width}.png", full_page=True)
        # The shared address gives the same answer.
        first = fits.first.locator(".card-title").inner_text()
        page.goto(share)
        assert page.locator("#fits > li").first.locator(".card-title").inner_text() == first
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_comparison_in_arabic(browser, live_server, live_directory, width):
    context, page = arabic_page(browser, width, javascript=False)
    try:
        page.goto(f"{live_server.url}/ar/services/?category=access-to-finance")
        boxes = page.locator("input[name=id][form=compare-form]")
        assert boxes.count() >= 3
        for i in range(3):
            boxes.nth(i).check()
        page.locator("#compare-selected").click()
        page.wait_for_load_state()
        assert "/ar/services/compare/" in page.url
        table = page.locator("#compare-table")
        assert table.locator("thead th").count() == 3
        assert_rtl_and_fits(page)  # the table scrolls inside its own region, not the page
        headers = table.locator("tbody th")
        assert ARABIC.search(headers.first.inner_text())
        if width == 1280:  # row labels on the right in Arabic
            label = headers.first.bounding_box()
            cell = table.locator("tbody tr").first.locator("td").first.bounding_box()
            assert label["x"] > cell["x"]
        page.screenshot(path=f"test-artifacts/services-compare-ar-{width}.png", full_page=True)
        # Five at once is refused with a message, not an error page.
        ids = "&".join(f"id={n}" for n in range(1, 6))
        response = page.goto(f"{live_server.url}/ar/services/compare/?{ids}")
        assert response.status == 400
        assert page.locator(".error-summary").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_expert_roster_in_arabic(browser, live_server, live_founding, width):
    """The roster in Arabic: only publicly listed, vetted experts for the public; the language
    filter; an expert's page shows the consented parts, languages by their Arabic names."""
    context, page = arabic_page(browser, width, javascript=False)
    try:
        page.goto(f"{live_server.url}/ar/experts/")
        assert_rtl_and_fits(page)
        assert ARABIC.search(page.locator("h1").inner_text())
        cards = page.locator("li.expert-card")
        names = set(cards.locator(".card-title").all_inner_texts())
        assert "Sample Expert Leyla Aliyeva" in names and "Sample Expert Ayşe Demir" in names
        assert "Sample Expert Youssef Benali" not in names  # listed to members only
        assert "Sample Expert Fatima Al-Harbi" not in names  # no consent, not vetted
        page.select_option("#id_language", "ar")
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        names = set(page.locator("li.expert-card .card-title").all_inner_texts())
        assert names == {"Sample Expert Ayşe Demir"}
        assert_rtl_and_fits(page)
        page.screenshot(path=f"test-artifacts/experts-list-ar-{width}.png", full_page=True)
        page.locator("li.expert-card .card-title").first.click()
        page.wait_for_load_state()
        heading = page.locator("h1").inner_text()
        assert "Sample Expert Ayşe Demir" in heading and "مثال" in heading  # badged as sample
        facts = page.locator("dl.facts").first.inner_text()
        assert "العربية" in facts and "التركية" in facts
        assert_rtl_and_fits(page)
        page.screenshot(path=f"test-artifacts/experts-detail-ar-{width}.png", full_page=True)
    finally:
        context.close()


def test_keeping_pages_fit_a_phone_in_arabic(browser, live_server, live_directory):
    """The Secretariat's and focal points' pages of the directory and the roster (my services,
    the review queue, the forms, the import) fit 390 px in Arabic, right to left."""
    from django.conf import settings

    from smenet.experts.models import Expert
    from smenet.services_directory.models import Service

    service = Service.objects.filter(is_sample=False).order_by("pk").first()
    expert = Expert.objects.order_by("pk").first()
    context, page = arabic_page(browser, 390)
    try:
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "secretariat@smenet.example")
        page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
        for path in (
            "/ar/services/mine/",
            "/ar/services/review/",
            "/ar/services/new/",
            f"/ar/services/{service.pk}/edit/",
            "/ar/services/import/",
            "/ar/experts/",
            "/ar/experts/new/",
            f"/ar/experts/{expert.pk}/edit/",
        ):
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            assert ARABIC.search(page.locator("h1").inner_text()), path
            assert_rtl_and_fits(page)
            name = "-".join(p for p in path.split("/") if p and not p.isdigit())
            page.screenshot(path=f"test-artifacts/keeping-{name}-390.png", full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_the_directory_and_roster_in_arabic(
    browser,
    live_server,
    live_directory,
    axe_source,  # noqa: F811  (the fixture imported above)
    width,
):
    """axe-core (WCAG 2.1 AA) and the console on the pages the site's crawl does not reach:
    a guided answer, a comparison, a service's and an expert's page, a finder with an error,
    and the keeping pages of the Secretariat."""
    from smenet.experts.models import Expert
    from smenet.services_directory.models import Service

    from .test_accessibility import check, log_in

    public = list(
        Service.objects.filter(review_status="published", status="active").order_by("pk")[:3]
    )
    expert = Expert.objects.filter(full_name__contains="Ayşe").get()
    ids = "&".join(f"id={s.pk}" for s in public)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    problems: dict[str, list[str]] = {}
    check(
        page,
        base,
        [
            "/ar/services/guide/?country=AZE&size=small&need=access-to-finance",
            f"/ar/services/compare/?{ids}",
            f"/ar/services/{public[0].pk}/",
            f"/ar/experts/{expert.pk}/",
            "/ar/services/?sector=ZZ",
        ],
        axe_source,
        problems,
    )
    log_in(page, base, "secretariat@smenet.example")
    check(
        page,
        base,
        [
            "/ar/services/mine/",
            "/ar/services/review/",
            "/ar/services/new/",
            "/ar/services/import/",
            f"/ar/services/{public[0].pk}/edit/",
            f"/ar/experts/{expert.pk}/edit/",
        ],
        axe_source,
        problems,
    )
    context.close()
    assert not problems, problems
