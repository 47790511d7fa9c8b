"""Fonts (issue 17): a page downloads only the subsets its text needs, and the fallback faces
(system fonts with size-adjust and ascent/descent overrides, used until the web fonts arrive)
take the same room as the web fonts, so that the swap moves nothing. Lighthouse's layout shift
on the pages themselves is measured by benchmarks/bench_lighthouse.py (docs/performance.md).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def open_recording_fonts(page, url: str) -> list[str]:
    """Open ``url`` and return the font files the page downloaded."""
    fonts: list[str] = []
    page.on(
        "request",
        lambda r: fonts.append(r.url.rsplit("/", 1)[-1]) if r.url.endswith(".woff2") else None,
    )
    page.goto(url)
    page.evaluate("document.fonts.ready")
    return fonts


SAMPLES = {
    "Noto Sans": "The OIC SME Network: members, capacity building and the action plan (2025–2028)",
    "Noto Naskh Arabic": "شبكة المنشآت الصغيرة والمتوسطة لمنظمة التعاون الإسلامي: الأعضاء وبناء القدرات",
}
# The fallbacks whose system font this machine (and CI: fonts-noto-core, DejaVu) has.
FALLBACKS = {
    "Noto Sans": ["Noto Sans fallback local", "Noto Sans fallback DejaVu"],
    "Noto Naskh Arabic": [
        "Noto Naskh Arabic fallback local",
        "Noto Naskh Arabic fallback Noto Sans Arabic",
        "Noto Naskh Arabic fallback DejaVu",
    ],
}


@pytest.mark.parametrize("weight", [400, 700])
def test_fallback_faces_take_the_room_of_the_web_fonts(page, live_server, live_founding, weight):
    """Text drawn with a fallback face is as wide and as tall (±3 %) as with the web font, so
    that the swap moves nothing (the issue: CLS 0.323 on the Arabic home page)."""
    page.goto(f"{live_server.url}/ar/")
    measure = """async ([family, weight, text]) => {
        await document.fonts.load(`${weight} 100px "${family}"`, text);
        const span = document.createElement('span');
        span.textContent = text;
        span.style.cssText = `font: ${weight} 100px/normal "${family}", monospace;
            white-space: nowrap; position: absolute; inset-block-start: 0`;
        document.body.append(span);
        const box = span.getBoundingClientRect();
        span.remove();
        return [box.width, box.height];
    }"""
    off = {}
    for web, fallbacks in FALLBACKS.items():
        width, height = page.evaluate(measure, [web, weight, SAMPLES[web]])
        for fallback in fallbacks:
            w, h = page.evaluate(measure, [fallback, weight, SAMPLES[web]])
            if abs(w / width - 1) > 0.03 or abs(h / height - 1) > 0.03:
                off[fallback] = f"width {w / width:.3f}, height {h / height:.3f} of {web}'s"
    assert not off, off


def test_a_page_downloads_only_the_fonts_its_text_needs(browser, live_server, live_founding):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    downloaded = {}
    for path in ["/", "/ar/", "/members/", "/ar/knowledge/"]:
        page = context.new_page()
        downloaded[path] = set(open_recording_fonts(page, live_server.url + path))
        page.close()
    context.close()
    # The English home page has no Arabic text: Latin only, and the switcher's «العربية» takes
    # the 3 kB label font, not the 24 kB Arabic text font. (The English members list does
    # download it: it shows the institutions' Arabic native names.)
    home = downloaded["/"]
    assert not any(f.startswith(("noto-naskh-arabic-4", "noto-naskh-arabic-7")) for f in home)
    assert "noto-naskh-arabic-label-400.woff2" in home, downloaded
    assert "noto-naskh-arabic-400.woff2" in downloaded["/members/"], downloaded
    # Arabic pages: the Arabic font, and no label font (the whole Arabic font is there).
    for path in ["/ar/", "/ar/knowledge/"]:
        assert "noto-naskh-arabic-400.woff2" in downloaded[path], downloaded
        assert "noto-naskh-arabic-label-400.woff2" not in downloaded[path], downloaded
