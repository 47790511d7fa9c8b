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
    page.wait_for_load_state()
    # "Accès au financement" is also the French title of a KOBİA service (the services
    # directory), rightly first overall: the best practices are one facet away.
    assert page.locator("ol.results li[data-type=service]").count() >= 1
    page.goto(page.url + "&type=best_practice")
    first = page.locator("ol.results li").first
    title = first.locator("a.hit-title")
    assert ARABIC.search(title.inner_text()), title.inner_text()
    assert title.get_attribute("lang") == "ar"
    # The announced count is the number of hits listed over the pages: no orphaned entries
    # (with sentence vectors, the nearest documents follow the matches, so there may be two).
    announced = int(re.search(r"\d+", page.locator("#results-heading").inner_text()).group())
    listed = page.locator("ol.results li").count()
    assert first.locator(".badge.sample").count() == 1  # the demo practice is sample content
    screenshot("search-fr-finds-ar")
    if announced > listed:
        url = page.url
        page.goto(f"{url}&page=2")
        listed += page.locator("ol.results li").count()
        page.goto(url)
        first = page.locator("ol.results li").first
        title = first.locator("a.hit-title")
    assert announced == listed
    title.click()
    assert ARABIC.search(page.locator("h1").inner_text())
    assert page.locator(".badge.sample").count() >= 1


def test_search_in_arabic_is_right_to_left(page, live_server, live_knowledge, screenshot):
    page.goto(f"{live_server.url}/ar/search/?type=best_practice&q=" + "accès au financement")
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


def log_in(page, base, email, prefix=""):
    from django.conf import settings

    page.context.clear_cookies()
    page.goto(f"{base}{prefix}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".account .who").is_visible()


def test_focal_point_proposes_and_secretariat_publishes(
    page, live_server, live_founding, screenshot
):
    base = live_server.url
    title = "One-stop digital window for SME permits"

    log_in(page, base, "focal.kobia@smenet.example")
    page.goto(f"{base}/knowledge/")
    page.locator("#hub-new-practice").click()
    page.select_option("#id_original_language", "en")
    page.fill("#id_title_en", title)
    page.fill("#id_summary_en", "Permits for a new SME in one online application.")
    page.fill("#id_problem_en", "Founders visited seven offices to open a workshop.")
    page.fill("#id_approach_en", "One portal shared by the seven offices.")
    page.fill("#id_results_en", "Time to open fell from 40 days to 6.")
    page.fill("#id_lessons_en", "Agree the shared data model first.")
    page.fill("#id_replication_en", "A shared register and a service agreement.")
    page.fill("#id_contact", "permits@kobia.example")
    page.fill("#id_year", "2025")
    page.check("input[name=subjects][value=digital-transformation]")
    page.fill("#id_link0_url", "https://example.org/one-stop")
    page.fill("#id_link0_label", "Portal")
    page.locator("#save-and-submit").click()
    page.wait_for_url(re.compile(r"/knowledge/my-practices/$"))
    row = page.locator("#my-practices tbody tr", has_text=title)
    assert row.locator(".bp-submitted").is_visible()

    log_in(page, base, "secretariat@smenet.example")
    page.goto(f"{base}/knowledge/")
    page.locator("#hub-review-queue").click()
    page.locator("#review-queue a", has_text=title).first.click()
    page.locator("#publish-practice").click()
    page.wait_for_url(re.compile(r"/knowledge/practices/\d+/$"))
    assert page.locator(".bp-published").is_visible()

    page.context.clear_cookies()
    page.goto(f"{base}/knowledge/")
    page.locator("ul.cards a.card-title", has_text=title).click()
    assert page.locator("h1").inner_text() == title
    assert "40 days to 6" in page.locator("main").inner_text()
    screenshot("practice-published")


def test_practice_form_in_arabic_is_right_to_left(page, live_server, live_founding, screenshot):
    log_in(page, live_server.url, "focal.kobia@smenet.example", prefix="/ar")
    page.goto(f"{live_server.url}/ar/knowledge/practices/new/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.select_option("#id_original_language", "ar")
    with page.expect_navigation():  # nothing typed: the Arabic title is required
        page.locator("#save-practice").click()
    assert page.locator("#id_title_ar_error").is_visible()
    title = page.locator("#id_title_ar")
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # Labels sit at the right of their fields in a right-to-left page.
    label = page.locator("label[for=id_year]").bounding_box()
    field = page.locator("#id_year").bounding_box()
    assert label["x"] + label["width"] > field["x"] + field["width"] - 2
    screenshot("practice-form-ar")


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
    )


def test_workflow_pages_in_arabic(page, live_server, live_founding, screenshot):
    """The focal point's list (withdrawing a submission), the Secretariat's review queue and
    the publication upload form, in Arabic: right to left, nothing wider than the window."""
    from django.utils import timezone

    from smenet.knowledge.choices import PracticeStatus
    from smenet.knowledge.tests.factories import BestPracticeFactory
    from smenet.registry.models import Institution

    kobia = Institution.objects.get(acronym="KOBİA")
    title = "نافذة رقمية موحدة لتراخيص المنشآت الصغيرة"
    BestPracticeFactory(
        institution=kobia,
        status=PracticeStatus.SUBMITTED,
        original_language="ar",
        texts={"title": {"ar": title}, "summary": {"ar": "ترخيص في طلب واحد عبر الإنترنت."}},
    )
    waiting = "حاضنات أعمال ريفية للحرفيين"
    BestPracticeFactory(
        institution=kobia,
        status=PracticeStatus.SUBMITTED,
        original_language="ar",
        texts={"title": {"ar": waiting}, "summary": {"ar": "حاضنات في القرى."}},
        submitted_at=timezone.now(),
    )
    base = live_server.url
    log_in(page, base, "focal.kobia@smenet.example", prefix="/ar")
    page.goto(f"{base}/ar/knowledge/my-practices/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    row = page.locator("#my-practices tbody tr", has_text=title)
    assert row.locator(".bp-submitted").is_visible()
    assert _no_sideways_scroll(page)
    screenshot("my-practices-ar")
    row.get_by_role("button", name="سحب التقديم").click()
    page.wait_for_url(re.compile(r"/ar/knowledge/my-practices/$"))
    assert page.locator("#my-practices tbody tr", has_text=title).locator(".bp-draft").is_visible()

    log_in(page, base, "secretariat@smenet.example", prefix="/ar")
    page.goto(f"{base}/ar/knowledge/review/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    queue = page.locator("#review-queue").inner_text()
    assert waiting in queue and title not in queue  # the withdrawn one is no longer waiting
    assert _no_sideways_scroll(page)
    screenshot("review-queue-ar")
    page.goto(f"{base}/ar/knowledge/publications/new/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert _no_sideways_scroll(page)
    screenshot("publication-form-ar")
