"""The keyboard focus is visible everywhere (issue 17, WCAG 2.4.7 and 1.4.11): moving with Tab
through a page, every element that takes the focus shows an outline at least 2 px wide whose
colour has a contrast of at least 3:1 with the background it sits on (the old gold outline had
2.1–3.0:1 on white, the grey panels and the green header)."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const style = getComputedStyle(el);
    let bg = null;
    // The background under the outline: the nearest ancestor (from the parent) with one.
    for (let node = el.parentElement; node; node = node.parentElement) {
        const [r, g, b, a = 1] = parse(getComputedStyle(node).backgroundColor);
        if (a > 0.5) { bg = [r, g, b]; break; }
    }
    return {
        what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
              + ' ' + (el.textContent || el.value || '').trim().slice(0, 30),
        style: style.outlineStyle, width: parseFloat(style.outlineWidth),
        color: parse(style.outlineColor).slice(0, 3), background: bg || [255, 255, 255],
    };
}"""


def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tab_through(page, limit: int = 60) -> list[str]:
    problems = []
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None or info["what"] in seen:
            continue
        seen.add(info["what"])
        ratio = contrast(info["color"], info["background"])
        if info["style"] == "none" or info["width"] < 2 or ratio < 3:
            problems.append(
                f"{info['what']}: outline {info['style']} {info['width']}px "
                f"rgb{tuple(info['color'])} on rgb{tuple(info['background'])} = {ratio:.2f}:1"
            )
    return problems


@pytest.mark.parametrize("prefix", ["/ar", ""])
def test_the_focus_outline_has_3_to_1_contrast_everywhere(page, live_server, live_founding, prefix):
    problems = {}
    for path in ["/", "/members/", "/knowledge/"]:
        page.goto(f"{live_server.url}{prefix}{path}")
        if found := tab_through(page):
            problems[path] = found
    # A form: fields, buttons and the error summary (focused on load).
    page.goto(f"{live_server.url}{prefix}/login/")
    page.fill("#id_username", "secretariat@smenet.example")
    page.fill("#id_password", "not the password")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    if found := tab_through(page, 20):
        problems["login with errors"] = found
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{prefix}/capacity/cycles/")
    if found := tab_through(page, 40):
        problems["cycles (logged in)"] = found
    assert not problems, problems
