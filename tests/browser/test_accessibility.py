"""axe-core (WCAG 2.1 A and AA rules) finds nothing, and the console shows no error, on every page of the main navigation and the
main logged-in pages, in Arabic, English and French, at 1280 and 390 px (issue 17).

axe-core is an npm package pinned in ``package.json``/``package-lock.json`` at the root of the
repository; ``make setup`` installs it with ``npm ci``. Without it these tests are skipped on a
developer's machine and FAIL in CI, like the browser itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from .test_phone import PUBLIC, logged_in_pages

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core not found at {AXE} (make setup runs npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def axe_violations(page, source: str) -> list[str]:
    """axe's violations of the page as it stands, one line per rule and element."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(source)
    found = page.evaluate(
        """async (tags) => {
            // Swagger UI (the API's documentation) is a third-party application drawn into
            // #swagger-ui; its own markup is not ours to fix (its colours and nested buttons
            // fail). The page around it is checked.
            const context = {exclude: [['#swagger-ui']]};
            const result = await axe.run(context, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary),
            }));
        }""",
        WCAG21_AA,
    )
    return [f"{v['id']} ({v['impact']}): {n}" for v in found for n in v["nodes"]]


def navigation(page) -> list[str]:
    """The site's own pages linked from the header navigation and the footer, as shown (the
    API's documentation included: it is in the navigation)."""
    hrefs = page.eval_on_selector_all(
        ".main-nav a, .site-footer a",
        "links => links.filter(a => a.origin === location.origin).map(a => a.pathname + a.search)",
    )
    return list(dict.fromkeys(hrefs))


def log_in(page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".account form").count() == 1, "not logged in"


def check(page, base: str, paths: list[str], source: str, problems: dict[str, list[str]]):
    """axe on each page, and (Lighthouse's best practice) no error in the browser's console on
    a page that answered 200: no missing favicon, script, font or image, no script error."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in paths:
        errors.clear()
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status < 500, path
        page.evaluate("document.fonts.ready")
        page.wait_for_load_state("load")
        found = axe_violations(page, source)
        if response.status == 200:
            found += [f"console: {e}" for e in errors]
        if found:
            problems[path] = found


@pytest.mark.parametrize(
    "prefix,width",
    [("/ar", 1280), ("/ar", 390), ("", 1280), ("", 390), ("/fr", 1280)],
    ids=["ar-1280", "ar-390", "en-1280", "en-390", "fr-1280"],
)
def test_axe_finds_no_wcag21_aa_violation(
    browser, live_server, live_founding, axe_source, prefix, width
):
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 400 else 844}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    page.goto(f"{base}{prefix}/")
    public = list(dict.fromkeys([*navigation(page), *(prefix + p for p in PUBLIC)]))
    # A few pages below the navigation: the first member, country and best practice listed.
    for listing, selector in [
        ("/members/", "table.directory tbody a"),
        ("/countries/", "main a[href*='/countries/']"),
        ("/knowledge/", "main a[href*='/practices/']"),
    ]:
        page.goto(f"{base}{prefix}{listing}")
        link = page.locator(selector).first
        if link.count():
            public.append(link.evaluate("a => a.pathname"))
    assert len(public) >= 12, public
    problems: dict[str, list[str]] = {}
    check(page, base, public, axe_source, problems)

    log_in(page, base, "secretariat@smenet.example")
    check(page, base, [prefix + p for p in logged_in_pages()], axe_source, problems)
    # A focal point's own forms: the questionnaire, the institution and a new best practice.
    log_in(page, base, "focal.kobia@smenet.example")
    from smenet.capacity.models import Cycle
    from smenet.registry.models import Institution

    kobia = Institution.objects.get(acronym="KOBİA")
    cycle = Cycle.objects.get()
    focal = [
        f"/capacity/cycles/{cycle.code}/answers/{kobia.slug}/",
        f"/members/{kobia.slug}/edit/",
        "/knowledge/practices/new/",
    ]
    check(page, base, [prefix + p for p in focal], axe_source, problems)
    # A form that came back with its errors (the error summary, aria-invalid fields).
    page.goto(f"{base}{prefix}/knowledge/practices/new/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    if found := axe_violations(page, axe_source):
        problems["practice form with errors"] = found
    context.close()
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
