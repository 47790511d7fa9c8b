"""No page scrolls sideways on a phone (390 px), in Arabic and English; the header navigation
is one line at 1280 px. Every page of the main navigation and the main logged-in pages."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/members/",
    "/countries/",
    "/governance/",
    "/capacity/",
    "/plan/",
    "/knowledge/",
    "/knowledge/sme-definitions/",
    "/search/?q=finance",
    "/no-such-page/",
    "/meetings/",
    "/meetings/past/",
    "/meetings/calendar/2025/10/",
    "/meetings/inaugural-meeting-2025/",
    "/decisions/",
    "/news/",
    "/news/sesric-kobia-meeting-baku-2025-10-07/",
    "/statistics/",
    "/services/",
    "/services/guide/",
    "/experts/",
]


def logged_in_pages():
    from smenet.capacity.models import Activity, Cycle
    from smenet.plans.models import Plan
    from smenet.registry.models import Institution

    cycle = Cycle.objects.get()
    plan = Plan.objects.get().code
    kobia = Institution.objects.get(acronym="KOBİA")
    activity = Activity.objects.first()
    return [
        "/capacity/cycles/",
        f"/capacity/cycles/{cycle.code}/",
        f"/capacity/cycles/{cycle.code}/answers/{kobia.slug}/",
        activity.get_absolute_url(),
        "/capacity/reports/",
        f"/plan/{plan}/",
        f"/plan/{plan}/dashboard/",
        f"/plan/{plan}/timeline/",
        f"/plan/{plan}/rounds/",
        f"/plan/{plan}/commitments/{kobia.slug}/",
        "/knowledge/my-practices/",
        "/meetings/mine/",
        "/meetings/inaugural-meeting-2025/participants/",
        "/knowledge/practices/new/",
        kobia.get_absolute_url(),
    ]


def overflow(page) -> int:
    """How far the page reaches past the screen, either side (RTL overflows to the left)."""
    return page.evaluate(
        """() => {
            const d = document.documentElement;
            const widest = Math.max(d.scrollWidth, document.body.scrollWidth);
            return widest - d.clientWidth;
        }"""
    )


def log_in(page, base):
    page.goto(f"{base}/login/")
    page.fill("#id_username", "secretariat@smenet.example")
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", ["/ar", ""])
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, live_founding, prefix):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    wide = {}
    for path in PUBLIC:
        page.goto(f"{live_server.url}{prefix}{path}")
        if (extra := overflow(page)) > 0:
            wide[path] = extra
    log_in(page, live_server.url)
    for path in logged_in_pages():
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.locator("main").count() == 1, path
        if (extra := overflow(page)) > 0:
            wide[path] = extra
    context.close()
    assert not wide, f"pages wider than 390 px (extra px): {wide}"


@pytest.mark.parametrize("prefix", ["/ar", "", "/fr"])
def test_the_header_navigation_is_one_line_at_1280(page, live_server, live_founding, prefix):
    log_in(page, live_server.url)  # the longest header: with the account links
    page.goto(f"{live_server.url}{prefix}/")
    tops = page.eval_on_selector_all(
        ".main-nav .nav li", "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
    )
    assert len(tops) >= 8 and len(set(tops)) == 1, tops
    nav = page.locator(".main-nav")
    assert nav.evaluate("n => n.scrollWidth <= n.clientWidth"), "the navigation is cut off"
