"""Mixed-direction text on Arabic pages reads in the right order, and the network's name is
never cut at its hyphen (what only a browser shows: the bidirectional algorithm and line
breaking run in the browser)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

#: The visual pieces of every line a range of text is drawn on: one rectangle per line box.
LINES_OF = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector('main') || document.body,
                                           NodeFilter.SHOW_TEXT);
  const found = [];
  let text = '', nodes = [];
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]);
                              text += walker.currentNode.data; }
  let at = text.indexOf(needle);
  while (at >= 0) {
    const range = document.createRange();
    const locate = (offset) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
      }
    };
    const [startNode, startOffset] = locate(at);
    const [endNode, endOffset] = locate(at + needle.length - 1);
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset + 1);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                   .map(r => Math.round(r.top)));
    found.push(tops.size);
    at = text.indexOf(needle, at + 1);
  }
  return found;
}"""


@pytest.fixture
def founding_news(transactional_db):
    from smenet.common.reference import load_reference_data

    load_reference_data()


def test_the_networks_name_is_never_cut_at_its_hyphen(browser, live_server, founding_news):
    """«(OIC-SMENET)» in the Arabic news fell at a line's end as «(OIC-» / «SMENET)»."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="ar")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ar/news/sesric-kobia-meeting-baku-2025-10-07/")
        cut = {}
        for width in range(300, 481, 6):
            page.set_viewport_size({"width": width, "height": 800})
            lines = page.evaluate(LINES_OF, "OIC-SMENET")
            assert lines, "the article names the network"
            if any(n != 1 for n in lines):
                cut[width] = lines
        assert not cut, f"OIC-SMENET drawn over two lines at these widths: {cut}"
    finally:
        context.close()


#: Where each piece of text is drawn: the left and right edges of its first occurrence.
EDGES_OF = """([selector, pieces]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = {};
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const piece of pieces) {
      const at = node.data.indexOf(piece);
      if (at < 0 || piece in out) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + piece.length);
      const r = range.getBoundingClientRect();
      out[piece] = [r.left, r.right];
    }
  }
  return out;
}"""


@pytest.fixture
def mixed(transactional_db):
    """A plan whose Arabic title ends with a range of years written with an en dash, an import
    job on it, and a published practice whose card mixes Arabic, Latin and a year."""
    from smenet.common.translation import set_translations
    from smenet.jobs.models import Job
    from smenet.knowledge.tests.factories import BestPracticeFactory
    from smenet.plans.jobs import IMPORT
    from smenet.plans.tests.factories import plan_with_items
    from smenet.registry.tests.factories import CountryFactory, InstitutionFactory, UserFactory

    plan, version, _items = plan_with_items(objectives=1, actions=1)
    set_translations(plan, {"title": {"ar": "خطة العمل 2025–2028"}})
    plan.save()
    owner = UserFactory(email="owner@example.org")
    job = Job.objects.create(
        kind=IMPORT,
        owner=owner,
        language="en",
        title="Import of plan.csv into Test plan version 1",
        params={"version": version.pk, "name": "plan.csv"},
    )
    country = CountryFactory(names={"en": "Azerbaijan", "ar": "أذربيجان", "fr": "Azerbaïdjan"})
    BestPracticeFactory(
        institution=InstitutionFactory(acronym="KOBİA", country=country),
        year=2024,
        texts={"title": {"ar": "قسائم التصدير"}, "summary": {"ar": "ملخص."}},
        original_language="ar",
    )
    return {"job": job, "owner": owner}


@pytest.mark.parametrize("width", [1280, 390])
def test_a_mixed_title_reads_in_order_in_arabic(browser, live_server, mixed, width):
    """«خطة العمل 2025–2028» was drawn «2028–2025» in the Arabic job title; the practice card's
    «أذربيجان · KOBİA · 2024» was read «أذربيجان · 2024 · KOBİA» from the right."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ar/login/")
        page.fill("#id_username", "owner@example.org")
        page.fill("#id_password", "correct horse battery")
        page.locator("main button[type=submit]").click()
        page.wait_for_url(re.compile(r"/ar/$"))
        page.goto(f"{live_server.url}/ar/jobs/{mixed['job'].pk}/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        title = page.evaluate(EDGES_OF, ["h1", ["2025", "2028", "plan.csv", "استيراد"]])
        assert title["2025"][1] <= title["2028"][0], f"the years are reversed: {title}"
        assert title["plan.csv"][1] <= title["استيراد"][0], "the sentence reads from the right"

        page.goto(f"{live_server.url}/ar/knowledge/")
        card = page.evaluate(EDGES_OF, [".cards .card .muted", ["أذربيجان", "KOBİA", "2024"]])
        assert card["2024"][1] <= card["KOBİA"][0] and card["KOBİA"][1] <= card["أذربيجان"][0], (
            f"the card's metadata is not read country · agency · year from the right: {card}"
        )
    finally:
        context.close()
