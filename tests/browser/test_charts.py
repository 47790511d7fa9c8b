"""Every chart of the site, drawn in Arabic, English and French: the bars Chromium actually
draws are measured against the numbers they stand for (smenet/common/charts.py).

In Arabic and French Django prints ``19,2`` where SVG needs ``19.2``; a chart written that way
draws nothing (zero-width bars) and its legend swatches blow up to the page width when the
chart stylesheet is missing. These tests fail in both cases."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

LANGUAGES = ["ar", "en", "fr"]
PLAN = "/plan/action-plan-2025-2028"


def boxes(page, selector):
    return page.eval_on_selector_all(
        selector,
        """els => els.map(e => {
            const r = e.getBoundingClientRect();
            return {x: r.x, width: r.width, height: r.height,
                    value: parseFloat(e.dataset.value ?? e.dataset.percent ?? e.dataset.share ?? 'NaN'),
                    classes: e.getAttribute('class') || ''};
        })""",
    )


def log_in(page, base, email="secretariat@smenet.example"):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def prefix(lang):
    return "" if lang == "en" else f"/{lang}"


def assert_direction(page, lang):
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")


def test_sme_definitions_chart(page, live_server, live_founding, screenshot):
    for lang in LANGUAGES:
        page.goto(f"{live_server.url}{prefix(lang)}/knowledge/sme-definitions/")
        assert_direction(page, lang)
        bars = boxes(page, "svg.chart-svg rect.chart-bar")
        assert len(bars) >= 10, lang
        assert all(b["width"] > 0 and b["height"] > 0 for b in bars), lang
        # Lengths on one scale: width / value is the same for every bar.
        per_unit = [b["width"] / b["value"] for b in bars if b["value"] > 0]
        assert max(per_unit) == pytest.approx(min(per_unit), rel=0.02), lang
        longest = max(bars, key=lambda b: b["value"])
        svg = page.locator("svg.chart-svg").bounding_box()
        assert longest["width"] > svg["width"] * 0.5, lang
        if lang == "ar":  # bars grow from the right in Arabic
            assert longest["x"] + longest["width"] < svg["x"] + svg["width"] * 0.8
            assert min(b["x"] for b in bars) < svg["x"] + svg["width"] * 0.2
        for swatch in boxes(page, ".chart-legend .swatch"):
            assert 4 < swatch["width"] <= 20 and 4 < swatch["height"] <= 20, (lang, swatch)
        screenshot(f"chart-sme-definitions-{lang}")


def test_plan_dashboard_charts(page, live_server, live_founding, screenshot):
    log_in(page, live_server.url)
    for lang in LANGUAGES:
        page.goto(f"{live_server.url}{prefix(lang)}{PLAN}/dashboard/")
        assert_direction(page, lang)
        # The status bar: one segment per status, widths proportional to the counts.
        segments = boxes(page, "svg.status-bar rect")
        total_width = page.locator("svg.status-bar").bounding_box()["width"]
        total = sum(s["value"] for s in segments)
        assert len(segments) >= 3, lang
        for s in segments:
            assert s["width"] == pytest.approx(total_width * s["value"] / total, abs=1.5), lang
        # Indicators: the filled part is the share of the track.
        tracks = boxes(page, "svg.indicator-chart g.indicator rect.track")
        achieved = page.eval_on_selector_all(
            "svg.indicator-chart g.indicator",
            """gs => gs.map(g => {
                const t = g.querySelector('rect.track').getBoundingClientRect();
                const a = g.querySelector('rect.achieved');
                if (!a) return null;
                const r = a.getBoundingClientRect();
                return {share: parseFloat(a.dataset.share), width: r.width, track: t.width,
                        start: r.x, end: r.right, tstart: t.x, tend: t.right};
            }).filter(Boolean)""",
        )
        assert tracks and achieved, lang
        assert any(a["share"] > 0 for a in achieved)
        for a in achieved:
            assert a["width"] == pytest.approx(a["track"] * a["share"], abs=1.5), (lang, a)
            if lang == "ar":  # filled from the right end of the track
                assert a["end"] == pytest.approx(a["tend"], abs=1.5)
            else:
                assert a["start"] == pytest.approx(a["tstart"], abs=1.5)
        # Progress bars (CSS): the fill is the percentage of the track.
        check_progress_bars(page, lang)
        screenshot(f"chart-plan-dashboard-{lang}")


def check_progress_bars(page, lang):
    bars = page.eval_on_selector_all(
        ".progress",
        """ps => ps.map(p => ({
            track: p.querySelector('.progress-track').getBoundingClientRect().width - 2,
            fill: p.querySelector('.progress-fill').getBoundingClientRect().width,
            percent: parseFloat(p.querySelector('.progress-value').textContent
                                  .replace(/[\u0660-\u0669]/g, d => d.charCodeAt(0) - 0x660)
                                  .replace(/[^0-9.]/g, ''))}))""",
    )
    assert bars, lang
    assert any(b["fill"] > 0 for b in bars), lang
    for b in bars:
        assert b["fill"] == pytest.approx(b["track"] * b["percent"] / 100, abs=2), (lang, b)


def test_plan_timeline_gantt(page, live_server, live_founding, screenshot):
    log_in(page, live_server.url)
    for lang in LANGUAGES:
        page.goto(f"{live_server.url}{prefix(lang)}{PLAN}/timeline/")
        assert_direction(page, lang)
        rows = page.eval_on_selector_all(
            "svg.gantt g.bar",
            """gs => gs.map(g => {
                const s = g.querySelector('rect.span').getBoundingClientRect();
                const d = g.querySelector('rect.done');
                const r = d.getBoundingClientRect();
                return {percent: parseFloat(d.dataset.percent), span: s.width, done: r.width,
                        sstart: s.x, send: s.right, dstart: r.x, dend: r.right};
            })""",
        )
        assert len(rows) >= 8, lang
        assert all(r["span"] > 2 for r in rows), lang
        assert any(r["done"] > 0 for r in rows), lang
        for r in rows:
            assert r["done"] == pytest.approx(r["span"] * r["percent"] / 100, abs=1), (lang, r)
            if lang == "ar":  # progress starts at the right end of the bar
                assert r["dend"] == pytest.approx(r["send"], abs=1)
            else:
                assert r["dstart"] == pytest.approx(r["sstart"], abs=1)
        screenshot(f"chart-gantt-{lang}")


def test_governance_mandate_timeline(page, live_server, live_founding, screenshot):
    for lang in LANGUAGES:
        page.goto(f"{live_server.url}{prefix(lang)}/governance/")
        assert_direction(page, lang)
        rows = page.eval_on_selector_all(
            ".timeline-row",
            """rs => rs.map(r => {
                const t = r.querySelector('.timeline-track').getBoundingClientRect();
                const b = r.querySelector('.timeline-bar');
                const box = b.getBoundingClientRect();
                return {track: t.width, tstart: t.x, tend: t.right, width: box.width,
                        start: box.x, end: box.right,
                        offset: parseFloat(b.style.insetInlineStart),
                        share: parseFloat(b.style.inlineSize)};
            })""",
        )
        assert rows, lang
        for r in rows:
            assert r["share"] > 0 and r["width"] == pytest.approx(
                r["track"] * r["share"] / 100, abs=1.5
            ), (lang, r)
            # The bar starts offset% from the inline start: the right edge in Arabic.
            if lang == "ar":
                assert r["tend"] - r["end"] == pytest.approx(
                    r["track"] * r["offset"] / 100, abs=1.5
                )
            else:
                assert r["start"] - r["tstart"] == pytest.approx(
                    r["track"] * r["offset"] / 100, abs=1.5
                )
        screenshot(f"chart-governance-{lang}")


def luminance(css_colour: str) -> float:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_capacity_heat_map(page, live_server, live_founding, screenshot):
    log_in(page, live_server.url)
    from smenet.capacity.models import Cycle

    cycle = Cycle.objects.order_by("-opens_on").first()
    for lang in LANGUAGES:
        page.goto(f"{live_server.url}{prefix(lang)}/capacity/cycles/{cycle.code}/")
        assert_direction(page, lang)
        cells = page.eval_on_selector_all(
            "table.heat-map td.heat.need",
            """cs => cs.map(c => ({cls: c.className, bg: getComputedStyle(c).backgroundColor}))""",
        )
        assert cells, lang
        by_level = {}
        for c in cells:
            level = int(re.search(r"heat-(\d)", c["cls"]).group(1))
            by_level.setdefault(level, set()).add(c["bg"])
        assert max(by_level) >= 2, by_level
        # Each level has one colour, darker as it rises; level 0 is unpainted.
        assert all(len(colours) == 1 for colours in by_level.values()), by_level
        shades = [luminance(next(iter(by_level[k]))) for k in sorted(by_level) if k > 0]
        assert shades == sorted(shades, reverse=True) and len(set(shades)) == len(shades)
        if 0 in by_level:
            assert next(iter(by_level[0])) == "rgba(0, 0, 0, 0)"
        screenshot(f"chart-heat-map-{lang}")
